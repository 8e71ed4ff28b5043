import MizanChecker
import MizanCore
import MizanEngine
import Testing

/// Households: a list of members in the record, and `count`, `any`, `all` and `sum` over it,
/// three-valued, with missing facts named by their path.
@Suite("Evaluator: households and their members")
struct HouseholdTests {
  static let policyText = testHeader + """
    enum sex {
      label ar "الجنس" en "Sex"
      value male ar "ذكر" en "Male"
      value female ar "أنثى" en "Female"
    }
    member child {
      label ar "الابن" en "Child"
      shown_by name
    }
    fact name of child: text { label ar "الاسم" en "Name" }
    fact birth_date of child: date { label ar "تاريخ الميلاد" en "Birth date" }
    fact sex of child: sex { label ar "الجنس" en "Sex" }
    fact monthly_income of child: money { label ar "الدخل" en "Income" }
    fact children: list of child { label ar "الأبناء" en "Children" }
    fact rent: money { label ar "الإيجار" en "Rent" }
    derived minors: count = count(children where whole_years(birth_date, submitted_on) < 18) {
      label ar "القصّر" en "Minors"
    }
    derived income_per_child: money = (sum(monthly_income of children) - rent) / count(children) {
      label ar "الدخل للفرد" en "Income per child"
    }
    condition has_minor: any(children where whole_years(birth_date, submitted_on) < 18) {
      label ar "قاصر" en "A minor child" cite "نص"
    }
    condition sons_under_21: all(children where sex == female or whole_years(birth_date, submitted_on) < 21) {
      label ar "الأبناء دون 21" en "Sons under 21" cite "نص"
    }
    condition low_income: income_per_child <= 1000 SAR { label ar "دخل" en "Low income" cite "نص" }
    """

  static func record(_ facts: String) -> String {
    """
    {"application_id": "H-1", "association": "test", "submitted_on": "2024-03-10", "channel": "interview",
     "facts": {\(facts)}}
    """
  }

  static let sara = #"{"name": "Sara", "birth_date": "2011-04-03", "sex": "female", "monthly_income": 0}"#
  static let omar = #"{"name": "Omar", "birth_date": "2002-06-01", "sex": "male", "monthly_income": 1500}"#
  static let adult = #"{"name": "Huda", "birth_date": "1999-01-01", "sex": "female", "monthly_income": 2500}"#
  static let unknownAge = #"{"name": "Ali", "sex": "male", "monthly_income": 0}"#

  /// (facts, the failed or undecided conditions)
  static let cases: [(String, [String])] = [
    // Sara is 12; Omar is 21 on 2024-03-10 (born 2002-06-01: 21 until 2024-06-01): a son of 21 fails.
    (#""children": [\#(sara), \#(omar)], "rent": 0"#, ["sons_under_21"]),
    // Sara alone: a minor, under 21, income 0.
    (#""children": [\#(sara)], "rent": 0"#, []),
    // An empty list is known: no minor (`any` false), every son under 21 (`all` true), and the
    // income per child a division by zero (unknown).
    (#""children": [], "rent": 0"#, ["has_minor", "low_income"]),
    // An unknown list leaves every question about it unknown.
    (#""rent": 0"#, ["has_minor", "sons_under_21", "low_income"]),
    (#""children": null, "rent": 0"#, ["has_minor", "sons_under_21", "low_income"]),
    // One member's age unknown: `any` is still true thanks to Sara; `all` unknown (Ali might be 21).
    (#""children": [\#(sara), \#(unknownAge)], "rent": 0"#, ["sons_under_21"]),
    // `all` is false as soon as one member fails, whatever the unknown one.
    (#""children": [\#(omar), \#(unknownAge)], "rent": 0"#, ["has_minor", "sons_under_21"]),
    // An adult daughter passes `all` through `sex == female`; no minor.
    (#""children": [\#(adult)], "rent": 0"#, ["has_minor", "low_income"]),
    // Income per child: (0 + 2500 − 600) / 2 = 950 passes; without rent it is unknown.
    (#""children": [\#(sara), \#(adult)], "rent": 600"#, []),
    (#""children": [\#(sara), \#(adult)]"#, ["low_income"]),
  ]

  @Test("count, any, all and sum over the children, three-valued", arguments: cases)
  func verdicts(facts: String, failed: [String]) throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let result = try outcome(policy, Self.record(facts))
    #expect(result.reasons.map(\.rule) == failed)
  }

  @Test("derived counts and sums", arguments: [
    // (0 + 1500 + 2500 − 1000) / 3 = 1000.
    (#""children": [\#(sara), \#(omar), \#(adult)], "rent": 1000"#, "1", "1000"),
    (#""children": [], "rent": 0"#, "0", nil),
    // Ali's age is unknown: the count of minors is unknown, the sum of incomes is not.
    (#""children": [\#(sara), \#(unknownAge)], "rent": 0"#, nil, "0"),
  ] as [(String, String?, String?)])
  func derived(facts: String, minors: String?, perChild: String?) throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let result = try outcome(policy, Self.record(facts))
    func value(_ name: String) -> String? {
      result.trace.first { $0.kind == "derived" && $0.rule == name }.flatMap { $0.result == "unknown" ? nil : $0.result }
    }
    #expect(value("minors") == minors)
    #expect(value("income_per_child") == perChild)
  }

  @Test("a member's unknown fact is missing by its path, labelled with the member")
  func missingMemberFacts() throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let result = try outcome(policy, Self.record(#""children": [\#(Self.sara), \#(Self.unknownAge)], "rent": 0"#))
    let missing = try #require(result.missingFacts.first)
    #expect(result.missingFacts.map(\.fact) == ["children[1].birth_date"])
    #expect(missing.labels.english == "Birth date — Child 2 (Ali)")
    #expect(missing.labels.arabic == "تاريخ الميلاد — الابن 2 (Ali)")
    #expect(missing.neededBy == ["sons_under_21"])
    // An unknown list is missing as a whole.
    let unknownList = try outcome(policy, Self.record(#""rent": 0"#))
    #expect(unknownList.missingFacts.map(\.fact) == ["children"])
  }

  @Test("the trace shows how many members a list has")
  func traceShowsLength() throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let result = try outcome(policy, Self.record(#""children": [\#(Self.sara), \#(Self.omar)], "rent": 0"#))
    let step = try #require(result.trace.first { $0.kind == "condition" && $0.rule == "has_minor" })
    #expect(step.values.map(\.name) == ["children", "submitted_on"])
  }
}

/// What a record's lists of members must look like: every error names the member and its fact.
@Suite("Record reader: lists of members")
struct MemberListReadingTests {
  static let cases: [(String, String)] = [
    (#""children": 5"#, "facts.children: expected an array of `child` objects, found 5"),
    (#""children": {"name": "Sara"}"#, "facts.children: expected an array of `child` objects, found an object"),
    (#""children": [5]"#, "facts.children[0]: expected an object, found 5"),
    (#""children": [{"name": "Sara"}, {"nam": "Ali"}]"#,
     "facts.children[1].nam: the policy declares no fact `nam` of a `child`; did you mean `name`?"),
    (#""children": [{"birth_date": "2011-13-01"}]"#, "facts.children[0].birth_date: invalid date"),
    (#""children": [{"sex": "boy"}]"#, "facts.children[0].sex: unknown `sex` value \"boy\""),
    (#""children": [{"monthly_income": -5}]"#, "facts.children[0].monthly_income: "),
    (#""children": [{"name": "Sara", "name": "Sara"}]"#, "facts.children[0].name"),
    (#""children": [\#(Array(repeating: "{}", count: 101).joined(separator: ","))]"#,
     "facts.children: more members than the limit (100)"),
  ]

  @Test("a malformed list or member is refused with its path", arguments: cases)
  func refused(facts: String, message: String) throws {
    let policy = try #require(checkedPolicy(HouseholdTests.policyText))
    do {
      _ = try outcome(policy, HouseholdTests.record(facts))
      Issue.record("accepted: \(facts)")
    } catch let error as RecordError {
      #expect(error.description.hasPrefix(message), "\(error.description)")
    }
  }

  @Test("a hundred members are read; members may leave facts out (unknown)")
  func limitAndUnknowns() throws {
    let policy = try #require(checkedPolicy(HouseholdTests.policyText))
    let hundred = Array(repeating: #"{"name": "x"}"#, count: 100).joined(separator: ",")
    let result = try outcome(policy, HouseholdTests.record(#""children": [\#(hundred)], "rent": 0"#))
    #expect(result.reasons.map(\.rule) == ["has_minor", "sons_under_21", "low_income"])
    // Each member's birth date, sex and income: in list order, then by the member's facts.
    #expect(result.missingFacts.count == 300)
    #expect(result.missingFacts.prefix(3).map(\.fact) == ["children[0].birth_date", "children[0].sex",
                                                           "children[0].monthly_income"])
    #expect(result.missingFacts.last?.fact == "children[99].monthly_income")
  }
}

/// A checklist row for each member who needs a document: a birth certificate for every child
/// under 18, a school letter for every one studying, judged by the document's validity rules.
@Suite("Evaluator: documents of each member")
struct MemberRequirementTests {
  static let policyText = testHeader + """
    member child {
      label ar "الابن" en "Child"
      shown_by name
    }
    fact name of child: text { label ar "الاسم" en "Name" }
    fact birth_date of child: date { label ar "تاريخ الميلاد" en "Birth date" }
    fact studying of child: bool { label ar "يدرس" en "Studying" }
    document birth_certificate of child { label ar "شهادة الميلاد" en "Birth certificate" provided_by applicant }
    document school_letter of child {
      label ar "تعريف المدرسة" en "School letter"
      provided_by applicant
      valid dated_within 3 months
    }
    fact children: list of child { label ar "الأبناء" en "Children" }
    fact registered: bool { label ar "مسجل" en "Registered" }
    requirement birth_certificates: birth_certificate of children where whole_years(birth_date, submitted_on) < 18 {
      label ar "شهادة الميلاد" en "Birth certificate" cite "نص"
    }
    requirement school_letters: school_letter of children where studying when registered {
      label ar "تعريف المدرسة" en "School letter" cite "نص"
    }
    """

  static func record(_ children: String, registered: String = "true") -> String {
    """
    {"application_id": "H-2", "association": "test", "submitted_on": "2024-05-31", "channel": "interview",
     "facts": {"registered": \(registered), "children": [\(children)]}}
    """
  }

  static let sara = #"{"name": "Sara", "birth_date": "2011-04-03", "studying": true, "documents": [{"type": "birth_certificate"}, {"type": "school_letter", "dated": "2024-02-29"}]}"#
  static let omar = #"{"name": "Omar", "birth_date": "2002-06-01", "studying": true, "documents": [{"type": "school_letter", "dated": "2024-02-28"}]}"#
  static let ali = #"{"name": "Ali", "studying": false}"#
  static let huda = #"{"name": "Huda", "birth_date": "2015-01-01"}"#

  /// (children, registered, rows as `id member status: detail`, verdict)
  static let cases: [(String, String, [String], Verdict)] = [
    // Sara: both provided (her letter is dated exactly 3 months before 31 May). Omar is 21: no
    // birth certificate needed; his letter is a day too old.
    ("\(sara), \(omar)", "true", [
      "birth_certificates children[0] provided: Birth certificate provided",
      "school_letters children[0] provided: School letter provided",
      "school_letters children[1] expired: School letter: dated 2024-02-28, more than 3 months before submission 2024-05-31",
    ], .incomplete),
    // Ali's age is unknown: whether he needs a birth certificate is undetermined; he is not studying.
    ("\(sara), \(ali)", "true", [
      "birth_certificates children[0] provided: Birth certificate provided",
      "birth_certificates children[1] undetermined: depends on unknown facts: children[1].birth_date",
      "school_letters children[0] provided: School letter provided",
    ], .incomplete),
    // Huda is 9 and brought nothing: missing; whether she studies is unknown.
    ("\(huda)", "true", [
      "birth_certificates children[0] missing: not in the file",
      "school_letters children[0] undetermined: depends on unknown facts: children[0].studying",
    ], .incomplete),
    // `when` false: no school letter rows at all.
    ("\(sara)", "false", ["birth_certificates children[0] provided: Birth certificate provided"], .eligible),
    // No children: no rows, nothing missing.
    ("", "true", [], .eligible),
  ]

  @Test("one row per member the `where` selects, judged on the member's own documents", arguments: cases)
  func rows(children: String, registered: String, rows: [String], verdict: Verdict) throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let result = try outcome(policy, Self.record(children, registered: registered))
    #expect(result.checklist.map { "\($0.id) \($0.member ?? "-") \($0.status.rawValue): \($0.detail.english)" } == rows)
    #expect(result.verdict == verdict)
  }

  @Test("rows are labelled with the member; a missing one asks the applicant, an undetermined one staff")
  func labelsAndActors() throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let result = try outcome(policy, Self.record("\(Self.sara), \(Self.huda)"))
    let huda = try #require(result.checklist.first { $0.member == "children[1]" && $0.id == "birth_certificates" })
    #expect(huda.labels.english == "Birth certificate — Child 2 (Huda)")
    #expect(huda.labels.arabic == "شهادة الميلاد — الابن 2 (Huda)")
    #expect(huda.accepts == ["birth_certificate"])
    #expect(huda.citation == "نص")
    #expect(result.nextStep.by == ["applicant", "staff"])
    #expect(result.reasons.map { "\($0.rule) \($0.result)" } == ["birth_certificates missing", "school_letters undetermined"])
    #expect(result.missingFacts.map(\.fact) == ["children[1].studying"])
  }

  @Test("an unknown list gives one undetermined row and asks for the list")
  func unknownList() throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let record = """
      {"application_id": "H-3", "association": "test", "submitted_on": "2024-05-31", "channel": "interview",
       "facts": {"registered": true}}
      """
    let result = try outcome(policy, record)
    #expect(result.checklist.map { "\($0.id) \($0.member ?? "-") \($0.status.rawValue)" }
              == ["birth_certificates - undetermined", "school_letters - undetermined"])
    #expect(result.missingFacts.map(\.fact) == ["children"])
  }

  @Test("a member's documents are read with their path; an unknown type suggests the member's types")
  func memberDocumentErrors() throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    do {
      _ = try outcome(policy, Self.record(#"{"name": "Sara", "documents": [{"type": "birth_certificat"}]}"#))
      Issue.record("accepted")
    } catch let error as RecordError {
      #expect(error.description.hasPrefix(
        "facts.children[0].documents[0].type: unknown document type \"birth_certificat\"; did you mean `birth_certificate`?"),
        "\(error.description)")
    }
  }
}
