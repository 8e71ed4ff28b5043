import MizanChecker
import MizanCore
import MizanEngine
import Testing

/// `evaluated_on`: documents judged on a later day than the submission (one re-issued to
/// replace an expired one), while the submission date keeps its other roles.
@Suite("Evaluator: an evaluation date beside the submission date")
struct EvaluationDateTests {
  static let policyText = testHeader + """
    document id_card { label ar "هوية" en "ID" provided_by applicant valid not_expired }
    document form { label ar "استمارة" en "Form" provided_by applicant valid dated_within 30 days }
    requirement identity: id_card { label ar "الهوية" en "Identity" cite "نص" }
    requirement form_filled: form { label ar "الاستمارة" en "Form" cite "نص" }
    """

  static func record(evaluated: String?, documents: String) -> String {
    let evaluatedField = evaluated.map { #""evaluated_on": "\#($0)", "# } ?? ""
    return """
      {"application_id": "E-1", "association": "test", "submitted_on": "2024-03-10", \(evaluatedField)
       "channel": "interview", "documents": [\(documents)]}
      """
  }

  /// (evaluated on, documents, identity status, detail in English)
  static let cases: [(String?, String, ChecklistStatus, String)] = [
    // Expired on submission day: expired, said against the submission.
    (nil, #"{"type": "id_card", "expires_on": "2024-03-09"}"#, .expired,
     "ID: expired 2024-03-09, before submission 2024-03-10"),
    // The re-issued card, judged on the evaluation date: valid.
    ("2024-04-01", #"{"type": "id_card", "expires_on": "2029-03-20"}"#, .provided, "ID provided, valid until 2029-03-20"),
    // The old card judged on the evaluation date: expired, said against the evaluation date.
    ("2024-04-01", #"{"type": "id_card", "expires_on": "2024-03-20"}"#, .expired,
     "ID: expired 2024-03-20, before the evaluation date 2024-04-01"),
    // Valid through the evaluation day itself.
    ("2024-04-01", #"{"type": "id_card", "expires_on": "2024-04-01"}"#, .provided, "ID provided, valid until 2024-04-01"),
    // Evaluated on the submission day: the same as without.
    ("2024-03-10", #"{"type": "id_card", "expires_on": "2024-03-10"}"#, .provided, "ID provided, valid until 2024-03-10"),
  ]

  @Test("documents are judged on the evaluation date, and say so", arguments: cases)
  func judgedOn(evaluated: String?, documents: String, status: ChecklistStatus, detail: String) throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let result = try outcome(policy, Self.record(evaluated: evaluated, documents: documents))
    let item = try #require(result.checklist.first { $0.id == "identity" })
    #expect(item.status == status)
    #expect(item.detail.english == detail)
    #expect(result.evaluatedOn?.iso == evaluated)
  }

  @Test("a form dated within 30 days of the evaluation date, not the submission")
  func datedWithin() throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let later = try outcome(policy, Self.record(evaluated: "2024-04-20", documents: #"{"type": "form", "dated": "2024-03-21"}"#))
    #expect(later.checklist.first { $0.id == "form_filled" }?.status == .provided)
    let old = try outcome(policy, Self.record(evaluated: "2024-04-20", documents: #"{"type": "form", "dated": "2024-03-20"}"#))
    #expect(old.checklist.first { $0.id == "form_filled" }?.detail.english
              == "Form: dated 2024-03-20, more than 30 days before the evaluation date 2024-04-20")
  }

  @Test("an evaluation date before the submission is refused; without one the outcome has no key")
  func refusedAndAbsent() throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    do {
      _ = try outcome(policy, Self.record(evaluated: "2024-03-09", documents: ""))
      Issue.record("accepted")
    } catch let error as RecordError {
      #expect(error.description.hasPrefix(
        "evaluated_on: the evaluation date 2024-03-09 is before the submission date 2024-03-10"), "\(error.description)")
    }
    let bytes = try canonicalOutcome(policy, Self.record(evaluated: nil, documents: ""))
    #expect(!String(decoding: bytes, as: UTF8.self).contains("evaluated_on"))
    let with = try canonicalOutcome(policy, Self.record(evaluated: "2024-04-01", documents: ""))
    #expect(String(decoding: with, as: UTF8.self).contains(#"],"evaluated_on":"2024-04-01","missing_facts":["#))
  }
}
