import Dispatch
import MizanCore
import Synchronization

/// What re-evaluating a logged record gives today.
package enum Reproduction: Sendable {
  /// The outcome today, as canonical JSON bytes.
  case outcome([UInt8])
  /// No policy version in the policies folder has the logged fingerprint.
  case policyMissing
  /// The record no longer reads (it should always: a logged record was read once); why, in
  /// both languages.
  case recordError(LocalizedText)
}

/// How one log entry replayed.
package enum ReplayStatus: Sendable, Equatable {
  case reproduced
  /// The outcome differs: the top-level fields that differ (names, the same in both languages),
  /// or why the record no longer reads.
  case diverged([LocalizedText])
  /// No version in the policies folder has the fingerprint the entry names; what it names.
  case policyMissing(association: String, version: String, fingerprint: String)
  /// What is wrong with the line or its place in the chain.
  case chainBroken([LocalizedText])

  /// The status as JSON reports write it; English in both languages (a value for programs).
  package var name: String { kind.name }

  /// The status, without its details.
  package var kind: ReplayStatusKind {
    switch self {
    case .reproduced: .reproduced
    case .diverged: .diverged
    case .policyMissing: .policyMissing
    case .chainBroken: .chainBroken
    }
  }
}

/// The four statuses of a replayed entry, for counting and naming them.
package enum ReplayStatusKind: Sendable, CaseIterable {
  case reproduced, diverged, policyMissing, chainBroken

  /// The name in JSON and in English text: `reproduced`, `policy missing`.
  package var name: String { label.english }

  /// The status as staff read it, in both languages.
  package var label: LocalizedText {
    switch self {
    case .reproduced: LocalizedText(ar: "مطابق", en: "reproduced")
    case .diverged: LocalizedText(ar: "مختلف", en: "diverged")
    case .policyMissing: LocalizedText(ar: "السياسة مفقودة", en: "policy missing")
    case .chainBroken: LocalizedText(ar: "السلسلة مكسورة", en: "chain broken")
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
  /// Lines read, checked and re-evaluated together: enough to keep every core busy, few enough
  /// that memory stays small (a line is ≈ 6 KB).
  static let linesPerChunk = 512

  /// Replays a log, reading it in chunks; `report` gets each result in log order as soon as its
  /// chunk is done, so memory does not grow with the log. Each line is read, its hash checked
  /// and its record re-evaluated on `jobs` cores; only the links between entries are checked in
  /// order. `reproduce` is called from several threads at once.
  package static func run(path: String, jobs: Int = 1, reproduce: @Sendable (LogEntry) -> Reproduction,
                          report: (ReplayResult) -> Void) throws(LogIOError) {
    var reader = try LogReader(path: path)
    defer { reader.close() }
    var verifier = ChainVerifier()
    while true {
      let lines = try reader.next(maxLines: linesPerChunk)
      if lines.isEmpty { return }
      let checked = checkAndReproduce(lines, jobs: jobs, reproduce: reproduce)
      for (verified, reproduction) in checked {
        let linked = verifier.link(verified)
        report(result(for: linked, reproduction: reproduction))
      }
    }
  }

  /// Each line's own checks and, for a readable entry, its reproduction, in the lines' order.
  private static func checkAndReproduce(_ lines: [LogLine], jobs: Int, reproduce: @Sendable (LogEntry) -> Reproduction)
    -> [(VerifiedLine, Reproduction?)]
  {
    @Sendable func work(_ line: LogLine) -> (VerifiedLine, Reproduction?) {
      let checked = ChainVerifier.check(line)
      return (checked, checked.entry.map(reproduce))
    }
    guard jobs > 1, lines.count > 1 else { return lines.map(work) }
    let results = Mutex<[(VerifiedLine, Reproduction?)?]>(Array(repeating: nil, count: lines.count))
    let shares = jobs * 4
    DispatchQueue.concurrentPerform(iterations: shares) { share in
      var done: [(Int, (VerifiedLine, Reproduction?))] = []
      for index in stride(from: share, to: lines.count, by: shares) { done.append((index, work(lines[index]))) }
      results.withLock { results in
        for (index, result) in done { results[index] = result }
      }
    }
    return results.withLock { $0.compactMap { $0 } }
  }

  static func result(for verified: VerifiedLine, reproduction: Reproduction?) -> ReplayResult {
    var result = ReplayResult(line: verified.line, sequence: verified.entry?.sequence,
                              applicationID: verified.entry?.applicationID, status: .reproduced)
    guard let entry = verified.entry, verified.problems.isEmpty, let reproduction else {
      result.status = .chainBroken(verified.problems)
      return result
    }
    switch reproduction {
    case .policyMissing:
      result.status = .policyMissing(association: entry.association, version: entry.policyVersion,
                                     fingerprint: entry.fingerprint)
    case .recordError(let message):
      result.status = .diverged([LocalizedText(ar: "بيانات الطلب: ", en: "record: ") + message])
    case .outcome(let replayed):
      let logged = entry.outcome
      if logged != replayed {
        let loggedJSON = (try? JSONReader.read(logged, limits: LogLimits.json)) ?? .null
        let replayedJSON = (try? JSONReader.read(replayed, limits: LogLimits.json)) ?? .null
        result.status = .diverged(differingFields(loggedJSON, replayedJSON).map(LocalizedText.same))
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
