import Foundation
import MizanCore

/// The lines read together: where each one's bytes sit in the reader's buffer (without the
/// newline). A line longer than a record may be is cut to `maxLineBytes + 1` bytes, which is
/// enough for the JSON reader to say it is too large.
struct LineChunk {
  var lines: [Range<Int>]
}

/// Why the input could not be read.
struct LineReadError: Error, CustomStringConvertible {
  var description: String
}

/// Reads a file descriptor as lines, a chunk at a time, into one buffer it reuses: memory stays
/// flat however long the input is.
///
/// A line ends at `\n`; a last line without one still counts; nothing after the last `\n`
/// is not a line. A line longer than `maxLineBytes` is kept only up to `maxLineBytes + 1`
/// bytes and the rest skipped up to its newline.
struct LineReader {
  let descriptor: Int32
  let maxLineBytes: Int
  /// The bytes read; `start..<end` not yet handed out.
  private var buffer: [UInt8]
  private var start = 0
  private var end = 0
  private var isAtEnd = false
  /// Inside an over-long line whose head was already handed out: skip to its newline.
  private var isSkipping = false
  /// The lines of the chunk handed out last, as offsets in `buffer` (kept until the next call).
  private var lines: [Range<Int>] = []

  init(descriptor: Int32, maxLineBytes: Int = RecordLimits.defaultMaxBytes, bufferSize: Int = 4 << 20) {
    self.descriptor = descriptor
    self.maxLineBytes = maxLineBytes
    buffer = [UInt8](repeating: 0, count: max(bufferSize, maxLineBytes + 2))
  }

  /// Up to `maxLines` lines; nil once the input is exhausted.
  mutating func nextChunk(maxLines: Int) throws(LineReadError) -> LineChunk? {
    lines.removeAll(keepingCapacity: true)
    compact()
    while lines.count < maxLines {
      if let newline = firstNewline(from: start) {
        if isSkipping {
          isSkipping = false
        } else {
          lines.append(start..<min(newline, start + maxLineBytes + 1))
        }
        start = newline + 1
        continue
      }
      // No complete line is buffered: a long line's head is handed out once it is too long.
      if !isSkipping, end - start > maxLineBytes {
        lines.append(start..<(start + maxLineBytes + 1))
        isSkipping = true
      }
      if isSkipping {
        start = end
      }
      if isAtEnd {
        if start < end {
          if !isSkipping { lines.append(start..<end) }
          start = end
        }
        break
      }
      if end == buffer.count {
        // Full: lines already handed out point into the buffer, so it can be compacted only
        // when there are none.
        guard lines.isEmpty else { break }
        compact()
      }
      try fill()
    }
    return lines.isEmpty && isAtEnd && start == end ? nil : LineChunk(lines: lines)
  }

  /// Moves the bytes not yet handed out to the front of the buffer.
  private mutating func compact() {
    guard start > 0 else { return }
    let (from, count) = (start, end - start)
    buffer.withUnsafeMutableBytes { bytes in
      guard let base = bytes.baseAddress else { return }
      memmove(base, base + from, count)
    }
    end = count
    start = 0
  }

  /// Reads more bytes after `end`; sets `isAtEnd` at end of file.
  private mutating func fill() throws(LineReadError) {
    let capacity = buffer.count
    let startOffset = end
    let count = buffer.withUnsafeMutableBytes { bytes -> Int in
      guard let base = bytes.baseAddress else { return 0 }
      while true {
        let count = read(descriptor, base + startOffset, capacity - startOffset)
        if count < 0, errno == EINTR { continue }
        return count
      }
    }
    if count < 0 { throw LineReadError(description: String(cString: strerror(errno))) }
    if count == 0 { isAtEnd = true }
    end += count
  }

  private func firstNewline(from offset: Int) -> Int? {
    guard offset < end else { return nil }
    return buffer.withUnsafeBytes { bytes -> Int? in
      guard let base = bytes.baseAddress,
        let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), end - offset)
      else { return nil }
      return base.distance(to: UnsafeRawPointer(found))
    }
  }

  /// Gives `body` the buffer the current chunk's line ranges point into.
  func withChunkBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
    buffer.withUnsafeBytes(body)
  }
}
