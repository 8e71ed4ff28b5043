import MizanCore
import MizanTestSupport
import Testing

@testable import Mizan

/// The version in force (docs/versions.md) on `fixtures/policies/versions`: `sample` has approved
/// versions effective 2024-01-01 and 2024-07-01 and a draft effective 2025-01-01.
@Suite("Policy store: the version in force")
struct PolicyInForceTests {
  static let store = PolicyStore(root: Paths.packageRoot() + "/fixtures/policies/versions")

  static func date(_ text: String) -> CalendarDate {
    (try? CalendarDate.parse(text).get()) ?? .earliest
  }

  /// (date, with drafts, the version expected, or nil for none in force)
  static let cases: [(String, Bool, String?)] = [
    ("2023-12-31", false, nil),
    ("2024-01-01", false, "2024-01-01"),
    ("2024-06-30", false, "2024-01-01"),
    ("2024-07-01", false, "2024-07-01"),
    ("1446-01-01H", false, "2024-07-01"),
    ("2024-12-31", false, "2024-07-01"),
    ("2025-01-01", false, "2024-07-01"),
    ("2030-01-01", false, "2024-07-01"),
    ("2023-12-31", true, nil),
    ("2024-12-31", true, "2024-07-01"),
    ("2025-01-01", true, "2025-01-01"),
    ("2030-01-01", true, "2025-01-01"),
  ]

  @Test("the latest version effective on or before the day; drafts only when asked", arguments: cases)
  func inForce(day: String, includeDrafts: Bool, expected: String?) {
    switch Self.store.policyInForce(for: "sample", on: Self.date(day), includeDrafts: includeDrafts) {
    case .success(let policy):
      #expect(policy.version == expected, "on \(day)")
      #expect(policy.isDraft == (expected == "2025-01-01"))
    case .failure(let error):
      #expect(expected == nil, "on \(day): \(error.message.english)")
    }
  }

  @Test("none in force says so, naming the earliest approved version")
  func noneInForce() throws {
    let result = Self.store.policyInForce(for: "sample", on: Self.date("2023-12-31"), includeDrafts: false)
    guard case .failure(let error) = result else {
      Issue.record("expected no version in force")
      return
    }
    #expect(error.message.english == "no approved sample policy in force on 2023-12-31; earliest is 2024-01-01")
    #expect(error.message.arabic == "لا توجد سياسة معتمدة لـ sample سارية في 2023-12-31؛ أقدم نسخة تسري من 2024-01-01")
  }

  @Test("the rule on its own: the day before an effective date keeps the previous version")
  func pureRule() throws {
    let (versions, failures) = Self.store.versions(of: "sample")
    #expect(failures.isEmpty)
    #expect(versions.map(\.version) == ["2024-01-01", "2024-07-01", "2025-01-01"])
    func inForce(_ versions: [LoadedPolicy], _ date: String, includeDrafts: Bool) -> String? {
      AssociationPolicies.inForce(effectiveDates: versions.map(\.effective), drafts: versions.map(\.isDraft),
                                  on: Self.date(date), includeDrafts: includeDrafts).map { versions[$0].version }
    }
    #expect(inForce(versions, "2024-06-30", includeDrafts: false) == "2024-01-01")
    #expect(inForce(versions.reversed(), "2024-07-01", includeDrafts: false) == "2024-07-01")
    #expect(inForce(versions, "2023-12-31", includeDrafts: true) == nil)
  }

  @Test("every fixture version matches approvals.lock, and the draft is not in it")
  func lockStates() throws {
    let lock = try Self.store.approvals.get()
    let listing = Self.store.versionStatuses(of: "sample")
    #expect(listing.versions.map(\.approval) == [.matches(line: 12), .matches(line: 13), .draft])
    #expect(!listing.hasProblems)
    #expect(lock.entries(of: "sample").map(\.version) == ["2024-01-01", "2024-07-01"])
  }
}
