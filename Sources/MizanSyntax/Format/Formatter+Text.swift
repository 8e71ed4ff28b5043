import MizanCore

extension Formatter {
  /// `head "piece"`, then one line per further piece, each quote under the first one:
  ///
  /// ```
  ///   cite "piece one"
  ///        "piece two"
  /// ```
  static func textLines(head: String, _ text: TextLiteral, indent: String) -> [String] {
    let pieces = text.pieces.isEmpty ? [text.value] : text.pieces
    let continuation = String(repeating: " ", count: indent.count + head.count + 1)
    return pieces.enumerated().map { position, piece in
      (position == 0 ? indent + head + " " : continuation) + quoted(piece)
    }
  }

  /// `keyword ar "…" en "…"` on one line when it fits and each text is a single piece;
  /// otherwise each language on its own line, `en` under `ar`:
  ///
  /// ```
  ///   value association_representatives ar "مناديب الجمعية أو المشاريع التابعة لها"
  ///                                      en "Representatives of the association or its projects"
  /// ```
  static func labelLines(keyword: String, _ labels: Labels, indent: String) -> [String] {
    let texts = [("ar", labels.arabic), ("en", labels.english)].compactMap { tag, text in text.map { (tag, $0) } }
    guard !texts.isEmpty else { return [indent + keyword] }
    let oneLine = indent + keyword + texts.map { tag, text in " " + tag + " " + quoted(text.value) }.joined()
    if texts.allSatisfy({ $0.1.pieces.count <= 1 }), oneLine.count <= lineWidth { return [oneLine] }
    let tagIndent = String(repeating: " ", count: keyword.count + 1)
    return texts.enumerated().flatMap { position, entry in
      textLines(head: (position == 0 ? keyword + " " : tagIndent) + entry.0, entry.1, indent: indent)
    }
  }

  /// The text in double quotes, escaped so the lexer reads back the same value: `\"`, `\\`,
  /// `\n`, `\t`, and other control characters as `\u{XX}` (a string never spans lines).
  static func quoted(_ value: String) -> String {
    var result = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}":
        let hex = String(scalar.value, radix: 16, uppercase: true)
        result += "\\u{" + (hex.count < 2 ? "0" + hex : hex) + "}"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
