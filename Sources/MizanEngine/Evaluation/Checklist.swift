import MizanChecker
import MizanCore
import MizanSyntax

/// Why a checklist item has its status (the detail text is rendered from it).
package enum ChecklistDetail: Hashable, Sendable {
  /// The `when` is false.
  case notRequired
  /// The `when` is unknown because of these facts.
  case undetermined(facts: [FactRef])
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
      case .fact(let slot):
        // A fact stands for a document when given (as a valid one); a yes/no fact only when it
        // says yes: "the declaration is signed: false" provides nothing.
        switch record.facts[slot] {
        case nil, .bool(false)?: rank = -1
        default: rank = 2
        }
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
}
