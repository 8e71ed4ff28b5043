import MizanChecker
import MizanCore
import MizanSyntax

extension Evaluator {
  /// The outcome `decision` gives, with its texts: reasons, checklist, missing facts, next step
  /// and trace.
  package func outcome(from decision: Decision, record: ApplicantRecord, identity: PolicyIdentity) -> Outcome {
    var trace: [TraceEvent] = []
    for (index, derived) in policy.derived.enumerated() {
      let result = decision.derived[index].map { display($0, type: derived.type) } ?? "unknown"
      trace.append(TraceEvent(kind: "derived", rule: derived.name, result: result,
                              location: plan.derivedLocations[index],
                              values: tracedValues(plan.derivedReads[index], record, decision), when: nil,
                              notes: decision.derivedNotes[index]))
    }
    var reasons: [Reason] = []
    for (index, condition) in policy.conditions.enumerated() {
      let result = decision.conditions[index]
      trace.append(TraceEvent(kind: "condition", rule: condition.name, result: result.result.rawValue,
                              location: plan.conditionLocations[index],
                              values: tracedValues(plan.conditionReads[index], record, decision),
                              when: result.when?.rawValue, notes: result.notes))
      if result.result != .true {
        reasons.append(reason(condition.described, kind: "condition", result: result.result.rawValue))
      }
    }
    var checklist: [ChecklistItem] = []
    for (index, requirement) in policy.requirements.enumerated() {
      let result = decision.requirements[index]
      trace.append(TraceEvent(kind: "requirement", rule: requirement.name, result: result.status.rawValue,
                              location: plan.requirementLocations[index],
                              values: tracedValues(plan.requirementReads[index], record, decision),
                              when: result.when?.rawValue, notes: result.notes))
      checklist.append(ChecklistItem(
        id: requirement.name, labels: requirement.described.labels, status: result.status,
        providedBy: plan.providers[index].rawValue, accepts: requirement.alternatives.map(name(of:)),
        detail: detailText(result.detail, requirement: index, record),
        citation: requirement.described.citation, assumed: requirement.described.assumption))
      if result.status != .provided, result.status != .notRequired {
        reasons.append(reason(requirement.described, kind: "requirement", result: result.status.rawValue))
      }
    }
    let missingFacts = decision.missingFacts.map { missing in
      MissingFact(fact: policy.facts[missing.slot].name, labels: policy.facts[missing.slot].described.labels,
                  neededBy: uniqued(missing.neededBy.map(name(of:))))
    }
    let next = nextStep(decision)
    if let committee = policy.committee, decision.verdict == .eligible {
      trace.append(TraceEvent(kind: "committee", rule: committee.described.name,
                              result: decision.earliestReplyOn?.iso ?? "unknown",
                              location: plan.committeeLocation ?? "", values: [], when: nil, notes: []))
    }
    return Outcome(applicationID: record.applicationID, submittedOn: record.submittedOn, verdict: decision.verdict,
                   reasons: reasons, checklist: checklist, missingFacts: missingFacts, nextStep: next,
                   policy: identity, trace: trace)
  }

  /// The values a step read, in order of first appearance.
  func tracedValues(_ refs: [EvaluationPlan.TracedRef], _ record: ApplicantRecord,
                    _ decision: Decision) -> [TracedValue] {
    refs.map { TracedValue(name: name(of: $0), value: tracedValue($0, record, decision)) }
  }

  func detailText(_ detail: ChecklistDetail, requirement index: Int, _ record: ApplicantRecord) -> LocalizedText {
    var sink = ByteSink()
    defer { sink.release() }
    appendDetail(detail, requirement: index, .arabic, record, to: &sink)
    let arabic = String(decoding: sink.bytes, as: UTF8.self)
    sink.removeAll()
    appendDetail(detail, requirement: index, .english, record, to: &sink)
    return LocalizedText(ar: arabic, en: String(decoding: sink.bytes, as: UTF8.self))
  }

  func reason(_ described: Described, kind: String, result: String) -> Reason {
    Reason(rule: described.name, kind: kind, result: result, labels: described.labels,
           citation: described.citation, assumed: described.assumption)
  }

  func name(of item: RequirementItem) -> String {
    switch item {
    case .document(let index): policy.documents[index].name
    case .fact(let slot): policy.facts[slot].name
    }
  }

  func name(of rule: Decision.Rule) -> String {
    switch rule {
    case .condition(let index): policy.conditions[index].name
    case .requirement(let index): policy.requirements[index].name
    }
  }

  func uniqued(_ names: [String]) -> [String] {
    var seen: Set<String> = []
    return names.filter { seen.insert($0).inserted }
  }

  /// What happens next, by verdict.
  func nextStep(_ decision: Decision) -> NextStep {
    switch decision.verdict {
    case .eligible:
      guard let committee = policy.committee else {
        return NextStep(action: "complete_registration", labels: NextStepText.registrationLabels,
                        by: ["staff"], committee: nil, earliestReplyOn: nil, citation: nil)
      }
      return NextStep(action: "refer_to_committee", labels: committee.described.labels, by: ["staff"],
                      committee: committee.described.name, earliestReplyOn: decision.earliestReplyOn,
                      citation: committee.described.citation)
    case .incomplete:
      var by: [String] = []
      if decision.nextStepBy.contains(.applicant) { by.append("applicant") }
      if decision.nextStepBy.contains(.staff) { by.append("staff") }
      return NextStep(action: "complete_file", labels: NextStepText.completeFileLabels, by: by, committee: nil,
                      earliestReplyOn: nil, citation: nil)
    case .ineligible:
      return NextStep(action: "notify_ineligible", labels: NextStepText.ineligibleLabels, by: ["staff"],
                      committee: nil, earliestReplyOn: nil, citation: nil)
    }
  }
}

/// The fixed labels of next steps.
enum NextStepText {
  static let registrationLabels = LocalizedText(ar: "استكمال إجراءات التسجيل وتقديم الخدمة",
                                                en: "Complete registration and provide the service")
  static let completeFileLabels = LocalizedText(ar: "استكمال الملف: النواقص أدناه",
                                                en: "Complete the file: see what is missing")
  static let ineligibleLabels = LocalizedText(
    ar: "إبلاغ المستفيد بعدم استيفاء الشروط مع الأسباب",
    en: "Inform the applicant that the conditions are not met, with the reasons")
}
