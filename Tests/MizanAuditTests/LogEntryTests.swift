import MizanCore
import Testing

@testable import MizanAudit

@Suite("Log entries: the one line builder, and lines read back")
struct LogEntryTests {
  static let records: [JSONValue] = [
    .object(["b": .number(2), "a": .string("ص"), "facts": .object(["x": .null, "é": .bool(true)])]),
    .object(["application_id": .string("quote \" and \\ and \u{1}"), "n": .number(1500.25)]),
  ]
  static let outcomes: [JSONValue] = [
    .object(["verdict": .string("eligible"), "checklist": .array([.object(["id": .string("a")])])]),
    .object(["verdict": .string("incomplete"), "detail": .string("لا يوجد أي من: هوية")]),
  ]

  static func sealed(record: JSONValue, outcome: JSONValue, sequence: Int, previous: String,
                     loggedAt: String?) -> (line: [UInt8], hash: String) {
    let recordBytes = (try? record.canonicalBytes()) ?? []
    let outcomeBytes = (try? outcome.canonicalBytes()) ?? []
    return LogLineBuilder(applicationID: "RB-\"1\"", association: "raabigh", policyVersion: "2024-01-15",
                          fingerprint: String(repeating: "ab", count: 32), canonicalRecord: recordBytes.span,
                          canonicalOutcome: outcomeBytes.span, engineVersion: "0.1.0", loggedAt: loggedAt)
      .sealed(sequence: sequence, previousHash: previous)
  }

  @Test("a built line is canonical JSON, sealed by the hash of itself without `hash`, and reads back",
        arguments: [nil, "2026-11-22T05:00:00Z"], [1, 9, 10, 123_456])
  func builtLines(loggedAt: String?, sequence: Int) throws {
    for (record, outcome) in zip(Self.records, Self.outcomes) {
      let previous = sequence == 1 ? LogEntry.genesisHash : String(repeating: "7f", count: 32)
      let (line, hash) = Self.sealed(record: record, outcome: outcome, sequence: sequence, previous: previous,
                                     loggedAt: loggedAt)
      #expect(line.last == UInt8(ascii: "\n"))
      let text = Array(line.dropLast())
      // Canonical: the tree's canonical form is the line itself.
      let tree = try JSONReader.read(text)
      #expect(try tree.canonicalBytes() == text)
      // The hash covers the entry without its `hash` member, written canonically.
      guard case .object(let members) = tree else { return }
      let unsealed = try JSONValue.object(members.filter { $0.key != "hash" }).canonicalBytes()
      #expect(SHA256.hash(unsealed).hex == hash)
      let entry = try LogEntry(line: text)
      #expect(entry.sequence == sequence && entry.previousHash == previous && entry.hash == hash)
      #expect(entry.computedHash == hash)
      #expect(entry.loggedAt == loggedAt)
      #expect(entry.record == (try record.canonicalBytes()))
      let outcomeBytes = try outcome.canonicalBytes()
      guard case .compact(let decision, let digest) = entry.form else {
        Issue.record("a built entry is compact")
        return
      }
      #expect(digest == SHA256.hash(outcomeBytes).hex)
      #expect(Array(entry.line[decision]) == DecisionSummary.of(outcome: outcomeBytes))
      #expect(entry.purpose == nil)
    }
  }

  @Test("the hash covers every byte but its own member")
  func hashCoversFields() throws {
    let (line, hash) = Self.sealed(record: Self.records[0], outcome: Self.outcomes[0], sequence: 1,
                                   previous: LogEntry.genesisHash, loggedAt: nil)
    let text = String(decoding: line.dropLast(), as: UTF8.self)
    for (from, to) in [("eligible", "ineligible"), ("\"sequence\":1", "\"sequence\":2"), ("0.1.0", "0.1.1"),
                       ("\"b\":2", "\"b\":3")] {
      let edited = try LogEntry(line: Array(text.replacingOccurrences(of: from, with: to).utf8))
      #expect(edited.hash == hash)
      #expect(edited.computedHash != hash, "\(from) → \(to)")
    }
  }

  @Test("a purpose is written in its canonical place, covered by the hash, and read back",
        arguments: LogPurpose.allCases)
  func purpose(purpose: LogPurpose) throws {
    let record = try Self.records[0].canonicalBytes()
    let outcome = try Self.outcomes[0].canonicalBytes()
    let (line, hash) = LogLineBuilder(
      applicationID: "A", association: "raabigh", policyVersion: "2024-01-15", fingerprint: String(repeating: "ab", count: 32),
      canonicalRecord: record.span, canonicalOutcome: outcome.span, engineVersion: "0.1.0", loggedAt: nil,
      purpose: purpose
    ).sealed(sequence: 1, previousHash: LogEntry.genesisHash)
    let text = Array(line.dropLast())
    #expect(try JSONReader.read(text).canonicalBytes() == text)
    let entry = try LogEntry(line: text)
    #expect(entry.purpose == purpose && entry.computedHash == hash)
    let unmarked = String(decoding: text, as: UTF8.self).replacingOccurrences(of: #","purpose":"\#(purpose.rawValue)""#, with: "")
    #expect(try LogEntry(line: Array(unmarked.utf8)).computedHash != hash)
  }

  @Test("the decision summary of real outcomes: every part an auditor reads, in canonical JSON")
  func decisionSummary() throws {
    let parts: [String] = [
      #"{"application_id":"A","checklist":[{"id":"id_doc","label":{"ar":"x","en":"y"},"status":"expired"},"#,
      #"{"id":"birth","member":"children[1]","status":"missing"}],"missing_facts":[{"fact":"monthly_income","#,
      #""label":{"ar":"x","en":"y"}}],"next_step":{"action":"complete_file","by":["applicant"],"#,
      #""earliest_reply_on":"2024-03-24"},"reasons":[{"kind":"requirement","result":"expired","rule":"id_doc"}],"#,
      #""stage":{"id":"screening","label":{"ar":"x","en":"y"}},"trace":[],"verdict":"incomplete"}"#,
    ]
    let outcome = Array(parts.joined().utf8)
    let summary = String(decoding: DecisionSummary.of(outcome: outcome), as: UTF8.self)
    let expected: [String] = [
      #"{"checklist":[["id_doc","expired"],["birth","missing","children[1]"]],"#,
      #""missing_facts":["monthly_income"],"next_step":"complete_file","reasons":[["id_doc","expired"]],"#,
      #""reply_on":"2024-03-24","stage":"screening","verdict":"incomplete"}"#,
    ]
    #expect(summary == expected.joined())
    #expect(try JSONReader.read(Array(summary.utf8)).canonicalText == summary)
    #expect(DecisionSummary.of(outcome: Array("not json".utf8)).isEmpty)
  }

  @Test("lines that are not entries say what is wrong", arguments: [
    (#"[1]"#, LogEntryError.notAnObject),
    (#"{"sequence": 1}"#, .missingField("policy")),
    (#"{"sequence": 0}"#, .missingField("sequence")),
    (#"{"surprise": 1}"#, .unknownField("surprise")),
  ])
  func invalidLines(text: String, expected: LogEntryError) throws {
    #expect(throws: expected) { try LogEntry(line: Array(text.utf8)) }
  }
}
