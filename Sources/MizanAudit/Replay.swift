import Dispatch
import MizanCore
import Synchronization

/// What re-evaluating a logged record gives today.
package struct Reproduction: Sendable {
  /// The outcome of re-evaluating the record.
  package enum Result: Sendable {
    /// The outcome today, as canonical JSON bytes.
    case outcome([UInt8])
    /// No policy version in the policies folder has the logged fingerprint.
    case policyMissing
    /// The record no longer reads (it should always: a logged record was read once); why, in
    /// both languages.
    case recordError(LocalizedText)
    /// The outcome today already compared with the logged one (on the worker's core): how they
    /// differ, empty when the entry is reproduced.
    case compared([LocalizedText])
  }

  package var result: Result
  /// For an official entry decided under a version that was not the one in force on its
  /// submission date: what was in force. Nil when it was, or the entry is marked what-if or draft.
  package var notInForce: LocalizedText?

  package init(_ result: Result, notInForce: LocalizedText? = nil) {
    self.result = result
    self.notInForce = notInForce
  }
}

/// How one log entry replayed.
package enum ReplayStatus: Sendable, Equatable {
  case reproduced
  /// The outcome differs: the top-level fields that differ (names, the same in both languages),
  /// or why the record no longer reads.
  case diverged([LocalizedText])
  /// An official entry decided under a version that was not the one in force on its submission
  /// date (a what-if logged as official): what was in force.
  case notInForce(LocalizedText)
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
    case .notInForce: .notInForce
    case .policyMissing: .policyMissing
    case .chainBroken: .chainBroken
    }
  }
}

/// The four statuses of a replayed entry, for counting and naming them.
package enum ReplayStatusKind: Sendable, CaseIterable {
  case reproduced, diverged, notInForce, policyMissing, chainBroken

  /// The name in JSON and in English text: `reproduced`, `policy missing`.
  package var name: String { label.english }

  /// The status as staff read it, in both languages.
  package var label: LocalizedText {
    switch self {
    case .reproduced: LocalizedText(ar: "مطابق", en: "reproduced")
    case .diverged: LocalizedText(ar: "مختلف", en: "diverged")
    case .notInForce: LocalizedText(ar: "ليست النسخة النافذة", en: "not in force")
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
  /// What is worth saying of an entry that replayed (a sealed last line lacking its newline).
  package var notes: [LocalizedText] = []
}

/// Re-derives every logged decision: verifies the chain, finds the policy by fingerprint,
/// re-evaluates the logged record and compares the outcomes byte for byte.
package enum Replay {
  /// Lines read, checked and re-evaluated together: enough to keep every core busy, few enough
  /// that memory stays small (a line is ≈ 6 KB).
  static let linesPerChunk = 4096

  /// Replays a log, reading it in chunks; `report` gets each result in log order as soon as its
  /// chunk is done, so memory does not grow with the log. Each line is read, its hash checked
  /// and its record re-evaluated on `jobs` cores; only the links between entries (and their
  /// checkpoints) are checked in order. `reproduce` is called from several threads at once.
  ///
  /// With checkpoints, each checkpointed sequence must still carry its hash, and a log that no
  /// longer reaches the highest one gets a last result saying where it was cut.
  package static func run(path: String, jobs: Int = 1, checkpoints: [Checkpoint] = [],
                          reproduce: @Sendable (LogEntry) -> Reproduction,
                          report: (ReplayResult) -> Void) throws(LogIOError) {
    var reader = try LogReader(path: path)
    defer { reader.close() }
    var verifier = ChainVerifier()
    var matcher = CheckpointMatcher(checkpoints)
    var lineCount = 0
    while true {
      let lines = try reader.next(maxLines: linesPerChunk)
      if lines.isEmpty { break }
      lineCount = lines.last?.number ?? lineCount
      let checked = checkAndReproduce(lines, jobs: jobs, reproduce: reproduce)
      for (verified, reproduction) in checked {
        var linked = verifier.link(verified)
        if let entry = linked.entry { linked.problems += matcher.check(entry, line: linked.line) }
        report(result(for: linked, reproduction: reproduction))
      }
    }
    if let missing = matcher.missingTail {
      report(ReplayResult(line: lineCount + 1, sequence: nil, applicationID: nil, status: .chainBroken([missing])))
    }
  }

  /// Each line's own checks and, for a readable entry, its reproduction, in the lines' order.
  private static func checkAndReproduce(_ lines: [LogLine], jobs: Int, reproduce: @Sendable (LogEntry) -> Reproduction)
    -> [(VerifiedLine, Reproduction?)]
  {
    @Sendable func work(_ line: LogLine) -> (VerifiedLine, Reproduction?) {
      let checked = ChainVerifier.check(line)
      guard let entry = checked.entry else { return (checked, nil) }
      var reproduction = reproduce(entry)
      // The comparison (a digest and the decision) is per entry: done here, on every core, so
      // that only the chain's links are left to the one thread that reports in order.
      if case .outcome(let replayed) = reproduction.result {
        reproduction.result = .compared(differences(of: entry, replayed: replayed))
      }
      return (checked, reproduction)
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
                              applicationID: verified.entry?.applicationID, status: .reproduced, notes: verified.notes)
    guard let entry = verified.entry, verified.problems.isEmpty, let reproduction else {
      result.status = .chainBroken(verified.problems)
      return result
    }
    switch reproduction.result {
    case .policyMissing:
      result.status = .policyMissing(association: entry.association, version: entry.policyVersion,
                                     fingerprint: entry.fingerprint)
      return result
    case .recordError(let message):
      result.status = .diverged([LocalizedText(ar: "بيانات الطلب: ", en: "record: ") + message])
    case .outcome(let replayed):
      let differences = differences(of: entry, replayed: replayed)
      if !differences.isEmpty { result.status = .diverged(differences) }
    case .compared(let differences):
      if !differences.isEmpty { result.status = .diverged(differences) }
    }
    if let notInForce = reproduction.notInForce {
      if case .diverged(let details) = result.status {
        result.status = .diverged(details + [notInForce])
      } else {
        result.status = .notInForce(notInForce)
      }
    }
    return result
  }

  /// How the logged outcome differs from the replayed one; empty when they are the same.
  ///
  /// A compact entry is compared by its decision and by the digest of the whole outcome; the
  /// decision members that differ are named (or, when the decision is the same, that the rest of
  /// the outcome differs). An entry of the first form is compared byte for byte, by top-level field.
  static func differences(of entry: LogEntry, replayed: [UInt8]) -> [LocalizedText] {
    switch entry.form {
    case .fullOutcome(let range):
      let logged = Array(entry.line[range])
      guard logged != replayed else { return [] }
      let loggedJSON = (try? JSONReader.read(logged, limits: LogLimits.json)) ?? .null
      let replayedJSON = (try? JSONReader.read(replayed, limits: LogLimits.json)) ?? .null
      return differingFields(loggedJSON, replayedJSON).map(LocalizedText.same)
    case .compact(let decision, let digest):
      // Both are compared: the digest proves the whole outcome, and the decision is what people
      // read, so an edited decision resealed over an unchanged digest is caught too.
      let replayedDecision = DecisionSummary.of(outcome: replayed)
      let sameDecision = entry.line[decision].elementsEqual(replayedDecision)
      guard !sameDecision || SHA256.hash(replayed).hex != digest else { return [] }
      let logged = (try? JSONReader.read(Array(entry.line[decision]), limits: LogLimits.json)) ?? .null
      let today = (try? JSONReader.read(replayedDecision, limits: LogLimits.json)) ?? .null
      let fields = differingFields(logged, today)
      guard fields.isEmpty else { return fields.map(LocalizedText.same) }
      return [LocalizedText(
        ar: "outcome_sha256: القرار نفسه، لكن بقية النتيجة (التسميات أو الاستشهادات أو الأثر) تختلف",
        en: "outcome_sha256: the decision is the same, but the rest of the outcome (labels, citations or trace) differs")]
    }
  }

  /// Top-level members whose values differ (or that only one side has).
  static func differingFields(_ logged: JSONValue, _ replayed: JSONValue) -> [String] {
    guard case .object(let old) = logged, case .object(let new) = replayed else { return ["outcome"] }
    let keys = Set(old.map(\.key)).union(new.map(\.key)).sorted()
    return keys.filter { key in logged[key]?.canonicalText != replayed[key]?.canonicalText }
  }
}
