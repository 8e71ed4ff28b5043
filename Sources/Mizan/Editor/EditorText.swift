import MizanCore

/// A position as the Language Server Protocol counts it: a 0-based line and a 0-based column in
/// UTF-16 code units (the encoding every client supports; an Arabic letter is one unit, a
/// character outside the Basic Multilingual Plane two).
package struct EditorPosition: Hashable, Sendable, Comparable {
  package var line: Int
  package var character: Int

  package init(line: Int, character: Int) {
    self.line = line
    self.character = character
  }

  package static func < (lhs: Self, rhs: Self) -> Bool {
    (lhs.line, lhs.character) < (rhs.line, rhs.character)
  }
}

/// A half-open range of protocol positions.
package struct EditorRange: Hashable, Sendable {
  package var start: EditorPosition
  package var end: EditorPosition

  package init(start: EditorPosition, end: EditorPosition) {
    self.start = start
    self.end = end
  }
}

/// The text of an open document as bytes (what the parser reads), with the source file's line
/// table to turn byte offsets into protocol positions and back. Policy files are UTF-8; the
/// protocol counts UTF-16 units, so the two meet only here.
package struct EditorText: Sendable {
  private var file: SourceFile

  package init(_ bytes: [UInt8]) { file = SourceFile(path: "", bytes: bytes) }

  package init(_ text: String) { self.init(Array(text.utf8)) }

  package var bytes: [UInt8] { file.bytes }

  package var string: String { String(decoding: bytes, as: UTF8.self) }

  private var lineStarts: [Int] { file.lineStarts }

  /// The protocol position of a byte offset (clamped to the text). Spans never split a
  /// character; an offset inside one would count as the position after it.
  package func position(of offset: Int) -> EditorPosition {
    let clamped = max(0, min(offset, bytes.count))
    let line = file.lineIndex(containing: clamped)
    var units = 0
    for byte in bytes[lineStarts[line]..<clamped] {
      // A lead byte starts a scalar: four-byte scalars are two UTF-16 units, the others one.
      if byte & 0xC0 != 0x80 { units += byte >= 0xF0 ? 2 : 1 }
    }
    return EditorPosition(line: line, character: units)
  }

  /// The byte offset of a protocol position. A line past the end is the end of the text, a
  /// column past the end of its line is the line's end, and a column inside a surrogate pair
  /// is the start of its character: a client's stale or odd position never traps.
  package func offset(of position: EditorPosition) -> Int {
    guard position.line >= 0 else { return 0 }
    guard position.line < lineStarts.count else { return bytes.count }
    var offset = lineStarts[position.line]
    let lineEnd = position.line + 1 < lineStarts.count ? lineStarts[position.line + 1] - 1 : bytes.count
    var units = 0
    while offset < lineEnd, units < position.character {
      let byte = bytes[offset]
      let width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
      let scalarUnits = byte >= 0xF0 ? 2 : 1
      if units + scalarUnits > position.character { break }
      units += scalarUnits
      offset = min(offset + width, lineEnd)
    }
    return offset
  }

  package func range(of bytes: Range<Int>) -> EditorRange {
    EditorRange(start: position(of: bytes.lowerBound), end: position(of: bytes.upperBound))
  }

  /// The text of a 0-based line before a byte offset on it (for completion's context).
  package func linePrefix(before offset: Int) -> String {
    let clamped = max(0, min(offset, bytes.count))
    return String(decoding: bytes[lineStarts[file.lineIndex(containing: clamped)]..<clamped], as: UTF8.self)
  }

  /// Replaces a range (an incremental change) or, with no range, the whole text.
  package mutating func replace(_ range: EditorRange?, with text: String) {
    guard let range else {
      self = EditorText(text)
      return
    }
    let start = offset(of: range.start)
    let end = max(start, offset(of: range.end))
    var edited = bytes
    edited.replaceSubrange(start..<end, with: Array(text.utf8))
    file = SourceFile(path: "", bytes: edited)
  }
}
