import MizanCore

/// One decision in the log, as read from its line: everything a replay needs to re-derive it
/// (the input record, the policy version and fingerprint, the engine version) and the outcome it
/// gave, chained to the entry before by `prev` and sealed by `hash`.
///
/// The record and the outcome are kept as the line's own bytes (canonical JSON): replay reads the
/// record with the record reader and compares outcomes byte for byte, so nothing is re-encoded.
package struct LogEntry: Sendable, Hashable {
  package var sequence: Int
  package var applicationID: String
  package var association: String
  package var policyVersion: String
  package var fingerprint: String
  package var engineVersion: String
  /// When it was logged (wall clock, written by the CLI). Recorded, never compared in replay.
  package var loggedAt: String?
  /// Who asked for the decision (the staff member's name given to `mizan serve`), when known.
  package var loggedBy: String?
  /// The hash of the previous entry; 64 zeros for the first.
  package var previousHash: String
  /// SHA-256 of the line without its `hash` member.
  package var hash: String
  /// The whole line, without its newline.
  package var line: [UInt8]
  /// Where the record sits in `line`.
  package var recordRange: Range<Int>
  /// The entry's form: a compact entry keeps the decision and the outcome's digest; an entry of
  /// the first form (before the checkpoints) kept the whole outcome.
  package var form: Form
  /// Why an entry that is not an official decision was logged; nil for an official decision.
  package var purpose: LogPurpose?

  /// What an entry keeps of its outcome.
  package enum Form: Sendable, Hashable {
    /// `decision` (where it sits in `line`) and `outcome_sha256`.
    case compact(decision: Range<Int>, outcomeDigest: String)
    /// The whole outcome (where it sits in `line`).
    case fullOutcome(Range<Int>)
  }

  /// The `prev` of the first entry.
  package static let genesisHash = String(repeating: "0", count: 64)

  /// The input record as logged (canonical JSON).
  package var record: [UInt8] { Array(line[recordRange]) }
  /// The whole outcome, for an entry of the first form.
  package var fullOutcome: [UInt8]? {
    guard case .fullOutcome(let range) = form else { return nil }
    return Array(line[range])
  }

  /// The decision as logged: the entry's own for a compact entry, written from the outcome for
  /// an entry of the first form.
  package var decision: [UInt8] {
    switch form {
    case .compact(let range, _): Array(line[range])
    case .fullOutcome(let range): DecisionSummary.of(outcome: Array(line[range]))
    }
  }

  /// Reads an entry from a log line. Does not verify the hash (`computedHash` does).
  package init(line: [UInt8]) throws(LogEntryError) {
    var tape = JSONTape()
    do {
      try tape.scan(line.span, limits: LogLimits.json, rejectingDuplicateKeys: true)
    } catch {
      throw .notJSON(LocalizedText(ar: error.reasonArabic, en: error.reason))
    }
    let bytes = line.span
    guard tape[JSONTape.root].kind == .object else { throw .notAnObject }
    var fields: [LogField: Int] = [:]
    var unknown: String?
    tape.forEachMember(of: JSONTape.root) { key, value in
      guard let field = LogField(rawValue: tape.string(key, in: bytes)) else {
        unknown = unknown ?? tape.string(key, in: bytes)
        return
      }
      fields[field] = value
    }
    if let unknown { throw .unknownField(unknown) }
    func string(_ field: LogField) throws(LogEntryError) -> String {
      guard let entry = fields[field], tape[entry].kind == .string else { throw .missingField(field.rawValue) }
      return tape.string(entry, in: bytes)
    }
    guard let sequenceEntry = fields[.sequence], tape[sequenceEntry].kind == .number,
      case .success(let number) = tape.decimal(sequenceEntry, in: bytes), let sequence = number.wholeValue,
      sequence >= 1
    else { throw .missingField("sequence") }
    guard let policy = fields[.policy], tape[policy].kind == .object else { throw .missingField("policy") }
    var version: String?
    var fingerprint: String?
    tape.forEachMember(of: policy) { key, value in
      guard case .string = tape[value].kind else { return }
      switch tape.string(key, in: bytes) {
      case "version": version = tape.string(value, in: bytes)
      case "fingerprint": fingerprint = tape.string(value, in: bytes)
      default: break
      }
    }
    guard let version else { throw .missingField("version") }
    guard let fingerprint else { throw .missingField("fingerprint") }
    guard let record = fields[.record] else { throw .missingField("record") }
    if let outcome = fields[.outcome] {
      guard fields[.decision] == nil, fields[.outcomeDigest] == nil else { throw .unknownField("outcome") }
      form = .fullOutcome(Self.byteRange(of: outcome, in: tape))
    } else {
      guard let decision = fields[.decision], tape[decision].kind == .object else { throw .missingField("decision") }
      let digest = try string(.outcomeDigest)
      guard SHA256Digest(hex: digest) != nil else { throw .missingField(LogField.outcomeDigest.rawValue) }
      form = .compact(decision: Self.byteRange(of: decision, in: tape), outcomeDigest: digest)
    }
    if fields[.purpose] != nil {
      guard let purpose = LogPurpose(rawValue: try string(.purpose)) else { throw .missingField("purpose") }
      self.purpose = purpose
    }
    self.sequence = sequence
    applicationID = try string(.applicationID)
    association = try string(.association)
    policyVersion = version
    self.fingerprint = fingerprint
    engineVersion = try string(.engine)
    loggedAt = fields[.loggedAt] == nil ? nil : try string(.loggedAt)
    loggedBy = fields[.loggedBy] == nil ? nil : try string(.loggedBy)
    previousHash = try string(.prev)
    hash = try string(.hash)
    self.line = line
    recordRange = Self.byteRange(of: record, in: tape)
    hashMember = Self.memberRange(key: fields[.hash].map { $0 - 1 } ?? 0, value: fields[.hash] ?? 0, in: tape)
  }

  /// The bytes of the `"hash":"…",` member, which the hash does not cover.
  private var hashMember: Range<Int>

  /// The hash a line with these bytes must carry: SHA-256 of the line with its `hash` member cut
  /// out. The line is canonical JSON as the builder wrote it; a line rewritten in any other
  /// spelling no longer matches its hash, which is what a seal is for.
  package var computedHash: String {
    var hasher = SHA256()
    hasher.update(line[..<hashMember.lowerBound])
    hasher.update(line[hashMember.upperBound...])
    return hasher.finalize().hex
  }

  /// The verdict the logged decision gives.
  package var verdict: String? {
    guard case .object(let members)? = try? JSONReader.read(decision, limits: LogLimits.json),
      case .string(let verdict)? = members.first(where: { $0.key == "verdict" })?.value
    else { return nil }
    return verdict
  }

  /// The rules the logged decision lists as failed or undecided.
  package var failedRules: [String] {
    guard let json = try? JSONReader.read(decision, limits: LogLimits.json), case .array(let reasons)? = json["reasons"]
    else { return [] }
    return reasons.compactMap { if case .array(let row) = $0, case .string(let rule)? = row.first { rule } else { nil } }
  }

  private static func byteRange(of entry: Int, in tape: borrowing JSONTape) -> Range<Int> { tape[entry].valueRange }

  /// `"key":value,` — a member's bytes and its comma (or the comma before it, for a last member).
  private static func memberRange(key: Int, value: Int, in tape: borrowing JSONTape) -> Range<Int> {
    let start = Int(tape[key].start) - 1
    let end = byteRange(of: value, in: tape).upperBound
    return start..<(end + 1)
  }
}

/// The members of a log line.
enum LogField: String {
  case sequence
  case applicationID = "application_id"
  case association, policy, record, outcome, decision, engine, prev, hash, purpose
  case loggedAt = "logged_at"
  case loggedBy = "logged_by"
  case outcomeDigest = "outcome_sha256"
}

/// Why a log line is not an entry.
package enum LogEntryError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The line is not JSON: the reader's reason, in both languages.
  case notJSON(LocalizedText)
  case notAnObject
  case missingField(String)
  case unknownField(String)

  /// What is wrong, in both languages (`mizan replay --lang ar` shows the Arabic).
  package var text: LocalizedText {
    switch self {
    case .notJSON(let reason): reason
    case .notAnObject: LocalizedText(ar: "المتوقع كائن JSON", en: "expected a JSON object")
    case .missingField(let key):
      LocalizedText(ar: "الحقل `\(key)` مفقود أو من نوع خاطئ", en: "field `\(key)` is missing or has the wrong type")
    case .unknownField(let key):
      LocalizedText(ar: "حقل غير معروف `\(key.escapingControlCharacters)`",
                    en: "unknown field `\(key.escapingControlCharacters)`")
    }
  }

  package var description: String { text.english }
}

/// Size limits for reading log lines.
package enum LogLimits {
  /// The longest line kept; longer ones are reported, not held.
  package static let maxLineBytes = 16 << 20

  /// A log line holds a whole record and outcome: allow more than a record alone.
  package static var json: JSONLimits {
    var limits = JSONLimits()
    limits.maxBytes = maxLineBytes
    limits.maxMembers = 100_000
    return limits
  }
}
