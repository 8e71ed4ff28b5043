import MizanCore
import Testing

@testable import MizanAudit

@Suite("Log lines built from canonical parts")
struct UnchainedLogLineTests {
  static let records: [JSONValue] = [
    .object(["b": .number(2), "a": .string("ص"), "facts": .object(["x": .null, "é": .bool(true)])]),
    .object(["application_id": .string("quote \" and \\ and \u{1}"), "n": .number(1500.25)]),
  ]
  static let outcomes: [JSONValue] = [
    .object(["verdict": .string("eligible"), "checklist": .array([.object(["id": .string("a")])])]),
    .object(["verdict": .string("incomplete"), "detail": .string("لا يوجد أي من: هوية")]),
  ]

  @Test("the line and hash are LogEntry's, byte for byte, with and without logged_at, at any place in the chain",
        arguments: [nil, "2026-11-22T05:00:00Z"], [1, 9, 10, 123_456])
  func sameAsLogEntry(loggedAt: String?, sequence: Int) throws {
    for (record, outcome) in zip(Self.records, Self.outcomes) {
      let previous = sequence == 1 ? LogEntry.genesisHash : String(repeating: "7f", count: 32)
      let entry = LogEntry.sealed(
        sequence: sequence, applicationID: "RB-\"1\"", association: "raabigh", policyVersion: "2024-01-15",
        fingerprint: String(repeating: "ab", count: 32), record: record, outcome: outcome, engineVersion: "0.1.0",
        loggedAt: loggedAt, previousHash: previous)
      var recordBytes: [UInt8] = []
      record.writeCanonical(into: &recordBytes)
      var outcomeBytes: [UInt8] = []
      outcome.writeCanonical(into: &outcomeBytes)
      let line = recordBytes.withUnsafeBytes { recordBuffer in
        outcomeBytes.withUnsafeBytes { outcomeBuffer in
          UnchainedLogLine(applicationID: "RB-\"1\"", association: "raabigh", policyVersion: "2024-01-15",
                           fingerprint: String(repeating: "ab", count: 32), canonicalRecord: recordBuffer,
                           canonicalOutcome: outcomeBuffer, engineVersion: "0.1.0", loggedAt: loggedAt)
        }
      }
      let sealed = line.sealed(sequence: sequence, previousHash: previous)
      #expect(String(decoding: sealed.line, as: UTF8.self) == entry.line + "\n")
      #expect(sealed.hash == entry.hash)
    }
  }
}
