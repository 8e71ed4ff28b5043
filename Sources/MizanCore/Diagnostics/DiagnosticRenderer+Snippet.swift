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
      let underlineEnd = max(start.offset, min(span.end.offset, Snippet.endOfLine(start.line, in: file)))
      let underlined = Snippet.shown(file.text(in: start.offset..<underlineEnd))
      // Trailing blanks are dropped so that goldens survive editors that strip them.
      let shownLine = Snippet.shown(file.lineText(start.line))
      self.line = start.line
      self.lineText = String(shownLine.reversed().drop(while: { $0 == " " }).reversed())
      self.indent = String(repeating: " ", count: Snippet.shown(file.text(in: lineStart..<start.offset)).count)
      self.underline = "^" + String(repeating: "~", count: max(0, underlined.count - 1))
      self.underlinedText = underlined
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
