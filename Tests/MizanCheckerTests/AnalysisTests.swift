import MizanChecker
import MizanCore
import MizanSyntax
import MizanTestSupport
import Testing

/// The reasoning behind the analysis warnings (`docs/analysis.md`), as tables: which `when`s
/// no record can satisfy given the facts' types, which pairs of conditions contradict, and
/// which documents count as unrequired.
@Suite("policy analysis")
struct AnalysisTests {
  static let header = """
    policy test {
      name ar "اختبار" en "Test"
      version "1"
      effective 2024-01-01
      approved { body ar "المجلس" en "Board" meeting "1" date 2024-01-01 }
    }
    enum channel { label ar "ق" en "C" value interview ar "م" en "I" value website ar "و" en "W" value letters ar "خ" en "L" }
    fact size: count { label ar "ع" en "S" }
    fact income: money { label ar "د" en "I" }
    fact score: number { label ar "ن" en "N" }
    fact visit: bool { label ar "ز" en "V" }
    fact city: text { label ar "م" en "C" }
    parameter limit: money = 1500 SAR { label ar "ح" en "L" assumed "t" }
    document report { label ar "ت" en "R" provided_by staff }

    """

  /// The ids of the warnings a policy made of `header` and `body` gets (it must have no error).
  static func warnings(_ body: String, includes: [String] = []) throws -> [Diagnostic] {
    let main = Parser.parse(SourceFile(path: "test.mizan", text: header + body)).0
    let included = includes.enumerated().map { Parser.parse(SourceFile(path: "common\($0.offset).mizan", text: $0.element)).0 }
    switch Checker.check(PolicySources(main: main, includes: included), analyzing: true) {
    case .success(let policy): return policy.warnings
    case .failure(let failure):
      Issue.record("unexpected errors: \(failure.diagnostics.map(\.message.text.english))")
      return []
    }
  }

  static let neverCases: [(String, Bool)] = [
    ("size < 0", true),
    ("size <= 0", false),
    ("size > 0 and size < 1", true),
    ("size > 2 and size < 4", false),
    ("size == 2.5", true),
    ("size != 2 and size >= 2 and size <= 2", true),
    ("income < 0 SAR", true),
    ("income > 1500 SAR and income < 1500.0001 SAR", true),
    ("income > 1500 SAR and income < 1500.0002 SAR", false),
    ("income > limit and income <= 1500 SAR", true),
    ("score < 0 and score > -1", false),
    ("channel == interview and channel == website", true),
    ("channel in {interview, website} and channel == letters", true),
    ("channel not in {interview, website} and channel != letters", true),
    ("visit and not visit", true),
    ("visit == true and visit != false", false),
    ("city == \"rabigh\" and city == \"jeddah\"", true),
    ("city == \"rabigh\" and city != \"rabigh\"", true),
    ("city != \"rabigh\" and city != \"jeddah\"", false),
    ("provided(report) and not provided(report)", true),
    ("known(size) and not known(size)", true),
    ("not (size >= 0)", true),
    ("size < 0 or income < 0 SAR", true),
    ("size < 0 or visit", false),
    ("(size < 2 or size > 5) and size >= 2 and size <= 5", true),
    ("submitted_on < 2024-01-01 and submitted_on > 2024-02-01", false),
  ]

  @Test("a `when` no record can satisfy is reported, one that some record satisfies is not", arguments: neverCases)
  func neverApplies(when: String, never: Bool) throws {
    let found = try Self.warnings("requirement r: report when \(when) { label ar \"ر\" en \"R\" assumed \"t\" }\n")
    #expect(found.contains { $0.id.rawValue == "check.ruleNeverApplies" } == never, "\(when)")
  }

  static let contradictionCases: [(String, String, Bool)] = [
    ("income <= 1500 SAR", "income >= 1501 SAR", true),
    ("income <= 1500 SAR", "income >= 1500 SAR", false),
    ("size <= 2", "size >= 3", true),
    ("city == \"rabigh\"", "city == \"jeddah\"", true),
    ("channel in {interview, website}", "channel == letters", true),
    ("visit", "not visit", true),
    ("visit", "size > 2", false),
    // A condition that does not apply holds: `when` leaves room for both.
    ("income <= 1500 SAR when visit", "income >= 1501 SAR", false),
    ("income <= 1500 SAR when size >= 0", "income >= 1501 SAR", true),
  ]

  @Test("two conditions no record satisfies together are reported", arguments: contradictionCases)
  func contradiction(first: String, second: String, contradicts: Bool) throws {
    let found = try Self.warnings("""
      condition a: \(first) { label ar "أ" en "A" assumed "t" }
      condition b: \(second) { label ar "ب" en "B" assumed "t" }

      """)
    #expect(found.contains { $0.id.rawValue == "check.conditionsContradict" } == contradicts, "\(first) / \(second)")
  }

  /// Conditions of sixteen alternatives: a pair costs 16 × 16 = 256 of the 250,000 budget, so
  /// 44 conditions (946 pairs, 242,176) are paired in full and 45 (990 pairs, 253,440) stop
  /// after 976 pairs with a note.
  static let budgetCases: [(Int, String?)] = [
    (44, nil),
    (45, "stopped after 976 of 990 pairs"),
    (60, "stopped after 976 of 1770 pairs"),
  ]

  @Test("the search for contradictions stops, saying so, once its budget is spent", arguments: budgetCases)
  func contradictionBudget(conditions: Int, note: String?) throws {
    var body = ""
    for index in 0..<conditions {
      let alternatives = (0..<16).map { "(income > \(index * 100 + $0) SAR and size < \($0 + 2))" }
      body += "condition c\(index): \(alternatives.joined(separator: " or ")) { label ar \"ش\" en \"C\" assumed \"t\" }\n"
    }
    let found = try Self.warnings(body)
    let stopped = found.filter { $0.id.rawValue == "check.contradictionsNotAllChecked" }
    #expect(stopped.first?.message.text.english.contains(note ?? "-") ?? (note == nil),
            "\(stopped.map(\.message.text.english))")
    #expect(stopped.count == (note == nil ? 0 : 1))
    #expect(stopped.allSatisfy { $0.severity == .note })
  }

  @Test("documents from an include are not reported; the version's own, and its overrides, are")
  func unrequiredDocuments() throws {
    let common = """
      document shared_unused { label ar "م" en "Shared" provided_by applicant }
      document overridden { label ar "م" en "Overridden" provided_by applicant }

      """
    let found = try Self.warnings("""
      override document overridden { label ar "م" en "Overridden here" provided_by staff }
      document own_unused { label ar "م" en "Own" provided_by applicant }
      condition c: provided(report) { label ar "ش" en "C" assumed "t" }

      """, includes: [common])
    let named = found.filter { $0.id.rawValue == "check.unrequiredDocument" }.map { $0.message.text.english }
    #expect(named.count == 2, "\(named)")
    #expect(named.contains { $0.contains("`own_unused`") })
    #expect(named.contains { $0.contains("`overridden`") })
    #expect(!named.contains { $0.contains("`shared_unused`") || $0.contains("`report`") })
  }

  @Test("bands: a hole between `when`s of one family, but not between those of different documents")
  func bands() throws {
    let found = try Self.warnings("""
      requirement low: report when size <= 2 { label ar "أ" en "A" assumed "t" }
      requirement high: report when size >= 4 { label ar "ب" en "B" assumed "t" }
      requirement other: report or report when size >= 9 and size <= 9 { label ar "ج" en "C" assumed "t" }

      """)
    let gaps = found.filter { $0.id.rawValue == "check.bandGap" }
    #expect(gaps.count == 1)
    #expect(gaps.first?.message.text.english.contains("`size` = 3") == true, "\(gaps.map(\.message.text.english))")
    #expect(!found.contains { $0.id.rawValue == "check.bandOverlap" })
  }
}
