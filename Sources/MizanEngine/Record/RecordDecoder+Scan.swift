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
      let date = scan.submittedOn, let base = bytes.baseAddress
    else { return nil }
    return RecordEnvelope(applicationID: RecordBytes.string(base, from: id.start, to: id.end),
                          association: knownName ?? RecordBytes.string(base, from: association.start, to: association.end),
                          submittedOn: date)
  }

  /// Decodes a scanned record for the policy `plan` was made from into `record` (whose storage is
  /// reused); false when the full decoder must decide.
  package static func decode(_ scan: RecordScan, envelope: RecordEnvelope, in bytes: UnsafeRawBufferPointer,
                             plan: EvaluationPlan, into record: inout ApplicantRecord) -> Bool {
    let tables = plan.recordTables
    let slotCount = tables.readings.count
    guard slotCount >= 3, slotCount <= 64, let base = bytes.baseAddress, let channel = scan.channel,
      let channelValue = value(channel, slot: 1, tables: tables, in: base, count: bytes.count)
    else { return false }
    record.applicationID = envelope.applicationID
    record.association = envelope.association
    record.submittedOn = envelope.submittedOn
    if record.facts.count != slotCount { record.facts = [Value?](repeating: nil, count: slotCount) }
    // Each slot is written once (a write releases the value it replaces).
    let factsDecoded = record.facts.withUnsafeMutableBufferPointer { facts -> Bool in
      // Slots 0-2 are the envelope's: a fact of theirs is for the full decoder to refuse.
      var given: UInt64 = 0b111
      var next = 3
      for index in 0..<scan.factCount {
        let fact = scan.facts[index]
        guard let slot = tables.factNames.index(from: fact.keyStart, to: fact.keyEnd, in: base, count: bytes.count,
                                                hint: next),
          given & (1 << UInt64(slot)) == 0,
          let value = value(fact.value, slot: slot, tables: tables, in: base, count: bytes.count)
        else { return false }
        given |= 1 << UInt64(slot)
        facts[slot] = value
        next = slot + 1
      }
      facts[0] = .date(envelope.submittedOn)
      facts[1] = channelValue
      facts[2] = .text(envelope.applicationID)
      var unknown = ~given & (slotCount == 64 ? ~0 : (1 << UInt64(slotCount)) - 1)
      while unknown != 0 {
        facts[unknown.trailingZeroBitCount] = nil
        unknown &= unknown - 1
      }
      return true
    }
    guard factsDecoded else { return false }
    // Resized only when the count changes: most records have as many documents as the last.
    let documentCount = scan.documentCount
    if record.documents.count > documentCount {
      record.documents.removeLast(record.documents.count - documentCount)
    } else if record.documents.count < documentCount {
      let placeholder = SubmittedDocument(type: 0, expiresOn: nil, dated: nil, signedOn: nil, issuedOn: nil,
                                          position: 0)
      record.documents.append(contentsOf: repeatElement(placeholder, count: documentCount - record.documents.count))
    }
    return record.documents.withUnsafeMutableBufferPointer { documents -> Bool in
      var next = 0
      for position in 0..<documentCount {
        let document = scan.documents[position]
        guard let type = tables.documentNames.index(from: document.typeStart, to: document.typeEnd, in: base,
                                                    count: bytes.count, hint: next)
        else { return false }
        next = type + 1
        documents[position] = SubmittedDocument(type: type, expiresOn: document.expiresOn, dated: document.dated,
                                                signedOn: document.signedOn, issuedOn: document.issuedOn,
                                                position: position)
      }
      return true
    }
  }

  /// A fact's value as its declared type: `.some(nil)` for `null` (unknown), nil when the
  /// full decoder must decide.
  @inline(__always)
  private static func value(_ scalar: RecordScan.Scalar, slot: Int, tables: EvaluationPlan.RecordTables,
                            in base: UnsafeRawPointer, count: Int) -> Value?? {
    let token = scalar.token
    if token.kind == .null { return .some(nil) }
    switch tables.readings[slot] {
    case .bool:
      switch token.kind {
      case .true: return .bool(true)
      case .false: return .bool(false)
      default: return nil
      }
    case .number:
      guard token.kind == .number else { return nil }
      return .number(DecimalNumber(scaled: scalar.scaled))
    case .wholeNumber:
      guard token.kind == .number, scalar.scaled % RecordBytes.decimalScale == 0 else { return nil }
      return .number(DecimalNumber(scaled: scalar.scaled))
    case .date:
      guard token.kind == .string,
        let date = scalar.date ?? RecordBytes.parsedDate(base, from: token.start, to: token.end)
      else { return nil }
      return .date(date)
    case .text:
      guard token.kind == .string else { return nil }
      return .text(RecordBytes.string(base, from: token.start, to: token.end))
    case .enumeration:
      let values = tables.enumerationValues[slot]
      guard token.kind == .string,
        let index = tables.enumerationNames.firstIndex(in: values, from: token.start, to: token.end, in: base,
                                                       count: count)
      else { return nil }
      return .enumeration(index - values.lowerBound)
    case .unsupported:
      return nil
    }
  }
}

extension EvaluationPlan {
  /// The policy's names as bytes, to decode records without building strings to look them up.
  package struct RecordTables: Sendable {
    /// How a fact's JSON value becomes its `Value`, by declared type.
    enum Reading: UInt8, Sendable {
      case bool, number, wholeNumber, date, text, enumeration
      /// Sets, and enumerations the policy does not declare: for the full decoder.
      case unsupported
    }

    /// Per fact slot: its name, how its value is read and, for enumerations, its values' range
    /// of `enumerationNames`.
    var factNames: ByteNames
    var readings: [Reading] = []
    var enumerationValues: [Range<Int>] = []
    var enumerationNames: ByteNames
    var documentNames: ByteNames

    init(policy: CheckedPolicy) {
      var values: [[UInt8]] = []
      for fact in policy.facts {
        var range = values.count..<values.count
        let reading: Reading
        switch fact.type {
        case .bool: reading = .bool
        case .number(let kind): reading = kind == .count || kind == .days ? .wholeNumber : .number
        case .date: reading = .date
        case .text: reading = .text
        case .enumeration(let name):
          if let enumeration = policy.enumeration(named: name) {
            values += enumeration.values.map { Array($0.utf8) }
            range = range.lowerBound..<values.count
            reading = .enumeration
          } else {
            reading = .unsupported
          }
        case .setOf: reading = .unsupported
        }
        readings.append(reading)
        enumerationValues.append(range)
      }
      factNames = ByteNames(policy.facts.map { Array($0.name.utf8) })
      enumerationNames = ByteNames(values)
      documentNames = ByteNames(policy.documents.map { Array($0.name.utf8) })
    }
  }
}
