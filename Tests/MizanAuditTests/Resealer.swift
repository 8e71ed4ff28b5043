import MizanCore

@testable import MizanAudit

/// A forger's tools: rebuild a chain's `prev` and `hash` after an edit, and rewrite an entry as
/// if it had been logged with another record and outcome. Replay catches a resealed edit by
/// re-evaluating it when the edit leaves the record and outcome inconsistent; a consistent one
/// only a checkpoint taken after it catches.
enum Resealer {
  /// Each line with `prev` set to the hash of the line before and `hash` recomputed, in order.
  static func reseal(_ lines: [String]) throws -> [String] {
    var previous = LogEntry.genesisHash
    return try lines.map { line in
      let entry = try LogEntry(line: Array(line.utf8))
      var text = line.replacingOccurrences(of: "\"prev\":\"\(entry.previousHash)\"", with: "\"prev\":\"\(previous)\"")
      let relinked = try LogEntry(line: Array(text.utf8))
      let hash = relinked.computedHash
      text = text.replacingOccurrences(of: "\"hash\":\"\(entry.hash)\"", with: "\"hash\":\"\(hash)\"")
      previous = hash
      return text
    }
  }

  /// The entry `line` rewritten with another record and its outcome (as `mizan eval` gives it),
  /// everything else kept; its `hash` is left for `reseal`.
  static func rewrite(_ line: String, record: [UInt8], outcome: [UInt8], purpose: LogPurpose? = nil) throws -> String {
    let entry = try LogEntry(line: Array(line.utf8))
    let builder = LogLineBuilder(
      applicationID: entry.applicationID, association: entry.association, policyVersion: entry.policyVersion,
      fingerprint: entry.fingerprint, canonicalRecord: record.span, canonicalOutcome: outcome.span,
      engineVersion: entry.engineVersion, loggedAt: entry.loggedAt, purpose: purpose)
    return String(decoding: builder.sealed(sequence: entry.sequence, previousHash: entry.previousHash).line.dropLast(),
                  as: UTF8.self)
  }
}
