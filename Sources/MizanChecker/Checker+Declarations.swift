import MizanCore
import MizanSyntax

extension Checker {
  /// Included declarations first, then the version's own; `override` replaces an included
  /// declaration in place, and any other repeated name is a duplicate.
  mutating func mergedDeclarations() -> [Declaration] {
    var merged: [Declaration] = []
    var positions: [String: Int] = [:]
    var fromInclude: Set<String> = []
    // A member's fact is known by its kind and name: `birth_date` of a child and of a household
    // member are two facts.
    func key(_ declaration: Declaration) -> String { declaration.qualifiedName }
    for file in sources.includes {
      for declaration in file.declarations {
        if let existing = positions[key(declaration)] {
          if declaration.isOverride {
            merged[existing] = declaration
          } else {
            reportDuplicate(declaration, first: merged[existing])
          }
          continue
        }
        positions[key(declaration)] = merged.count
        fromInclude.insert(key(declaration))
        merged.append(declaration)
      }
    }
    for declaration in sources.main.declarations {
      let name = key(declaration)
      if let existing = positions[name] {
        if declaration.isOverride, fromInclude.contains(name) {
          if merged[existing].keyword != declaration.keyword {
            report(.overrideKindMismatch(name, merged[existing].keyword), at: declaration.name.span,
                   notes: [DiagnosticNote(LocalizedText(ar: "التعريف المضمَّن هنا", en: "included declaration here"),
                                          at: merged[existing].name.span)])
          }
          merged[existing] = declaration
          fromInclude.remove(name)
        } else {
          reportDuplicate(declaration, first: merged[existing])
        }
        continue
      }
      if declaration.isOverride {
        report(.overrideWithoutTarget(name), at: declaration.name.span)
      }
      positions[name] = merged.count
      merged.append(declaration)
    }
    return merged
  }

  mutating func reportDuplicate(_ declaration: Declaration, first: Declaration) {
    let isFromInclude = first.name.span.file !== declaration.name.span.file
    report(.duplicateDeclaration(declaration.name.name), at: declaration.name.span,
           notes: [DiagnosticNote(LocalizedText(ar: "عُرّف أولاً هنا", en: "first declared here"), at: first.name.span)],
           help: isFromInclude
             ? LocalizedText(ar: "لاستبدال التعريف المضمَّن اكتب `override \(declaration.keyword) …`",
                             en: "to replace the included declaration, write `override \(declaration.keyword) …`")
             : nil)
    symbols.poisoned.insert(declaration.name.name)
  }

  /// Gives every declaration its index among those of its kind.
  mutating func declareSymbols(_ declarations: [Declaration]) {
    var counts: [String: Int] = [:]
    for name in SymbolTable.envelopeFacts {
      symbols.symbols[name] = .fact(counts["fact", default: 0])
      counts["fact", default: 0] += 1
    }
    for declaration in declarations {
      let name = declaration.name.name
      if symbols.symbols[name] != nil { continue }
      let next = counts[declaration.keyword, default: 0]
      switch declaration.kind {
      case .enumeration:
        counts[declaration.keyword] = next + 1
        continue
      case .parameter: symbols.symbols[name] = .parameter(next)
      case .fact: symbols.symbols[name] = .fact(next)
      case .document: symbols.symbols[name] = .document(next)
      case .derived: symbols.symbols[name] = .derived(next)
      case .condition: symbols.symbols[name] = .condition(next)
      case .requirement: symbols.symbols[name] = .requirement(counts["plainRequirement", default: 0])
      case .memberRequirement, .stage: symbols.symbols[name] = .rule
      case .vocabulary: symbols.symbols[name] = .vocabulary(next)
      case .committee: symbols.symbols[name] = .committee
      case .member: symbols.symbols[name] = .memberKind(next)
      }
      counts[declaration.keyword] = next + 1
      if case .requirement = declaration.kind { counts["plainRequirement", default: 0] += 1 }
      symbols.spans[name] = declaration.name.span
    }
  }

  func described(_ declaration: Declaration) -> Described {
    Described(name: declaration.name.name, labels: declaration.labels?.localized ?? .same(declaration.name.name),
              provenance: declaration.provenance, span: declaration.name.span)
  }

  mutating func checkEnumerations(_ declarations: [Declaration]) -> [EnumerationType] {
    var result: [EnumerationType] = []
    for declaration in declarations {
      guard case .enumeration(let values) = declaration.kind else { continue }
      var names: [String] = []
      var labels: [LocalizedText] = []
      for value in values {
        if names.contains(value.name.name) {
          report(.duplicateValue(value.name.name), at: value.name.span)
          continue
        }
        names.append(value.name.name)
        labels.append(value.labels?.localized ?? .same(value.name.name))
        lintLabels(value.labels, name: value.name.name, at: value.name.span)
      }
      if names.count > 64 { report(.tooManyEnumValues, at: declaration.name.span) }
      result.append(EnumerationType(name: declaration.name.name, labels: declaration.labels?.localized ?? .same(declaration.name.name),
                                    values: names, valueLabels: labels))
    }
    enumerationsByName = Dictionary(result.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    return result
  }

  /// Resolves a written type; reports and returns nil when it names nothing.
  mutating func resolveType(_ type: TypeExpression) -> ValueType? {
    switch type {
    case .named(let name):
      if name.name == "?" { return nil }
      if let builtin = ValueType.builtins[name.name] { return builtin }
      if enumerationsByName[name.name] != nil { return .enumeration(name.name) }
      reportUnknownType(name)
      return nil
    case .setOf(let element, _):
      if enumerationsByName[element.name] != nil { return .setOf(element.name) }
      reportUnknownType(element)
      return nil
    case .listOf(let member, _):
      if memberKindsByName[member.name] != nil { return .listOf(member.name) }
      report(.unknownMemberKind(member.name), at: member.span, help: memberKindHint(member.name))
      return nil
    }
  }

  mutating func reportUnknownType(_ name: Identifier) {
    let candidates = Array(ValueType.builtins.keys) + enumerationsByName.keys
    report(.unknownType(name.name), at: name.span, help: didYouMean(name.name, among: candidates))
  }

  func didYouMean(_ name: String, among candidates: some Sequence<String>) -> LocalizedText? {
    guard let nearest = Suggestions.nearest(to: name, among: candidates) else { return nil }
    var help = LocalizedText(ar: "هل تقصد `\(nearest)`؟", en: "did you mean `\(nearest)`?")
    if let span = symbols.spans[nearest] {
      help = help + LocalizedText(ar: " (معرّف في \(span.start))", en: " (declared at \(span.start))")
    }
    return help
  }

  mutating func checkFacts(_ declarations: [Declaration]) -> [CheckedFact] {
    var facts = envelopeFacts()
    for declaration in declarations {
      guard case .fact(let type, let providerName) = declaration.kind else { continue }
      let resolved = resolveType(type)
      if resolved == nil { symbols.poisoned.insert(declaration.name.name) }
      facts.append(CheckedFact(described: described(declaration), type: resolved ?? .text,
                               provider: checkProvider(providerName)))
    }
    factTypes = facts.map(\.type)
    return facts
  }

  /// The envelope fields every record carries, as facts in the first slots.
  func envelopeFacts() -> [CheckedFact] {
    let span = SourceSpan(file: sources.main.source, range: 0..<0)
    func fact(_ name: String, _ type: ValueType, _ labels: LocalizedText) -> CheckedFact {
      CheckedFact(described: Described(name: name, labels: labels, provenance: nil, span: span), type: type)
    }
    return [
      fact("submitted_on", .date, LocalizedText(ar: "تاريخ تقديم الطلب", en: "Submission date")),
      fact("channel", enumerationsByName["channel"] == nil ? .text : .enumeration("channel"),
           LocalizedText(ar: "قناة التواصل", en: "Channel")),
      fact("application_id", .text, LocalizedText(ar: "رقم الطلب", en: "Application id")),
    ]
  }

  /// `provided_by applicant|staff`: the provider named, or the applicant when none is (or the
  /// name is unknown, which is reported).
  mutating func checkProvider(_ name: Identifier?) -> Provider {
    guard let name else { return .applicant }
    if let known = Provider(rawValue: name.name) { return known }
    report(.unknownProvider(name.name), at: name.span, help: didYouMean(name.name, among: Provider.allCases.map(\.rawValue)))
    return .applicant
  }

  mutating func checkDocuments(_ declarations: [Declaration]) -> [DocumentType] {
    var documents: [DocumentType] = []
    for declaration in declarations {
      guard case .document(let providerName, let validity) = declaration.kind else { continue }
      if providerName == nil { report(.missingProvider, at: declaration.name.span) }
      let provider = checkProvider(providerName)
      let (fields, tests) = checkDocumentFields(declaration, validity: validity)
      documents.append(DocumentType(described: described(declaration), provider: provider, validity: validity,
                                    fields: fields, tests: tests))
    }
    return documents
  }

  mutating func checkCommittee(_ declarations: [Declaration]) -> CheckedCommittee? {
    var committee: CheckedCommittee?
    for declaration in declarations {
      guard case .committee(let replyAfter) = declaration.kind else { continue }
      if committee != nil {
        report(.multipleCommittees, at: declaration.name.span)
        continue
      }
      guard let replyAfter else {
        report(.missingReplyPeriod, at: declaration.name.span)
        continue
      }
      var days = 0
      if let (typed, type) = typeCheck(replyAfter, expecting: .number(.days)) {
        if type != .number(.days) {
          report(.typeMismatch(expected: ValueType.number(.days).localizedName, found: type.localizedName),
                 at: replyAfter.span)
        } else if case .number(let value)? = fold(typed), let whole = value.wholeValue {
          days = whole
        } else {
          report(.notAConstant, at: replyAfter.span)
        }
      }
      committee = CheckedCommittee(described: described(declaration), replyAfterDays: days)
    }
    return committee
  }
}
