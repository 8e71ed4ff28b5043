import MizanChecker
import MizanCore

// The fast path of decoding: from a `RecordScan` straight into typed values, with the policy's
// names looked up by their bytes in tables built once (`EvaluationPlan`). Every function returns
// nil (or false) where the full decoder would report an error or where the record is not of the
// plain shape; the caller then decodes with `RecordDecoder.decode`, which says what is wrong.

extension RecordDecoder {
  /// The envelope of a scanned record, or nil.
  ///
  /// `association`, when given, is the association's name the caller already knows the record's
  /// bytes to spell (it spares making the string again).
  package static func envelope(of scan: RecordScan, in bytes: UnsafeRawBufferPointer,
                               association knownName: String? = nil) -> RecordEnvelope? {
    guard let id = scan.applicationID, id.kind == .string, id.end > id.start,
      let association = scan.association, association.kind == .string, association.end > association.start,
      let submitted = scan.submittedOn, let date = date(submitted, in: bytes)
    else { return nil }
    return RecordEnvelope(applicationID: string(id, in: bytes),
                          association: knownName ?? string(association, in: bytes), submittedOn: date)
  }

  /// Decodes a scanned record for the policy `plan` was made from into `record` (whose storage is
  /// reused); false when the full decoder must decide.
  package static func decode(_ scan: RecordScan, envelope: RecordEnvelope, in bytes: UnsafeRawBufferPointer,
                             plan: EvaluationPlan, into record: inout ApplicantRecord) -> Bool {
    let tables = plan.recordTables
    record.applicationID = envelope.applicationID
    record.association = envelope.association
    record.submittedOn = envelope.submittedOn
    record.facts.removeAll(keepingCapacity: true)
    record.facts.append(contentsOf: repeatElement(nil, count: tables.factNames.count))
    record.documents.removeAll(keepingCapacity: true)
    guard tables.factNames.count >= 3, tables.factNames.count <= 64, let channel = scan.channel,
      let channelValue = value(channel, slot: 1, tables: tables, in: bytes)
    else { return false }
    record.facts[0] = .date(envelope.submittedOn)
    record.facts[1] = channelValue
    record.facts[2] = .text(envelope.applicationID)
    var given: UInt64 = 0
    for member in scan.facts {
      guard let slot = tables.slot(of: member.key, in: bytes), slot >= 3, given & (1 << UInt64(slot)) == 0,
        let value = value(member.value, slot: slot, tables: tables, in: bytes)
      else { return false }
      given |= 1 << UInt64(slot)
      record.facts[slot] = value
    }
    for (position, document) in scan.documents.enumerated() {
      guard let typeToken = document.type, typeToken.kind == .string,
        let type = tables.document(named: typeToken, in: bytes),
        isTextOrNull(document.number), isTextOrNull(document.note),
        let expiresOn = optionalDate(document.expiresOn, in: bytes),
        let dated = optionalDate(document.dated, in: bytes),
        let signedOn = optionalDate(document.signedOn, in: bytes),
        let issuedOn = optionalDate(document.issuedOn, in: bytes)
      else { return false }
      record.documents.append(SubmittedDocument(type: type, expiresOn: expiresOn, dated: dated, signedOn: signedOn,
                                                issuedOn: issuedOn, position: position))
    }
    return true
  }

  /// A fact's value as its declared type: `.some(nil)` for `null` (unknown), nil when the
  /// full decoder must decide.
  private static func value(_ token: RecordScan.Token, slot: Int, tables: EvaluationPlan.RecordTables,
                            in bytes: UnsafeRawBufferPointer) -> Value?? {
    if token.kind == .null { return .some(nil) }
    switch tables.factTypes[slot] {
    case .bool:
      switch token.kind {
      case .true: return .bool(true)
      case .false: return .bool(false)
      default: return nil
      }
    case .number(let kind):
      guard token.kind == .number, let number = plainNumber(token, in: bytes) else { return nil }
      if kind == .count || kind == .days, !number.isWhole { return nil }
      return .number(number)
    case .date:
      return date(token, in: bytes).map(Value.date)
    case .text:
      guard token.kind == .string else { return nil }
      return .text(string(token, in: bytes))
    case .enumeration:
      guard token.kind == .string, let names = tables.enumerationValues[slot] else { return nil }
      for (index, name) in names.enumerated() where RecordScan.equals(token, name, in: bytes) {
        return .enumeration(index)
      }
      return nil
    case .setOf:
      return nil
    }
  }

  /// A non-negative number of at most 15 digits and 4 decimals, exactly as `DecimalNumber(exactly:)`
  /// reads the double JSON gives it (such a number survives the round trip through a double).
  private static func plainNumber(_ token: RecordScan.Token, in bytes: UnsafeRawBufferPointer) -> DecimalNumber? {
    var whole: Int64 = 0
    var fraction: Int64 = 0
    var fractionDigits = 0
    var digits = 0
    var inFraction = false
    for offset in token.start..<token.end {
      let byte = bytes[offset]
      if byte == UInt8(ascii: ".") {
        inFraction = true
        continue
      }
      // A sign is left to the full decoder (negative amounts are errors; -0 is rare).
      guard byte &- UInt8(ascii: "0") < 10 else { return nil }
      digits += 1
      // Checked before accumulating: a longer number would overflow `whole` (and trap).
      guard digits <= 15 else { return nil }
      if inFraction {
        fractionDigits += 1
        fraction = fraction * 10 + Int64(byte &- UInt8(ascii: "0"))
      } else {
        whole = whole * 10 + Int64(byte &- UInt8(ascii: "0"))
      }
    }
    guard digits <= 15, fractionDigits <= DecimalNumber.fractionDigits else { return nil }
    for _ in fractionDigits..<DecimalNumber.fractionDigits { fraction *= 10 }
    let (scaled, overflow) = whole.multipliedReportingOverflow(by: DecimalNumber.scale)
    guard !overflow else { return nil }
    let (sum, overflowAdding) = scaled.addingReportingOverflow(fraction)
    return overflowAdding ? nil : DecimalNumber(scaled: sum)
  }

  private static func date(_ token: RecordScan.Token, in bytes: UnsafeRawBufferPointer) -> CalendarDate? {
    guard token.kind == .string else { return nil }
    let slice = RecordScan.slice(token, in: bytes)
    guard case .success(let date) = CalendarDate.parse(utf8: slice.assumingMemoryBound(to: UInt8.self)) else {
      return nil
    }
    return date
  }

  /// A document's optional date: `.some(nil)` when absent or `null`.
  private static func optionalDate(_ token: RecordScan.Token?, in bytes: UnsafeRawBufferPointer) -> CalendarDate?? {
    guard let token, token.kind != .null else { return .some(nil) }
    return date(token, in: bytes).map { .some($0) }
  }

  private static func isTextOrNull(_ token: RecordScan.Token?) -> Bool {
    guard let token else { return true }
    return token.kind == .string || token.kind == .null
  }

  /// The token's text; its bytes are well-formed UTF-8 without escapes (the scan checked).
  private static func string(_ token: RecordScan.Token, in bytes: UnsafeRawBufferPointer) -> String {
    String(decoding: RecordScan.slice(token, in: bytes), as: UTF8.self)
  }
}

extension EvaluationPlan {
  /// The policy's names as bytes, to decode records without building strings to look them up.
  package struct RecordTables: Sendable {
    /// Per fact slot: its name and declared type; for enumerations, the values' names.
    var factNames: [[UInt8]] = []
    var factTypes: [ValueType] = []
    var enumerationValues: [[[UInt8]]?] = []
    var documentNames: [[UInt8]] = []

    init(policy: CheckedPolicy) {
      for fact in policy.facts {
        factNames.append(Array(fact.name.utf8))
        factTypes.append(fact.type)
        if case .enumeration(let name) = fact.type, let enumeration = policy.enumeration(named: name) {
          enumerationValues.append(enumeration.values.map { Array($0.utf8) })
        } else {
          enumerationValues.append(nil)
        }
      }
      documentNames = policy.documents.map { Array($0.name.utf8) }
    }

    /// The slot of the fact named by `key` (the first declared, as `CheckedPolicy.fact(named:)`).
    func slot(of key: RecordScan.Token, in bytes: UnsafeRawBufferPointer) -> Int? {
      for (slot, name) in factNames.enumerated() where RecordScan.equals(key, name, in: bytes) { return slot }
      return nil
    }

    /// The document type named by `token` (the first declared, as `CheckedPolicy.document(named:)`).
    func document(named token: RecordScan.Token, in bytes: UnsafeRawBufferPointer) -> Int? {
      for (index, name) in documentNames.enumerated() where RecordScan.equals(token, name, in: bytes) {
        return index
      }
      return nil
    }
  }
}
