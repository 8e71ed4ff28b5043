import MizanCore
import MizanEngine

/// What `--format summary` counts for one policy version: verdicts, conditions that failed,
/// checklist items missing, facts missing. Indexed like the version's rules, so counting a
/// decision is a few increments (no names, no dictionary).
struct VersionTally: Sendable {
  var verdicts = [0, 0, 0]
  var failedConditions: [Int] = []
  var missingItems: [Int] = []
  var missingMemberItems: [Int] = []
  var missingFacts: [Int] = []

  init() {}

  init(for policy: CheckedPolicyShape) {
    failedConditions = Array(repeating: 0, count: policy.conditions)
    missingItems = Array(repeating: 0, count: policy.requirements)
    missingMemberItems = Array(repeating: 0, count: policy.memberRequirements)
    missingFacts = Array(repeating: 0, count: policy.facts)
  }

  var isEmpty: Bool { verdicts == [0, 0, 0] }

  mutating func count(_ decision: Decision) {
    verdicts[decision.verdict.ordinal] += 1
    for index in decision.conditions.indices where decision.conditions[index].result == .false {
      failedConditions[index] += 1
    }
    for index in decision.requirements.indices where decision.requirements[index].status == .missing {
      missingItems[index] += 1
    }
    // A member requirement counts once per file, however many members lack it.
    var counted = -1
    for row in decision.memberRows where row.status == .missing && row.requirement != counted {
      missingMemberItems[row.requirement] += 1
      counted = row.requirement
    }
    // A member's fact counts under its list, once per file (facts are in slot order, so a
    // list's members' facts come together).
    var countedList = -1
    for missing in decision.missingFacts {
      if missing.fact.isMemberFact {
        guard missing.slot != countedList else { continue }
        countedList = missing.slot
      }
      missingFacts[missing.slot] += 1
    }
  }

  mutating func add(_ other: VersionTally) {
    guard !other.isEmpty else { return }
    if isEmpty && failedConditions.isEmpty {
      self = other
      return
    }
    for index in 0..<3 { verdicts[index] += other.verdicts[index] }
    for index in failedConditions.indices { failedConditions[index] += other.failedConditions[index] }
    for index in missingItems.indices { missingItems[index] += other.missingItems[index] }
    for index in missingMemberItems.indices { missingMemberItems[index] += other.missingMemberItems[index] }
    for index in missingFacts.indices { missingFacts[index] += other.missingFacts[index] }
  }
}

/// The sizes a tally needs from a policy.
struct CheckedPolicyShape: Sendable {
  var conditions: Int
  var requirements: Int
  var memberRequirements: Int
  var facts: Int
}

/// Tallies per version, indexed by `BatchVersion.serial`.
struct BatchTallies: Sendable {
  private(set) var byVersion: [VersionTally] = []

  mutating func count(_ decision: Decision, under version: BatchVersion) {
    let serial = version.serial
    if serial >= byVersion.count { byVersion += Array(repeating: VersionTally(), count: serial + 1 - byVersion.count) }
    if byVersion[serial].failedConditions.isEmpty && byVersion[serial].isEmpty {
      byVersion[serial] = VersionTally(for: version.shape)
    }
    byVersion[serial].count(decision)
  }

  mutating func add(_ other: BatchTallies) {
    if other.byVersion.count > byVersion.count {
      byVersion += Array(repeating: VersionTally(), count: other.byVersion.count - byVersion.count)
    }
    for serial in other.byVersion.indices { byVersion[serial].add(other.byVersion[serial]) }
  }

  mutating func removeAll() { byVersion.removeAll(keepingCapacity: true) }
}

/// What `mizan batch --format summary` reports: decisions per association, version and
/// verdict, and what held files back most. Counts only; every list is sorted (count, most
/// first, then association and name), so the report is the same whatever the number of jobs.
package struct BatchReport: Sendable, Equatable {
  /// One version's decisions.
  package struct VersionRow: Sendable, Equatable {
    package var association: String
    package var version: String
    package var isDraft: Bool
    /// By `Verdict.ordinal`.
    package var verdicts: [Int]
    package var decisions: Int { verdicts.reduce(0, +) }
  }

  /// How many files a rule, item or fact of one association held back.
  package struct Count: Sendable, Equatable {
    package var association: String
    package var name: String
    package var count: Int
  }

  package var versions: [VersionRow] = []
  /// Conditions that did not hold, per file.
  package var failedRules: [Count] = []
  /// Checklist items missing (a member requirement once per file).
  package var missingItems: [Count] = []
  /// Facts the evaluation needed and the file lacked (a member's fact once per file).
  package var missingFacts: [Count] = []

  package init() {}

  /// A verdict as the CSV rows and the summary say it (`eligible`, `مستحق`).
  package static func word(for verdict: Verdict, _ language: Language) -> String {
    OutcomeRowWriter.word(for: verdict, language)
  }

  init(tallies: BatchTallies, versions: [BatchVersion]) {
    var failed: [String: Count] = [:]
    var items: [String: Count] = [:]
    var facts: [String: Count] = [:]
    func add(_ counts: inout [String: Count], _ association: String, _ name: String, _ count: Int) {
      guard count > 0 else { return }
      let key = association + "\u{0}" + name
      counts[key, default: Count(association: association, name: name, count: 0)].count += count
    }
    for version in versions where version.serial < tallies.byVersion.count {
      let tally = tallies.byVersion[version.serial]
      guard !tally.isEmpty else { continue }
      let policy = version.evaluator.policy
      let identity = version.policy.identity
      self.versions.append(VersionRow(association: identity.association, version: identity.version,
                                      isDraft: identity.isDraft, verdicts: tally.verdicts))
      for (index, count) in tally.failedConditions.enumerated() {
        add(&failed, identity.association, policy.conditions[index].name, count)
      }
      for (index, count) in tally.missingItems.enumerated() {
        add(&items, identity.association, policy.requirements[index].name, count)
      }
      for (index, count) in tally.missingMemberItems.enumerated() {
        add(&items, identity.association, policy.memberRequirements[index].name, count)
      }
      for (index, count) in tally.missingFacts.enumerated() {
        add(&facts, identity.association, policy.facts[index].name, count)
      }
    }
    self.versions.sort { ($0.association, $0.version) < ($1.association, $1.version) }
    func sorted(_ counts: [String: Count]) -> [Count] {
      counts.values.sorted { ($1.count, $0.association, $0.name) < ($0.count, $1.association, $1.name) }
    }
    failedRules = sorted(failed)
    missingItems = sorted(items)
    missingFacts = sorted(facts)
  }
}
