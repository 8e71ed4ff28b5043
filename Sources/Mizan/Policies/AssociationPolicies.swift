import MizanCore

/// One association's versions, each loaded and checked once, and the rule that chooses the one in
/// force for an application (docs/versions.md): the one place a version is chosen, for `eval`, `batch`,
/// `test` and the server alike.
///
/// The rule: the approved version with the latest effective date on or before the submission
/// date (any version with `includeDrafts`). It refuses, rather than choose, whenever it cannot be
/// sure: while an approved version recorded in `approvals.lock` is missing or fails to load (it
/// may be the one in force: skipping it could give a wrong verdict), and when a version that
/// does not load could be the one in force. A draft that does not load, and that could not be
/// chosen, is skipped with a warning: a mistake in next year's draft stops no evaluation.
package final class AssociationPolicies: Sendable {
  package let association: String
  /// The versions that load, oldest first.
  package let versions: [LoadedPolicy]
  /// The version files that do not load.
  package let failures: [PolicyLoadFailure]
  /// Why no version of this association may be chosen at all (an approved version missing or
  /// altered), or nil.
  package let blocked: PolicyLoadFailure?
  /// The effective date and draft status of each loaded version, read out once.
  private let effectiveDates: [CalendarDate]
  private let drafts: [Bool]

  package init(association: String, versions: [LoadedPolicy], failures: [PolicyLoadFailure],
               lock: ApprovalsLock?, missingApproved: [Diagnostic]) {
    self.association = association
    self.versions = versions.sorted { $0.effective < $1.effective }
    self.failures = failures
    effectiveDates = self.versions.map(\.effective)
    drafts = self.versions.map(\.isDraft)
    // A recorded approved version whose file fails (altered, or broken by an include) blocks
    // the association as a missing one does.
    let recorded = Set((lock?.entries(of: association) ?? []).map(\.version))
    let brokenApproved = failures.filter { failure in
      guard let path = failure.path else { return true }
      guard let date = Self.dateInFileName(path) else { return false }
      return recorded.contains(date)
    }
    let problems = missingApproved + brokenApproved.flatMap(\.diagnostics)
    blocked = problems.isEmpty ? nil : PolicyLoadFailure(diagnostics: problems.sortedForDisplay())
  }

  /// The position in `versions` of the version in force on `date`, or why there is none.
  package func chooseIndex(on date: CalendarDate, includeDrafts: Bool) -> Result<Int, SelectionError> {
    if let blocked { return .failure(.policyError(blocked)) }
    let chosen = Self.inForce(effectiveDates: effectiveDates, drafts: drafts, on: date, includeDrafts: includeDrafts)
    // A version that does not load but could be the one in force stops the choice.
    for failure in failures where couldBeInForce(failure, on: date, after: chosen.map { effectiveDates[$0] },
                                                  includeDrafts: includeDrafts) {
      return .failure(.policyError(failure))
    }
    if let chosen { return .success(chosen) }
    let candidates = versions.indices.filter { includeDrafts || !drafts[$0] }
    if candidates.isEmpty, let draft = versions.first(where: \.isDraft) {
      return .failure(.onlyDraft(association: association, draftVersion: draft.identity.version))
    }
    return .failure(.noneInForce(association: association, date: date,
                                 earliest: candidates.first.map { effectiveDates[$0] }))
  }

  /// The version in force on `date`, or why there is none.
  package func choose(on date: CalendarDate, includeDrafts: Bool) -> Result<LoadedPolicy, SelectionError> {
    chooseIndex(on: date, includeDrafts: includeDrafts).map { versions[$0] }
  }

  /// The submission dates for which version `index` is the one `chooseIndex` gives: from its
  /// effective date up to (not including) the next later effective date among the versions that
  /// count; nil when none is later. Lets a batch worker that saw a record of one version judge
  /// the next record of the same period without choosing again.
  package func period(of index: Int, includeDrafts: Bool) -> (from: CalendarDate, until: CalendarDate?) {
    let later = effectiveDates.indices.filter { (includeDrafts || !drafts[$0]) && effectiveDates[$0] > effectiveDates[index] }
    var until = later.map { effectiveDates[$0] }.min()
    // A version that does not load ends the period too: from its date on, the choice refuses.
    for failure in failures {
      guard let effective = Self.effective(of: failure), effective > effectiveDates[index] else { continue }
      until = min(until ?? effective, effective)
    }
    return (effectiveDates[index], until)
  }

  /// The drafts that do not load and that no choice can meet without `--draft`: worth a warning,
  /// never a refusal.
  package var skippedDrafts: [PolicyLoadFailure] { failures.filter { $0.header?.isDraft == true } }

  /// Whether a version that does not load could be the one in force on `date`: its effective date
  /// (from its header, or its file name) is on or before `date`, not before the version chosen,
  /// and it is not a draft left out by the choice. A file whose date cannot be told (`notes.mizan`)
  /// is not a version, and cannot be in force.
  private func couldBeInForce(_ failure: PolicyLoadFailure, on date: CalendarDate, after chosen: CalendarDate?,
                              includeDrafts: Bool) -> Bool {
    guard let effective = Self.effective(of: failure), effective <= date else { return false }
    if let chosen, effective < chosen { return false }
    if failure.header?.isDraft == true, !includeDrafts { return false }
    return true
  }

  private static func effective(of failure: PolicyLoadFailure) -> CalendarDate? {
    if let effective = failure.header?.effective { return effective }
    guard let path = failure.path, let text = dateInFileName(path),
      case .success(let date) = CalendarDate.parse(text)
    else { return nil }
    return date
  }

  /// `2024-01-15` of `…/raabigh/2024-01-15.mizan`, when the name is a date.
  private static func dateInFileName(_ path: String) -> String? {
    let name = FileSystem.fileName(of: path)
    guard name.hasSuffix(".mizan") else { return nil }
    let stem = String(name.dropLast(6))
    guard stem.utf8.count == 10, case .success = CalendarDate.parse(stem) else { return nil }
    return stem
  }

  /// The rule of docs/versions.md on its own: of the versions, the approved one (or, with `includeDrafts`,
  /// any one) with the latest effective date on or before `date`. A version applies from its
  /// effective date itself; the day before, its predecessor still does. Between equal dates
  /// (which file names rule out) the approved one wins, so `--draft` never hides an approved
  /// version of the same day.
  package static func inForce(effectiveDates: [CalendarDate], drafts: [Bool], on date: CalendarDate,
                              includeDrafts: Bool) -> Int? {
    var chosen: Int?
    for index in effectiveDates.indices where (includeDrafts || !drafts[index]) && effectiveDates[index] <= date {
      if let current = chosen {
        if effectiveDates[index] > effectiveDates[current]
          || (effectiveDates[index] == effectiveDates[current] && drafts[current])
        {
          chosen = index
        }
      } else {
        chosen = index
      }
    }
    return chosen
  }
}
