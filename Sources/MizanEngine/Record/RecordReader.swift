import MizanChecker
import MizanCore

/// Reads applicant records: the one reader every command uses (`eval`, `batch`, `replay`,
/// `impact`, `test`, the server). A record's bytes are scanned once into a `JSONTape`; the
/// envelope is read from the tape first (the version in force depends on the association and
/// the submission date), then the facts and documents, typed as the chosen version declares
/// them, straight from the tape into an `ApplicantRecord` whose storage is reused. Numbers are
/// read exactly, as decimals, from their digits. Every error names its JSON path.
///
/// A reader is reused from record to record (a batch worker keeps one): its tape keeps its
/// storage, so reading a record allocates nothing but the texts it keeps.
package struct RecordReader: ~Copyable, Sendable {
  package private(set) var tape = JSONTape()
  package var limits: JSONLimits
  /// Where `readEnvelope` found the members `readRecord` reads (tape entries, or -1).
  private var channelEntry = -1
  private var factsEntry = -1
  private var documentsEntry = -1
  private var evaluatedOnEntry = -1
  private var envelope = RecordEnvelope(applicationID: "", association: "", submittedOn: .earliest)

  package init(limits: JSONLimits = .default) { self.limits = limits }

  /// Scans `bytes` and reads the envelope: application id, association, submission date.
  package mutating func readEnvelope(_ bytes: Span<UInt8>) throws(RecordError) -> RecordEnvelope {
    do {
      try tape.scan(bytes, limits: limits)
    } catch {
      throw .unreadable(error)
    }
    channelEntry = -1
    factsEntry = -1
    documentsEntry = -1
    evaluatedOnEntry = -1
    let root = tape[JSONTape.root]
    guard case .object = root.kind else {
      throw .wrongType("$", expected: LocalizedText(ar: "كائن JSON", en: "a JSON object"), found: describe(JSONTape.root, bytes))
    }
    var seen: UInt8 = 0
    var applicationID = -1
    var association = -1
    var submittedOn = -1
    var key = JSONTape.root + 1
    for _ in 0..<Int(root.count) {
      let value = key + 1
      defer { key = tape.next(after: value) }
      guard let field = RecordSchema.envelopeNames.index(of: tape[key], in: bytes) else {
        let name = tape.string(key, in: bytes)
        throw .unknownField(String(Self.pathComponent(name).drop { $0 == "." }), name,
                            suggestion: Suggestions.nearest(to: name, among: RecordSchema.envelopeNames.names))
      }
      guard seen & (1 << field) == 0 else { throw duplicate(key, path: [], bytes) }
      seen |= 1 << field
      switch RecordSchema.EnvelopeField(rawValue: field) {
      case .applicationID: applicationID = value
      case .association: association = value
      case .submittedOn: submittedOn = value
      case .channel: channelEntry = value
      case .facts: factsEntry = value
      case .documents: documentsEntry = value
      case .evaluatedOn: evaluatedOnEntry = value
      case nil: break
      }
    }
    envelope = RecordEnvelope(
      applicationID: try requiredText(applicationID, "application_id", bytes),
      association: try requiredText(association, "association", bytes),
      submittedOn: try date(required(submittedOn, "submitted_on"), path: "submitted_on", bytes))
    return envelope
  }

  /// Reads the rest of the record `readEnvelope` scanned, as `schema` types it, into `record`
  /// (whose storage is reused).
  package mutating func readRecord(_ bytes: Span<UInt8>, schema: PolicyRecordSchema,
                                   into record: inout ApplicantRecord) throws(RecordError) {
    record.applicationID = envelope.applicationID
    record.association = envelope.association
    record.submittedOn = envelope.submittedOn
    record.evaluatedOn = nil
    let slotCount = schema.readings.count
    if record.facts.count != slotCount {
      record.facts = [Value?](repeating: nil, count: slotCount)
    } else {
      for slot in record.facts.indices { record.facts[slot] = nil }
    }
    record.member = nil
    if schema.hasLists {
      record.lists = [[MemberRecord]?](repeating: nil, count: slotCount)
    } else if !record.lists.isEmpty {
      record.lists = []
    }
    record.facts[PolicyRecordSchema.submittedOnSlot] = .date(envelope.submittedOn)
    record.facts[PolicyRecordSchema.applicationIDSlot] = .text(envelope.applicationID)
    let channel = try required(channelEntry, "channel")
    record.facts[PolicyRecordSchema.channelSlot] = try value(channel, slot: PolicyRecordSchema.channelSlot,
                                                             schema: schema, path: "channel", bytes)
    if factsEntry >= 0 { try readFacts(bytes, schema: schema, into: &record) }
    record.documents.removeAll(keepingCapacity: true)
    if !record.documentFields.isEmpty { record.documentFields.removeAll(keepingCapacity: true) }
    if documentsEntry >= 0 { try readDocuments(bytes, schema: schema, into: &record) }
    if evaluatedOnEntry >= 0, let evaluated = try optionalDate(evaluatedOnEntry, path: "evaluated_on", bytes) {
      guard evaluated >= envelope.submittedOn else {
        throw .evaluatedBeforeSubmission("evaluated_on", evaluated: evaluated, submitted: envelope.submittedOn)
      }
      record.evaluatedOn = evaluated
    }
  }

  /// Appends the record `readEnvelope` scanned as canonical JSON (what the decision log keeps).
  package func writeCanonicalRecord(_ bytes: Span<UInt8>, into buffer: inout ByteBuffer) {
    tape.writeCanonical(JSONTape.root, in: bytes, into: &buffer)
  }

  // MARK: - Facts and documents

  private func readFacts(_ bytes: Span<UInt8>, schema: PolicyRecordSchema,
                         into record: inout ApplicantRecord) throws(RecordError) {
    guard case .object = tape[factsEntry].kind else {
      throw .wrongType("facts", expected: LocalizedText(ar: "كائن", en: "an object"), found: describe(factsEntry, bytes))
    }
    // Slots 0-2 are the envelope's: a fact of theirs is unknown in `facts`.
    let declared = { Array(schema.facts.names.dropFirst(PolicyRecordSchema.applicationIDSlot + 1)) }
    try forEachFact(in: factsEntry, names: schema.facts, firstSlot: PolicyRecordSchema.applicationIDSlot + 1,
                    path: "facts", location: [.key("facts")], bytes,
                    unknown: { path, name, _ throws(RecordError) in
                      throw .unknownFact(path, name, suggestion: Suggestions.nearest(to: name, among: declared()))
                    }) { slot, entry throws(RecordError) in
      // The path is spelt only for a message: most facts read without one.
      func path() -> String { "facts" + Self.pathComponent(schema.facts.names[slot]) }
      if case .list(let kind) = schema.readings[slot] {
        let members = try readList(entry, table: schema.members[kind], schema: schema, path: path(),
                                   location: [.key("facts"), .key(schema.facts.names[slot])], bytes)
        record.lists[slot] = members
        record.facts[slot] = members.map { .number(DecimalNumber(integer: $0.count)) }
      } else {
        record.facts[slot] = try value(entry, slot: slot, schema: schema, path: path(), bytes)
      }
    }
  }

  /// Calls `body` with the slot and the value's tape entry of each member of the object at
  /// `object`, its names matched against `names` (from `firstSlot` on): the one loop that reads
  /// the record's facts and each member's. A name not there goes to `unknown` with its path, a
  /// repeated one is refused.
  private func forEachFact(
    in object: Int, names: NameTable, firstSlot: Int = 0, path: @autoclosure () -> String,
    location: @autoclosure () -> [JSONPath.Component], _ bytes: Span<UInt8>,
    unknown: (_ path: String, _ name: String, _ entry: Int) throws(RecordError) -> Void,
    _ body: (_ slot: Int, _ entry: Int) throws(RecordError) -> Void
  ) throws(RecordError) {
    var given = SlotSet()
    var key = object + 1
    for _ in 0..<Int(tape[object].count) {
      let entry = key + 1
      defer { key = tape.next(after: entry) }
      guard let slot = names.index(of: tape[key], in: bytes), slot >= firstSlot else {
        let name = tape.string(key, in: bytes)
        try unknown(path() + Self.pathComponent(name), name, entry)
        continue
      }
      guard given.insert(slot) else { throw duplicate(key, path: location(), bytes) }
      try body(slot, entry)
    }
  }

  /// A list of member objects (`"children": [{"name": …, "birth_date": …}, …]`), each member's
  /// facts read as its kind declares them; nil for `null` (an unknown list). An empty array is
  /// a list known to be empty.
  private func readList(_ entry: Int, table: PolicyRecordSchema.MemberTable, schema: PolicyRecordSchema,
                        path: String, location: [JSONPath.Component], _ bytes: Span<UInt8>)
    throws(RecordError) -> [MemberRecord]?
  {
    if case .null = tape[entry].kind { return nil }
    guard case .array = tape[entry].kind else {
      throw .wrongType(path, expected: ValueType.listOf(table.name).recordName, found: describe(entry, bytes))
    }
    guard tape[entry].count <= RecordSchema.maxMembers else {
      throw .tooManyMembers(path, limit: RecordSchema.maxMembers)
    }
    var members: [MemberRecord] = []
    members.reserveCapacity(Int(tape[entry].count))
    var item = entry + 1
    for position in 0..<Int(tape[entry].count) {
      defer { item = tape.next(after: item) }
      func memberPath() -> String { "\(path)[\(position)]" }
      guard case .object = tape[item].kind else {
        throw .wrongType(memberPath(), expected: LocalizedText(ar: "كائن", en: "an object"), found: describe(item, bytes))
      }
      var facts = [Value?](repeating: nil, count: table.readings.count)
      var documents: [SubmittedDocument] = []
      var documentFields: [[Value?]] = []
      try forEachFact(in: item, names: table.facts, path: memberPath(), location: location + [.index(position)], bytes,
                      unknown: { path, name, entry throws(RecordError) in
                        // A member's documents sit beside its facts, under `documents`.
                        if name == RecordSchema.EnvelopeField.documents.name, documents.isEmpty {
                          try readDocumentList(entry, types: table.documents, fields: table.documentFields, schema: schema,
                                               path: path,
                                               location: location + [.index(position), .key(name)], bytes, into: &documents,
                                               fieldValues: &documentFields)
                          return
                        }
                        throw .unknownMemberFact(path, name, kind: table.name,
                                                 suggestion: Suggestions.nearest(to: name, among: table.facts.names))
                      }) { slot, entry throws(RecordError) in
        facts[slot] = try value(entry, reading: table.readings[slot], type: table.types[slot], schema: schema,
                                path: memberPath() + Self.pathComponent(table.facts.names[slot]), bytes)
      }
      members.append(MemberRecord(facts: facts, documents: documents, documentFields: documentFields))
    }
    return members
  }

  private func readDocuments(_ bytes: Span<UInt8>, schema: PolicyRecordSchema,
                             into record: inout ApplicantRecord) throws(RecordError) {
    try readDocumentList(documentsEntry, types: schema.documents, fields: schema.documentFields, schema: schema,
                         path: "documents", location: [.key("documents")], bytes, into: &record.documents,
                         fieldValues: &record.documentFields)
  }

  /// The documents of the array at `entry`, their types among `types`: the record's own, or a
  /// member's (`facts.children[1].documents`), read by the same code.
  private func readDocumentList(_ entry: Int, types: NameTable, fields: [PolicyRecordSchema.FieldTable],
                                schema: PolicyRecordSchema, path listPath: @autoclosure () -> String,
                                location: @autoclosure () -> [JSONPath.Component], _ bytes: Span<UInt8>,
                                into documents: inout [SubmittedDocument],
                                fieldValues: inout [[Value?]]) throws(RecordError) {
    let list = tape[entry]
    guard case .array = list.kind else {
      throw .wrongType(listPath(), expected: LocalizedText(ar: "مصفوفة", en: "an array"), found: describe(entry, bytes))
    }
    guard list.count <= RecordSchema.maxDocuments else {
      throw .tooManyDocuments(listPath(), limit: RecordSchema.maxDocuments)
    }
    let someTypeHasFields = fields.contains { !$0.readings.isEmpty }
    var item = entry + 1
    for position in 0..<Int(list.count) {
      defer { item = tape.next(after: item) }
      func path() -> String { "\(listPath())[\(position)]" }
      guard case .object = tape[item].kind else {
        throw .wrongType(path(), expected: LocalizedText(ar: "كائن", en: "an object"), found: describe(item, bytes))
      }
      var document = SubmittedDocument(type: 0, position: position)
      var seen: UInt8 = 0
      var typeEntry = -1
      // The type first, wherever it stands, so that the fields it declares (`holder`) are read
      // in place and every error comes in the order of the keys. (Only when some type declares
      // fields: other policies' documents are read in one pass.)
      var key = item + 1
      for _ in 0..<(someTypeHasFields ? Int(tape[item].count) : 0) {
        let value = key + 1
        defer { key = tape.next(after: value) }
        if RecordSchema.documentNames.index(of: tape[key], in: bytes) == RecordSchema.DocumentField.type.rawValue {
          typeEntry = value
        }
      }
      var declared: PolicyRecordSchema.FieldTable?
      var values: [Value?] = []
      if typeEntry >= 0, case .string = tape[typeEntry].kind, let type = types.index(of: tape[typeEntry], in: bytes),
        !fields[type].readings.isEmpty
      {
        declared = fields[type]
        values = [Value?](repeating: nil, count: fields[type].readings.count)
      }
      var given = SlotSet()
      key = item + 1
      for _ in 0..<Int(tape[item].count) {
        let value = key + 1
        defer { key = tape.next(after: value) }
        guard let field = RecordSchema.documentNames.index(of: tape[key], in: bytes) else {
          guard let table = declared, let slot = table.names.index(of: tape[key], in: bytes) else {
            let name = tape.string(key, in: bytes)
            throw .unknownField(path() + Self.pathComponent(name), name,
                                suggestion: Suggestions.nearest(to: name, among: RecordSchema.documentNames.names
                                  + (declared?.names.names ?? [])))
          }
          guard given.insert(slot) else { throw duplicate(key, path: location() + [.index(position)], bytes) }
          values[slot] = try self.value(value, reading: table.readings[slot], type: table.types[slot],
                                                 schema: schema, path: path() + Self.pathComponent(table.names.names[slot]),
                                                 bytes)
          continue
        }
        guard seen & (1 << field) == 0 else {
          throw duplicate(key, path: location() + [.index(position)], bytes)
        }
        seen |= 1 << field
        func fieldPath() -> String { "\(path()).\(RecordSchema.documentNames.names[field])" }
        switch RecordSchema.DocumentField(rawValue: field) {
        case .type: typeEntry = value
        case .expiresOn: document.expiresOn = try optionalDate(value, path: fieldPath(), bytes)
        case .dated: document.dated = try optionalDate(value, path: fieldPath(), bytes)
        case .signedOn: document.signedOn = try optionalDate(value, path: fieldPath(), bytes)
        case .issuedOn: document.issuedOn = try optionalDate(value, path: fieldPath(), bytes)
        case .number, .note, nil:
          switch tape[value].kind {
          case .string, .null: break
          default:
            throw .wrongType(fieldPath(), expected: LocalizedText(ar: "نص", en: "a string"),
                             found: describe(value, bytes))
          }
        }
      }
      guard typeEntry >= 0 else { throw .missingField("\(path()).type") }
      guard case .string = tape[typeEntry].kind else {
        throw .wrongType("\(path()).type", expected: LocalizedText(ar: "نص", en: "a string"),
                         found: describe(typeEntry, bytes))
      }
      guard let type = types.index(of: tape[typeEntry], in: bytes) else {
        let name = tape.string(typeEntry, in: bytes)
        throw .unknownDocumentType("\(path()).type", name, among: types.names)
      }
      document.type = type
      documents.append(document)
      if someTypeHasFields { fieldValues.append(values) }
    }
  }

  // MARK: - Envelope helpers

  private func required(_ entry: Int, _ key: String) throws(RecordError) -> Int {
    guard entry >= 0 else { throw .missingField(key) }
    return entry
  }

  private func requiredText(_ entry: Int, _ key: String, _ bytes: Span<UInt8>) throws(RecordError) -> String {
    let entry = try required(entry, key)
    let text = tape[entry]
    guard case .string = text.kind, text.end > text.start else {
      throw .wrongType(key, expected: LocalizedText(ar: "نص غير فارغ", en: "a non-empty string"),
                       found: describe(entry, bytes))
    }
    return tape.string(entry, in: bytes)
  }

  /// A repeated member, reported as the JSON reader reports it (`not valid JSON: duplicate key`),
  /// at the repeated name.
  private func duplicate(_ key: Int, path: [JSONPath.Component], _ bytes: Span<UInt8>) -> RecordError {
    let name = tape.string(key, in: bytes)
    return .unreadable(JSONReadError.located(.duplicateKey(name), at: Int(tape[key].start) - 1, in: bytes,
                                             path: JSONPath(path + [.key(name)])))
  }

  /// `.key`, or `["key"]` when the key is not a plain name.
  static func pathComponent(_ key: String) -> String {
    let isIdentifier = !key.isEmpty && key.utf8.allSatisfy { byte in
      (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) || byte == 95
    }
    return isIdentifier ? "." + key : "[\"\(key)\"]"
  }
}

/// Slots already given, as bits (a policy rarely has more than 64 facts; the rest go in a set).
struct SlotSet {
  private var low: UInt64 = 0
  private var high: Set<Int> = []

  /// Adds `slot`; false when it was there already.
  @inline(__always)
  mutating func insert(_ slot: Int) -> Bool {
    guard slot < 64 else { return high.insert(slot).inserted }
    let bit: UInt64 = 1 << UInt64(slot)
    defer { low |= bit }
    return low & bit == 0
  }
}
