import MizanChecker
import MizanCore
import MizanSyntax

/// Why a checklist item has its status (the detail text is rendered from it).
package enum ChecklistDetail: Hashable, Sendable {
  /// The `when` is false.
  case notRequired
  /// The `when` is unknown because of these facts.
  case undetermined(facts: [Int])
  /// A fact alternative the record gives.
  case givenFact(Int)
  /// A valid document of this type, with its expiry date if it has one.
  case providedDocument(Int, expiresOn: CalendarDate?)
  /// The best document of this type is expired or invalid.
  case problem(Int, DocumentProblem)
  /// Nothing the requirement accepts is in the file.
  case missing
}

extension Evaluator {
  /// Requirement `index` judged on the record: `not_required` when its `when` is false,
  /// `undetermined` when that is unknown; otherwise the best of its alternatives (the first of
  /// the best rank).
  func checklistItem(for index: Int, _ record: ApplicantRecord, _ decision: Decision,
                     notes: inout [String]) -> Decision.RequirementResult {
    var whenTruth: Truth?
    if let when = plan.requirementWhens[index] {
      let truth = truth(Int(when), record, decision, notes: &notes)
      whenTruth = truth
      switch truth {
      case .false:
        return Decision.RequirementResult(when: truth, status: .notRequired, detail: .notRequired, notes: notes)
      case .unknown:
        return Decision.RequirementResult(when: truth, status: .undetermined,
                                          detail: .undetermined(facts: unknownFacts(in: [when], record, decision)),
                                          notes: notes)
      case .true:
        break
      }
    }
    var best: (status: ChecklistStatus, detail: ChecklistDetail)?
    func consider(_ status: ChecklistStatus, _ detail: ChecklistDetail) {
      if best == nil || rank(status) > rank(best?.status ?? .missing) { best = (status, detail) }
    }
    for position in plan.alternatives[index] {
      switch plan.alternativeItems[position] {
      case .fact(let slot):
        if record.facts[slot] != nil { consider(.provided, .givenFact(slot)) }
      case .document(let type):
        switch decision.documents[type] {
        case .absent: break
        case .valid(let document): consider(.provided, .providedDocument(type, expiresOn: document.expiresOn))
        case .expired(_, let problem): consider(.expired, .problem(type, problem))
        case .invalid(_, let problem): consider(.invalid, .problem(type, problem))
        }
      }
    }
    let (status, detail) = best ?? (.missing, .missing)
    return Decision.RequirementResult(when: whenTruth, status: status, detail: detail, notes: notes)
  }

  func rank(_ status: ChecklistStatus) -> Int {
    switch status {
    case .provided: 3
    case .expired: 2
    case .invalid: 1
    default: 0
    }
  }

  /// The detail of requirement `index`'s item in `language`, appended as UTF-8
  /// ("National ID provided, valid until 2027-01-01"); with `escaped`, as the content of a JSON
  /// string (labels and the record's texts escaped; the fixed words need no escaping).
  func appendDetail(_ detail: ChecklistDetail, requirement index: Int, _ language: Language,
                    _ record: ApplicantRecord, escaped: Bool = false, to out: inout ByteSink) {
    let arabic = language == .arabic
    func userText(_ string: String) {
      if escaped {
        out.appendJSONStringContent(string)
      } else {
        out.append(utf8: string)
      }
    }
    switch detail {
    case .undetermined(let facts):
      out.append(literal: arabic ? "يعتمد على معلومات غير معروفة: " : "depends on unknown facts: ")
      userText(facts.map { policy.facts[$0].name }.joined(separator: arabic ? "، " : ", "))
    case .givenFact(let slot):
      out.append(literal: arabic ? "مذكورة: " : "given: ")
      if let value = record.facts[slot] { userText(display(value, type: policy.facts[slot].type)) }
    default:
      Self.appendRecordFreeDetail(detail, requirement: index, language, submittedOn: record.submittedOn,
                                  escaped: escaped, plan: plan, to: &out)
    }
  }

  /// `appendDetail` for the details that need nothing of the record but dates (all but
  /// `undetermined` and `givenFact`, which write nothing here): static, so that the outcome
  /// fragments can render these texts once per policy with the very code that renders them per record.
  static func appendRecordFreeDetail(_ detail: ChecklistDetail, requirement index: Int, _ language: Language,
                                     submittedOn: CalendarDate, escaped: Bool, plan: EvaluationPlan,
                                     to out: inout ByteSink) {
    let arabic = language == .arabic
    func label(_ item: RequirementItem) {
      let range = switch item {
      case .document(let type): plan.documentLabels[type].text(language, escaped: escaped)
      case .fact(let slot): plan.factLabels[slot].text(language, escaped: escaped)
      }
      plan.labelText.withUnsafeBufferPointer { out.append(UnsafeBufferPointer(rebasing: $0[range])) }
    }
    switch detail {
    case .undetermined, .givenFact:
      break
    case .notRequired:
      out.append(literal: arabic ? "غير مطلوب لهذا الطلب" : "not required for this application")
    case .providedDocument(let type, let expiresOn):
      if arabic {
        out.append(literal: "تم تقديم ")
        label(.document(type))
      } else {
        label(.document(type))
        out.append(literal: " provided")
      }
      if let expiresOn {
        out.append(literal: arabic ? "، صالحة حتى " : ", valid until ")
        expiresOn.appendISO(to: &out)
      }
    case .problem(let type, let problem):
      label(.document(type))
      out.append(literal: ": ")
      problem.appendText(language, submittedOn: submittedOn, to: &out)
    case .missing:
      let alternatives = plan.alternatives[index]
      if alternatives.count == 1 {
        out.append(literal: arabic ? "غير موجود في الملف" : "not in the file")
      } else {
        out.append(literal: arabic ? "لا يوجد أي من: " : "none of: ")
        for position in alternatives {
          if position > alternatives.lowerBound { out.append(literal: arabic ? "، " : ", ") }
          label(plan.alternativeItems[position])
        }
      }
    }
  }
}
