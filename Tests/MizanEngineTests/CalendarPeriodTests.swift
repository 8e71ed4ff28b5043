import MizanChecker
import MizanCore
import MizanEngine
import Testing

/// Calendar months and years in validity windows and date arithmetic, and ages in Hijri years.
@Suite("Evaluator: months, years and Hijri ages")
struct CalendarPeriodTests {
  static let policyText = testHeader + """
    fact birth_date: date { label ar "تاريخ الميلاد" en "Birth date" }
    fact last_visit: date { label ar "آخر زيارة" en "Last visit" }
    parameter visit_recency: months = 3 months { label ar "حداثة الزيارة" en "Visit recency" assumed "test" }
    document income_statement {
      label ar "تعريف بالراتب" en "Income statement"
      provided_by applicant
      valid dated_within 3 months
    }
    document bank_letter { label ar "خطاب البنك" en "Bank letter" provided_by applicant valid dated_within 1 year }
    document school_letter { label ar "خطاب المدرسة" en "School letter" provided_by applicant valid dated_within 30 days }
    derived hijri_age: count = whole_hijri_years(birth_date, submitted_on) { label ar "العمر بالهجري" en "Hijri age" }
    derived gregorian_age: count = whole_years(birth_date, submitted_on) { label ar "العمر" en "Age" }
    derived review_on: date = submitted_on + 6 months { label ar "موعد المراجعة" en "Review date" }
    condition minor_hijri: hijri_age < 18 { label ar "قاصر" en "Minor" cite "نص" }
    condition visited_recently: last_visit >= submitted_on - visit_recency { label ar "زيارة حديثة" en "Recent visit" cite "نص" }
    requirement income: income_statement { label ar "الدخل" en "Income" cite "نص" }
    requirement bank: bank_letter { label ar "البنك" en "Bank" cite "نص" }
    requirement school: school_letter { label ar "المدرسة" en "School" cite "نص" }
    """

  static func record(submitted: String, facts: String = "", documents: String = "") -> String {
    """
    {"application_id": "A-1", "association": "test", "submitted_on": "\(submitted)", "channel": "interview",
     "facts": {\(facts)}, "documents": [\(documents)]}
    """
  }

  /// (submitted on, document, requirement, status, detail in English, in Arabic)
  static let documentCases: [(String, String, String, ChecklistStatus, String)] = [
    // Three months before 31 March is 31 December: on it valid, the day before expired.
    ("2024-03-31", #"{"type": "income_statement", "dated": "2023-12-31"}"#, "income", .provided, "Income statement provided"),
    ("2024-03-31", #"{"type": "income_statement", "dated": "2023-12-30"}"#, "income", .expired,
     "Income statement: dated 2023-12-30, more than 3 months before submission 2024-03-31"),
    // Three months before 31 May is the last day of February (29 in 2024).
    ("2024-05-31", #"{"type": "income_statement", "dated": "2024-02-29"}"#, "income", .provided, "Income statement provided"),
    ("2024-05-31", #"{"type": "income_statement", "dated": "2024-02-28"}"#, "income", .expired,
     "Income statement: dated 2024-02-28, more than 3 months before submission 2024-05-31"),
    ("2024-05-31", #"{"type": "income_statement", "dated": "2024-06-01"}"#, "income", .invalid,
     "Income statement: dated 2024-06-01, after submission 2024-05-31"),
    // One year before 28 February 2025 is 28 February 2024.
    ("2025-02-28", #"{"type": "bank_letter", "issued_on": "2024-02-28"}"#, "bank", .provided, "Bank letter provided"),
    ("2025-02-28", #"{"type": "bank_letter", "issued_on": "2024-02-27"}"#, "bank", .expired,
     "Bank letter: dated 2024-02-27, more than 1 year before submission 2025-02-28"),
    // Days stay days: 30 days before 31 March is 1 March.
    ("2024-03-31", #"{"type": "school_letter", "dated": "2024-03-01"}"#, "school", .provided, "School letter provided"),
    ("2024-03-31", #"{"type": "school_letter", "dated": "2024-02-29"}"#, "school", .expired,
     "School letter: dated 2024-02-29, more than 30 days before submission 2024-03-31"),
  ]

  @Test("dated_within in months and years: at the limit valid, the day before expired", arguments: documentCases)
  func documents(submitted: String, document: String, id: String, status: ChecklistStatus, detail: String) throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let result = try outcome(policy, Self.record(submitted: submitted, documents: document))
    let item = try #require(result.checklist.first { $0.id == id })
    #expect(item.status == status)
    #expect(item.detail.english == detail)
  }

  @Test("the Arabic detail counts months and years in Arabic", arguments: [
    ("2024-05-31", #"{"type": "income_statement", "dated": "2024-02-28"}"#, "income",
     "تعريف بالراتب: مؤرخ في 2024-02-28، أقدم من 3 أشهر قبل التقديم 2024-05-31"),
    ("2025-02-28", #"{"type": "bank_letter", "issued_on": "2024-02-27"}"#, "bank",
     "خطاب البنك: مؤرخ في 2024-02-27، أقدم من سنة قبل التقديم 2025-02-28"),
  ])
  func arabicDetails(submitted: String, document: String, id: String, detail: String) throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let result = try outcome(policy, Self.record(submitted: submitted, documents: document))
    #expect(result.checklist.first { $0.id == id }?.detail.arabic == detail)
  }

  /// (submitted on, facts, rules failed or undecided)
  static let conditionCases: [(String, String, [String])] = [
    // 2006-04-01 to 2024-03-10: 17 Gregorian years but 18 Hijri years (a Hijri year is ~11 days shorter).
    ("2024-03-10", #""birth_date": "2006-04-01", "last_visit": "2024-03-01""#, ["minor_hijri"]),
    ("2024-03-10", #""birth_date": "2007-04-01", "last_visit": "2024-03-01""#, []),
    // Hijri birthday: born 1427-08-29H, submitted 1445-08-29H is 18 years; the day before, 17.
    ("1445-08-29H", #""birth_date": "1427-08-29H", "last_visit": "2024-03-01""#, ["minor_hijri"]),
    ("1445-08-28H", #""birth_date": "1427-08-29H", "last_visit": "2024-03-01""#, []),
    // A visit within three calendar months: 31 May − 3 months is 29 February 2024.
    ("2024-05-31", #""birth_date": "2010-01-01", "last_visit": "2024-02-29""#, []),
    ("2024-05-31", #""birth_date": "2010-01-01", "last_visit": "2024-02-28""#, ["visited_recently"]),
    // Unknown stays unknown.
    ("2024-05-31", #""birth_date": "2010-01-01""#, ["visited_recently"]),
    // Outside the Umm al-Qura table (after 1600 AH, 2174) a Hijri age is unknown, not a crash.
    ("2024-05-31", #""birth_date": "2180-01-01", "last_visit": "2024-05-01""#, ["minor_hijri"]),
  ]

  @Test("Hijri ages and month arithmetic in conditions", arguments: conditionCases)
  func conditions(submitted: String, facts: String, failed: [String]) throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let result = try outcome(policy, Self.record(submitted: submitted, facts: facts))
    let conditions: Set = ["minor_hijri", "visited_recently"]
    #expect(result.reasons.map(\.rule).filter(conditions.contains) == failed)
  }

  @Test("a date plus months keeps the day or takes the month's end")
  func derivedDate() throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    for (submitted, expected) in [("2024-08-31", "2025-02-28"), ("2024-03-10", "2024-09-10"), ("2023-08-31", "2024-02-29")] {
      let result = try outcome(policy, Self.record(submitted: submitted, facts: #""birth_date": "2010-01-01""#))
      let step = try #require(result.trace.first { $0.kind == "derived" && $0.rule == "review_on" })
      #expect(step.result == expected, "\(submitted)")
    }
  }
}
