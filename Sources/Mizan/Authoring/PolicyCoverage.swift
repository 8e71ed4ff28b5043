import MizanChecker
import MizanCore
import MizanEngine
import MizanSyntax

/// How far a version's examples exercise its rules (`mizan test --coverage`): for every
/// condition, whether some example made it true, false, unknown or not applicable; for every
/// requirement, which checklist statuses were seen. Counted by rule id and outcome, read from the
/// outcomes' traces, so reformatting a policy cannot change it.
///
/// CAUTION: package because `mizan test` and the test suites read it.
package struct PolicyCoverage: Sendable {
  /// The association id.
  package var association: String
  /// The version's name (its effective date).
  package var version: String
  /// A draft is reported, and gated by `--min-coverage`, like an approved version.
  package var isDraft: Bool
  /// Which text of the version the examples ran under.
  package var fingerprint: String
  /// The examples evaluated under this version.
  package var examples: Int
  /// Conditions first, then requirements, each in policy order.
  package var rules: [RuleCoverage]

  /// The coverage of a version no example has reached yet.
  package init(policy: LoadedPolicy) {
    association = policy.association
    version = policy.version
    isDraft = policy.isDraft
    fingerprint = policy.fingerprint
    examples = 0
    let checked = policy.checked
    let reach = Reachable(policy: checked)
    rules = checked.conditions.map { condition in
      RuleCoverage(kind: .condition, name: condition.name,
                   location: "\(condition.described.span.file.name):\(condition.described.span.start)",
                   reachable: reach.outcomes(of: condition), counts: [:])
    }
    rules += checked.requirements.map { requirement in
      RuleCoverage(kind: .requirement, name: requirement.name,
                   location: "\(requirement.described.span.file.name):\(requirement.described.span.start)",
                   reachable: reach.statuses(of: requirement), counts: [:])
    }
    rules += checked.memberRequirements.map { requirement in
      RuleCoverage(kind: .requirement, name: requirement.name,
                   location: "\(requirement.described.span.file.name):\(requirement.described.span.start)",
                   reachable: reach.statuses(of: requirement), counts: [:])
    }
    memberRequirementNames = Set(checked.memberRequirements.map(\.name))
  }

  /// Member requirements are counted from their checklist rows (one per member), not the trace.
  private var memberRequirementNames: Set<String> = []

  /// Counts what each rule came to in `outcome` (an outcome of this version).
  package mutating func record(_ outcome: Outcome) {
    examples += 1
    for event in outcome.trace {
      let kind: RuleCoverage.Kind
      switch event.kind {
      case "condition": kind = .condition
      case "requirement": kind = .requirement
      default: continue
      }
      guard let index = rules.firstIndex(where: { $0.kind == kind && $0.name == event.rule }) else { continue }
      // A condition whose `when` is false holds without being tested: it did not apply.
      let outcome = kind == .condition && event.when == "false" ? RuleCoverage.notApplicable : event.result
      rules[index].counts[outcome, default: 0] += 1
    }
    for item in outcome.checklist where memberRequirementNames.contains(item.id) {
      guard let index = rules.firstIndex(where: { $0.kind == .requirement && $0.name == item.id }) else { continue }
      rules[index].counts[item.status.rawValue, default: 0] += 1
    }
  }

  /// The conditions' coverage, in policy order.
  package var conditions: [RuleCoverage] { rules.filter { $0.kind == .condition } }
  /// The requirements' coverage, in policy order.
  package var requirements: [RuleCoverage] { rules.filter { $0.kind == .requirement } }

  /// Conditions some example made true and some example made false.
  package var conditionsSeenTrueAndFalse: Int { conditions.filter(\.isSeenTrueAndFalse).count }

  /// The share of conditions seen both true and false, in percent; 100 without conditions.
  /// This is the figure `--min-coverage` compares.
  package var conditionPercent: Double { Self.percent(conditionsSeenTrueAndFalse, of: conditions.count) }

  /// Checklist statuses seen, over those the requirements can have.
  package var requirementStatusesSeen: Int { requirements.map(\.seen.count).reduce(0, +) }
  /// Checklist statuses the requirements can have.
  package var requirementStatusesReachable: Int { requirements.map(\.reachable.count).reduce(0, +) }

  /// Every outcome of every rule seen, over those that can happen.
  package var outcomesSeen: Int { rules.map(\.seen.count).reduce(0, +) }
  /// Every outcome every rule can have.
  package var outcomesReachable: Int { rules.map(\.reachable.count).reduce(0, +) }

  /// `part` of `whole` in percent; 100 when `whole` is 0 (nothing to cover).
  package static func percent(_ part: Int, of whole: Int) -> Double {
    whole == 0 ? 100 : Double(part) * 100 / Double(whole)
  }
}

/// What one rule came to across the examples.
package struct RuleCoverage: Sendable, Hashable {
  /// Conditions decide eligibility; requirements make the checklist.
  package enum Kind: String, Sendable, Hashable {
    case condition, requirement
  }

  /// The outcome of a condition whose `when` was false.
  package static let notApplicable = "not_applicable"

  /// A condition or a requirement.
  package var kind: Kind
  /// The rule's id.
  package var name: String
  /// Where the rule is written: `raabigh/2024-01-15.mizan:72:11`.
  package var location: String
  /// The outcomes the rule can have, in a fixed order. A condition: `true`, `false`, `unknown`
  /// when it reads a fact a record may lack (or divides), `not_applicable` when it has a `when`.
  /// A requirement: the checklist statuses its documents and `when` allow.
  package var reachable: [String]
  /// How many examples gave each outcome.
  package var counts: [String: Int]

  /// The reachable outcomes some example gave.
  package var seen: [String] { reachable.filter { counts[$0, default: 0] > 0 } }
  /// The reachable outcomes no example gave.
  package var unreached: [String] { reachable.filter { counts[$0, default: 0] == 0 } }
  /// For a condition: seen both true and false.
  package var isSeenTrueAndFalse: Bool { counts["true", default: 0] > 0 && counts["false", default: 0] > 0 }
}

/// Which outcomes a rule can have, from its expressions and its documents' validity rules.
struct Reachable {
  let policy: CheckedPolicy

  func outcomes(of condition: CheckedCondition) -> [String] {
    var outcomes = ["true", "false"]
    if mayBeUnknown(condition.test) || condition.when.map({ mayBeUnknown($0) }) == true { outcomes.append("unknown") }
    if condition.when != nil { outcomes.append(RuleCoverage.notApplicable) }
    return outcomes
  }

  func statuses(of requirement: CheckedRequirement) -> [String] {
    var statuses: [ChecklistStatus] = [.provided, .missing]
    let validity = requirement.alternatives.flatMap { item -> [ValidityRule] in
      guard case .document(let index) = item, index < policy.documents.count else { return [] }
      return policy.documents[index].validity
    }
    if validity.contains(where: {
      switch $0 {
      case .notExpired, .datedWithin: true
      case .signed, .test: false
      }
    }) {
      statuses.append(.expired)
    }
    if !validity.isEmpty { statuses.append(.invalid) }
    if let when = requirement.when {
      statuses.append(.notRequired)
      if mayBeUnknown(when) { statuses.append(.undetermined) }
    }
    return statuses.map(\.rawValue)
  }

  /// A member requirement's rows: provided or missing, expired and invalid as its documents'
  /// validity allows, and undetermined (a member's fact, or the list itself, may be unknown).
  func statuses(of requirement: CheckedMemberRequirement) -> [String] {
    var statuses: [ChecklistStatus] = [.provided, .missing]
    let documents = policy.members[requirement.kind].documents
    let validity = requirement.alternatives.flatMap { documents[$0].validity }
    if validity.contains(where: {
      switch $0 {
      case .notExpired, .datedWithin: true
      case .signed, .test: false
      }
    }) {
      statuses.append(.expired)
    }
    if !validity.isEmpty { statuses.append(.invalid) }
    statuses.append(.undetermined)
    return statuses.map(\.rawValue)
  }

  /// Whether some record can make the expression unknown: it reads a fact a record may lack
  /// (not one of the envelope's, and not one a `known(…)` beside it has settled), or divides.
  func mayBeUnknown(_ expression: TypedExpression, known: Set<Int> = []) -> Bool {
    switch expression {
    case .fact(let slot, _):
      return !known.contains(slot) && !isEnvelope(slot)
    case .derived(let index, _):
      return index < policy.derived.count && mayBeUnknown(policy.derived[index].expression)
    case .constant, .parameter, .provided, .valid, .known:
      return false
    case .memberFact, .quantifier, .conditionResult, .requirementComplete:
      // A list may be left out, and a member's fact too; a rule referred to may be undecided.
      return true
    case .arithmetic(let op, let left, let right, _, _):
      return op == .divided || mayBeUnknown(left, known: known) || mayBeUnknown(right, known: known)
    case .and(let left, let right, _):
      // `known(x) and x > 3` is false, not unknown, when x is missing.
      return mayBeUnknown(left, known: known) || mayBeUnknown(right, known: known.union(knownFacts(in: left)))
    case .or(let left, let right, _):
      // `not known(x) or x > 3` is true when x is missing.
      return mayBeUnknown(left, known: known) || mayBeUnknown(right, known: known.union(unknownFactsIn(left)))
    default:
      return expression.children.contains { mayBeUnknown($0, known: known) }
    }
  }

  /// Facts an `and` chain tests with `known(…)`.
  func knownFacts(in expression: TypedExpression) -> Set<Int> {
    switch expression {
    case .known(let fact, _): [fact]
    case .and(let left, let right, _): knownFacts(in: left).union(knownFacts(in: right))
    default: []
    }
  }

  /// Facts an `or` chain tests with `not known(…)`.
  func unknownFactsIn(_ expression: TypedExpression) -> Set<Int> {
    switch expression {
    case .not(.known(let fact, _), _): [fact]
    case .or(let left, let right, _): unknownFactsIn(left).union(unknownFactsIn(right))
    default: []
    }
  }

  /// The envelope fields (`submitted_on`, `channel`, `application_id`) every record carries.
  func isEnvelope(_ slot: Int) -> Bool {
    // The checker gives them the first slots.
    slot < min(3, policy.facts.count) && ["submitted_on", "channel", "application_id"].contains(policy.facts[slot].name)
  }
}

/// The coverage of every version the examples ran under, and of the other versions of their
/// associations (which no example reaches: 0%).
package struct CoverageReport: Sendable {
  /// By association, then effective version.
  package private(set) var policies: [PolicyCoverage] = []

  /// An empty report.
  package init() {}

  /// Counts an example's outcome against the version it was evaluated under.
  package mutating func add(_ result: ExampleResult) {
    guard let policy = result.policy, let outcome = result.outcome else { return }
    let index = position(of: policy)
    policies[index].record(outcome)
  }

  /// Adds every version of `association` in `store` that loads, so a version without examples
  /// shows with nothing covered.
  package mutating func include(versionsOf association: String, in store: PolicyStore) {
    for policy in store.versions(of: association).loaded { _ = position(of: policy) }
  }

  mutating func position(of policy: LoadedPolicy) -> Int {
    if let index = policies.firstIndex(where: {
      $0.association == policy.association && $0.version == policy.version && $0.fingerprint == policy.fingerprint
    }) {
      return index
    }
    policies.append(PolicyCoverage(policy: policy))
    policies.sort { ($0.association, $0.version) < ($1.association, $1.version) }
    return policies.firstIndex { $0.fingerprint == policy.fingerprint && $0.version == policy.version
      && $0.association == policy.association } ?? policies.count - 1
  }
}
