import MizanChecker
import MizanCore

// The texts inside an outcome's strings: checklist details ("National ID provided, valid until
// 2027-01-01"), document problems, and values as a trace step shows them. Written escaped, as the
// content of a JSON string, straight into the output.

extension OutcomeParts {
  /// The detail of requirement `index`'s item in `language`. `record` is needed only for the
  /// details that show its facts (`undetermined`, `givenFact`); the template renders the others
  /// without one.
  func detail(_ detail: ChecklistDetail, requirement index: Int, _ language: Language, submittedOn: CalendarDate,
              record: ApplicantRecord?, _ out: inout ByteBuffer) {
    let arabic = language == .arabic
    switch detail {
    case .notRequired:
      out.append(literal: arabic ? "غير مطلوب لهذا الطلب" : "not required for this application")
    case .undetermined(let facts):
      out.append(literal: arabic ? "يعتمد على معلومات غير معروفة: " : "depends on unknown facts: ")
      for (position, fact) in facts.enumerated() {
        if position > 0 { out.append(literal: arabic ? "، " : ", ") }
        CanonicalJSONWriter.writeStringContent(factPath(fact), into: &out)
      }
    case .givenFact(let slot):
      out.append(literal: arabic ? "مذكورة: " : "given: ")
      if let value = record?.facts[slot] { display(value, type: policy.facts[slot].type, &out) }
    case .providedDocument(let type, let expiresOn):
      providedHead(type, language, &out)
      if let expiresOn {
        out.append(literal: arabic ? "، صالحة حتى " : ", valid until ")
        expiresOn.appendISO(to: &out)
      }
    case .problem(let type, let problem):
      label(of: .document(type), language, &out)
      out.append(literal: ": ")
      problem.write(language, judgedOn: submittedOn, evaluated: record?.evaluatedOn != nil,
                    messages: plan.documentTestMessages, &out)
    case .missing:
      let alternatives = plan.alternatives[index]
      if alternatives.count == 1 {
        out.append(literal: arabic ? "غير موجود في الملف" : "not in the file")
      } else {
        out.append(literal: arabic ? "لا يوجد أي من: " : "none of: ")
        for position in alternatives {
          if position > alternatives.lowerBound { out.append(literal: arabic ? "، " : ", ") }
          label(of: plan.alternativeItems[position], language, &out)
        }
      }
    }
  }

  /// `تم تقديم <label>` / `<label> provided`.
  func providedHead(_ type: Int, _ language: Language, _ out: inout ByteBuffer) {
    if language == .arabic {
      out.append(literal: "تم تقديم ")
      label(of: .document(type), language, &out)
    } else {
      label(of: .document(type), language, &out)
      out.append(literal: " provided")
    }
  }

  /// A document type's or fact's label, escaped.
  func label(of item: RequirementItem, _ language: Language, _ out: inout ByteBuffer) {
    let labels = switch item {
    case .document(let type): policy.documents[type].described.labels
    case .fact(let slot): policy.facts[slot].described.labels
    }
    CanonicalJSONWriter.writeStringContent(labels[language], into: &out)
  }

  /// A value as a trace step's result and a given fact's detail show it, escaped: numbers and
  /// dates as written, enumeration values by name, sets as `{a, b}`.
  func display(_ value: Value, type: ValueType, _ out: inout ByteBuffer) {
    switch value {
    case .bool(let flag): out.append(literal: flag ? "true" : "false")
    case .number(let number): CanonicalJSONWriter.writeDecimal(number, into: &out)
    case .date(let date): date.appendISO(to: &out)
    case .text(let text): CanonicalJSONWriter.writeStringContent(text, into: &out)
    case .enumeration(let index):
      CanonicalJSONWriter.writeStringContent(valueName(index, of: type), into: &out)
    case .set(let bits):
      out.append(UInt8(ascii: "{"))
      var isFirst = true
      for index in setMembers(bits, of: type) {
        if !isFirst { out.append(literal: ", ") }
        isFirst = false
        CanonicalJSONWriter.writeStringContent(index, into: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  /// A value as JSON, as a trace step's `values` hold it: numbers as numbers, dates as ISO text,
  /// enumeration values by name, sets as arrays of names.
  func json(_ value: Value, type: ValueType, _ out: inout ByteBuffer) {
    switch value {
    case .bool(let flag): out.append(literal: flag ? "true" : "false")
    case .number(let number): CanonicalJSONWriter.writeDecimal(number, into: &out)
    case .date(let date):
      out.append(UInt8(ascii: "\""))
      date.appendISO(to: &out)
      out.append(UInt8(ascii: "\""))
    case .text(let text): string(text, &out)
    case .enumeration(let index): string(valueName(index, of: type), &out)
    case .set(let bits):
      out.append(UInt8(ascii: "["))
      for (position, name) in setMembers(bits, of: type).enumerated() {
        if position > 0 { out.append(UInt8(ascii: ",")) }
        string(name, &out)
      }
      out.append(UInt8(ascii: "]"))
    }
  }

  /// The name of value `index` of the enumeration `type` names (its number if there is none).
  func valueName(_ index: Int, of type: ValueType) -> String {
    guard case .enumeration(let name) = type, let enumeration = policy.enumeration(named: name),
      index >= 0, index < enumeration.values.count
    else { return String(index) }
    return enumeration.values[index]
  }

  /// The names of the members of a set of the enumeration `type` names, in declaration order.
  func setMembers(_ bits: UInt64, of type: ValueType) -> [String] {
    guard case .setOf(let name) = type, let enumeration = policy.enumeration(named: name) else { return [] }
    return enumeration.values.indices.filter { $0 < 64 && bits & (1 << UInt64($0)) != 0 }.map { enumeration.values[$0] }
  }
}

extension DocumentProblem {
  /// Months and years after "أقدم من", agreeing with their number (`شهرين`, `3 أشهر`, `11 شهرًا`).
  static let arabicMonths = ArabicCountedNoun(one: "شهر", two: "شهرين", few: "أشهر", many: "شهرًا", other: "شهر")
  static let arabicYears = ArabicCountedNoun(one: "سنة", two: "سنتين", few: "سنوات", many: "سنةً", other: "سنة")

  /// The reason in `language` ("expired 2023-12-01, before submission 2024-03-10"), against
  /// the evaluation date when the record gives one ("before the evaluation date 2024-04-01").
  func write(_ language: Language, judgedOn submittedOn: CalendarDate, evaluated: Bool, messages: [LocalizedText],
             _ out: inout ByteBuffer) {
    let arabic = language == .arabic
    func before() {
      switch (arabic, evaluated) {
      case (true, false): out.append(literal: "، قبل تاريخ التقديم ")
      case (false, false): out.append(literal: ", before submission ")
      case (true, true): out.append(literal: "، قبل تاريخ التقييم ")
      case (false, true): out.append(literal: ", before the evaluation date ")
      }
    }
    func after() {
      switch (arabic, evaluated) {
      case (true, false): out.append(literal: "، بعد تاريخ التقديم ")
      case (false, false): out.append(literal: ", after submission ")
      case (true, true): out.append(literal: "، بعد تاريخ التقييم ")
      case (false, true): out.append(literal: ", after the evaluation date ")
      }
    }
    switch self {
    case .noExpiry:
      out.append(literal: arabic ? "لا يذكر تاريخ الانتهاء" : "no expiry date given")
    case .expired(let date):
      out.append(literal: arabic ? "انتهى في " : "expired ")
      date.appendISO(to: &out)
      before()
      submittedOn.appendISO(to: &out)
    case .notDated:
      out.append(literal: arabic ? "غير مؤرخ" : "not dated")
    case .datedAfter(let date):
      out.append(literal: arabic ? "مؤرخ في " : "dated ")
      date.appendISO(to: &out)
      after()
      submittedOn.appendISO(to: &out)
    case .datedTooEarly(let date, let period):
      out.append(literal: arabic ? "مؤرخ في " : "dated ")
      date.appendISO(to: &out)
      out.append(literal: arabic ? "، أقدم من " : ", more than ")
      switch (period.unit, arabic) {
      case (.days, _):
        out.appendDecimal(period.amount)
        out.append(literal: arabic ? " يوماً" : " days")
      case (.months, true):
        out.append(utf8: Self.arabicMonths.counted(period.amount))
      case (.years, true):
        out.append(utf8: Self.arabicYears.counted(period.amount))
      case (_, false):
        out.append(utf8: period.description)
      }
      switch (arabic, evaluated) {
      case (true, false): out.append(literal: " قبل التقديم ")
      case (false, false): out.append(literal: " before submission ")
      case (true, true): out.append(literal: " قبل تاريخ التقييم ")
      case (false, true): out.append(literal: " before the evaluation date ")
      }
      submittedOn.appendISO(to: &out)
    case .notSigned:
      out.append(literal: arabic ? "غير موقّع" : "not signed")
    case .failedTest(let message):
      CanonicalJSONWriter.writeStringContent(messages[message][language], into: &out)
    case .untestable:
      out.append(literal: arabic ? "لا تكفي بياناته للحكم عليه" : "it does not give what is needed to judge it")
    case .signedAfter(let date):
      out.append(literal: arabic ? "موقّع في " : "signed ")
      date.appendISO(to: &out)
      after()
      submittedOn.appendISO(to: &out)
    }
  }
}
