import MizanCore

/// A parsed file as an indented tree, one node per line with its span (swift-markdown's dump):
///
/// ```
/// Condition income_limit @40:1-44:2
///   Binary <= @40:28-40:55
///     Name income_per_member @40:28-40:45
/// ```
///
/// The golden format of parser tests: it shows every node and where it came from, which `==`
/// on the tree deliberately ignores.
package enum ASTDump {
  /// The tree, each line ending in a newline.
  package static func dump(_ file: PolicyFile) -> String {
    var dump = Dump()
    let whole = SourceSpan(file: file.source, range: 0..<file.source.bytes.count)
    dump.node("PolicyFile", whole)
    dump.nested {
      if let header = file.header { $0.header(header) }
      for include in file.includes {
        $0.node("Include " + Formatter.quoted(include.path.value), include.span)
        $0.nested { $0.comments(include.comments) }
      }
      for declaration in file.declarations { $0.declaration(declaration) }
      for comment in file.trailingComments { $0.line("TrailingComment " + Formatter.quoted(comment)) }
    }
    return dump.lines.map { $0 + "\n" }.joined()
  }
}

/// The lines of a dump being written, and how deep the next one goes.
struct Dump {
  var lines: [String] = []
  var depth = 0

  /// A line at the current depth.
  mutating func line(_ text: String) {
    lines.append(String(repeating: "  ", count: depth) + text)
  }

  /// A node's line: what it is, then its span as `@line:col-line:col`.
  mutating func node(_ text: String, _ span: SourceSpan) {
    line(text + " " + span.shortDescription)
  }

  /// Writes the children one level deeper.
  mutating func nested(_ children: (inout Dump) -> Void) {
    depth += 1
    children(&self)
    depth -= 1
  }

  // MARK: - Shared pieces

  /// The comments a node keeps for the formatter (they have no spans of their own).
  mutating func comments(_ comments: Comments) {
    for comment in comments.leading { line("LeadingComment " + Formatter.quoted(comment)) }
    for comment in comments.inner { line("InnerComment " + Formatter.quoted(comment)) }
  }

  /// `Text "joined"` with one `Piece` child per piece when the text was written as several.
  mutating func text(_ kind: String, _ text: TextLiteral) {
    node(kind + " " + Formatter.quoted(text.value), text.span)
    guard text.pieces.count > 1 else { return }
    nested { dump in
      for piece in text.pieces { dump.line("Piece " + Formatter.quoted(piece)) }
    }
  }

  /// A pair of labels with its Arabic and English texts below it.
  mutating func labels(_ kind: String, _ labels: Labels) {
    node(kind, labels.span)
    nested { dump in
      if let arabic = labels.arabic { dump.text("Arabic", arabic) }
      if let english = labels.english { dump.text("English", english) }
    }
  }

  /// `Cite "…"` or `Assumed "…"`.
  mutating func provenance(_ provenance: Provenance) {
    switch provenance {
    case .cited(let text): self.text("Cite", text)
    case .assumed(let text): self.text("Assumed", text)
    }
  }

  /// A literal without a span of its own (header dates); Hijri dates show their Gregorian day.
  static func literalText(_ literal: Literal) -> String {
    switch literal {
    case .number(let value, let unit): "Number " + value.description + (unit.map { " " + $0 } ?? "")
    case .text(let value): "Text " + Formatter.quoted(value)
    case .bool(let value): "Bool \(value)"
    case .date(let date, let written): "Date " + written + (written.hasSuffix("H") ? " (\(date.iso))" : "")
    }
  }
}
