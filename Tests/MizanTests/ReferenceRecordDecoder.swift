import MizanChecker
import MizanCore

import MizanEngine

/// A deliberately plain record decoder over a `JSONValue` tree, kept as the test oracle of the one
/// record reader (which reads from a tape, without a tree): both must accept the same records,
/// read the same facts and documents, and refuse the rest with the same error and path.
enum ReferenceRecordDecoder {
  /// The most documents one record may list.
  static let maxDocuments = 200
  static let envelopeFields = ["application_id", "association", "submitted_on", "channel", "facts", "documents",
                               "evaluated_on"]
  static let documentFields = ["type", "expires_on", "dated", "signed_on", "issued_on", "number", "note"]

  /// Reads the envelope fields needed to choose the policy version.
  static func envelope(of json: JSONValue) throws(RecordError) -> RecordEnvelope {
    guard case .object(let members) = json else {
      throw .wrongType("$", expected: LocalizedText(ar: "كائن JSON", en: "a JSON object"), found: describe(json))
    }
    for member in members where !envelopeFields.contains(member.key) {
      throw .unknownField(String(pathComponent(member.key).drop { $0 == "." }), member.key, suggestion: Suggestions.nearest(to: member.key, among: envelopeFields))
    }
    let id = try requiredString(json, "application_id")
    let association = try requiredString(json, "association")
    let submitted = try date(try required(json, "submitted_on"), path: "submitted_on")
    return RecordEnvelope(applicationID: id, association: association, submittedOn: submitted)
  }

  /// Decodes the whole record for `policy`.
  static func decode(_ json: JSONValue, for policy: CheckedPolicy) throws(RecordError) -> ApplicantRecord {
    let envelope = try envelope(of: json)
    var facts = [Value?](repeating: nil, count: policy.facts.count)
    var lists = [[MemberRecord]?](repeating: nil, count: policy.facts.count)
    facts[0] = .date(envelope.submittedOn)
    facts[2] = .text(envelope.applicationID)
    let channelJSON = try required(json, "channel")
    facts[1] = try value(channelJSON, as: policy.facts[1].type, policy: policy, path: "channel")
    if let factsJSON = json["facts"] {
      guard case .object(let members) = factsJSON else {
        throw .wrongType("facts", expected: LocalizedText(ar: "كائن", en: "an object"), found: describe(factsJSON))
      }
      var seen: Set<String> = []
      for member in members {
        let path = "facts" + pathComponent(member.key)
        guard !seen.contains(member.key) else { throw .duplicateFact(path, member.key) }
        seen.insert(member.key)
        guard let slot = policy.fact(named: member.key), slot >= 3 else {
          let declared = policy.facts.dropFirst(3).map(\.name)
          throw .unknownFact(path, member.key, suggestion: Suggestions.nearest(to: member.key, among: declared))
        }
        if case .listOf(let kindName) = policy.facts[slot].type {
          let members = try list(member.value, kind: kindName, policy: policy, path: path)
          lists[slot] = members
          facts[slot] = members.map { .number(DecimalNumber(integer: $0.count)) }
        } else {
          facts[slot] = try value(member.value, as: policy.facts[slot].type, policy: policy, path: path)
        }
      }
    }
    let documents = try decodeDocuments(json["documents"], policy: policy)
    var record = ApplicantRecord(applicationID: envelope.applicationID, association: envelope.association,
                                 submittedOn: envelope.submittedOn, facts: facts, documents: documents)
    if let text = json["evaluated_on"], text != .null {
      let evaluated = try date(text, path: "evaluated_on")
      guard evaluated >= envelope.submittedOn else {
        throw .evaluatedBeforeSubmission("evaluated_on", evaluated: evaluated, submitted: envelope.submittedOn)
      }
      record.evaluatedOn = evaluated
    }
    if policy.facts.contains(where: { if case .listOf = $0.type { true } else { false } }) { record.lists = lists }
    return record
  }

  /// A list of member objects, each member's facts typed as its kind declares them.
  static func list(_ json: JSONValue, kind name: String, policy: CheckedPolicy,
                   path: String) throws(RecordError) -> [MemberRecord]? {
    if json == .null { return nil }
    guard case .array(let items) = json else {
      throw .wrongType(path, expected: ValueType.listOf(name).referenceRecordName, found: describe(json))
    }
    guard items.count <= RecordSchema.maxMembers else { throw .tooManyMembers(path, limit: RecordSchema.maxMembers) }
    let kind = policy.members.first { $0.name == name }
    var members: [MemberRecord] = []
    for (position, item) in items.enumerated() {
      let memberPath = "\(path)[\(position)]"
      guard case .object(let fields) = item else {
        throw .wrongType(memberPath, expected: LocalizedText(ar: "كائن", en: "an object"), found: describe(item))
      }
      var facts = [Value?](repeating: nil, count: kind?.facts.count ?? 0)
      var seen: Set<String> = []
      for field in fields {
        let factPath = memberPath + pathComponent(field.key)
        guard let slot = kind?.facts.firstIndex(where: { $0.name == field.key }), let fact = kind?.facts[slot] else {
          throw .unknownMemberFact(factPath, field.key, kind: name,
                                   suggestion: Suggestions.nearest(to: field.key, among: kind?.facts.map(\.name) ?? []))
        }
        guard seen.insert(field.key).inserted else { throw .duplicateFact(factPath, field.key) }
        facts[slot] = try value(field.value, as: fact.type, policy: policy, path: factPath)
      }
      members.append(MemberRecord(facts: facts))
    }
    return members
  }

  static func decodeDocuments(_ json: JSONValue?, policy: CheckedPolicy) throws(RecordError) -> [SubmittedDocument] {
    guard let json else { return [] }
    guard case .array(let items) = json else {
      throw .wrongType("documents", expected: LocalizedText(ar: "مصفوفة", en: "an array"), found: describe(json))
    }
    guard items.count <= maxDocuments else { throw .tooManyDocuments("documents", limit: maxDocuments) }
    var documents: [SubmittedDocument] = []
    for (position, item) in items.enumerated() {
      let path = "documents[\(position)]"
      guard case .object(let members) = item else {
        throw .wrongType(path, expected: LocalizedText(ar: "كائن", en: "an object"), found: describe(item))
      }
      // Each member in the order written: an unknown one, or a value of the wrong form, first.
      var dates: [String: CalendarDate] = [:]
      for member in members {
        guard documentFields.contains(member.key) else {
          throw .unknownField(path + pathComponent(member.key), member.key,
                              suggestion: Suggestions.nearest(to: member.key, among: documentFields))
        }
        switch member.key {
        case "type": break
        case "number", "note":
          guard member.value == .null || { if case .string = member.value { true } else { false } }() else {
            throw .wrongType("\(path).\(member.key)", expected: LocalizedText(ar: "نص", en: "a string"),
                             found: describe(member.value))
          }
        default:
          if member.value != .null { dates[member.key] = try date(member.value, path: "\(path).\(member.key)") }
        }
      }
      guard let typeJSON = item["type"] else { throw .missingField("\(path).type") }
      guard case .string(let typeName) = typeJSON else {
        throw .wrongType("\(path).type", expected: LocalizedText(ar: "نص", en: "a string"), found: describe(typeJSON))
      }
      guard let type = policy.document(named: typeName) else {
        throw .unknownDocumentType("\(path).type", typeName,
                                   among: policy.documents.map(\.name))
      }
      documents.append(SubmittedDocument(
        type: type, expiresOn: dates["expires_on"], dated: dates["dated"], signedOn: dates["signed_on"],
        issuedOn: dates["issued_on"], position: position))
    }
    return documents
  }

  /// A fact's value, checked against its declared type. `null` means unknown.
  static func value(_ json: JSONValue, as type: ValueType, policy: CheckedPolicy,
                    path: String) throws(RecordError) -> Value? {
    if json == .null { return nil }
    switch type {
    case .bool:
      guard case .bool(let flag) = json else { throw .wrongType(path, expected: type.referenceRecordName, found: describe(json)) }
      return .bool(flag)
    case .number(let kind):
      guard case .number(let double) = json else {
        throw .wrongType(path, expected: type.referenceRecordName, found: describe(json))
      }
      guard let number = DecimalNumber(exactly: double) else {
        // Too large for an exact decimal (beyond ±922,337,203,685,477), or too precise. A double
        // cannot tell which just above the largest whole part (its steps there are 1/8): the
        // oracle does not judge those.
        if double.magnitude >= 922_337_203_685_478 { throw .numberOutOfRange(path, describe(json)) }
        if double.magnitude >= 922_337_203_685_477 { throw RecordError.beyondTheOracle(path) }
        throw .wrongType(path, expected: LocalizedText(ar: "رقم بأربع منازل عشرية على الأكثر",
                                                       en: "a number with at most 4 decimals"), found: describe(json))
      }
      if kind == .count || kind == .days || kind == .months, !number.isWhole {
        throw .wrongType(path, expected: type.referenceRecordName, found: describe(json))
      }
      if kind != .plain, number < DecimalNumber(integer: 0) { throw .negative(path, describe(json)) }
      return .number(number)
    case .date:
      return .date(try date(json, path: path))
    case .text:
      guard case .string(let text) = json else { throw .wrongType(path, expected: type.referenceRecordName, found: describe(json)) }
      return .text(text)
    case .enumeration(let name):
      guard case .string(let text) = json else { throw .wrongType(path, expected: type.referenceRecordName, found: describe(json)) }
      guard let enumeration = policy.enumeration(named: name), let index = enumeration.index(of: text) else {
        let values = policy.enumeration(named: name)?.values ?? []
        throw .unknownValue(path, text, of: name, among: values)
      }
      return .enumeration(index)
    case .setOf(let name):
      guard case .array(let items) = json else { throw .wrongType(path, expected: type.referenceRecordName, found: describe(json)) }
      var bits: UInt64 = 0
      for (index, item) in items.enumerated() {
        guard case .enumeration(let value)? = try value(item, as: .enumeration(name), policy: policy,
                                                        path: "\(path)[\(index)]")
        else { throw .wrongType("\(path)[\(index)]", expected: ValueType.enumeration(name).referenceRecordName, found: "null") }
        bits |= 1 << UInt64(value)
      }
      return .set(bits)
    case .listOf:
      throw .wrongType(path, expected: type.referenceRecordName, found: describe(json))
    case .saudiID:
      guard case .string(let text) = json else { throw .wrongType(path, expected: type.referenceRecordName, found: describe(json)) }
      switch SaudiID.normalized(text) {
      case .success(let id): return .text(id)
      case .failure(let problem): throw .invalidSaudiID(path, describe(json), problem)
      }
    }
  }

  static func date(_ json: JSONValue, path: String) throws(RecordError) -> CalendarDate {
    guard case .string(let text) = json else {
      throw .wrongType(path, expected: LocalizedText(ar: "تاريخ نصي YYYY-MM-DD", en: "a date string YYYY-MM-DD"),
                       found: describe(json))
    }
    switch CalendarDate.parse(text) {
    case .success(let date) where date < RecordSchema.earliestGregorianDate && !text.hasSuffix("H"):
      throw .gregorianYearTooEarly(path, text, hijri: (try? CalendarDate.parse(text + "H").get()).map { _ in text + "H" })
    case .success(let date): return date
    case .failure(let error): throw .invalidDate(path, text, ar: error.arabic, en: error.english)
    }
  }

  static func required(_ json: JSONValue, _ key: String) throws(RecordError) -> JSONValue {
    guard let value = json[key] else { throw .missingField(key) }
    return value
  }

  static func requiredString(_ json: JSONValue, _ key: String) throws(RecordError) -> String {
    let value = try required(json, key)
    guard case .string(let text) = value, !text.isEmpty else {
      throw .wrongType(key, expected: LocalizedText(ar: "نص غير فارغ", en: "a non-empty string"), found: describe(value))
    }
    return text
  }

  /// How a JSON value is shown in "found …": strings quoted, numbers as written.
  static func describe(_ json: JSONValue) -> String {
    switch json {
    case .string(let text): "\"\(text.count > 40 ? String(text.prefix(40)) + "…" : text)\""
    case .number(let number): JSONValue.number(number).canonicalText
    case .bool(let flag): flag ? "true" : "false"
    case .null: "null"
    case .array: "an array"
    case .object: "an object"
    }
  }

  /// `.key`, or `["key"]` when the key is not a plain name.
  static func pathComponent(_ key: String) -> String {
    let isIdentifier = !key.isEmpty && key.utf8.allSatisfy { byte in
      (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) || byte == 95
    }
    return isIdentifier ? "." + key : "[\"\(key)\"]"
  }
}

extension ValueType {
  /// How a record must write a value of this type ("a whole number").
  var referenceRecordName: LocalizedText {
    switch self {
    case .bool: LocalizedText(ar: "true أو false", en: "true or false")
    case .number(.plain): LocalizedText(ar: "رقم بأربع منازل عشرية على الأكثر", en: "a number with at most 4 decimals")
    case .number(.count): LocalizedText(ar: "عدد صحيح", en: "a whole number")
    case .number(.money): LocalizedText(ar: "مبلغ بالريال (رقم)", en: "an amount in SAR (a number)")
    case .number(.days): LocalizedText(ar: "عدد أيام صحيح", en: "a whole number of days")
    case .number(.months): LocalizedText(ar: "عدد أشهر صحيح", en: "a whole number of months")
    case .date: LocalizedText(ar: "تاريخ YYYY-MM-DD", en: "a date YYYY-MM-DD")
    case .text: LocalizedText(ar: "نص", en: "a string")
    case .enumeration(let name): LocalizedText(ar: "قيمة من `\(name)`", en: "a `\(name)` value (a string)")
    case .setOf(let name): LocalizedText(ar: "مصفوفة قيم من `\(name)`", en: "an array of `\(name)` values")
    case .listOf(let name): LocalizedText(ar: "مصفوفة كائنات `\(name)`", en: "an array of `\(name)` objects")
    case .saudiID: LocalizedText(ar: "رقم هوية أو إقامة من 10 أرقام نصًّا", en: "a Saudi ID or Iqama number, 10 digits in a string")
    }
  }
}

extension RecordError {
  /// A number a double cannot judge (see `decode`): tests and the fuzz target skip such records.
  static func beyondTheOracle(_ path: String) -> RecordError {
    RecordError("oracle.cannotJudge", path: path, ar: "", en: "a number a double cannot judge")
  }
}
