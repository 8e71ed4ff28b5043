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
  /// Judges requirement `index` on the record, in place in `decision.requirements[index]`
  /// (written field by field: building and copying a whole result per requirement cost more than
  /// judging it): `not_required` when its `when` is false, `undetermined` when that is unknown;
  /// otherwise the best of its alternatives (the first of the best rank).
  func judgeRequirement(_ index: Int, _ record: ApplicantRecord, _ decision: inout Decision) -> ChecklistStatus {
    var notes: [String] = []
    defer {
      if !notes.isEmpty || !decision.requirements[index].notes.isEmpty { decision.requirements[index].notes = notes }
    }
    decision.requirements[index].when = nil
    if let when = plan.requirementWhens[index] {
      let truth = truth(Int(when), record, decision, notes: &notes)
      decision.requirements[index].when = truth
      switch truth {
      case .false:
        decision.requirements[index].status = .notRequired
        decision.requirements[index].detail = .notRequired
        return .notRequired
      case .unknown:
        decision.requirements[index].status = .undetermined
        decision.requirements[index].detail = .undetermined(facts: unknownFacts(in: [when], record, decision))
        return .undetermined
      case .true:
        break
      }
    }
    var bestRank = -1
    var bestPosition = 0
    for position in plan.alternatives[index] {
      let rank: Int
      switch plan.alternativeItems[position] {
      case .fact(let slot): rank = record.facts[slot] == nil ? -1 : 2  // as a valid document
      case .document(let type): rank = decision.documents[type].rank - 1  // absent -1, invalid 0, expired 1, valid 2
      }
      if rank > bestRank {
        bestRank = rank
        bestPosition = position
      }
    }
    let status: ChecklistStatus
    let detail: ChecklistDetail
    if bestRank < 0 {
      (status, detail) = (.missing, .missing)
    } else {
      switch plan.alternativeItems[bestPosition] {
      case .fact(let slot):
        (status, detail) = (.provided, .givenFact(slot))
      case .document(let type):
        switch decision.documents[type] {
        case .valid(let document): (status, detail) = (.provided, .providedDocument(type, expiresOn: document.expiresOn))
        case .expired(_, let problem): (status, detail) = (.expired, .problem(type, problem))
        case .invalid(_, let problem): (status, detail) = (.invalid, .problem(type, problem))
        case .absent: (status, detail) = (.missing, .missing)
        }
      }
    }
    decision.requirements[index].status = status
    decision.requirements[index].detail = detail
    return status
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
