import MizanCore
import MizanTestSupport
import Testing

@testable import Mizan

/// The version in force around each effective date: the day before, the day itself, the day
/// after; and the batch's copy of the rule (`BatchVersion.judges`, from `period(of:)`) agreeing
/// with the one rule (`chooseIndex`) on every one of those days.
@Suite("Boundaries: the version in force on, before and after each effective date")
struct VersionBoundaryTests {
  static let store = PolicyStore(root: Paths.packageRoot() + "/fixtures/policies/versions")

  /// Every effective date of `sample` (approved 2024-01-01 and 2024-07-01, draft 2025-01-01),
  /// and the days either side of each.
  static func daysAround() throws -> [CalendarDate] {
    let policies = try store.policies(of: "sample").get()
    return policies.versions.flatMap { version in
      [-1, 0, 1].compactMap { version.effective.adding(days: $0) }
    }
  }

  @Test("the day before an effective date keeps the previous version; the day itself and after take the new one",
        arguments: [false, true])
  func dayBeforeOnAfter(includeDrafts: Bool) throws {
    let policies = try Self.store.policies(of: "sample").get()
    let counted = policies.versions.filter { includeDrafts || !$0.isDraft }
    for (position, version) in counted.enumerated() {
      let previous = position > 0 ? counted[position - 1].version : nil
      for (shift, expected) in [(-1, previous), (0, version.version), (1, version.version)] {
        let day = try #require(version.effective.adding(days: shift))
        let chosen = try? policies.chooseIndex(on: day, includeDrafts: includeDrafts).get()
        #expect(chosen.map { policies.versions[$0].version } == expected, "on \(day), drafts \(includeDrafts)")
      }
    }
  }

  @Test("a batch worker's period of each version agrees with the one rule on every day around an effective date",
        arguments: [false, true])
  func batchPeriodsAgree(includeDrafts: Bool) throws {
    let policies = try Self.store.policies(of: "sample").get()
    let batch = policies.versions.indices.map {
      BatchVersion(policies.versions[$0], period: policies.period(of: $0, includeDrafts: includeDrafts), serial: $0,
                   format: .jsonl)
    }
    for day in try Self.daysAround() {
      let chosen = try? policies.chooseIndex(on: day, includeDrafts: includeDrafts).get()
      for (index, version) in batch.enumerated() where includeDrafts || !version.policy.isDraft {
        #expect(version.judges("sample", on: day) == (chosen == index),
                "version \(version.policy.version) on \(day), drafts \(includeDrafts)")
      }
    }
  }

  /// (effective dates as day offsets, which are drafts, with drafts, the day, the index expected)
  static let ties: [([Int], [Bool], Bool, Int, Int?)] = [
    // An approved version and a draft of the same day: the approved one, whichever comes first.
    ([0, 0], [true, false], true, 0, 1),
    ([0, 0], [false, true], true, 0, 0),
    ([0, 0], [false, true], true, 5, 0),
    // Without drafts, a draft never counts, even alone on its day.
    ([0, 10], [false, true], false, 10, 0),
    ([0, 10], [false, true], true, 10, 1),
    ([0, 10], [false, true], true, 9, 0),
    // Nothing in force before the first effective date.
    ([0, 10], [false, false], false, -1, nil),
    // Versions out of order in the list: the latest effective date on or before the day.
    ([10, 0, 20], [false, false, false], false, 19, 0),
    ([10, 0, 20], [false, false, false], false, 20, 2),
    ([10, 0, 20], [false, false, false], false, 9, 1),
  ]

  @Test("the one rule on its own: ties between an approved version and a draft, drafts left out, order of the list",
        arguments: ties)
  func rule(offsets: [Int], drafts: [Bool], includeDrafts: Bool, day: Int, expected: Int?) throws {
    let base = try #require(CalendarDate(year: 2024, month: 1, day: 1))
    let dates = try offsets.map { try #require(base.adding(days: $0)) }
    let on = try #require(base.adding(days: day))
    #expect(AssociationPolicies.inForce(effectiveDates: dates, drafts: drafts, on: on, includeDrafts: includeDrafts)
      == expected)
  }

  @Test("a version that does not load stops the choice from its own effective date on, not the day before")
  func brokenVersionFromItsDay() throws {
    let folder = try MizanProcess.temporaryDirectory("broken-version")
    try MizanProcess.copy(Paths.packageRoot() + "/fixtures/policies/versions", to: folder + "/policies")
    try MizanProcess.writeText("policy sample {\n  version \"2024-09-01\"\n", to: folder + "/policies/sample/2024-09-01.mizan")
    let store = PolicyStore(root: folder + "/policies")
    for (day, expected) in [("2024-08-31", "2024-07-01"), ("2024-09-01", nil), ("2024-09-02", nil)] {
      let date = try #require(try? CalendarDate.parse(day).get())
      switch store.policyInForce(for: "sample", on: date, includeDrafts: false) {
      case .success(let policy): #expect(policy.version == expected, "on \(day)")
      case .failure(let error):
        #expect(expected == nil, "on \(day): \(error.message.english)")
        guard case .policyError(let failure) = error else {
          Issue.record("on \(day): expected the broken version's error, got \(error.message.english)")
          continue
        }
        #expect(failure.path?.hasSuffix("sample/2024-09-01.mizan") == true, "on \(day): \(failure.path ?? "no path")")
      }
    }
  }
}
