import MizanChecker
import MizanCore
import MizanSyntax

/// Evaluates applications under one checked policy version. Pure: no clock, no I/O, no
/// randomness; the evaluation date is the submission date.
///
/// Evaluation happens in two steps: `decide` works out every rule's result into a compact
/// `Decision` (no text), and `OutcomeWriter` writes the outcome from it as canonical JSON.
///
/// A class, so that passing it around costs one reference count, not one per array of the
/// policy: workers on several cores share it, and shared counts are what make cores wait.
package final class Evaluator: Sendable {
  package let policy: CheckedPolicy
  /// The policy lowered once for evaluation.
  package let plan: EvaluationPlan
  /// What records under this policy hold, for the record reader.
  package let recordSchema: PolicyRecordSchema

  package init(policy: CheckedPolicy) {
    self.policy = policy
    plan = EvaluationPlan(policy: policy)
    recordSchema = PolicyRecordSchema(policy: policy)
  }

  /// Works out every rule for `record` into `decision` (whose storage is reused).
  package func decide(_ record: ApplicantRecord, into decision: inout Decision) {
    decision.prepare(for: plan)
    documentStatuses(record, into: &decision.documents)
    // Loops run over counts and read the plan's arrays in place: iterating an array of the shared
    // plan would count a reference to it, an atomic write other cores' counts contend with.
    for index in 0..<plan.derivedRoots.count {
      var notes: [String] = []
      decision.derived[index] = value(Int(plan.derivedRoots[index]), record, decision, notes: &notes)
      if !notes.isEmpty || !decision.derivedNotes[index].isEmpty { decision.derivedNotes[index] = notes }
    }
    var anyFalse = false
    var anyUnknown = false
    // Each rule after the rules it refers to (declaration order when none refers to another).
    for position in 0..<plan.ruleOrder.count {
      switch plan.ruleOrder[position] {
      case .condition(let index):
        let result = decideCondition(index, record, &decision)
        if result == .false { anyFalse = true } else if result == .unknown { anyUnknown = true }
      case .requirement(let index):
        let status = decideRequirement(index, record, &decision)
        if status != .provided, status != .notRequired { anyUnknown = true }
      }
    }
    if !plan.memberRequirementFilters.isEmpty, decideMemberRequirements(record, &decision) { anyUnknown = true }
    decision.verdict = anyFalse ? .ineligible : anyUnknown ? .incomplete : .eligible
    if !plan.stageTests.isEmpty { decision.stage = decideStage(record, decision) }
    decideNextStep(record, into: &decision)
  }

  /// The first stage whose test holds; `.unknown` when an earlier stage's test is unknown (the
  /// file may be in it or past it), `.none` when no stage's test holds.
  private func decideStage(_ record: ApplicantRecord, _ decision: Decision) -> Decision.Stage {
    var notes: [String] = []
    for index in 0..<plan.stageTests.count {
      switch truth(Int(plan.stageTests[index]), record, decision, notes: &notes) {
      case .true: return .stage(index)
      case .unknown: return .unknown
      case .false: continue
      }
    }
    return .none
  }

  /// Decides condition `index`: its `when` and test, and the facts it lacked.
  private func decideCondition(_ index: Int, _ record: ApplicantRecord, _ decision: inout Decision) -> Truth {
    var notes: [String] = []
    let whenTruth = plan.conditionWhens[index].map { truth(Int($0), record, decision, notes: &notes) }
    let testTruth = truth(Int(plan.conditionTests[index]), record, decision, notes: &notes)
    // `when w: c` means `not w or c`: a condition that does not apply holds.
    let result = whenTruth.map { !$0 || testTruth } ?? testTruth
    decision.conditions[index] = Decision.ConditionResult(when: whenTruth, result: result, notes: notes)
    if result == .unknown {
      if let when = plan.conditionWhens[index] { need(factsUnknownIn: when, record, by: .condition(index), &decision) }
      need(factsUnknownIn: plan.conditionTests[index], record, by: .condition(index), &decision)
    }
    return result
  }

  /// Decides requirement `index`: its checklist status, and the facts it lacked.
  private func decideRequirement(_ index: Int, _ record: ApplicantRecord, _ decision: inout Decision) -> ChecklistStatus {
    let status = judgeRequirement(index, record, &decision)
    if status == .undetermined, let when = plan.requirementWhens[index] {
      need(factsUnknownIn: when, record, by: .requirement(index), &decision)
    }
    if status == .missing {
      for position in plan.alternatives[index] {
        if case .fact(let slot) = plan.alternativeItems[position] {
          decision.need(FactRef(slot: slot), by: .requirement(index))
        }
      }
    }
    return status
  }

  /// Records the facts the node `root` reads that the record leaves unknown as needed by `rule`.
  private func need(factsUnknownIn root: Int32, _ record: ApplicantRecord, by rule: Decision.Rule,
                    _ decision: inout Decision) {
    for fact in unknownFacts(in: [root], record, decision) { decision.need(fact, by: rule) }
  }

  /// Who gives a fact: the applicant unless the policy says staff.
  func provider(of fact: FactRef) -> Provider {
    guard fact.isMemberFact else { return policy.facts[fact.slot].provider }
    guard case .listOf(let kindName) = policy.facts[fact.slot].type,
      let kind = policy.members.first(where: { $0.name == kindName })
    else { return .applicant }
    return kind.facts[fact.memberSlot].provider
  }

  /// Who must act next and, for an eligible application, when the committee may reply.
  func decideNextStep(_ record: ApplicantRecord, into decision: inout Decision) {
    switch decision.verdict {
    case .eligible:
      if let days = plan.committeeReplyDays { decision.earliestReplyOn = record.submittedOn.adding(days: days) }
    case .incomplete:
      var by: Decision.Actors = []
      for (index, item) in decision.requirements.enumerated() where item.status != .provided
        && item.status != .notRequired
      {
        by.insert(item.status == .undetermined ? .staff : plan.providers[index] == .staff ? .staff : .applicant)
      }
      for row in decision.memberRows where row.status != .provided {
        by.insert(row.status == .undetermined ? .staff : memberProvider(row.requirement) == .staff ? .staff : .applicant)
      }
      for missing in decision.missingFacts {
        by.insert(provider(of: missing.fact) == .staff ? .staff : .applicant)
      }
      decision.nextStepBy = by
    case .ineligible:
      break
    }
  }
}

/// What an evaluation worked out, without any text: each rule's result, the checklist
/// statuses and why, the facts found missing. Reused from record to record.
package struct Decision: Sendable {
  package struct ConditionResult: Sendable, Hashable {
    package var when: Truth?
    package var result: Truth
    package var notes: [String]
  }

  package struct RequirementResult: Sendable, Hashable {
    package var when: Truth?
    package var status: ChecklistStatus
    package var detail: ChecklistDetail
    package var notes: [String]
  }

  /// A rule, by kind and index.
  package enum Rule: Sendable, Hashable {
    case condition(Int)
    case requirement(Int)
    case memberRequirement(Int)
  }

  /// One checklist row of a member requirement: the member it is for, its status, and what
  /// decided it (the member's best document among the alternatives, or the unknown facts).
  package struct MemberRow: Sendable, Hashable {
    package var requirement: Int
    /// The member's position in the list; -1 when the list itself is unknown.
    package var member: Int
    package var status: ChecklistStatus
    /// The member's document that decided the status (its type in the member kind), if any.
    package var document: SubmittedDocument?
    package var problem: DocumentProblem?
    /// For `undetermined`: the facts whose absence leaves the row open.
    package var unknownFacts: [FactRef] = []
  }

  /// A fact the evaluation needed and the record lacks, and the rules that needed it.
  package struct MissingFact: Sendable, Hashable {
    package var fact: FactRef
    package var neededBy: [Rule]
    /// The record's fact slot (for a member's fact, the list's).
    package var slot: Int { fact.slot }
  }

  /// Who must act: the applicant, the staff, or both.
  package struct Actors: OptionSet, Sendable, Hashable {
    package let rawValue: UInt8
    package init(rawValue: UInt8) { self.rawValue = rawValue }
    package static let applicant = Actors(rawValue: 1)
    package static let staff = Actors(rawValue: 2)
  }

  package var verdict: Verdict = .eligible
  package var derived: [Value?] = []
  package var derivedNotes: [[String]] = []
  /// The best document of each declared type, judged on the submission date.
  package var documents: [DocumentStatus] = []
  package var conditions: [ConditionResult] = []
  package var requirements: [RequirementResult] = []
  /// In slot order.
  package var missingFacts: [MissingFact] = []
  /// The rows of member requirements, requirement by requirement, member by member.
  package var memberRows: [MemberRow] = []

  /// Where the file stands among the policy's stages.
  package enum Stage: Sendable, Hashable {
    case stage(Int)
    /// An earlier stage's test depends on unknown facts.
    case unknown
    /// No stage's test holds (or the policy names none).
    case none
  }

  package var stage: Stage = .none
  /// For `incomplete`: who must act.
  package var nextStepBy: Actors = []
  /// For `eligible` under a committee: the submission date plus its reply period (nil if out of range).
  package var earliestReplyOn: CalendarDate?

  package init() {}

  /// Makes room for one result per rule of `plan`, and forgets the previous record's. Arrays are
  /// sized once and overwritten in place: emptying and refilling them cost more than the rules.
  mutating func prepare(for plan: EvaluationPlan) {
    verdict = .eligible
    if derived.count != plan.derivedRoots.count {
      derived = Array(repeating: nil, count: plan.derivedRoots.count)
      derivedNotes = Array(repeating: [], count: plan.derivedRoots.count)
    }
    if conditions.count != plan.conditionTests.count {
      conditions = Array(repeating: ConditionResult(when: nil, result: .unknown, notes: []),
                         count: plan.conditionTests.count)
    }
    if requirements.count != plan.alternatives.count {
      requirements = Array(repeating: RequirementResult(when: nil, status: .missing, detail: .missing, notes: []),
                           count: plan.alternatives.count)
    }
    if documents.count != plan.validity.count { documents = Array(repeating: .absent, count: plan.validity.count) }
    if !missingFacts.isEmpty { missingFacts.removeAll(keepingCapacity: true) }
    if !memberRows.isEmpty { memberRows.removeAll(keepingCapacity: true) }
    stage = .none
    nextStepBy = []
    earliestReplyOn = nil
  }

  /// Records that `rule` needed the fact `fact`, keeping facts in order (slot, then member,
  /// then the member's slot).
  mutating func need(_ fact: FactRef, by rule: Rule) {
    var position = missingFacts.count
    while position > 0, missingFacts[position - 1].fact >= fact { position -= 1 }
    if position < missingFacts.count, missingFacts[position].fact == fact {
      if !missingFacts[position].neededBy.contains(rule) { missingFacts[position].neededBy.append(rule) }
    } else {
      missingFacts.insert(MissingFact(fact: fact, neededBy: [rule]), at: position)
    }
  }
}

/// A fact of the record (`slot`), or a fact of one member of a list (`children[2].birth_date`:
/// the list's slot, the member's position, the fact's slot in the member kind).
package struct FactRef: Sendable, Hashable, Comparable {
  package var slot: Int
  package var member: Int = -1
  package var memberSlot: Int = -1

  package init(slot: Int) { self.slot = slot }

  package init(list: Int, member: Int, slot: Int) {
    self.slot = list
    self.member = member
    memberSlot = slot
  }

  package var isMemberFact: Bool { member >= 0 }

  package static func < (lhs: FactRef, rhs: FactRef) -> Bool {
    (lhs.slot, lhs.member, lhs.memberSlot) < (rhs.slot, rhs.member, rhs.memberSlot)
  }
}

extension Described {
  var citation: String? {
    if case .cited(let text)? = provenance { return text.value }
    return nil
  }

  var assumption: String? {
    if case .assumed(let text)? = provenance { return text.value }
    return nil
  }
}
