import MizanChecker
import MizanCore
import MizanSyntax

/// Evaluates applications under one checked policy version. Pure: no clock, no I/O, no
/// randomness; the evaluation date is the submission date.
package struct Evaluator: Sendable {
  package let policy: CheckedPolicy

  package init(policy: CheckedPolicy) { self.policy = policy }

  /// The outcome for one decoded record.
  package func outcome(for record: ApplicantRecord, identity: PolicyIdentity) -> Outcome {
    var state = EvaluationState(record: record, documents: documentStatuses(record),
                                derived: [Value?](repeating: nil, count: policy.derived.count))
    var trace: [TraceEvent] = []
    for (index, derived) in policy.derived.enumerated() {
      var notes: [String] = []
      let value = evaluate(derived.expression, &state, notes: &notes)
      state.derived[index] = value
      trace.append(event("derived", derived.described, result: value.map { display($0, type: derived.type) } ?? "unknown",
                         reading: derived.expression, state, notes: notes))
    }
    var reasons: [Reason] = []
    var anyFalse = false
    var anyUnknown = false
    var neededBy: [Int: [String]] = [:]
    for condition in policy.conditions {
      var notes: [String] = []
      let whenTruth = condition.when.map { truth(of: $0, &state, notes: &notes) }
      let testTruth = truth(of: condition.test, &state, notes: &notes)
      // `when w: c` means `not w or c`: a condition that does not apply holds.
      let result = whenTruth.map { !$0 || testTruth } ?? testTruth
      var traced = event("condition", condition.described, result: result.rawValue, reading: condition.test, state,
                         notes: notes)
      traced.when = whenTruth?.rawValue
      if let when = condition.when { traced.values = tracedValues(reading: [when, condition.test], state) }
      trace.append(traced)
      if result == .unknown {
        for slot in unknownFacts(in: [condition.when, condition.test].compactMap { $0 }, state) {
          neededBy[slot, default: []].append(condition.name)
        }
      }
      guard result != .true else { continue }
      if result == .false { anyFalse = true } else { anyUnknown = true }
      reasons.append(reason(condition.described, kind: "condition", result: result.rawValue))
    }
    var checklist: [ChecklistItem] = []
    for requirement in policy.requirements {
      var notes: [String] = []
      let item = checklistItem(for: requirement, &state, notes: &notes)
      var traced = event("requirement", requirement.described, result: item.status.rawValue,
                         reading: nil, state, notes: notes)
      if let when = requirement.when {
        traced.when = truth(of: when, &state, notes: &notes).rawValue
        traced.values = tracedValues(reading: [when], state)
        if item.status == .undetermined {
          for slot in unknownFacts(in: [when], state) { neededBy[slot, default: []].append(requirement.name) }
        }
      }
      for case .fact(let slot) in requirement.alternatives where item.status == .missing {
        neededBy[slot, default: []].append(requirement.name)
      }
      trace.append(traced)
      checklist.append(item)
      if item.status != .provided, item.status != .notRequired {
        anyUnknown = true
        reasons.append(reason(requirement.described, kind: "requirement", result: item.status.rawValue))
      }
    }
    let verdict: Verdict = anyFalse ? .ineligible : anyUnknown ? .incomplete : .eligible
    let missingFacts = neededBy.keys.sorted().map { slot in
      MissingFact(fact: policy.facts[slot].name, labels: policy.facts[slot].described.labels,
                  neededBy: uniqued(neededBy[slot] ?? []))
    }
    let next = nextStep(verdict, checklist: checklist, missingFacts: missingFacts, record: record)
    if let committee = policy.committee, verdict == .eligible {
      trace.append(TraceEvent(kind: "committee", rule: committee.described.name,
                              result: next.earliestReplyOn?.iso ?? "unknown",
                              location: location(committee.described.span), values: [], when: nil, notes: []))
    }
    return Outcome(applicationID: record.applicationID, submittedOn: record.submittedOn, verdict: verdict,
                   reasons: reasons, checklist: checklist, missingFacts: missingFacts, nextStep: next,
                   policy: identity, trace: trace)
  }

  func reason(_ described: Described, kind: String, result: String) -> Reason {
    Reason(rule: described.name, kind: kind, result: result, labels: described.labels,
           citation: described.citation, assumed: described.assumption)
  }

  func event(_ kind: String, _ described: Described, result: String, reading expression: TypedExpression?,
             _ state: EvaluationState, notes: [String]) -> TraceEvent {
    TraceEvent(kind: kind, rule: described.name, result: result, location: location(described.span),
               values: expression.map { tracedValues(reading: [$0], state) } ?? [], when: nil, notes: notes)
  }

  /// `raabigh/2024-01-15.mizan:42:3`, independent of the working directory.
  func location(_ span: SourceSpan) -> String { "\(span.file.name):\(span.start)" }

  func uniqued(_ names: [String]) -> [String] {
    var seen: Set<String> = []
    return names.filter { seen.insert($0).inserted }
  }
}

/// What one evaluation has worked out so far.
struct EvaluationState {
  let record: ApplicantRecord
  let documents: [DocumentStatus]
  var derived: [Value?]
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
