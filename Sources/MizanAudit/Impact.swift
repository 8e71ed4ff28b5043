import MizanCore

/// How one logged application fares under another version.
package enum Reevaluation: Sendable {
  /// The verdict and the failed or undecided rules under the new version.
  case outcome(verdict: String, rules: [String])
  /// The record does not read under the new version (for example a fact it no longer declares);
  /// why, in both languages.
  case recordError(LocalizedText)
  /// The entry belongs to another association.
  case otherAssociation
}

/// Verdict changes over past applications if a version were replaced by another.
package struct ImpactReport: Sendable {
  /// One row per (old verdict → new verdict).
  package struct Transition: Sendable, Hashable {
    package var from: String
    package var to: String
  }

  package var transitions: [Transition: Int] = [:]
  /// Per transition, how often each rule was responsible: `+rule` newly failing or undecided,
  /// `-rule` no longer.
  package var rules: [Transition: [String: Int]] = [:]
  /// The words of the causes in `rules` that are sentences, not rule names (`record: …`), in
  /// both languages, by their English key.
  package var causeTexts: [String: LocalizedText] = [:]
  /// Applications whose verdict changes, with their transition.
  package var affected: [(applicationID: String, line: Int, transition: Transition)] = []
  package var skippedBrokenLines: [Int] = []
  package var otherAssociation = 0
  package var total = 0

  /// Transitions sorted: changes first, then by count.
  package var sortedTransitions: [(Transition, Int)] {
    transitions.sorted { lhs, rhs in
      let lhsChanged = lhs.key.from != lhs.key.to
      let rhsChanged = rhs.key.from != rhs.key.to
      if lhsChanged != rhsChanged { return lhsChanged }
      if lhs.value != rhs.value { return lhs.value > rhs.value }
      return (lhs.key.from, lhs.key.to) < (rhs.key.from, rhs.key.to)
    }
  }
}

/// Re-evaluates every logged application under another version and tabulates the changes.
package enum Impact {
  package static func run(path: String, reevaluate: (LogEntry) -> Reevaluation) throws(LogIOError) -> ImpactReport {
    var report = ImpactReport()
    try forEachVerifiedLine(path: path) { verified in
      guard let entry = verified.entry, verified.problems.isEmpty else {
        report.skippedBrokenLines.append(verified.line)
        return
      }
      let oldVerdict = entry.verdict ?? "unknown"
      let oldRules = Set(entry.failedRules)
      let transition: ImpactReport.Transition
      var responsible: [String] = []
      switch reevaluate(entry) {
      case .otherAssociation:
        report.otherAssociation += 1
        return
      case .recordError(let message):
        transition = .init(from: oldVerdict, to: "error")
        let cause = LocalizedText(ar: "بيانات الطلب: ", en: "record: ") + message
        report.causeTexts[cause.english] = cause
        responsible = [cause.english]
      case .outcome(let verdict, let rules):
        transition = .init(from: oldVerdict, to: verdict)
        let newRules = Set(rules)
        responsible = newRules.subtracting(oldRules).sorted().map { "+" + $0 }
          + oldRules.subtracting(newRules).sorted().map { "-" + $0 }
      }
      report.total += 1
      report.transitions[transition, default: 0] += 1
      for rule in responsible { report.rules[transition, default: [:]][rule, default: 0] += 1 }
      if transition.from != transition.to {
        report.affected.append((entry.applicationID, verified.line, transition))
      }
    }
    return report
  }
}
