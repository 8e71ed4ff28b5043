// MARK: - Snippet

extension DiagnosticRenderer {
  /// The first line of a span as shown, with the indent and underline that mark the span on it.
  ///
  /// Widths count grapheme clusters; a tab is shown as four spaces (and underlined as four), and
  /// control characters, including bidirectional overrides, as U+FFFD, so that neither can move
  /// the carets or the terminal. A span reaching past its first line is underlined to that
  /// line's end; an empty one gets a single `^`.
  struct Snippet {
    let line: Int
    let lineText: String
    let indent: String
    let underline: String
    let underlinedText: String

    init(_ span: SourceSpan) {
      let file = span.file
      let start = span.start
      let lineStart = file.lineStarts[start.line - 1]
      let lineEnd = Snippet.endOfLine(start.line, in: file)
      var underlineEnd = max(start.offset, min(span.end.offset, lineEnd))
      // A long line (minified or garbage input) is shown only around the span, so that a
      // diagnostic costs the same however long its line is.
      var shownStart = lineStart
      var shownEnd = lineEnd
      if lineEnd - lineStart > Snippet.maxLineBytes {
        let context = Snippet.contextBytes
        shownStart = max(lineStart, Snippet.scalarStart(max(lineStart, start.offset - context), in: file))
        underlineEnd = max(start.offset, Snippet.scalarStart(min(underlineEnd, start.offset + context), in: file))
        shownEnd = max(underlineEnd, Snippet.scalarStart(min(lineEnd, underlineEnd + context), in: file))
      }
      let before = shownStart > lineStart ? "…" : ""
      let after = shownEnd < lineEnd ? "…" : ""
      let underlined = Snippet.shown(file.text(in: start.offset..<underlineEnd))
      // Trailing blanks are dropped so that goldens survive editors that strip them.
      let shownLine = before + Snippet.shown(file.text(in: shownStart..<shownEnd)) + after
      self.line = start.line
      let textEnd = shownLine.lastIndex(where: { $0 != " " }).map(shownLine.index(after:)) ?? shownLine.startIndex
      self.lineText = String(shownLine[..<textEnd])
      let indentWidth = before.count + Snippet.shown(file.text(in: shownStart..<start.offset)).count
      self.indent = String(repeating: " ", count: indentWidth)
      self.underline = "^" + String(repeating: "~", count: max(0, underlined.count - 1))
      self.underlinedText = underlined
    }

    /// Lines longer than this, in bytes, are shown only around the span.
    static let maxLineBytes = 1000

    /// How much of a long line is shown before the span, and at most after its start and its end.
    static let contextBytes = 240

    /// `offset`, moved back to the first byte of the UTF-8 sequence it falls in.
    static func scalarStart(_ offset: Int, in file: SourceFile) -> Int {
      var offset = offset
      while offset > 0, offset < file.bytes.count, file.bytes[offset] & 0xC0 == 0x80 { offset -= 1 }
      return offset
    }

    /// The byte offset where a 1-based line's text ends, before its terminator.
    static func endOfLine(_ line: Int, in file: SourceFile) -> Int {
      let lineStart = file.lineStarts[line - 1]
      var end = line < file.lineStarts.count ? file.lineStarts[line] : file.bytes.count
      while end > lineStart, file.bytes[end - 1] == UInt8(ascii: "\n") || file.bytes[end - 1] == UInt8(ascii: "\r") {
        end -= 1
      }
      return end
    }

    /// The text as the terminal should see it: tabs as four spaces, controls replaced.
    static func shown(_ text: String) -> String {
      var result = ""
      for character in text {
        if character == "\t" {
          result += "    "
        } else if character.unicodeScalars.contains(where: isUnsafe) {
          result.append("\u{FFFD}")
        } else {
          result.append(character)
        }
      }
      return result
    }

    /// Whether a scalar could move the cursor or reorder the line: C0 and C1 controls, DEL,
    /// and the bidirectional embeddings, overrides and isolates.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
      switch scalar.value {
      case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
      default: false
      }
    }
  }
}
