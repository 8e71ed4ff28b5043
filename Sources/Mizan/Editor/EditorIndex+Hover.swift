import MizanCore
import MizanSyntax

extension EditorIndex {
  /// What a name is, as Markdown: its kind, type and value, both labels, the quoted clause (or
  /// why it is assumed) and where it is declared. Nil for a name nothing declares.
  package func hover(for name: String, language: Language) -> String? {
    let found = symbols(named: name)
    guard let symbol = found.first else { return nil }
    var heading = "**\(symbol.isOverride ? "override " : "")\(symbol.kind)** `\(symbol.name)`"
    if let type = symbol.type { heading += ": `\(type)`" }
    if let value = symbol.value { heading += " = `\(Self.oneLine(value))`" }
    if let rule = symbol.rule { heading += ": `\(Self.oneLine(rule))`" }
    if let container = symbol.container {
      heading += language == .arabic ? " (من `\(container)`)" : " (of `\(container)`)"
    }
    var sections = [heading]
    if let labels = symbol.labels {
      sections.append(labels.arabic == labels.english ? labels.english : labels.arabic + "  \n" + labels.english)
    }
    switch symbol.provenance {
    case .cited(let text)?: sections.append("cite: «\(text.value)»")
    case .assumed(let text)?: sections.append("assumed: \(text.value)")
    case nil: break
    }
    let places = found.map { "`\($0.nameSpan.file.name):\($0.nameSpan.start)`" }.joined(separator: ", ")
    sections.append((language == .arabic ? "معرّف في " : "declared at ") + places)
    return sections.joined(separator: "\n\n")
  }

  /// A value written over several lines (a set), on one line with single spaces.
  static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: { $0 == "\n" || $0 == " " }).joined(separator: " ")
  }
}
