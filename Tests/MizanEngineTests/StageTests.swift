import MizanChecker
import MizanCore
import MizanEngine
import Testing

/// Stages as the policy names them: the file is in the first stage whose test holds.
@Suite("Evaluator: the stage a file is in")
struct StageTests {
  static let policyText = testHeader + """
    fact income: money { label ar "الدخل" en "Income" }
    fact needs_field_visit: bool { label ar "زيارة" en "Needs a visit" provided_by staff }
    document id_card { label ar "هوية" en "ID" provided_by applicant valid not_expired }
    document visit_report { label ar "تقرير" en "Visit report" provided_by staff }
    condition poor: income <= 3000 SAR { label ar "فقير" en "Poor" cite "نص" }
    requirement identity: id_card { label ar "الهوية" en "Identity" cite "نص" }
    requirement field_visit: visit_report when needs_field_visit and complete(identity) {
      label ar "الزيارة" en "Field visit" cite "نص"
    }
    stage rejected: not poor { label ar "مرفوض" en "Rejected" cite "نص" }
    stage waiting_for_applicant: not complete(identity) { label ar "بانتظار المتقدم" en "Waiting for the applicant" cite "نص" }
    stage waiting_for_field_visit: not complete(field_visit) {
      label ar "بانتظار الزيارة الميدانية" en "Waiting for the field visit" cite "نص"
    }
    stage ready_for_committee: true { label ar "جاهز للجنة" en "Ready for the committee" cite "نص" }
    """

  static func record(_ facts: String, documents: String) -> String {
    """
    {"application_id": "G-1", "association": "test", "submitted_on": "2024-03-10", "channel": "interview",
     "facts": {\(facts)}, "documents": [\(documents)]}
    """
  }

  static let id = #"{"type": "id_card", "expires_on": "2030-01-01"}"#
  static let visit = #"{"type": "visit_report"}"#

  /// (facts, documents, stage id or nil)
  static let cases: [(String, String, String?)] = [
    (#""income": 5000, "needs_field_visit": true"#, id, "rejected"),
    (#""income": 2000, "needs_field_visit": true"#, "", "waiting_for_applicant"),
    (#""income": 2000, "needs_field_visit": true"#, id, "waiting_for_field_visit"),
    (#""income": 2000, "needs_field_visit": true"#, "\(id), \(visit)", "ready_for_committee"),
    (#""income": 2000, "needs_field_visit": false"#, id, "ready_for_committee"),
    // Income unknown: whether the file is rejected cannot be told, so neither can its stage.
    (#""needs_field_visit": false"#, id, nil),
    // The visit not decided yet by staff: the field visit is undetermined, the stage unknown.
    (#""income": 2000"#, id, nil),
  ]

  @Test("the first stage whose test holds", arguments: cases)
  func stages(facts: String, documents: String, stage: String?) throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let result = try outcome(policy, Self.record(facts, documents: documents))
    #expect(result.hasStages)
    #expect(result.stage?.id == stage)
  }

  @Test("a policy without stages writes no stage key")
  func noStages() throws {
    let policy = try #require(checkedPolicy(testHeader + """
      fact income: money { label ar "الدخل" en "Income" }
      condition poor: income <= 3000 SAR { label ar "فقير" en "Poor" cite "نص" }
      """))
    let bytes = try canonicalOutcome(policy, Self.record(#""income": 1"#, documents: ""))
    #expect(!String(decoding: bytes, as: UTF8.self).contains("stage"))
    #expect(try Outcome(canonicalJSON: bytes).hasStages == false)
  }
}
