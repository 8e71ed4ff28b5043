import MizanChecker
import MizanCore
import MizanEngine
import Testing

@Suite("Evaluator: conditions, unknowns and verdicts")
struct EvaluatorTests {
  static let policyText = testHeader + """
    fact income: money { label ar "الدخل" en "Income" }
    fact size: count { label ar "العدد" en "Size" }
    fact resident: bool { label ar "مقيم" en "Resident" }
    parameter limit: money = 1000 SAR { label ar "الحد" en "Limit" assumed "test" }
    derived per_member: money = income / size { label ar "للفرد" en "Per member" }
    condition poor: per_member <= limit { label ar "فقير" en "Poor" cite "نص" }
    condition lives_here: resident { label ar "مقيم" en "Resident" cite "نص" }
    condition large: size >= 2 when income > 0 SAR { label ar "كبيرة" en "Large" cite "نص" }
    """

  static func record(_ facts: String) -> String {
    """
    {"application_id": "A-1", "association": "test", "submitted_on": "2024-03-10", "channel": "interview",
     "facts": {\(facts)}}
    """
  }

  /// (facts, verdict, failed or undecided rules)
  static let cases: [(String, Verdict, [String])] = [
    (#""income": 1000, "size": 2, "resident": true"#, .eligible, []),
    (#""income": 5000, "size": 2, "resident": true"#, .ineligible, ["poor"]),
    (#""size": 2, "resident": true"#, .incomplete, ["poor"]),
    (#""income": 1000, "resident": true"#, .incomplete, ["poor", "large"]),
    // false ∧ unknown = false: a failed condition wins over an undecided one.
    (#""income": 5000, "size": 2"#, .ineligible, ["poor", "lives_here"]),
    (#""income": 500, "size": 1, "resident": true"#, .ineligible, ["large"]),
    // `c when w` is `not w or c`: with `w` unknown and `c` false, the rule is undecided.
    (#""size": 1, "resident": true"#, .incomplete, ["poor", "large"]),
    // with `w` false the rule holds; division by zero is unknown, not a crash.
    (#""income": 0, "size": 0, "resident": true"#, .incomplete, ["poor"]),
    // `null` is unknown; with `c` true the rule holds whatever `w` is.
    (#""income": null, "size": 3, "resident": true"#, .incomplete, ["poor"]),
  ]

  @Test("verdicts follow docs/records.md", arguments: cases)
  func verdicts(facts: String, verdict: Verdict, rules: [String]) throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let result = try outcome(policy, Self.record(facts))
    #expect(result.verdict == verdict)
    #expect(result.reasons.map(\.rule) == rules)
  }

  @Test("an unknown fact is reported as missing, with the rules that needed it")
  func missingFacts() throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let result = try outcome(policy, Self.record(#""size": 2, "resident": true"#))
    #expect(result.missingFacts.map(\.fact) == ["income"])
    #expect(result.missingFacts.first?.neededBy == ["poor"])
  }

  @Test("division by zero leaves a note in the trace")
  func divisionByZeroNote() throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let result = try outcome(policy, Self.record(#""income": 0, "size": 0, "resident": true"#))
    let derived = try #require(result.trace.first { $0.rule == "per_member" })
    #expect(derived.result == "unknown")
    #expect(derived.notes.first?.hasPrefix("division by zero") == true)
  }

  @Test("the same record gives byte-identical canonical JSON")
  func deterministic() throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let first = try canonicalOutcome(policy, Self.record(#""income": 700, "size": 2, "resident": true"#))
    let second = try canonicalOutcome(policy, Self.record(#""resident": true, "size": 2, "income": 700"#))
    #expect(first == second)
  }
}

@Suite("Evaluator: documents and the checklist")
struct ChecklistTests {
  static let policyText = testHeader + """
    fact visit_needed: bool { label ar "زيارة" en "Visit needed" }
    document id_card { label ar "هوية" en "ID" provided_by applicant valid not_expired }
    document registry { label ar "سجل" en "Registry" provided_by applicant }
    document form { label ar "استمارة" en "Form" provided_by applicant valid dated_within 30 days }
    document declaration { label ar "إقرار" en "Declaration" provided_by applicant valid signed }
    document visit { label ar "زيارة" en "Visit report" provided_by staff }
    requirement identity: id_card or registry { label ar "هوية" en "Identity" cite "نص" }
    requirement form_filled: form { label ar "استمارة" en "Form" cite "نص" }
    requirement declared: declaration { label ar "إقرار" en "Declaration" cite "نص" }
    requirement visited: visit when visit_needed { label ar "زيارة" en "Visit" cite "نص" }
    fact consent_given: bool { label ar "موافقة" en "Consent given" }
    fact reference_number: text { label ar "رقم مرجعي" en "Reference number" }
    requirement consented: consent_given { label ar "الموافقة" en "Consent" cite "نص" }
    requirement referenced: reference_number { label ar "المرجع" en "Reference" cite "نص" }
    """

  static func record(documents: String, facts: String = #""visit_needed": false"#) -> String {
    """
    {"application_id": "A-1", "association": "test", "submitted_on": "2024-03-10", "channel": "interview",
     "facts": {\(facts)}, "documents": [\(documents)]}
    """
  }

  static let complete = #"{"type": "id_card", "expires_on": "2025-01-01"}, {"type": "form", "dated": "2024-03-01"}, {"type": "declaration", "signed_on": "2024-03-10"}"#

  /// (documents, facts, requirement id, expected status, detail in English)
  static let cases: [(String, String, String, ChecklistStatus, String)] = [
    (complete, #""visit_needed": false"#, "identity", .provided, "ID provided, valid until 2025-01-01"),
    (#"{"type": "id_card", "expires_on": "2024-03-10"}"#, "", "identity", .provided, "ID provided, valid until 2024-03-10"),
    (#"{"type": "id_card", "expires_on": "2024-03-09"}"#, "", "identity", .expired,
     "ID: expired 2024-03-09, before submission 2024-03-10"),
    (#"{"type": "id_card"}"#, "", "identity", .invalid, "ID: no expiry date given"),
    (#"{"type": "id_card", "expires_on": "2020-01-01"}, {"type": "registry"}"#, "", "identity", .provided, "Registry provided"),
    ("", "", "identity", .missing, "none of: ID, Registry"),
    (#"{"type": "form", "dated": "2024-02-09"}"#, "", "form_filled", .provided, "Form provided"),
    (#"{"type": "form", "dated": "2024-02-08"}"#, "", "form_filled", .expired,
     "Form: dated 2024-02-08, more than 30 days before submission 2024-03-10"),
    (#"{"type": "form", "dated": "2024-03-11"}"#, "", "form_filled", .invalid, "Form: dated 2024-03-11, after submission 2024-03-10"),
    (#"{"type": "declaration"}"#, "", "declared", .invalid, "Declaration: not signed"),
    (#"{"type": "declaration", "signed_on": "2024-03-11"}"#, "", "declared", .invalid,
     "Declaration: signed 2024-03-11, after submission 2024-03-10"),
    ("", #""visit_needed": false"#, "visited", .notRequired, "not required for this application"),
    ("", "", "visited", .undetermined, "depends on unknown facts: visit_needed"),
    ("", #""visit_needed": true"#, "visited", .missing, "not in the file"),
    (#"{"type": "visit"}"#, #""visit_needed": true"#, "visited", .provided, "Visit report provided"),
    // A fact stands for a document when given; a yes/no fact only when it says yes.
    ("", #""consent_given": true"#, "consented", .provided, "given: true"),
    ("", #""consent_given": false"#, "consented", .missing, "not in the file"),
    ("", "", "consented", .missing, "not in the file"),
    ("", #""consent_given": null"#, "consented", .missing, "not in the file"),
    ("", #""reference_number": "R-1""#, "referenced", .provided, "given: R-1"),
    ("", #""reference_number": """#, "referenced", .provided, "given: "),
  ]

  @Test("checklist statuses and details", arguments: cases)
  func statuses(documents: String, facts: String, id: String, status: ChecklistStatus, detail: String) throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let result = try outcome(policy, Self.record(documents: documents, facts: facts))
    let item = try #require(result.checklist.first { $0.id == id })
    #expect(item.status == status)
    #expect(item.detail.english == detail)
  }

  @Test("who must act: staff for a staff document, applicant for the rest")
  func whoMustAct() throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let result = try outcome(policy, Self.record(documents: Self.complete,
                                                     facts: #""visit_needed": true, "consent_given": true, "reference_number": "R""#))
    #expect(result.verdict == .incomplete)
    #expect(result.checklist.first { $0.id == "visited" }?.providedBy == "staff")
    #expect(result.nextStep.by == ["staff"])
  }
}
