/// One line handed out by `LineReader`.
package struct Line: Sendable, Hashable {
  /// Where the line's bytes sit in the reader's buffer, without the newline. A line longer than
  /// the reader's limit is cut to `maxLineBytes + 1` bytes: enough for a reader of records to say
  /// it is too large.
  package var range: Range<Int>
  /// 1-based.
  package var number: Int
  /// The offset of the line's first byte in the stream.
  package var offset: Int
  /// False for a last line without its newline (an append that was cut off, or a file whose
  /// last line simply has none).
  package var isTerminated: Bool
  /// The line was longer than the limit; `range` holds only its start.
  package var isTooLong: Bool
  /// The line's length in the stream (without the newline); for a line cut because it is too
  /// long, the length read when it was cut.
  package var length: Int
}

/// Reads a file descriptor as lines, a chunk at a time, into one buffer it reuses, so memory stays
/// flat however long the input is: the one line reader of batch input, decision logs and examples.
///
/// A line ends at `\n`; a last line without one still counts (and says so); nothing after the
/// last `\n` is not a line.
package struct LineReader {
  package let descriptor: FileDescriptor
  package let maxLineBytes: Int
  /// The bytes read; `start..<end` not yet handed out.
  private var buffer: [UInt8]
  private var start = 0
  private var end = 0
  private var isAtEnd = false
  /// The stream offset of `buffer[0]`.
  private var bufferOffset = 0
  /// Inside an over-long line whose head was already handed out: skip to its newline.
  private var skipping: Line?
  private var lineNumber = 0
  /// The lines of the chunk handed out last (valid until the next call).
  package private(set) var lines: [Line] = []

  package init(descriptor: FileDescriptor, maxLineBytes: Int, bufferSize: Int = 4 << 20) {
    self.descriptor = descriptor
    self.maxLineBytes = max(1, maxLineBytes)
    buffer = [UInt8](repeating: 0, count: max(bufferSize, self.maxLineBytes + 2))
  }

  /// Reads up to `maxLines` lines into `lines`; false once the input is exhausted.
  package mutating func nextChunk(maxLines: Int) throws(SystemError) -> Bool {
    lines.removeAll(keepingCapacity: true)
    compact()
    while lines.count < maxLines {
      if let newline = ByteSearch.firstIndex(of: UInt8(ascii: "\n"), in: buffer, start..<end) {
        if skipping != nil {
          // The end of an over-long line whose head was handed out already.
          skipping = nil
        } else {
          let length = newline - start
          lineNumber += 1
          lines.append(Line(range: start..<min(newline, start + maxLineBytes + 1), number: lineNumber,
                            offset: bufferOffset + start, isTerminated: true, isTooLong: length > maxLineBytes,
                            length: length))
        }
        start = newline + 1
        continue
      }
      // No complete line is buffered: a long line's head is handed out once it is too long.
      if skipping == nil, end - start > maxLineBytes {
        lineNumber += 1
        let line = Line(range: start..<(start + maxLineBytes + 1), number: lineNumber, offset: bufferOffset + start,
                        isTerminated: true, isTooLong: true, length: end - start)
        lines.append(line)
        skipping = line
        start = end
      } else if skipping != nil {
        start = end
      }
      if isAtEnd {
        if start < end, skipping == nil {
          lineNumber += 1
          lines.append(Line(range: start..<end, number: lineNumber, offset: bufferOffset + start, isTerminated: false,
                            isTooLong: false, length: end - start))
          start = end
        } else if let long = skipping, let index = lines.lastIndex(where: { $0.number == long.number }) {
          // An over-long last line without its newline.
          lines[index].isTerminated = false
          skipping = nil
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
    return !(lines.isEmpty && isAtEnd && start == end)
  }

  /// The bytes of the current chunk's buffer (lines' ranges point into it).
  package func withBuffer<Result>(_ body: (Span<UInt8>) -> Result) -> Result { body(buffer.span) }

  /// A copy of one line's bytes.
  package func bytes(of line: Line) -> [UInt8] { Array(buffer[line.range]) }

  /// The next line alone, copied; nil at the end.
  package mutating func nextLine() throws(SystemError) -> (line: Line, bytes: [UInt8])? {
    guard try nextChunk(maxLines: 1), let line = lines.first else { return nil }
    return (line, bytes(of: line))
  }

  /// Moves the bytes not yet handed out to the front of the buffer.
  private mutating func compact() {
    guard start > 0 else { return }
    ByteSearch.moveToFront(&buffer, from: start, count: end - start)
    bufferOffset += start
    end -= start
    start = 0
  }

  /// Reads more bytes after `end`; sets `isAtEnd` at the end of the input.
  private mutating func fill() throws(SystemError) {
    let count = try descriptor.read(into: &buffer, at: end, count: buffer.count - end)
    if count == 0 { isAtEnd = true }
    end += count
  }
}

extension FileSystem {
  /// Calls `body` with each line of the regular file at `path` (its number and bytes, a `\r`
  /// before the newline removed), through the one line reader.
  package static func forEachLine(of path: String, maxLineBytes: Int = 16 << 20,
                                  _ body: (_ number: Int, _ bytes: [UInt8]) -> Void) throws(FileError) {
    try withRegularFile(path) { descriptor throws(SystemError) in
      var reader = LineReader(descriptor: descriptor, maxLineBytes: maxLineBytes, bufferSize: 1 << 16)
      while try reader.nextChunk(maxLines: 256) {
        for line in reader.lines {
          var bytes = reader.bytes(of: line)
          if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
          body(line.number, bytes)
        }
      }
    }
  }
}
