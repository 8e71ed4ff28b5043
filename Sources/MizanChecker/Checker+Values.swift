import MizanCore
import MizanSyntax

extension Checker {
  /// Parameters are constants: their values may use literals and earlier parameters only.
  mutating func checkParameters(_ declarations: [Declaration]) -> [CheckedParameter] {
    var parameters: [CheckedParameter] = []
    for declaration in declarations {
      guard case .parameter(let type, let expression) = declaration.kind else { continue }
      let resolved = resolveType(type)
      var value: Value?
      checkingParameterValue = true
      if let resolved, let (typed, found) = typeCheck(expression, expecting: resolved) {
        if isAssignable(found, to: resolved) {
          value = fold(typed)
          if value == nil { report(.invalidParameterValue(declaration.name.name), at: expression.span) }
        } else {
          report(.typeMismatch(expected: resolved.localizedName, found: found.localizedName), at: expression.span,
                 help: unitHelp(expected: resolved, found: found, expression: expression))
        }
      }
      checkingParameterValue = false
      if value == nil { symbols.poisoned.insert(declaration.name.name) }
      parameterTypes.append(resolved ?? .text)
      parameterValues.append(value)
      parameters.append(CheckedParameter(described: described(declaration), type: resolved ?? .text,
                                         value: value ?? .bool(false)))
    }
    return parameters
  }

  /// Derived values may use each other, but not in a cycle; they are checked and stored in
  /// dependency order so the evaluator computes each once, after what it needs.
  mutating func checkDerived(_ declarations: [Declaration]) -> [CheckedDerived] {
    let derivedDeclarations = declarations.filter {
      if case .derived = $0.kind { return true }
      return false
    }
    let order = dependencyOrder(of: derivedDeclarations)
    for (position, declarationIndex) in order.enumerated() { derivedOrder[declarationIndex] = position }
    var result: [CheckedDerived] = []
    for declarationIndex in order {
      let declaration = derivedDeclarations[declarationIndex]
      guard case .derived(let type, let expression) = declaration.kind else { continue }
      let resolved = resolveType(type)
      var typedExpression: TypedExpression?
      if let resolved, let (typed, found) = typeCheck(expression, expecting: resolved) {
        if isAssignable(found, to: resolved) {
          typedExpression = typed
        } else {
          report(.typeMismatch(expected: resolved.localizedName, found: found.localizedName), at: expression.span,
                 help: unitHelp(expected: resolved, found: found, expression: expression))
        }
      }
      guard let resolved, let typedExpression else {
        symbols.poisoned.insert(declaration.name.name)
        derivedTypes[declarationIndex] = nil
        continue
      }
      derivedTypes[declarationIndex] = resolved
      result.append(CheckedDerived(described: described(declaration), type: resolved, expression: typedExpression))
    }
    return result
  }

  /// A topological order of derived declarations (by index), reporting each cycle once.
  /// Declarations in a cycle are left out and poisoned.
  mutating func dependencyOrder(of declarations: [Declaration]) -> [Int] {
    var indexByName: [String: Int] = [:]
    for (index, declaration) in declarations.enumerated() where indexByName[declaration.name.name] == nil {
      indexByName[declaration.name.name] = index
    }
    let edges: [[Int]] = declarations.map { declaration in
      guard case .derived(_, let expression) = declaration.kind else { return [] }
      return referencedNames(in: expression).compactMap { indexByName[$0] }
    }
    enum Mark { case visiting, done }
    var marks: [Int: Mark] = [:]
    var order: [Int] = []
    var inCycle: Set<Int> = []
    // Depth-first, on an explicit stack rather than by recursion: a chain of thousands of
    // derived values, each using the next, must not overflow the call stack. Each frame is a
    // node and the index of the next edge to follow from it.
    for root in declarations.indices where marks[root] == nil {
      var path: [(node: Int, nextEdge: Int)] = [(root, 0)]
      marks[root] = .visiting
      while let (node, nextEdge) = path.last {
        guard nextEdge < edges[node].count else {
          path.removeLast()
          marks[node] = .done
          if !inCycle.contains(node) { order.append(node) }
          continue
        }
        path[path.count - 1].nextEdge += 1
        let next = edges[node][nextEdge]
        switch marks[next] {
        case .done?:
          continue
        case .visiting?:
          guard let start = path.firstIndex(where: { $0.node == next }) else { continue }
          let cycle = path[start...].map(\.node)
          if cycle.allSatisfy({ !inCycle.contains($0) }) {
            let names = (cycle + [next]).map { declarations[$0].name.name }
            report(.circularDerived(names), at: declarations[next].name.span)
          }
          inCycle.formUnion(cycle)
        case nil:
          marks[next] = .visiting
          path.append((next, 0))
        }
      }
    }
    for node in inCycle { symbols.poisoned.insert(declarations[node].name.name) }
    return order.filter { !inCycle.contains($0) }
  }

  /// Every plain name an expression mentions (a syntactic walk, before resolution).
  func referencedNames(in expression: Expression) -> [String] {
    switch expression {
    case .name(let identifier): [identifier.name]
    case .literal, .missing: []
    case .not(let inner, _), .negate(let inner, _): referencedNames(in: inner)
    case .binary(_, let left, let right, _): referencedNames(in: left) + referencedNames(in: right)
    case .membership(let element, let set, _, _): referencedNames(in: element) + referencedNames(in: set)
    case .set(let elements, _): elements.flatMap { referencedNames(in: $0) }
    case .call(_, let arguments, _): arguments.flatMap { referencedNames(in: $0) }
    case .quantifier(_, let list, let body, let filter, _):
      [list.name] + [body, filter].compactMap { $0 }.flatMap { referencedNames(in: $0) }
    }
  }

  mutating func checkConditions(_ declarations: [Declaration]) -> [CheckedCondition] {
    var result: [CheckedCondition] = []
    for declaration in declarations {
      guard case .condition(let test, let when) = declaration.kind else { continue }
      guard let typedTest = checkBoolean(test) else { continue }
      var typedWhen: TypedExpression?
      if let when {
        guard let checked = checkBoolean(when) else { continue }
        typedWhen = checked
      }
      result.append(CheckedCondition(described: described(declaration), test: typedTest, when: typedWhen))
    }
    return result
  }

  mutating func checkRequirements(_ declarations: [Declaration]) -> [CheckedRequirement] {
    var result: [CheckedRequirement] = []
    for declaration in declarations {
      guard case .requirement(let alternatives, let when) = declaration.kind else { continue }
      var items: [RequirementItem] = []
      if alternatives.isEmpty { report(.emptyRequirement, at: declaration.name.span) }
      for alternative in alternatives {
        switch symbols[alternative.name] {
        case .document(let index): items.append(.document(index))
        case .fact(let index): items.append(.fact(index))
        case .some:
          report(.typeMismatch(expected: LocalizedText(ar: "مستند أو معلومة", en: "a document or a fact"),
                               found: LocalizedText(ar: "`\(alternative.name)`", en: "`\(alternative.name)`")),
                 at: alternative.span)
        case nil:
          reportUnknown(alternative, kind: LocalizedText(ar: "مستند", en: "document"),
                        candidates: !givesSuggestions ? [] : symbols.allNames.filter {
                          if case .document? = symbols[$0] { return true }
                          if case .fact? = symbols[$0] { return true }
                          return false
                        })
        }
      }
      var typedWhen: TypedExpression?
      if let when {
        guard let checked = checkBoolean(when) else { continue }
        typedWhen = checked
      }
      guard items.count == alternatives.count else { continue }
      result.append(CheckedRequirement(described: described(declaration), alternatives: items, when: typedWhen))
    }
    return result
  }

  /// Type-checks an expression that must be a boolean.
  mutating func checkBoolean(_ expression: Expression) -> TypedExpression? {
    guard let (typed, type) = typeCheck(expression, expecting: .bool) else { return nil }
    guard type == .bool else {
      report(.typeMismatch(expected: ValueType.bool.localizedName, found: type.localizedName), at: expression.span)
      return nil
    }
    return typed
  }

  mutating func reportUnknown(_ name: Identifier, kind: LocalizedText, candidates: [String]) {
    unknownNamesReported += 1
    report(.unknownName(kind, name.name), at: name.span, help: didYouMean(name.name, among: candidates))
  }

  /// Whether the next unknown name still gets a "did you mean": only the first
  /// `maxSuggestions` do. Finding one scans every declared name, so a hostile policy with a
  /// hundred thousand unknown names would otherwise take minutes; no more are shown anyway.
  var givesSuggestions: Bool { unknownNamesReported < Self.maxSuggestions }

  /// How many unknown names get a "did you mean" (the renderer shows 100 diagnostics).
  static let maxSuggestions = 200
}
