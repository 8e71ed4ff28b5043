@testable import MizanAudit
import MizanCore

/// Rebuilds a chain's `prev` and `hash` after an edit: the forger's best move, which replay
/// must still catch by re-evaluating.
enum Resealer {
  static func reseal(_ lines: [String]) throws -> [String] {
    var previous = LogEntry.genesisHash
    return try lines.map { line in
      let entry = try LogEntry(line: Array(line.utf8))
      let record = entry.record
      let outcome = entry.outcome
      let builder = LogLineBuilder(
        applicationID: entry.applicationID, association: entry.association, policyVersion: entry.policyVersion,
        fingerprint: entry.fingerprint, canonicalRecord: record.span, canonicalOutcome: outcome.span,
        engineVersion: entry.engineVersion, loggedAt: entry.loggedAt)
      let sealed = builder.sealed(sequence: entry.sequence, previousHash: previous)
      previous = sealed.hash
      return String(decoding: sealed.line.dropLast(), as: UTF8.self)
    }
  }
}
