import MizanChecker
import MizanCore
import MizanSyntax

/// One completion candidate, in the editor's terms.
package struct EditorCompletion: Sendable, Hashable {
  package enum Kind: Sendable, Hashable {
    case keyword, type, function
    /// A declared name, by its declaring keyword (`fact`, `document`, `value`, …).
    case declared(String)
  }

  package var label: String
  package var kind: Kind
  /// One line: what it is and its label in the editor's language.
  package var detail: String?
  /// Both labels.
  package var documentation: String?
  /// Candidates of a lower group are listed first (documents before facts after `requirement x:`).
  package var group: Int = 0
}

extension EditorIndex {
  /// The candidates at a cursor, from the text of its line before it: document types (then
  /// facts) after `requirement x:`, types after `fact x:`, keywords at the start of a line,
  /// otherwise the declared names, enumeration values, functions and operator words.
  package func completions(linePrefix: String, language: Language) -> [EditorCompletion] {
    // The word being typed is the client's to filter; the context is what comes before it.
    let before = String(linePrefix.reversed().drop { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
    let trimmed = before.drop { $0 == " " || $0 == "\t" }
    let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    let declaring = words.first == "override" ? Array(words.dropFirst()) : words
    if let colon = trimmed.firstIndex(of: ":"), let keyword = declaring.first {
      let afterColon = trimmed[trimmed.index(after: colon)...].split(separator: " ").map(String.init)
      if keyword == "requirement", afterColon.isEmpty || afterColon.last == "or" {
        return named(kinds: ["document"], language: language, group: 0)
          + named(kinds: ["fact"], language: language, group: 1)
      }
      if ["fact", "parameter", "derived"].contains(keyword), !trimmed.contains("="),
        afterColon.isEmpty || afterColon.last == "of" {
        if afterColon.last == "of", afterColon.first == "list" { return named(kinds: ["member"], language: language) }
        let builtins = ValueType.builtins.keys.sorted().map { EditorCompletion(label: $0, kind: .type) }
        let compound = afterColon.isEmpty
          ? ["set of", "list of"].map { EditorCompletion(label: $0, kind: .keyword) } : []
        return builtins + named(kinds: ["enum"], language: language) + compound
      }
    }
    if trimmed.isEmpty {
      let atTopLevel = before.isEmpty
      let keywords = atTopLevel ? Parser.declarationKeywords.sorted() : Self.clauseKeywords
      return keywords.map { EditorCompletion(label: $0, kind: .keyword) }
    }
    let functions = BuiltinFunction.allCases.map(\.rawValue) + Quantifier.allCases.map(\.rawValue)
    return named(kinds: nil, language: language)
      + functions.sorted().map { EditorCompletion(label: $0, kind: .function, group: 1) }
      + Self.expressionKeywords.map { EditorCompletion(label: $0, kind: .keyword, group: 2) }
  }

  /// Words that start a clause inside a declaration's block.
  static let clauseKeywords = ["assumed", "cite", "field", "label", "provided_by", "reply_after", "shown_by", "valid",
                               "value"]
  /// Words of expressions that are not names.
  static let expressionKeywords = ["and", "false", "in", "not", "of", "or", "true", "when", "where"]

  /// Declared names of the given kinds (all but fields when nil), each once.
  func named(kinds: Set<String>?, language: Language, group: Int = 0) -> [EditorCompletion] {
    var seen: Set<String> = []
    var result: [EditorCompletion] = []
    for symbol in symbols where kinds?.contains(symbol.kind) ?? (symbol.kind != "field") {
      guard seen.insert(symbol.kind + " " + symbol.name).inserted else { continue }
      var detail = symbol.kind
      if let type = symbol.type { detail += ": " + type }
      if let container = symbol.container { detail += " (\(container))" }
      if let labels = symbol.labels { detail += " — " + labels[language] }
      result.append(EditorCompletion(
        label: symbol.name, kind: .declared(symbol.kind), detail: detail,
        documentation: symbol.labels.map { $0.arabic + "\n" + $0.english }, group: group))
    }
    return result
  }
}
