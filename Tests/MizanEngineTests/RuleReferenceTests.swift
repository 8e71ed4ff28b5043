import MizanChecker
import MizanCore
import MizanEngine
import Testing

/// Rules that refer to rules: a condition's result and a requirement's completeness in other
/// rules' tests and `when`s, decided in dependency order whatever the declaration order.
@Suite("Evaluator: rules that refer to rules")
struct RuleReferenceTests {
  static let policyText = testHeader + """
    fact income: money { label ar "الدخل" en "Income" }
    fact size: count { label ar "العدد" en "Size" }
    document id_card { label ar "هوية" en "ID" provided_by applicant valid not_expired }
    document visit_report { label ar "تقرير الزيارة" en "Visit report" provided_by staff }
    condition priority: poor and large_family { label ar "أولوية" en "Priority" cite "نص" }
    condition poor: income <= 3000 SAR { label ar "فقير" en "Poor" cite "نص" }
    condition large_family: size >= 5 when poor { label ar "أسرة كبيرة" en "Large family" cite "نص" }
    requirement field_visit: visit_report when complete(identity) and poor {
      label ar "الزيارة الميدانية" en "Field visit" cite "نص"
    }
    requirement identity: id_card { label ar "الهوية" en "Identity" cite "نص" }
    """

  static func record(_ facts: String, documents: String) -> String {
    """
    {"application_id": "R-1", "association": "test", "submitted_on": "2024-03-10", "channel": "interview",
     "facts": {\(facts)}, "documents": [\(documents)]}
    """
  }

  static let id = #"{"type": "id_card", "expires_on": "2030-01-01"}"#
  static let expiredID = #"{"type": "id_card", "expires_on": "2020-01-01"}"#
  static let visit = #"{"type": "visit_report"}"#

  /// (facts, documents, failed or undecided rules, field visit status)
  static let cases: [(String, String, [String], ChecklistStatus)] = [
    // Poor and large: every rule holds; the desk stage is complete, so the visit is required.
    (#""income": 2000, "size": 6"#, "\(id), \(visit)", [], .provided),
    // Poor, small: `priority` (declared first, decided after) fails through `large_family`.
    (#""income": 2000, "size": 3"#, "\(id), \(visit)", ["priority", "large_family"], .provided),
    // Not poor: `large_family` does not apply (holds), `priority` fails through `poor`; no visit.
    (#""income": 5000, "size": 6"#, id, ["priority", "poor"], .notRequired),
    // The desk stage incomplete (ID expired): no visit asked for yet.
    (#""income": 2000, "size": 6"#, expiredID, ["identity"], .notRequired),
    // ID missing: the visit waits too.
    (#""income": 2000, "size": 6"#, "", ["identity"], .notRequired),
    // Desk complete, visit report missing: staff must visit.
    (#""income": 2000, "size": 6"#, id, ["field_visit"], .missing),
    // Income unknown: `poor` unknown, and with it `priority` and the visit; `large_family`
    // holds whatever `poor` is (`not poor or size >= 5`, with size 6).
    (#""size": 6"#, id, ["priority", "poor", "field_visit"], .undetermined),
  ]

  @Test("conditions and requirements read other rules' results, in dependency order", arguments: cases)
  func decide(facts: String, documents: String, failed: [String], visit: ChecklistStatus) throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let result = try outcome(policy, Self.record(facts, documents: documents))
    #expect(result.reasons.map(\.rule) == failed)
    #expect(result.checklist.first { $0.id == "field_visit" }?.status == visit)
  }

  @Test("what a referred rule lacks is what the referring rule lacks")
  func missingFactsFollowReferences() throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let result = try outcome(policy, Self.record(#""size": 6"#, documents: Self.id))
    let income = try #require(result.missingFacts.first { $0.fact == "income" })
    // In the order the rules were decided: `poor` before `priority`, which refers to it.
    #expect(income.neededBy == ["poor", "priority", "field_visit"])
  }

  @Test("the rules are decided in dependency order, declaration order otherwise")
  func order() throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    #expect(policy.ruleOrder == [.condition(1), .condition(2), .condition(0), .requirement(1), .requirement(0)])
  }
}
