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
      #expect(entry.outcome == (try outcome.canonicalBytes()))
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
