import MizanChecker
import MizanCore
import MizanSyntax

/// What a record must hold under one policy version, for the people and programs that write
/// records: a JSON Schema (2020-12) of the records the version accepts (`mizan schema`), and a
/// skeleton with every fact and document it can ask for (`mizan template`). Both are derived
/// from the checked policy, as the record reader is: they cannot drift from what is accepted.
package enum RecordFormat {
  /// A date as records write it: Gregorian `YYYY-MM-DD` or Hijri `YYYY-MM-DDH`, in ASCII or
  /// Arabic-Indic digits.
  static let datePattern = "^[0-9٠-٩]{4}-[0-9٠-٩]{2}-[0-9٠-٩]{2}H?$"

  // MARK: - JSON Schema

  package static func schema(_ policy: LoadedPolicy) -> JSONValue {
    let checked = policy.checked
    var properties: [JSONMember] = [
      JSONMember("application_id", titled(.object(["type": .string("string"), "minLength": .number(1)]),
                                          LocalizedText(ar: "رقم الطلب", en: "Application id"))),
      JSONMember("association", .object(["const": .string(policy.association)])),
      JSONMember("submitted_on", titled(date, LocalizedText(ar: "تاريخ تقديم الطلب", en: "Submission date"))),
      JSONMember("evaluated_on", titled(date, LocalizedText(ar: "تاريخ تقييم المستندات (اختياري)",
                                                              en: "Day the documents are judged on (optional)"))),
      JSONMember("channel", titled(valueSchema(checked.facts[1].type, checked),
                                   LocalizedText(ar: "قناة التواصل", en: "Channel"))),
    ]
    let facts = checked.facts.dropFirst(3).map { fact in
      JSONMember(fact.name, titled(valueSchema(fact.type, checked), fact.described.labels))
    }
    properties.append(JSONMember("facts", .object([
      JSONMember("type", .string("object")), JSONMember("additionalProperties", .bool(false)),
      JSONMember("properties", .object(facts)),
    ])))
    properties.append(JSONMember("documents", documentsSchema(checked.documents, checked)))
    return .object([
      JSONMember("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
      JSONMember("title", .string("\(policy.associationNames.english) — \(policy.version)")),
      JSONMember("x-title-ar", .string("\(policy.associationNames.arabic) — \(policy.version)")),
      JSONMember("type", .string("object")),
      JSONMember("required", .array(["application_id", "association", "submitted_on", "channel"].map(JSONValue.string))),
      JSONMember("additionalProperties", .bool(false)),
      JSONMember("properties", .object(properties)),
    ])
  }

  static var date: JSONValue { .object(["type": .string("string"), "pattern": .string(datePattern)]) }

  /// `title` in English and `x-title-ar` in Arabic, beside the schema's own keywords.
  static func titled(_ schema: JSONValue, _ labels: LocalizedText) -> JSONValue {
    guard case .object(let members) = schema else { return schema }
    return .object([JSONMember("title", .string(labels.english)), JSONMember("x-title-ar", .string(labels.arabic))]
                     + members)
  }

  static func valueSchema(_ type: ValueType, _ policy: CheckedPolicy) -> JSONValue {
    switch type {
    case .bool: return .object(["type": .string("boolean")])
    case .number(.plain): return .object(["type": .string("number"), "multipleOf": .number(0.0001)])
    case .number(.money): return .object(["type": .string("number"), "minimum": .number(0), "multipleOf": .number(0.0001)])
    case .number: return .object(["type": .string("integer"), "minimum": .number(0)])
    case .date: return date
    case .text: return .object(["type": .string("string")])
    case .saudiID: return .object(["type": .string("string"), "pattern": .string("^[12٠-٩0-9][0-9٠-٩ ]{9,}$")])
    case .enumeration(let name):
      // Each value's labels beside the enum, in parallel arrays: `enumDescriptions` is what VS
      // Code shows when it completes a value; `x-enum-titles-ar` the Arabic.
      let enumeration = policy.enumeration(named: name)
      return .object([
        JSONMember("enum", .array((enumeration?.values ?? []).map(JSONValue.string))),
        JSONMember("enumDescriptions", .array((enumeration?.valueLabels ?? []).map { .string($0.english) })),
        JSONMember("x-enum-titles-ar", .array((enumeration?.valueLabels ?? []).map { .string($0.arabic) })),
      ])
    case .setOf(let name):
      return .object(["type": .string("array"), "uniqueItems": .bool(true),
                      "items": valueSchema(.enumeration(name), policy)])
    case .listOf(let name):
      guard let kind = policy.members.first(where: { $0.name == name }) else { return .object(["type": .string("array")]) }
      var properties = kind.facts.map { JSONMember($0.name, titled(valueSchema($0.type, policy), $0.described.labels)) }
      if !kind.documents.isEmpty { properties.append(JSONMember("documents", documentsSchema(kind.documents, policy))) }
      return .object([
        JSONMember("type", .string("array")), JSONMember("maxItems", .number(Double(100))),
        JSONMember("items", .object([
          JSONMember("title", .string(kind.described.labels.english)),
          JSONMember("x-title-ar", .string(kind.described.labels.arabic)),
          JSONMember("type", .string("object")), JSONMember("additionalProperties", .bool(false)),
          JSONMember("properties", .object(properties)),
        ])),
      ])
    }
  }

  /// An array of documents, each one of the types, with the dates its validity rules read and
  /// the fields it declares.
  static func documentsSchema(_ documents: [DocumentType], _ policy: CheckedPolicy) -> JSONValue {
    let items: [JSONValue] = documents.map { document in
      var properties: [JSONMember] = [JSONMember("type", .object(["const": .string(document.name)]))]
      for field in ["expires_on", "dated", "signed_on", "issued_on"] { properties.append(JSONMember(field, date)) }
      properties.append(JSONMember("number", .object(["type": .string("string")])))
      properties.append(JSONMember("note", .object(["type": .string("string")])))
      properties += document.fields.map { JSONMember($0.name, titled(valueSchema($0.type, policy), $0.described.labels)) }
      return titled(.object([
        JSONMember("type", .string("object")), JSONMember("required", .array([.string("type")])),
        JSONMember("additionalProperties", .bool(false)), JSONMember("properties", .object(properties)),
      ]), document.described.labels)
    }
    // A version that declares no document takes none.
    guard !items.isEmpty else { return .object(["type": .string("array"), "maxItems": .number(0)]) }
    return .object([
      JSONMember("type", .string("array")), JSONMember("maxItems", .number(Double(200))),
      JSONMember("items", .object(["oneOf": .array(items)])),
    ])
  }

  // MARK: - Template

  /// A record to fill in: every fact with a placeholder of its type, every document with the
  /// dates its validity rules read, lists with one member.
  package static func template(_ policy: LoadedPolicy, submittedOn: CalendarDate) -> JSONValue {
    let checked = policy.checked
    let channel: JSONValue =
      if case .enumeration(let name) = checked.facts[1].type, let first = checked.enumeration(named: name)?.values.first {
        .string(first)
      } else {
        .string("")
      }
    return .object([
      JSONMember("application_id", .string("")),
      JSONMember("association", .string(policy.association)),
      JSONMember("submitted_on", .string(submittedOn.iso)),
      JSONMember("channel", channel),
      JSONMember("facts", .object(checked.facts.dropFirst(3).map { JSONMember($0.name, placeholder($0.type, checked)) })),
      JSONMember("documents", .array(askedFor(checked).map { documentTemplate(checked.documents[$0], checked) })),
    ])
  }

  /// The document types some requirement accepts, in declaration order: what a record of this
  /// version may be asked to bring (the shared vocabulary declares more).
  static func askedFor(_ policy: CheckedPolicy) -> [Int] {
    var asked: Set<Int> = []
    for requirement in policy.requirements {
      for case .document(let index) in requirement.alternatives { asked.insert(index) }
    }
    return policy.documents.indices.filter(asked.contains)
  }

  static func placeholder(_ type: ValueType, _ policy: CheckedPolicy) -> JSONValue {
    switch type {
    case .bool: .bool(false)
    case .number: .number(0)
    case .date: .string("YYYY-MM-DD")
    case .text, .saudiID: .string("")
    case .enumeration(let name): .string(policy.enumeration(named: name)?.values.first ?? "")
    case .setOf: .array([])
    case .listOf(let name):
      if let kind = policy.members.first(where: { $0.name == name }) {
        .array([.object(kind.facts.map { JSONMember($0.name, placeholder($0.type, policy)) }
          + (kind.documents.isEmpty ? [] : [JSONMember("documents", .array(kind.documents.map { documentTemplate($0, policy) }))]))])
      } else {
        .array([])
      }
    }
  }

  static func documentTemplate(_ document: DocumentType, _ policy: CheckedPolicy) -> JSONValue {
    var members = [JSONMember("type", .string(document.name))]
    for rule in document.validity {
      switch rule {
      case .notExpired: members.append(JSONMember("expires_on", .string("YYYY-MM-DD")))
      case .datedWithin: members.append(JSONMember("dated", .string("YYYY-MM-DD")))
      case .signed: members.append(JSONMember("signed_on", .string("YYYY-MM-DD")))
      case .test: break
      }
    }
    members += document.fields.map { JSONMember($0.name, placeholder($0.type, policy)) }
    return .object(members)
  }
}
