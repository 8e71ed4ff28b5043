import MizanChecker
import MizanCore
import MizanSyntax

/// A declared name as an editor shows it: what it is, where, its labels and its authority.
package struct EditorSymbol: Sendable {
  package var name: String
  /// The declaring keyword (`fact`, `parameter`, …), or `value` for an enumeration's value and
  /// `field` for a document's field.
  package var kind: String
  /// The enumeration of a value, the document of a field, the member kind of a member's fact.
  package var container: String?
  package var nameSpan: SourceSpan
  /// The whole declaration.
  package var span: SourceSpan
  package var labels: LocalizedText?
  package var provenance: Provenance?
  /// The type as written (`money`, `set of channel`).
  package var type: String?
  /// A parameter's value or a derived value's expression, as written.
  package var value: String?
  /// What a rule asks, as written: a condition's or stage's test, a requirement's alternatives.
  package var rule: String?
  package var isOverride = false
}

/// The names of a version and its includes, read from the parsed files (not from the checked
/// policy: a file being typed rarely checks, and the editor must still find its names).
package struct EditorIndex: Sendable {
  /// The version file first, then its includes.
  package let files: [PolicyFile]
  package private(set) var symbols: [EditorSymbol] = []
  /// Every use of a name (not its declaration), in file order.
  package private(set) var references: [Identifier] = []

  package init(files: [PolicyFile]) {
    self.files = files
    for file in files {
      for declaration in file.declarations { add(declaration) }
    }
  }

  /// The declarations of a name: an `override` and the declaration it replaces are both found,
  /// the version's own first. A document's fields come last: they are read only in its tests.
  package func symbols(named name: String) -> [EditorSymbol] {
    let found = symbols.filter { $0.name == name }
    return found.filter { $0.kind != "field" } + found.filter { $0.kind == "field" }
  }

  /// The name declared or used at a byte offset of a file (a cursor just after a name is on it).
  package func name(at offset: Int, inFile path: String) -> Identifier? {
    func covers(_ span: SourceSpan) -> Bool {
      span.file.path == path && span.range.lowerBound <= offset && offset <= span.range.upperBound
    }
    if let symbol = symbols.first(where: { covers($0.nameSpan) }) {
      return Identifier(symbol.name, span: symbol.nameSpan)
    }
    return references.first { covers($0.span) }
  }

  /// Where a name is written: its declarations (when asked) and every use, in every file.
  package func occurrences(of name: String, includingDeclarations: Bool) -> [SourceSpan] {
    let declared = includingDeclarations ? symbols(named: name).map(\.nameSpan) : []
    return declared + references.filter { $0.name == name }.map(\.span)
  }

  /// The declarations written in one file, in order (for an outline).
  package func symbols(inFile path: String) -> [EditorSymbol] {
    symbols.filter { $0.span.file.path == path }
  }

  // MARK: - Reading declarations

  private mutating func add(_ declaration: Declaration) {
    var symbol = EditorSymbol(name: declaration.name.name, kind: declaration.keyword,
                              container: declaration.owner?.name, nameSpan: declaration.name.span,
                              span: declaration.span, labels: declaration.labels?.localized,
                              provenance: declaration.provenance, isOverride: declaration.isOverride)
    if let owner = declaration.owner { references.append(owner) }
    switch declaration.kind {
    case .enumeration(let values):
      symbols.append(symbol)
      for value in values {
        symbols.append(EditorSymbol(name: value.name.name, kind: "value", container: declaration.name.name,
                                    nameSpan: value.name.span, span: value.name.span, labels: value.labels?.localized))
      }
      return
    case .parameter(let type, let value), .derived(let type, let value):
      symbol.type = type.source
      symbol.value = value.span.text
      addReferences(in: type)
      addReferences(in: value)
    case .fact(let type, _):
      symbol.type = type.source
      addReferences(in: type)
    case .document(_, let validity):
      for rule in validity {
        if case .test(let test, _, _) = rule { addReferences(in: test) }
      }
    case .condition(let test, let when):
      symbol.rule = test.span.text + (when.map { " when " + $0.span.text } ?? "")
      addReferences(in: test)
      if let when { addReferences(in: when) }
    case .requirement(let alternatives, let when):
      symbol.rule = alternatives.map(\.name).joined(separator: " or ") + (when.map { " when " + $0.span.text } ?? "")
      references += alternatives
      if let when { addReferences(in: when) }
    case .memberRequirement(let alternatives, let list, let filter, let when):
      references += alternatives + [list]
      for expression in [filter, when].compactMap(\.self) { addReferences(in: expression) }
    case .committee(let replyAfter):
      if let replyAfter { addReferences(in: replyAfter) }
    case .member(let shownBy):
      if let shownBy { references.append(shownBy) }
    case .stage(let test):
      symbol.rule = test.span.text
      addReferences(in: test)
    case .vocabulary:
      break
    }
    symbols.append(symbol)
    for field in declaration.fields {
      symbols.append(EditorSymbol(name: field.name.name, kind: "field", container: declaration.name.name,
                                  nameSpan: field.name.span, span: field.name.span, labels: field.labels?.localized,
                                  type: field.type.source))
      addReferences(in: field.type)
    }
  }

  private mutating func addReferences(in type: TypeExpression) {
    switch type {
    case .named(let name):
      // A built-in type names nothing declared.
      if ValueType.builtins[name.name] == nil { references.append(name) }
    case .setOf(let name, _), .listOf(let name, _):
      references.append(name)
    }
  }

  /// Every name an expression reads. Expressions are at most 64 levels deep (the parser's limit),
  /// so the recursion is bounded.
  private mutating func addReferences(in expression: Expression) {
    switch expression {
    case .literal, .missing:
      break
    case .name(let identifier):
      references.append(identifier)
    case .not(let operand, _), .negate(let operand, _):
      addReferences(in: operand)
    case .binary(_, let left, let right, _):
      addReferences(in: left)
      addReferences(in: right)
    case .membership(let element, let set, _, _):
      addReferences(in: element)
      addReferences(in: set)
    case .set(let elements, _):
      for element in elements { addReferences(in: element) }
    case .call(_, let arguments, _):
      for argument in arguments { addReferences(in: argument) }
    case .quantifier(_, let list, let body, let filter, _):
      references.append(list)
      for part in [body, filter].compactMap(\.self) { addReferences(in: part) }
    }
  }
}
