import MizanChecker
import MizanCore
import MizanSyntax

extension Evaluator {
  /// A requirement judged on the record: `not_required` when its `when` is false,
  /// `undetermined` when that is unknown; otherwise the best of its alternatives.
  func checklistItem(for requirement: CheckedRequirement, _ state: inout EvaluationState,
                     notes: inout [String]) -> ChecklistItem {
    let accepts = requirement.alternatives.map(name(of:))
    var item = ChecklistItem(
      id: requirement.name, labels: requirement.described.labels, status: .missing,
      providedBy: provider(of: requirement).rawValue, accepts: accepts, detail: .same(""),
      citation: requirement.described.citation, assumed: requirement.described.assumption)
    if let when = requirement.when {
      switch truth(of: when, &state, notes: &notes) {
      case .false:
        item.status = .notRequired
        item.detail = LocalizedText(ar: "غير مطلوب لهذا الطلب", en: "not required for this application")
        return item
      case .unknown:
        let unknown = unknownFacts(in: [when], state).map { policy.facts[$0].name }
        item.status = .undetermined
        item.detail = LocalizedText(ar: "يعتمد على معلومات غير معروفة: \(unknown.joined(separator: "، "))",
                                    en: "depends on unknown facts: \(unknown.joined(separator: ", "))")
        return item
      case .true:
        break
      }
    }
    var best: (status: ChecklistStatus, detail: LocalizedText)?
    func consider(_ status: ChecklistStatus, _ detail: LocalizedText) {
      if best == nil || rank(status) > rank(best?.status ?? .missing) { best = (status, detail) }
    }
    for alternative in requirement.alternatives {
      switch alternative {
      case .fact(let slot):
        if let value = state.record.facts[slot] {
          consider(.provided, LocalizedText(ar: "مذكورة: \(display(value, type: policy.facts[slot].type))",
                                            en: "given: \(display(value, type: policy.facts[slot].type))"))
        }
      case .document(let index):
        let labels = policy.documents[index].described.labels
        switch state.documents[index] {
        case .absent: break
        case .valid(let document):
          let until = document.expiresOn.map {
            LocalizedText(ar: "، صالحة حتى \($0.iso)", en: ", valid until \($0.iso)")
          } ?? .same("")
          consider(.provided, LocalizedText(ar: "تم تقديم \(labels.arabic)", en: "\(labels.english) provided") + until)
        case .expired(_, let reason):
          consider(.expired, LocalizedText(ar: "\(labels.arabic): ", en: "\(labels.english): ") + reason)
        case .invalid(_, let reason):
          consider(.invalid, LocalizedText(ar: "\(labels.arabic): ", en: "\(labels.english): ") + reason)
        }
      }
    }
    if let best {
      item.status = best.status
      item.detail = best.detail
    } else {
      let names = requirement.alternatives.map(labels(of:))
      item.detail = names.count == 1
        ? LocalizedText(ar: "غير موجود في الملف", en: "not in the file")
        : LocalizedText(ar: "لا يوجد أي من: \(names.map(\.arabic).joined(separator: "، "))",
                        en: "none of: \(names.map(\.english).joined(separator: ", "))")
    }
    return item
  }

  func rank(_ status: ChecklistStatus) -> Int {
    switch status {
    case .provided: 3
    case .expired: 2
    case .invalid: 1
    default: 0
    }
  }

  func name(of item: RequirementItem) -> String {
    switch item {
    case .document(let index): policy.documents[index].name
    case .fact(let slot): policy.facts[slot].name
    }
  }

  func labels(of item: RequirementItem) -> LocalizedText {
    switch item {
    case .document(let index): policy.documents[index].described.labels
    case .fact(let slot): policy.facts[slot].described.labels
    }
  }

  /// Who must act on an item: the provider of its first document; facts come from the applicant.
  func provider(of requirement: CheckedRequirement) -> Provider {
    for case .document(let index) in requirement.alternatives { return policy.documents[index].provider }
    return .applicant
  }

  /// What happens next, by verdict.
  func nextStep(_ verdict: Verdict, checklist: [ChecklistItem], missingFacts: [MissingFact],
                record: ApplicantRecord) -> NextStep {
    switch verdict {
    case .eligible:
      guard let committee = policy.committee else {
        return NextStep(action: "complete_registration",
                        labels: LocalizedText(ar: "استكمال إجراءات التسجيل وتقديم الخدمة",
                                              en: "Complete registration and provide the service"),
                        by: ["staff"], committee: nil, earliestReplyOn: nil, citation: nil)
      }
      return NextStep(action: "refer_to_committee", labels: committee.described.labels, by: ["staff"],
                      committee: committee.described.name,
                      earliestReplyOn: record.submittedOn.adding(days: committee.replyAfterDays),
                      citation: committee.described.citation)
    case .incomplete:
      var by: Set<String> = []
      for item in checklist where ![.provided, .notRequired].contains(item.status) {
        by.insert(item.status == .undetermined ? "staff" : item.providedBy)
      }
      if !missingFacts.isEmpty { by.insert("applicant") }
      return NextStep(action: "complete_file",
                      labels: LocalizedText(ar: "استكمال الملف: النواقص أدناه", en: "Complete the file: see what is missing"),
                      by: by.sorted(), committee: nil, earliestReplyOn: nil, citation: nil)
    case .ineligible:
      return NextStep(action: "notify_ineligible",
                      labels: LocalizedText(ar: "إبلاغ المستفيد بعدم استيفاء الشروط مع الأسباب",
                                            en: "Inform the applicant that the conditions are not met, with the reasons"),
                      by: ["staff"], committee: nil, earliestReplyOn: nil, citation: nil)
    }
  }
}
