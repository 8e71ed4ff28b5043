import Foundation
import MizanCore

/// An append-only, hash-chained decision log (JSON Lines).
///
/// An append is a whole line or nothing: the line is written with one `write` loop after the
/// tail was verified, and `fsync`ed before success is reported. A process killed mid-append
/// leaves at most a torn last line (no newline), which the next append refuses to build on and
/// `replay` reports. Appenders in different processes take an exclusive `flock` on the file,
/// so their lines never interleave.
package struct DecisionLog: Sendable {
  package let path: String

  package init(path: String) { self.path = path }

  /// Opens the log for appending, holding its lock until `close()`.
  package func openForAppend() throws(LogAppendError) -> LogAppender {
    let descriptor = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw .io(.cannotOpen(path, errno)) }
    guard flock(descriptor, LOCK_EX) == 0 else {
      let code = errno
      close(descriptor)
      throw .io(.system("flock", code))
    }
    do {
      let tail = try LogTail.read(descriptor: descriptor, path: path)
      return LogAppender(descriptor: descriptor, path: path, lastSequence: tail.sequence, lastHash: tail.hash,
                         size: tail.size)
    } catch {
      flock(descriptor, LOCK_UN)
      close(descriptor)
      throw error
    }
  }

  /// Appends one entry, built from the sequence number and hash it must follow.
  @discardableResult
  package func append(_ make: (_ sequence: Int, _ previousHash: String) -> LogEntry) throws(LogAppendError)
    -> LogEntry
  {
    var appender = try openForAppend()
    defer { appender.close() }
    let entry = try appender.append(make)
    try appender.sync()
    return entry
  }
}

/// An open, locked log: appends entries one after the other.
package struct LogAppender {
  let descriptor: Int32
  let path: String
  package private(set) var lastSequence: Int
  package private(set) var lastHash: String
  var size: Int
  var isClosed = false

  /// Writes one entry as a whole line. On a failed write the file is cut back to where it was,
  /// so a failure never leaves half a line.
  package mutating func append(_ make: (_ sequence: Int, _ previousHash: String) -> LogEntry) throws(LogAppendError)
    -> LogEntry
  {
    let entry = make(lastSequence + 1, lastHash)
    guard entry.sequence == lastSequence + 1, entry.previousHash == lastHash, entry.hash == entry.computedHash else {
      throw .notChained
    }
    var bytes = Array(entry.line.utf8)
    bytes.append(UInt8(ascii: "\n"))
    try write(bytes, sequence: entry.sequence, hash: entry.hash)
    return entry
  }

  /// Writes `line` as the next entry, sealed in place in the chain (`UnchainedLogLine.sealed`,
  /// which builds the bytes `LogEntry.line` would, without building the entry).
  package mutating func append(_ line: UnchainedLogLine) throws(LogAppendError) {
    let sequence = lastSequence + 1
    let (bytes, hash) = line.sealed(sequence: sequence, previousHash: lastHash)
    try write(bytes, sequence: sequence, hash: hash)
  }

  /// Writes a whole line (newline included) and moves the chain on; on failure, cuts the file
  /// back to where it was.
  private mutating func write(_ bytes: [UInt8], sequence: Int, hash: String) throws(LogAppendError) {
    var written = 0
    while written < bytes.count {
      let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        let code = errno
        ftruncate(descriptor, off_t(size))
        throw .io(.system("write", code))
      }
      written += count
    }
    size += bytes.count
    lastSequence = sequence
    lastHash = hash
  }

  /// Forces what was written to disk.
  package func sync() throws(LogAppendError) {
    guard fsync(descriptor) == 0 else { throw .io(.system("fsync", errno)) }
  }

  /// Releases the lock and closes the file.
  package mutating func close() {
    guard !isClosed else { return }
    isClosed = true
    flock(descriptor, LOCK_UN)
    Foundation.close(descriptor)
  }
}

/// Why an append was refused.
package enum LogAppendError: Error, Sendable, Equatable, CustomStringConvertible {
  case io(LogIOError)
  /// The last line has no newline: an earlier append was cut off.
  case tornTail(line: Int, bytes: Int)
  /// The last line is not a valid, sealed entry.
  case invalidTail(line: Int, reason: String)
  /// The entry built does not follow the log's last entry (a programming error).
  case notChained

  package var description: String {
    switch self {
    case .io(let error): error.description
    case .tornTail(let line, let bytes):
      "line \(line) is torn (\(bytes) bytes without a newline: an append was cut off); "
        + "nothing was appended — run `mizan log repair` to move it aside"
    case .invalidTail(let line, let reason):
      "line \(line), the last entry, is not valid (\(reason)); nothing was appended — run `mizan replay` to see the damage"
    case .notChained: "internal error: the entry does not follow the log's last entry"
    }
  }
}

/// The last entry of a log, read from the end of the file.
struct LogTail {
  var sequence: Int
  var hash: String
  var size: Int

  static func read(descriptor: Int32, path: String) throws(LogAppendError) -> LogTail {
    let size = Int(lseek(descriptor, 0, SEEK_END))
    guard size > 0 else { return LogTail(sequence: 0, hash: LogEntry.genesisHash, size: 0) }
    guard let lastByte = try bytes(descriptor, at: size - 1, count: 1).first else { throw .io(.system("read", EIO)) }
    if lastByte != UInt8(ascii: "\n") {
      let lineStart = try startOfLine(descriptor, endingBefore: size)
      throw .tornTail(line: try lineCount(descriptor, upTo: lineStart) + 1, bytes: size - lineStart)
    }
    let lineStart = try startOfLine(descriptor, endingBefore: size - 1)
    let lineNumber = { () throws(LogAppendError) -> Int in try lineCount(descriptor, upTo: lineStart) + 1 }
    // Read only a line that could be an entry: a huge last line is refused without holding it.
    guard size - 1 - lineStart <= LogLineReader.defaultMaxLineBytes else {
      throw .invalidTail(line: try lineNumber(), reason: "longer than \(LogLineReader.defaultMaxLineBytes) bytes")
    }
    let line = try bytes(descriptor, at: lineStart, count: size - 1 - lineStart)
    let entry: LogEntry
    do {
      entry = try LogEntry(json: try JSONReader.read(line, limits: LogLimits.json))
    } catch let error as LogEntryError {
      throw .invalidTail(line: try lineNumber(), reason: error.description)
    } catch {
      throw .invalidTail(line: try lineNumber(), reason: "not JSON")
    }
    guard entry.hash == entry.computedHash else {
      throw .invalidTail(line: try lineNumber(), reason: "its hash does not match its contents")
    }
    return LogTail(sequence: entry.sequence, hash: entry.hash, size: size)
  }

  /// The offset just after the last newline before `end`, or 0.
  static func startOfLine(_ descriptor: Int32, endingBefore end: Int) throws(LogAppendError) -> Int {
    var position = end
    let chunk = 64 << 10
    while position > 0 {
      let from = max(0, position - chunk)
      let data = try bytes(descriptor, at: from, count: position - from)
      if let newline = data.lastIndex(of: UInt8(ascii: "\n")) { return from + newline + 1 }
      position = from
    }
    return 0
  }

  /// Newlines before `offset`: the number of whole lines there (only on the error path).
  static func lineCount(_ descriptor: Int32, upTo offset: Int) throws(LogAppendError) -> Int {
    var count = 0
    var position = 0
    while position < offset {
      let data = try bytes(descriptor, at: position, count: min(1 << 20, offset - position))
      count += data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
      position += data.count
      if data.isEmpty { break }
    }
    return count
  }

  static func bytes(_ descriptor: Int32, at offset: Int, count: Int) throws(LogAppendError) -> [UInt8] {
    var data = [UInt8](repeating: 0, count: count)
    var filled = 0
    while filled < count {
      let read = data.withUnsafeMutableBytes { buffer -> Int in
        guard let base = buffer.baseAddress else { return 0 }
        return pread(descriptor, base + filled, count - filled, off_t(offset + filled))
      }
      if read < 0 { throw .io(.system("pread", errno)) }
      if read == 0 { break }
      filled += read
    }
    return Array(data[0..<filled])
  }
}

/// Size limits for reading log lines.
package enum LogLimits {
  /// A log line holds a whole record and outcome: allow more than a record alone.
  package static var json: JSONLimits {
    var limits = JSONLimits()
    limits.maxBytes = LogLineReader.defaultMaxLineBytes
    limits.maxMembers = 100_000
    return limits
  }
}
