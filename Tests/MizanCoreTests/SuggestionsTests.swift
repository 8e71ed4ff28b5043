import Testing

@testable import MizanCore

@Suite("Suggestions")
struct SuggestionsTests {
  static let facts = [
    "monthly_income", "household_size", "annual_income", "residence_city", "has_disability", "age",
  ]

  @Test("a misspelt name suggests the nearest declared one, or nothing when none is close", arguments: [
    ("monthly_incom", "monthly_income"),
    ("househld_size", "household_size"),
    ("hosuehold_size", "household_size"),
    ("Monthly_Income", "monthly_income"),
    ("anual_incme", "annual_income"),
    ("ag", "age"),
    ("income", nil),
    ("postal_code", nil),
    ("x", nil),
    ("", nil),
  ] as [(String, String?)])
  func nearest(name: String, expected: String?) {
    #expect(Suggestions.nearest(to: name, among: Self.facts) == expected)
  }

  @Test("ties go to the alphabetically first candidate, whatever the order given")
  func ties() {
    #expect(Suggestions.nearest(to: "cat", among: ["hat", "bat", "mat"]) == "bat")
    #expect(Suggestions.nearest(to: "cat", among: ["mat", "hat", "bat"]) == "bat")
    #expect(Suggestions.nearest(to: "cat", among: Set(["mat", "bat", "hat"])) == "bat")
  }

  @Test("a name differing only in case is preferred to a closer-looking one")
  func caseInsensitivePreferred() {
    #expect(Suggestions.nearest(to: "AGE", among: ["ago", "age"]) == "age")
    #expect(Suggestions.nearest(to: "Income", among: ["incomes", "income", "INCOME"]) == "Income".lowercased())
    #expect(Suggestions.nearest(to: "Income", among: ["INCOME", "income"]) == "income")
  }

  @Test("the threshold grows with the length of the name")
  func threshold() {
    #expect(Suggestions.threshold(for: "ab") == 1)
    #expect(Suggestions.threshold(for: "monthly_incom") == 4)
    #expect(Suggestions.nearest(to: "monthly_xxxxx", among: ["monthly_yyyyy"]) == nil)
    #expect(Suggestions.nearest(to: "monthly_xxxx", among: ["monthly_yyyy"]) == "monthly_yyyy")
  }

  @Test("distance is optimal string alignment over grapheme clusters", arguments: [
    ("", "", 0),
    ("", "abc", 3),
    ("abc", "", 3),
    ("kitten", "sitting", 3),
    ("monthly_incom", "monthly_income", 1),
    ("ab", "ba", 1),
    ("ca", "abc", 3),
    ("household", "hosuehold", 1),
    ("دخل", "دخلٌ", 1),
    ("e\u{301}", "é", 0),
  ])
  func distance(lhs: String, rhs: String, expected: Int) {
    #expect(Suggestions.distance(lhs, rhs) == expected)
    #expect(Suggestions.distance(rhs, lhs) == expected)
  }
}
