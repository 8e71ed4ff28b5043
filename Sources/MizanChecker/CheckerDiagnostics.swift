import MizanCore

/// Messages of the checker, alphabetical. Ids are `check.<property name>`.
extension DiagnosticMessage {
  static func argumentCount(_ function: String, expected: Int, found: Int) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.argumentCount", .error,
      ar: "الدالة `\(function)` تأخذ \(expected) من المعاملات، وأُعطيت \(found)",
      en: "`\(function)` takes \(expected) argument\(expected == 1 ? "" : "s"), found \(found)")
  }

  /// Rules whose `when`s (or the alternatives of an `or`) cover bands of a number with a hole
  /// between them: a value in the hole gets none of them.
  static func bandGap(_ rules: (String, String)?, slot: String, above: String, below: String,
                      witness: String) -> DiagnosticMessage {
    guard let (first, second) = rules else {
      return DiagnosticMessage(
        "check.bandGap", .warning,
        ar: "بدائل `or` تترك فجوة في `\(slot)` بين \(above) و\(below): لا يتحقق أي بديل عندما `\(slot)` = \(witness)",
        en: "the alternatives of this `or` leave a gap in `\(slot)` above \(above) and below \(below): "
          + "none holds for `\(slot)` = \(witness)")
    }
    return DiagnosticMessage(
      "check.bandGap", .warning,
      ar: "شروط `when` في `\(first)` و`\(second)` تترك فجوة في `\(slot)` بين \(above) و\(below): "
        + "لا تنطبق أي منهما عندما `\(slot)` = \(witness)",
      en: "the `when`s of `\(first)` and `\(second)` leave a gap in `\(slot)` above \(above) and below \(below): "
        + "neither applies for `\(slot)` = \(witness)")
  }

  /// Rules of one family whose `when`s share values of a number: both apply there.
  static func bandOverlap(_ first: String, _ second: String, slot: String, witness: String) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.bandOverlap", .warning,
      ar: "شروط `when` في `\(first)` و`\(second)` تتداخل في `\(slot)`: "
        + "تنطبق القاعدتان معاً عندما `\(slot)` = \(witness)",
      en: "the `when`s of `\(first)` and `\(second)` overlap in `\(slot)`: both rules apply for `\(slot)` = \(witness)")
  }

  static func provenanceOnEnumeration(_ name: String, assumed: Bool) -> DiagnosticMessage {
    let clause = assumed ? "assumed" : "cite"
    return DiagnosticMessage("check.provenanceOnEnumeration", .error,
                             ar: "`\(clause)` لا مكان له في التعداد `\(name)`: التعداد مفردات، لا قاعدة تُعدّ",
                             en: "`\(clause)` has no place in enumeration `\(name)`: a vocabulary is not a rule, and it would be counted nowhere")
  }

  static func circularDerived(_ cycle: [String]) -> DiagnosticMessage {
    let path = cycle.map { "`\($0)`" }.joined(separator: " → ")
    return DiagnosticMessage(
      "check.circularDerived", .error,
      ar: "قيم مشتقة دائرية: \(path)",
      en: "circular derived values: \(path)")
  }

  static let conditionAlwaysFalse = DiagnosticMessage(
    "check.conditionAlwaysFalse", .warning,
    ar: "هذا الشرط لا يتحقق أبداً: كل طلب سيكون غير مستحق",
    en: "this condition can never hold: every application would be ineligible")

  static let conditionAlwaysTrue = DiagnosticMessage(
    "check.conditionAlwaysTrue", .warning,
    ar: "هذا الشرط لا يكون خاطئاً أبداً: لا يجعل أي طلب غير مستحق",
    en: "this condition can never be false: it never makes an application ineligible")

  static func conditionsContradict(_ first: String, _ second: String) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.conditionsContradict", .warning,
      ar: "الشرطان `\(first)` و`\(second)` متناقضان: لا يستوفيهما أي طلب معاً، فلا يكون أي طلب مستحقاً",
      en: "conditions `\(first)` and `\(second)` contradict each other: no record satisfies both, "
        + "so no application can be eligible")
  }

  static func contradictionsNotAllChecked(checked: Int, of total: Int) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.contradictionsNotAllChecked", .note,
      ar: "توقف البحث عن الشروط المتناقضة بعد \(checked) من \(total) زوجاً من الشروط: حالاتها أكثر من أن تُتتبع كلها",
      en: "the search for contradicting conditions stopped after \(checked) of \(total) pairs of conditions: "
        + "they hold too many cases to follow them all")
  }

  static func duplicateDeclaration(_ name: String) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.duplicateDeclaration", .error,
      ar: "الاسم `\(name)` معرّف أكثر من مرة",
      en: "`\(name)` is declared more than once")
  }

  static func duplicateValue(_ name: String) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.duplicateValue", .error,
      ar: "القيمة `\(name)` مكررة في التعداد",
      en: "value `\(name)` appears more than once in the enumeration")
  }

  static let emptyCitation = DiagnosticMessage(
    "check.emptyCitation", .error,
    ar: "الاقتباس أو المبرر فارغ",
    en: "the citation or rationale is empty")

  static let emptyRequirement = DiagnosticMessage(
    "check.emptyRequirement", .error,
    ar: "المتطلب لا يسمي أي مستند أو معلومة",
    en: "the requirement names no document or fact")

  static func invalidParameterValue(_ name: String) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.invalidParameterValue", .error,
      ar: "قيمة المعامل `\(name)` يجب أن تكون ثابتة (أرقام، تواريخ، نصوص، معاملات أخرى)",
      en: "the value of parameter `\(name)` must be constant (literals and other parameters)")
  }

  static func missingHeaderField(_ field: String) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.missingHeaderField", .error,
      ar: "ترويسة السياسة ينقصها البند `\(field)`",
      en: "the policy header has no `\(field)`")
  }

  static let missingHeader = DiagnosticMessage(
    "check.missingHeader", .error,
    ar: "ملف النسخة ينقصه تعريف `policy <الجمعية> { … }`",
    en: "a version file needs a `policy <association> { … }` header")

  static func missingLabel(_ language: String, of name: String) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.missingLabel", .error,
      ar: "`\(name)` ينقصه الوصف \(language == "ar" ? "العربي" : "الإنجليزي") (`label \(language) \"…\"`)",
      en: "`\(name)` has no \(language == "ar" ? "Arabic" : "English") label (`label \(language) \"…\"`)")
  }

  static func missingProvenance(_ name: String) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.missingProvenance", .error,
      ar: "القاعدة `\(name)` لا تقتبس النص المعتمد ولا تصرح بأنها مفترضة",
      en: "rule `\(name)` neither quotes the approved text (`cite`) nor says it is `assumed`")
  }

  static func headerInInclude(_ path: String) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.headerInInclude", .error,
      ar: "الملف المضمَّن `\(path)` لا يجوز أن يحتوي ترويسة `policy`",
      en: "included file `\(path)` must not have a `policy` header")
  }

  static let notAConstant = DiagnosticMessage(
    "check.notAConstant", .error,
    ar: "المتوقع قيمة ثابتة هنا",
    en: "expected a constant value here")

  static func notOrdered(_ op: String, _ type: LocalizedText) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.notOrdered", .error,
      ar: "لا يمكن ترتيب \(type.arabic) بـ `\(op)`؛ الأرقام والتواريخ وحدها مرتبة",
      en: "`\(op)` cannot order \(type.english); only numbers and dates are ordered")
  }

  static func overrideWithoutTarget(_ name: String) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.overrideWithoutTarget", .error,
      ar: "`override` على `\(name)` ولا يوجد تعريف مضمَّن بهذا الاسم",
      en: "`override` of `\(name)`, but no included declaration has that name")
  }

  static func overrideKindMismatch(_ name: String, _ included: String) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.overrideKindMismatch", .error,
      ar: "`\(name)` يستبدل تعريفاً من نوع `\(included)` بنوع مختلف",
      en: "`\(name)` overrides a `\(included)` with a different kind of declaration")
  }

  static let ruleNeverApplies = DiagnosticMessage(
    "check.ruleNeverApplies", .warning,
    ar: "شرط `when` لا يتحقق أبداً: هذه القاعدة لا تنطبق على أي طلب",
    en: "the `when` condition can never hold: this rule never applies")

  static let tooManyEnumValues = DiagnosticMessage(
    "check.tooManyEnumValues", .error,
    ar: "التعداد يتجاوز 64 قيمة",
    en: "an enumeration may have at most 64 values")

  static func typeMismatch(expected: LocalizedText, found: LocalizedText) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.typeMismatch", .error,
      ar: "متوقع \(expected.arabic)، وُجد \(found.arabic)",
      en: "expected \(expected.english), found \(found.english)")
  }

  static func unitMismatch(_ operation: String, _ left: LocalizedText, _ right: LocalizedText) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.unitMismatch", .error,
      ar: "لا يمكن \(operation == "compare" ? "مقارنة" : "الجمع بين") \(left.arabic) و\(right.arabic)",
      en: "cannot \(operation) \(left.english) with \(right.english)")
  }

  static func unknownFunction(_ name: String) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.unknownFunction", .error,
      ar: "دالة غير معروفة `\(name)`",
      en: "unknown function `\(name)`")
  }

  static func unknownName(_ kind: LocalizedText, _ name: String) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.unknownName", .error,
      ar: "\(kind.arabic) غير معروف `\(name)`",
      en: "unknown \(kind.english) `\(name)`")
  }

  static func unknownProvider(_ name: String) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.unknownProvider", .error,
      ar: "مقدم المستند يجب أن يكون `applicant` أو `staff`، وُجد `\(name)`",
      en: "a document is provided by `applicant` or `staff`, found `\(name)`")
  }

  static func unknownType(_ name: String) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.unknownType", .error,
      ar: "نوع غير معروف `\(name)`",
      en: "unknown type `\(name)`")
  }

  static func unrequiredDocument(_ name: String) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.unrequiredDocument", .warning,
      ar: "المستند `\(name)` معرّف في هذه النسخة ولا يطلبه أي متطلب ولا تختبره أي قاعدة",
      en: "document `\(name)` is declared in this version but no requirement asks for it and no rule tests it")
  }

  static func unusedParameter(_ name: String) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.unusedParameter", .warning,
      ar: "المعامل `\(name)` معرّف ولا يُستخدم",
      en: "parameter `\(name)` is declared but never used")
  }

  static func reservedName(_ name: String) -> DiagnosticMessage {
    DiagnosticMessage(
      "check.reservedName", .error,
      ar: "`\(name)` اسم محجوز لحقل من غلاف الطلب",
      en: "`\(name)` is reserved for a field of the application envelope")
  }

  static let missingProvider = DiagnosticMessage(
    "check.missingProvider", .error,
    ar: "المستند لا يحدد من يقدمه (`provided_by applicant` أو `provided_by staff`)",
    en: "the document does not say who provides it (`provided_by applicant` or `provided_by staff`)")

  static let multipleCommittees = DiagnosticMessage(
    "check.multipleCommittees", .error,
    ar: "السياسة تعرّف أكثر من لجنة",
    en: "a policy may declare at most one committee")

  static let missingReplyPeriod = DiagnosticMessage(
    "check.missingReplyPeriod", .error,
    ar: "اللجنة تحتاج مدة رد (`reply_after 14 days`)",
    en: "the committee needs a reply period (`reply_after 14 days`)")
}
