import MizanCore
import MizanSyntax

/// Households: kinds of member (`member child { … }`), their facts
/// (`fact birth_date of child: date`), and the quantifiers that read them
/// (`count(children where whole_years(birth_date, submitted_on) < 18)`).
extension Checker {
  /// The kinds of member and their facts. Only facts can belong to a member kind; a kind must
  /// be declared before a list of it is.
  mutating func checkMembers(_ declarations: [Declaration], owned: [Declaration]) -> [MemberKind] {
    var kinds: [MemberKind] = []
    var shownByNames: [Identifier?] = []
    for declaration in declarations {
      guard case .member(let shownBy) = declaration.kind else { continue }
      memberKindsByName[declaration.name.name] = kinds.count
      kinds.append(MemberKind(described: described(declaration), facts: [], shownBy: nil))
      shownByNames.append(shownBy)
      memberFactSlots.append([:])
      memberDocumentSlots.append([:])
    }
    for declaration in owned {
      guard let owner = declaration.owner else { continue }
      if case .document(let providerName, let validity) = declaration.kind, let kind = memberKindsByName[owner.name] {
        if providerName == nil { report(.missingProvider, at: declaration.name.span) }
        memberDocumentSlots[kind][declaration.name.name] = kinds[kind].documents.count
        let (fields, tests) = checkDocumentFields(declaration, validity: validity)
        kinds[kind].documents.append(DocumentType(described: described(declaration), provider: checkProvider(providerName),
                                                  validity: validity, fields: fields, tests: tests))
        lintLabels(declaration.labels, name: declaration.name.name, at: declaration.name.span)
        continue
      }
      guard case .fact(let type, let providerName) = declaration.kind else {
        report(.ownedNotAFact(declaration.keyword, owner.name), at: owner.span,
               help: LocalizedText(ar: "المعلومات والمستندات وحدها تخص كل فرد: `fact \(declaration.name.name) of \(owner.name): …`",
                                   en: "only facts and documents belong to each member: `fact \(declaration.name.name) of \(owner.name): …`"))
        continue
      }
      guard let kind = memberKindsByName[owner.name] else {
        report(.unknownMemberKind(owner.name), at: owner.span, help: memberKindHint(owner.name))
        symbols.poisoned.insert(declaration.name.name)
        continue
      }
      let resolved = resolveType(type)
      if case .listOf? = resolved {
        report(.nestedList(declaration.name.name), at: type.span,
               help: LocalizedText(ar: "اجعل القائمة معلومة للطلب نفسه (`fact …: list of …`)؛ الأفراد لا يحملون قوائم",
                                   en: "make the list a fact of the application itself (`fact …: list of …`); members hold no lists"))
        continue
      }
      memberFactSlots[kind][declaration.name.name] = kinds[kind].facts.count
      kinds[kind].facts.append(CheckedFact(described: described(declaration), type: resolved ?? .text,
                                           provider: checkProvider(providerName)))
      lintLabels(declaration.labels, name: declaration.name.name, at: declaration.name.span)
    }
    for (index, shownBy) in shownByNames.enumerated() {
      guard let shownBy else { continue }
      if let slot = memberFactSlots[index][shownBy.name] {
        kinds[index].shownBy = slot
      } else {
        report(.unknownMemberFact(shownBy.name, of: kinds[index].name), at: shownBy.span,
               help: didYouMean(shownBy.name, among: memberFactSlots[index].keys))
      }
    }
    memberKinds = kinds
    return kinds
  }

  /// `requirement id: doc [or doc] of list [where e] [when e]`: an item for each member the
  /// `where` selects, checked in the member's scope; `when` in the application's.
  mutating func checkMemberRequirements(_ declarations: [Declaration]) -> [CheckedMemberRequirement] {
    var result: [CheckedMemberRequirement] = []
    for declaration in declarations {
      guard case .memberRequirement(let alternatives, let list, let filter, let when) = declaration.kind else { continue }
      guard case .fact(let slot)? = symbols[list.name], case .listOf(let kindName) = factTypes[slot],
        let kind = memberKindsByName[kindName]
      else {
        report(.notAList(list.name), at: list.span,
               help: LocalizedText(ar: "المتطلب لكل فرد يُكتب على قائمة: `… of children`", en: "a requirement for each member names a list: `… of children`"))
        continue
      }
      var items: [Int] = []
      for alternative in alternatives {
        if let index = memberDocumentSlots[kind][alternative.name] {
          items.append(index)
        } else {
          report(.unknownMemberDocument(alternative.name, of: kindName), at: alternative.span,
                 help: didYouMean(alternative.name, among: memberDocumentSlots[kind].keys)
                   ?? LocalizedText(ar: "عرّفه: `document \(alternative.name) of \(kindName) { … }`",
                                    en: "declare it: `document \(alternative.name) of \(kindName) { … }`"))
        }
      }
      if alternatives.isEmpty { report(.emptyRequirement, at: declaration.name.span) }
      var typedFilter: TypedExpression?
      if let filter {
        memberScope = kind
        typedFilter = checkBoolean(filter)
        memberScope = nil
        guard typedFilter != nil else { continue }
      }
      var typedWhen: TypedExpression?
      if let when {
        guard let checked = checkBoolean(when) else { continue }
        typedWhen = checked
      }
      guard items.count == alternatives.count, !items.isEmpty else { continue }
      result.append(CheckedMemberRequirement(described: described(declaration), list: slot, kind: kind,
                                             alternatives: items, filter: typedFilter, when: typedWhen))
    }
    return result
  }

  /// `count(list [where e])`, `any(list where e)`, `all(list where e)`, `sum(e of list [where e])`.
  mutating func typeCheckQuantifier(_ quantifier: Quantifier, list: Identifier, body: Expression?,
                                    filter: Expression?, span: SourceSpan) -> (TypedExpression, ValueType)? {
    guard memberScope == nil else {
      report(.nestedQuantifier, at: span,
             help: LocalizedText(ar: "اجعل السؤال الداخلي قيمة مشتقة، أو اجمع الشرطين في `where` واحد",
                                 en: "ask about one list at a time: join the tests in one `where`"))
      return nil
    }
    guard case .fact(let slot)? = symbols[list.name], case .listOf(let kindName) = factTypes[slot],
      let kind = memberKindsByName[kindName]
    else {
      if !symbols.poisoned.contains(list.name) {
        let lists = symbols.allNames.filter { name in
          if case .fact(let slot)? = symbols[name], case .listOf = factTypes[slot] { return true }
          return false
        }
        report(.notAList(list.name), at: list.span,
               help: didYouMean(list.name, among: lists)
                 ?? LocalizedText(ar: "القوائم تُعرَّف `fact children: list of child`", en: "a list is declared `fact children: list of child`"))
      }
      return nil
    }
    memberScope = kind
    defer { memberScope = nil }
    var typedFilter: TypedExpression?
    if let filter {
      guard let typed = checkBoolean(filter) else { return nil }
      typedFilter = typed
    }
    let resultType: ValueType
    var typedBody: TypedExpression?
    switch quantifier {
    case .count:
      resultType = .number(.count)
    case .any, .all:
      guard typedFilter != nil else {
        report(.quantifierNeedsWhere(quantifier.rawValue), at: span,
               help: LocalizedText(ar: "مثل `\(quantifier.rawValue)(\(list.name) where …)`",
                                   en: "as in `\(quantifier.rawValue)(\(list.name) where …)`"))
        return nil
      }
      resultType = .bool
    case .sum:
      guard let body, let (typed, type) = typeCheck(body, expecting: nil) else { return nil }
      guard case .number(let kind) = type, kind != .months else {
        report(.typeMismatch(expected: ValueType.number(.plain).localizedName, found: type.localizedName), at: body.span)
        return nil
      }
      typedBody = typed
      resultType = .number(kind == .count ? .count : kind)
    }
    return (.quantifier(quantifier, list: slot, kind: kind, filter: typedFilter, body: typedBody, span: span), resultType)
  }

  /// Reports an operand that is a list of members, which is read only by a quantifier; true if
  /// one was.
  mutating func reportsListAsValue(_ operands: [(Expression, ValueType)]) -> Bool {
    for (expression, type) in operands {
      guard case .listOf = type else { continue }
      let name = if case .name(let identifier) = expression { identifier.name } else { "…" }
      report(.listAsValue(name), at: expression.span,
             help: LocalizedText(ar: "مثل `count(\(name))` أو `any(\(name) where …)`",
                                 en: "as in `count(\(name))` or `any(\(name) where …)`"))
      return true
    }
    return false
  }

  /// "Did you mean" among the member kinds, or how to declare one.
  func memberKindHint(_ name: String) -> LocalizedText {
    didYouMean(name, among: memberKindsByName.keys)
      ?? LocalizedText(ar: "عرّفه: `member \(name) { label ar \"…\" en \"…\" }`",
                       en: "declare it: `member \(name) { label ar \"…\" en \"…\" }`")
  }

  /// A fact of the member in scope, or nil when the name is not one.
  func memberFact(_ identifier: Identifier) -> (TypedExpression, ValueType)? {
    guard let scope = memberScope, let slot = memberFactSlots[scope][identifier.name] else { return nil }
    return (.memberFact(kind: scope, slot: slot, span: identifier.span), memberKinds[scope].facts[slot].type)
  }

  /// The member kinds that have a fact named `name`: for the hint when it is used outside a
  /// quantifier.
  func memberKindsHaving(_ name: String) -> [String] {
    memberKinds.indices.filter { memberFactSlots[$0][name] != nil }.map { memberKinds[$0].name }
  }
}

extension DiagnosticMessage {
  static func unknownMemberKind(_ name: String) -> DiagnosticMessage {
    DiagnosticMessage("check.unknownMemberKind", .error,
                      ar: "لا يوجد نوع أفراد باسم `\(name)` (يُعرَّف بـ `member \(name) { … }`)",
                      en: "no member kind named `\(name)` (declare it with `member \(name) { … }`)")
  }

  static func ownedNotAFact(_ keyword: String, _ kind: String) -> DiagnosticMessage {
    DiagnosticMessage("check.ownedNotAFact", .error,
                      ar: "`\(keyword) … of \(kind)`: المعلومات والمستندات وحدها تخص كل فرد من `\(kind)`",
                      en: "`\(keyword) … of \(kind)`: only facts and documents belong to each `\(kind)`")
  }

  static func nestedList(_ name: String) -> DiagnosticMessage {
    DiagnosticMessage("check.nestedList", .error,
                      ar: "`\(name)`: لا تحوي معلومة فرد قائمة أفراد أخرى",
                      en: "`\(name)`: a member's fact cannot be a list of members")
  }

  static func unknownMemberFact(_ name: String, of kind: String) -> DiagnosticMessage {
    DiagnosticMessage("check.unknownMemberFact", .error,
                      ar: "لا توجد معلومة `\(name)` لكل `\(kind)`",
                      en: "`\(kind)` has no fact `\(name)`")
  }

  static func unknownMemberDocument(_ name: String, of kind: String) -> DiagnosticMessage {
    DiagnosticMessage("check.unknownMemberDocument", .error,
                      ar: "لا يوجد مستند `\(name)` لكل `\(kind)` (`document \(name) of \(kind) { … }`)",
                      en: "`\(kind)` has no document `\(name)` (`document \(name) of \(kind) { … }`)")
  }

  static func notAList(_ name: String) -> DiagnosticMessage {
    DiagnosticMessage("check.notAList", .error,
                      ar: "`\(name)` ليست قائمة أفراد (`fact … : list of …`)",
                      en: "`\(name)` is not a list of members (`fact …: list of …`)")
  }

  static func listAsValue(_ name: String) -> DiagnosticMessage {
    DiagnosticMessage("check.listAsValue", .error,
                      ar: "`\(name)` قائمة أفراد: تُقرأ بـ `count` أو `any` أو `all` أو `sum`",
                      en: "`\(name)` is a list of members: it is read through `count`, `any`, `all` or `sum`")
  }

  static let nestedQuantifier = DiagnosticMessage(
    "check.nestedQuantifier", .error,
    ar: "سؤال عن قائمة داخل سؤال عن قائمة أخرى", en: "a question about a list inside a question about a list")

  static func quantifierNeedsWhere(_ quantifier: String) -> DiagnosticMessage {
    DiagnosticMessage("check.quantifierNeedsWhere", .error,
                      ar: "`\(quantifier)` يحتاج شرطًا بعد `where`", en: "`\(quantifier)` needs a test after `where`")
  }

  static func memberFactOutsideQuantifier(_ name: String, kinds: [String]) -> DiagnosticMessage {
    let list = kinds.joined(separator: ", ")
    return DiagnosticMessage("check.memberFactOutsideQuantifier", .error,
                             ar: "`\(name)` معلومة لكل فرد من (\(list)): لا تُقرأ إلا داخل `count` أو `any` أو `all` أو `sum`",
                             en: "`\(name)` is a fact of each \(list): it is read only inside `count`, `any`, `all` or `sum`")
  }
}

/// Documents' own fields and the `valid if` tests that read them.
extension Checker {
  /// The fields of a document declaration and its tests, typed in the document's scope.
  mutating func checkDocumentFields(_ declaration: Declaration, validity: [ValidityRule])
    -> (fields: [CheckedFact], tests: [CheckedDocumentTest])
  {
    var fields: [CheckedFact] = []
    var scope: [String: (slot: Int, type: ValueType)] = [:]
    for field in declaration.fields {
      if scope[field.name.name] != nil || DocumentFieldNames.standard.contains(field.name.name) {
        report(.duplicateDocumentField(field.name.name), at: field.name.span,
               help: LocalizedText(ar: "سمِّ الحقل باسم آخر", en: "give the field another name"))
        continue
      }
      let type = resolveType(field.type) ?? .text
      if case .listOf = type { report(.nestedList(field.name.name), at: field.type.span) }
      scope[field.name.name] = (fields.count, type)
      let labels = field.labels?.localized ?? .same(field.name.name)
      lintLabels(field.labels, name: field.name.name, at: field.name.span)
      fields.append(CheckedFact(described: Described(name: field.name.name, labels: labels, provenance: nil,
                                                     span: field.name.span), type: type))
    }
    var tests: [CheckedDocumentTest] = []
    for case .test(let test, let otherwise, _) in validity {
      documentScope = scope
      let typed = checkBoolean(test)
      documentScope = nil
      lintLabels(otherwise, name: "otherwise", at: otherwise.span)
      if let typed { tests.append(CheckedDocumentTest(test: typed, otherwise: otherwise.localized)) }
    }
    return (fields, tests)
  }
}

extension DiagnosticMessage {
  static func outsideDocumentTest(_ name: String) -> DiagnosticMessage {
    DiagnosticMessage("check.outsideDocumentTest", .error,
                      ar: "`\(name)` ليس من حقول المستند: اختبار `valid if` يقرأ حقوله والمعاملات فقط",
                      en: "`\(name)` is not a field of the document: a `valid if` test reads its fields and parameters only")
  }

  static func duplicateDocumentField(_ name: String) -> DiagnosticMessage {
    DiagnosticMessage("check.duplicateDocumentField", .error,
                      ar: "الحقل `\(name)` مكرر أو من حقول كل مستند (type, expires_on, dated, signed_on, issued_on, number, note)",
                      en: "field `\(name)` is declared twice or is one every document has (type, expires_on, dated, signed_on, issued_on, number, note)")
  }
}

/// The fields every document has (docs/records.md), which a declared field may not shadow.
enum DocumentFieldNames {
  static let standard: Set<String> = ["type", "expires_on", "dated", "signed_on", "issued_on", "number", "note",
                                                   "documents"]
}
