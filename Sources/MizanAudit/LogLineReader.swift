import Foundation

/// One line of a log file as read: its number, its bytes (without the newline), and whether it
/// was whole (ended by a newline) and within the size limit.
package struct LogLine: Sendable {
  package var number: Int
  package var bytes: [UInt8]
  /// False for a last line without its newline: an append that was cut off.
  package var isTerminated: Bool
  /// True when the line was longer than the limit; `bytes` then holds only its start.
  package var isTooLong: Bool
  /// Byte offset of the line's first byte in the file.
  package var offset: Int
}

/// Reads a log file line by line in fixed-size chunks, so memory stays flat whatever the
/// file's length (a line is held whole only up to `maxLineBytes`).
package struct LogLineReader {
  /// The longest line kept; longer ones are reported, not held.
  package static let defaultMaxLineBytes = 16 << 20
  let descriptor: Int32
  let maxLineBytes: Int
  var buffer: [UInt8] = []
  var start = 0
  var atEndOfFile = false
  var lineNumber = 0
  var fileOffset = 0

  package init(descriptor: Int32, maxLineBytes: Int = LogLineReader.defaultMaxLineBytes) {
    self.descriptor = descriptor
    self.maxLineBytes = maxLineBytes
  }

  /// The next line, or nil at the end of the file.
  package mutating func next() throws(LogIOError) -> LogLine? {
    var line: [UInt8] = []
    var tooLong = false
    let lineOffset = fileOffset
    while true {
      if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
        append(buffer[start..<newline], to: &line, tooLong: &tooLong)
        fileOffset += newline + 1 - start
        start = newline + 1
        lineNumber += 1
        return LogLine(number: lineNumber, bytes: line, isTerminated: true, isTooLong: tooLong, offset: lineOffset)
      }
      append(buffer[start...], to: &line, tooLong: &tooLong)
      fileOffset += buffer.count - start
      buffer.removeAll(keepingCapacity: true)
      start = 0
      let hasMore = atEndOfFile ? false : try fill()
      if !hasMore {
        guard !line.isEmpty || tooLong else { return nil }
        lineNumber += 1
        return LogLine(number: lineNumber, bytes: line, isTerminated: false, isTooLong: tooLong, offset: lineOffset)
      }
    }
  }

  mutating func append(_ bytes: ArraySlice<UInt8>, to line: inout [UInt8], tooLong: inout Bool) {
    let room = maxLineBytes - line.count
    if bytes.count > room {
      line.append(contentsOf: bytes.prefix(max(0, room)))
      tooLong = true
    } else {
      line.append(contentsOf: bytes)
    }
  }

  /// Reads the next chunk; false at the end of the file.
  mutating func fill() throws(LogIOError) -> Bool {
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    if count < 0 { throw .system("read", errno) }
    if count == 0 {
      atEndOfFile = true
      return false
    }
    buffer = Array(chunk[0..<count])
    return true
  }
}

/// A system call on a log file failed.
package enum LogIOError: Error, Sendable, Equatable, CustomStringConvertible {
  case system(String, Int32)
  case cannotOpen(String, Int32)

  package var description: String {
    switch self {
    case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
    case .cannotOpen(let path, let code): "cannot open `\(path)`: \(String(cString: strerror(code)))"
    }
  }
}
