import MizanChecker
import MizanCore
import MizanEngine
import Testing

/// Who must act on an incomplete file: an item whose `when` is undecided is settled by staff,
/// whoever provides its document; a missing document by its provider; a missing fact by its.
@Suite("Next step: who must act")
struct NextStepTests {
  static let policyText = testHeader + """
    fact visit_needed: bool { label ar "زيارة" en "Visit needed" provided_by staff }
    fact income: money { label ar "الدخل" en "Income" }
    document form { label ar "استمارة" en "Form" provided_by applicant }
    document visit { label ar "زيارة" en "Visit report" provided_by staff }
    requirement form_filled: form when visit_needed { label ar "استمارة" en "Form" cite "نص" }
    requirement visited: visit { label ar "زيارة" en "Visit" cite "نص" }
    condition poor: income <= 1000 SAR { label ar "فقير" en "Poor" cite "نص" }
    """

  /// (facts, documents, the form's status, who must act)
  static let cases: [(String, String, ChecklistStatus, Decision.Actors)] = [
    // The applicant's form depends on a staff finding not yet made: staff act, not the applicant.
    (#""income": 500"#, #"{"type": "visit"}"#, .undetermined, [.staff]),
    // The same, with the applicant's income unknown too: both.
    ("", #"{"type": "visit"}"#, .undetermined, [.applicant, .staff]),
    // The form is required and missing: the applicant brings it.
    (#""income": 500, "visit_needed": true"#, #"{"type": "visit"}"#, .missing, [.applicant]),
    // The staff's own document is missing: staff.
    (#""income": 500, "visit_needed": false"#, "", .notRequired, [.staff]),
  ]

  @Test("undetermined items go to staff, missing ones to their provider", arguments: cases)
  func whoActs(facts: String, documents: String, status: ChecklistStatus, actors: Decision.Actors) throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let decision = try decide(policy, facts: facts, documents: documents)
    let form = try #require(policy.requirements.firstIndex { $0.name == "form_filled" })
    #expect(decision.requirements[form].status == status)
    #expect(decision.verdict == .incomplete)
    #expect(decision.nextStepBy == actors, "\(facts) \(documents)")
  }
}
