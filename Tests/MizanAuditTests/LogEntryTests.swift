import MizanCore
import Testing

@testable import MizanAudit

@Suite("Log entries")
struct LogEntryTests {
  static func entry(sequence: Int = 1, previous: String = LogEntry.genesisHash) -> LogEntry {
    .sealed(sequence: sequence, applicationID: "A-\(sequence)", association: "raabigh", policyVersion: "2024-01-15",
            fingerprint: String(repeating: "ab", count: 32), record: .object(["b": .number(2), "a": .string("ص")]),
            outcome: .object(["verdict": .string("eligible")]), engineVersion: "0.1.0", loggedAt: nil,
            previousHash: previous)
  }

  @Test("a sealed entry's line is canonical JSON that reads back to the same entry")
  func roundTrip() throws {
    let original = Self.entry()
    let json = try JSONReader.read(original.line)
    let read = try LogEntry(json: json)
    // Members come back in canonical order, so compare the canonical lines.
    #expect(read.line == original.line)
    #expect(read.computedHash == read.hash)
    #expect(original.line.hasPrefix(#"{"application_id":"A-1","association":"raabigh","engine":"0.1.0""#))
  }

  @Test("the hash covers every field but itself")
  func hashCoversFields() {
    let original = Self.entry()
    var edited = original
    edited.outcome = .object(["verdict": .string("ineligible")])
    #expect(edited.computedHash != original.hash)
    edited = original
    edited.previousHash = String(repeating: "1", count: 64)
    #expect(edited.computedHash != original.hash)
  }

  @Test("lines that are not entries say what is wrong", arguments: [
    (#"[1]"#, LogEntryError.notAnObject),
    (#"{"sequence": 1}"#, .missingField("policy")),
    (#"{"sequence": 0}"#, .missingField("sequence")),
    (#"{"surprise": 1}"#, .unknownField("surprise")),
  ])
  func invalidLines(text: String, expected: LogEntryError) throws {
    #expect(throws: expected) { try LogEntry(json: try JSONReader.read(text)) }
  }
}
