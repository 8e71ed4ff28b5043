import Foundation
import MizanCore

/// What re-evaluating a logged record gives today.
package enum Reproduction: Sendable {
  case outcome(JSONValue)
  /// No policy version in the policies folder has the logged fingerprint.
  case policyMissing
  /// The record no longer reads (it should always: a logged record was read once).
  case recordError(String)
}

/// How one log entry replayed.
package enum ReplayStatus: Sendable, Equatable {
  case reproduced
  /// The outcome differs; the top-level fields that differ.
  case diverged([String])
  case policyMissing
  case chainBroken([String])

  package var name: String {
    switch self {
    case .reproduced: "reproduced"
    case .diverged: "diverged"
    case .policyMissing: "policy missing"
    case .chainBroken: "chain broken"
    }
  }
}

/// One line's replay.
package struct ReplayResult: Sendable {
  package var line: Int
  package var sequence: Int?
  package var applicationID: String?
  package var status: ReplayStatus
}

/// Re-derives every logged decision: verifies the chain, finds the policy by fingerprint,
/// re-evaluates the logged record and compares the outcomes byte for byte.
package enum Replay {
  /// Replays a log, reading it in chunks; `report` gets each result as it is found, so memory
  /// does not grow with the log.
  package static func run(path: String, reproduce: (LogEntry) -> Reproduction,
                          report: (ReplayResult) -> Void) throws(LogIOError) {
    try forEachVerifiedLine(path: path) { verified in
      report(result(for: verified, reproduce: reproduce))
    }
  }

  static func result(for verified: VerifiedLine, reproduce: (LogEntry) -> Reproduction) -> ReplayResult {
    var result = ReplayResult(line: verified.line, sequence: verified.entry?.sequence,
                              applicationID: verified.entry?.applicationID, status: .reproduced)
    guard let entry = verified.entry, verified.problems.isEmpty else {
      result.status = .chainBroken(verified.problems)
      return result
    }
    switch reproduce(entry) {
    case .policyMissing:
      result.status = .policyMissing
    case .recordError(let message):
      result.status = .diverged(["record: \(message)"])
    case .outcome(let outcome):
      if outcome.canonicalText != entry.outcome.canonicalText {
        result.status = .diverged(differingFields(entry.outcome, outcome))
      }
    }
    return result
  }

  /// Top-level members whose values differ (or that only one side has).
  static func differingFields(_ logged: JSONValue, _ replayed: JSONValue) -> [String] {
    guard case .object(let old) = logged, case .object(let new) = replayed else { return ["outcome"] }
    let keys = Set(old.map(\.key)).union(new.map(\.key)).sorted()
    return keys.filter { key in logged[key]?.canonicalText != replayed[key]?.canonicalText }
  }
}

/// Opens a log and hands each line, checked against the chain, to `body`.
package func forEachVerifiedLine(path: String, _ body: (VerifiedLine) -> Void) throws(LogIOError) {
  let descriptor = open(path, O_RDONLY | O_CLOEXEC)
  guard descriptor >= 0 else { throw .cannotOpen(path, errno) }
  defer { close(descriptor) }
  var reader = LogLineReader(descriptor: descriptor)
  var verifier = ChainVerifier()
  while let line = try reader.next() {
    body(verifier.verify(line))
  }
}
