import MizanCore

/// One decision in the log: everything a replay needs to re-derive it (the input record, the
/// policy version and fingerprint, the engine version) and the outcome it gave, chained to the
/// entry before by `prev` and sealed by `hash`.
package struct LogEntry: Sendable, Hashable {
  package var sequence: Int
  package var applicationID: String
  package var association: String
  package var policyVersion: String
  package var fingerprint: String
  /// The input record as read (canonicalized when written).
  package var record: JSONValue
  /// The outcome as canonical JSON gives it.
  package var outcome: JSONValue
  package var engineVersion: String
  /// When it was logged (wall clock, written by the CLI). Recorded, never compared in replay.
  package var loggedAt: String?
  /// The hash of the previous entry; 64 zeros for the first.
  package var previousHash: String
  /// SHA-256 of this entry's canonical JSON without the `hash` member.
  package var hash: String

  /// The entry without `hash`: what the hash is taken over.
  package var unsealedJSON: JSONValue {
    var members: [JSONMember] = [
      JSONMember("sequence", .number(Double(sequence))),
      JSONMember("application_id", .string(applicationID)),
      JSONMember("association", .string(association)),
      JSONMember("policy", .object(["version": .string(policyVersion), "fingerprint": .string(fingerprint)])),
      JSONMember("record", record),
      JSONMember("outcome", outcome),
      JSONMember("engine", .string(engineVersion)),
      JSONMember("prev", .string(previousHash)),
    ]
    if let loggedAt { members.append(JSONMember("logged_at", .string(loggedAt))) }
    return .object(members)
  }

  /// The hash an entry with these contents must carry.
  package var computedHash: String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(8 << 10)
    unsealedJSON.writeCanonical(into: &bytes)
    return SHA256.hash(bytes).hex
  }

  /// The whole entry as one canonical JSON line (without the newline).
  package var line: String {
    guard case .object(var members) = unsealedJSON else { return "" }
    members.append(JSONMember("hash", .string(hash)))
    return JSONValue.object(members).canonicalText
  }

  /// A new entry sealed with its hash.
  package static func sealed(sequence: Int, applicationID: String, association: String, policyVersion: String,
                             fingerprint: String, record: JSONValue, outcome: JSONValue, engineVersion: String,
                             loggedAt: String?, previousHash: String) -> LogEntry {
    var entry = LogEntry(sequence: sequence, applicationID: applicationID, association: association,
                         policyVersion: policyVersion, fingerprint: fingerprint, record: record, outcome: outcome,
                         engineVersion: engineVersion, loggedAt: loggedAt, previousHash: previousHash, hash: "")
    entry.hash = entry.computedHash
    return entry
  }

  /// The `prev` of the first entry.
  package static let genesisHash = String(repeating: "0", count: 64)
}

extension LogEntry {
  /// Reads an entry from a log line's JSON. Does not verify the hash (the chain verifier does).
  package init(json: JSONValue) throws(LogEntryError) {
    guard case .object(let members) = json else { throw .notAnObject }
    let known: Set<String> = [
      "sequence", "application_id", "association", "policy", "record", "outcome", "engine", "prev", "hash", "logged_at",
    ]
    if let unknown = members.first(where: { !known.contains($0.key) }) { throw .unknownField(unknown.key) }
    func string(_ key: String, in value: JSONValue = json) throws(LogEntryError) -> String {
      guard case .string(let text)? = value[key] else { throw .missingField(key) }
      return text
    }
    guard case .number(let sequence)? = json["sequence"], sequence >= 1, sequence <= 9e15,
      sequence == sequence.rounded(.towardZero)
    else { throw .missingField("sequence") }
    guard let policy = json["policy"] else { throw .missingField("policy") }
    guard let record = json["record"] else { throw .missingField("record") }
    guard let outcome = json["outcome"] else { throw .missingField("outcome") }
    var loggedAt: String?
    if json["logged_at"] != nil { loggedAt = try string("logged_at") }
    self.init(sequence: Int(sequence), applicationID: try string("application_id"),
              association: try string("association"), policyVersion: try string("version", in: policy),
              fingerprint: try string("fingerprint", in: policy), record: record, outcome: outcome,
              engineVersion: try string("engine"), loggedAt: loggedAt, previousHash: try string("prev"),
              hash: try string("hash"))
  }

  /// The verdict the logged outcome gives.
  package var verdict: String? {
    if case .string(let verdict)? = outcome["verdict"] { return verdict }
    return nil
  }
}

/// Why a log line is not an entry.
package enum LogEntryError: Error, Sendable, Equatable, CustomStringConvertible {
  case notAnObject
  case missingField(String)
  case unknownField(String)

  package var description: String {
    switch self {
    case .notAnObject: "expected a JSON object"
    case .missingField(let key): "field `\(key)` is missing or has the wrong type"
    case .unknownField(let key): "unknown field `\(key.escapingControlCharacters)`"
    }
  }
}
