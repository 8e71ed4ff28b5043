import MizanCore

/// The requests about a document: each reads the workspace's current analysis of it.
extension LanguageServer {
  /// Checks the files changed since the last check (and the open versions that read them), and
  /// publishes the diagnostics that changed: always for a changed file, so the client sees that
  /// its last edit was checked.
  mutating func checkChangedFiles() -> [JSONValue] {
    guard !changed.isEmpty else { return [] }
    let changedNow = changed
    changed = []
    var checkedPaths: [String] = []
    for path in changedNow {
      for affected in workspace.affected(by: path) where !checkedPaths.contains(affected) {
        workspace.analyze(affected)
        checkedPaths.append(affected)
      }
    }
    var out: [JSONValue] = []
    let paths = workspace.pathsWithDiagnostics.union(published.keys).union(changedNow)
    for path in paths.sorted() {
      let diagnostics = workspace.diagnostics(in: path)
      let text = workspace.documents[path]?.text
        ?? diagnostics.first?.span.map { EditorText($0.file.bytes) } ?? EditorText("")
      let list = JSONValue.array(diagnostics.map { json($0, in: text) })
      guard changedNow.contains(path) || published[path] != list else { continue }
      // A file that is not open and has nothing more to show is forgotten once cleared.
      published[path] = diagnostics.isEmpty && workspace.documents[path] == nil ? nil : list
      var params: [JSONMember] = [JSONMember("uri", .string(Self.uri(path))), JSONMember("diagnostics", list)]
      if let version = workspace.documents[path]?.version {
        params.append(JSONMember("version", .number(Double(version))))
      }
      out.append(.object(["jsonrpc": .string("2.0"), "method": .string("textDocument/publishDiagnostics"),
                          "params": .object(params)]))
    }
    return out
  }

  /// The open document a request names and the byte offset of its position.
  func place(_ params: JSONValue) -> Result<(path: String, offset: Int, index: EditorIndex), RequestFailure> {
    guard let path = Self.path(params["textDocument"]?["uri"]), let document = workspace.documents[path] else {
      return .failure(.invalidParams("the document is not open"))
    }
    guard let position = Self.position(params["position"]), let index = workspace.index(for: path) else {
      return .failure(.invalidParams("no position"))
    }
    return .success((path, document.text.offset(of: position), index))
  }

  func hover(_ params: JSONValue) -> Result<JSONValue, RequestFailure> {
    place(params).map { path, offset, index in
      guard let name = index.name(at: offset, inFile: path), let text = index.hover(for: name.name, language: language)
      else { return .null }
      return .object(["contents": .object(["kind": .string("markdown"), "value": .string(text)]),
                      "range": Self.json(self.text(of: name.span.file).range(of: name.span.range))])
    }
  }

  func definition(_ params: JSONValue) -> Result<JSONValue, RequestFailure> {
    place(params).map { path, offset, index in
      guard let name = index.name(at: offset, inFile: path) else { return .null }
      return .array(index.symbols(named: name.name).map { json($0.nameSpan) })
    }
  }

  func references(_ params: JSONValue) -> Result<JSONValue, RequestFailure> {
    place(params).map { path, offset, index in
      guard let name = index.name(at: offset, inFile: path) else { return .null }
      let declarations = params["context"]?["includeDeclaration"] != .bool(false)
      return .array(index.occurrences(of: name.name, includingDeclarations: declarations).map { json($0) })
    }
  }

  func documentSymbols(_ params: JSONValue) -> Result<JSONValue, RequestFailure> {
    guard let path = Self.path(params["textDocument"]?["uri"]), let document = workspace.documents[path],
      let index = workspace.index(for: path)
    else { return .failure(.invalidParams("the document is not open")) }
    let own = index.symbols(inFile: path)
    func json(_ symbol: EditorSymbol, children: [EditorSymbol]) -> JSONValue {
      var members = [
        JSONMember("name", .string(symbol.name)),
        JSONMember("detail", .string(symbol.kind + (symbol.labels.map { " — " + $0[language] } ?? ""))),
        JSONMember("kind", .number(Self.symbolKind(symbol.kind))),
        JSONMember("range", Self.json(document.text.range(of: symbol.span.range))),
        JSONMember("selectionRange", Self.json(document.text.range(of: symbol.nameSpan.range))),
      ]
      if !children.isEmpty { members.append(JSONMember("children", .array(children.map { json($0, children: []) }))) }
      return .object(members)
    }
    let outline = own.filter { $0.kind != "value" && $0.kind != "field" }.map { symbol in
      json(symbol, children: own.filter { ($0.kind == "value" || $0.kind == "field") && $0.container == symbol.name })
    }
    return .success(.array(outline))
  }

  func completion(_ params: JSONValue) -> Result<JSONValue, RequestFailure> {
    place(params).map { path, offset, index in
      let prefix = workspace.documents[path]?.text.linePrefix(before: offset) ?? ""
      return .array(index.completions(linePrefix: prefix, language: language).map { item in
        var members = [
          JSONMember("label", .string(item.label)), JSONMember("kind", .number(Self.completionKind(item.kind))),
          JSONMember("sortText", .string("\(item.group) \(item.label)")),
        ]
        if let detail = item.detail { members.append(JSONMember("detail", .string(detail))) }
        if let documentation = item.documentation {
          members.append(JSONMember("documentation", .string(documentation)))
        }
        return .object(members)
      })
    }
  }

  /// The whole document replaced by its `mizan fmt` form; no edit when it is formatted already,
  /// has syntax errors, or is an approved version whose tokens formatting would change.
  func formatting(_ params: JSONValue) -> Result<JSONValue, RequestFailure> {
    guard let path = Self.path(params["textDocument"]?["uri"]), let document = workspace.documents[path] else {
      return .failure(.invalidParams("the document is not open"))
    }
    guard case .success(let formatted) = PolicyFormatting.formatted(bytes: document.text.bytes, path: path),
      formatted != document.text.string,
      !PolicyFormatting.wouldChangeApprovedFingerprint(path, original: document.text.string, formatted: formatted)
    else { return .success(.array([])) }
    let whole = document.text.range(of: 0..<document.text.bytes.count)
    return .success(.array([.object(["range": Self.json(whole), "newText": .string(formatted)])]))
  }

  /// A quick fix for each diagnostic in the range whose help names a replacement.
  func codeActions(_ params: JSONValue) -> Result<JSONValue, RequestFailure> {
    guard let path = Self.path(params["textDocument"]?["uri"]), let document = workspace.documents[path],
      let range = Self.range(params["range"])
    else { return .failure(.invalidParams("the document is not open")) }
    let wanted = document.text.offset(of: range.start)...document.text.offset(of: range.end)
    var actions: [JSONValue] = []
    for diagnostic in workspace.diagnostics(in: path) {
      guard let span = diagnostic.span, wanted.overlaps(span.range.lowerBound...span.range.upperBound),
        let replacement = Self.suggestedReplacement(diagnostic)
      else { continue }
      let edit = JSONValue.object([
        "range": Self.json(document.text.range(of: span.range)), "newText": .string(replacement),
      ])
      actions.append(.object([
        "title": .string(language == .arabic ? "استبدل بـ `\(replacement)`" : "Replace with `\(replacement)`"),
        "kind": .string("quickfix"),
        "diagnostics": .array([json(diagnostic, in: document.text)]),
        "isPreferred": .bool(true),
        "edit": .object(["changes": .object([JSONMember(Self.uri(path), .array([edit]))])]),
      ]))
    }
    return .success(.array(actions))
  }

  /// The protocol's `SymbolKind` for a declaring keyword.
  static func symbolKind(_ kind: String) -> Double {
    switch kind {
    case "enum": 10
    case "value": 22
    case "parameter": 14
    case "fact", "field": 8
    case "document", "member": 23
    case "derived": 13
    case "committee", "vocabulary": 2
    default: 12  // conditions, requirements, stages: rules, shown as functions
    }
  }

  /// The protocol's `CompletionItemKind` for a candidate.
  static func completionKind(_ kind: EditorCompletion.Kind) -> Double {
    switch kind {
    case .keyword: 14
    case .type: 7
    case .function: 3
    case .declared(let keyword):
      switch keyword {
      case "enum": 13
      case "value": 20
      case "parameter": 21
      case "fact", "field": 5
      case "document", "member": 22
      case "derived": 6
      default: 18
      }
    }
  }
}
