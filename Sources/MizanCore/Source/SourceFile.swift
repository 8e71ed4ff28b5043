/// The text of one input file, with a line table built once so that byte offsets can be
/// turned into line and column only when a diagnostic is rendered.
public final class SourceFile: Sendable {
  /// The path as the user gave it (shown in diagnostics).
  public let path: String
  /// A name that does not depend on where the program runs (for policies: the path inside
  /// the policies folder, `raabigh/2024-01-15.mizan`), used in outcomes so that they are
  /// byte-identical whatever the working directory.
  public let name: String
  /// The file's bytes, exactly as read.
  public let bytes: [UInt8]
  /// Byte offset of the first byte of each line.
  package let lineStarts: [Int]

  public init(path: String, bytes: [UInt8], name: String? = nil) {
    self.path = path
    self.name = name ?? path
    self.bytes = bytes
    var starts = [0]
    for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      starts.append(offset + 1)
    }
    self.lineStarts = starts
  }

  public convenience init(path: String, text: String, name: String? = nil) {
    self.init(path: path, bytes: Array(text.utf8), name: name)
  }

  /// The 1-based line and grapheme-cluster column of a byte offset.
  ///
  /// Past `exactColumnBytes` bytes into a line (minified or garbage input), the column counts
  /// Unicode scalars instead: a byte scan, where grapheme breaking would make every diagnostic
  /// on a megabyte-long line cost milliseconds.
  public func location(of offset: Int) -> SourceLocation {
    let clamped = max(0, min(offset, bytes.count))
    let lineIndex = lineIndex(containing: clamped)
    let prefix = bytes[lineStarts[lineIndex]..<clamped]
    let column: Int
    if prefix.count <= Self.exactColumnBytes {
      column = String(decoding: prefix, as: UTF8.self).count + 1
    } else {
      column = prefix.reduce(1) { count, byte in byte & 0xC0 == 0x80 ? count : count + 1 }
    }
    return SourceLocation(line: lineIndex + 1, column: column, offset: clamped)
  }

  /// How far into a line columns count grapheme clusters exactly.
  static let exactColumnBytes = 4096

  /// The text of a 1-based line, without its line terminator.
  public func lineText(_ line: Int) -> String {
    guard line >= 1, line <= lineStarts.count else { return "" }
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] : bytes.count
    while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") {
      end -= 1
    }
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

  /// The number of lines, counting a final line without a terminator.
  public var lineCount: Int { lineStarts.count }

  /// The text covered by a byte range.
  public func text(in range: Range<Int>) -> String {
    let lower = max(0, min(range.lowerBound, bytes.count))
    let upper = max(lower, min(range.upperBound, bytes.count))
    return String(decoding: bytes[lower..<upper], as: UTF8.self)
  }

  /// The 0-based line holding a byte offset.
  package func lineIndex(containing offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return low
  }
}

/// A rendered position: 1-based line and column (columns count grapheme clusters).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
  public let line: Int
  public let column: Int
  public let offset: Int

  public var description: String { "\(line):\(column)" }
}
