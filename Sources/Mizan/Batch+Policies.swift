import MizanCore
import MizanEngine
import Synchronization

/// The versions of every association a batch has met, each loaded and checked once, shared by
/// the workers. Selection follows `PolicyStore.policyInForce` exactly, without reloading.
final class BatchPolicies: Sendable {
  /// One association's versions, oldest first, or why one of them does not load. A class, so
  /// that choosing a version copies one reference, not a whole `LoadedPolicy`.
  final class Versions: Sendable {
    let association: String
    let loaded: [LoadedPolicy]
    let failure: PolicyLoadFailure?
    /// Per version: its evaluator, identity, effective date and status, taken out once.
    let evaluators: [Evaluator]
    let identities: [PolicyIdentity]
    let outcomeIdentities: [OutcomeIdentity]
    let outcomeTables: [OutcomeTables]
    let effectiveDates: [CalendarDate]
    let drafts: [Bool]

    init(association: String, loaded: [LoadedPolicy], failure: PolicyLoadFailure?) {
      self.association = association
      self.loaded = loaded
      self.failure = failure
      evaluators = loaded.map(\.evaluator)
      identities = loaded.map(\.identity)
      outcomeIdentities = identities.map(OutcomeIdentity.init)
      outcomeTables = evaluators.map(\.outcomeTables)
      effectiveDates = loaded.map(\.effective)
      drafts = loaded.map(\.isDraft)
    }
  }

  /// The version chosen for a record: where it sits in its association's versions.
  struct Choice {
    let versions: Versions
    let index: Int

    var policy: LoadedPolicy { versions.loaded[index] }
    var evaluator: Evaluator { versions.evaluators[index] }
    var identity: PolicyIdentity { versions.identities[index] }
    var outcomeIdentity: OutcomeIdentity { versions.outcomeIdentities[index] }
    var outcomeTables: OutcomeTables { versions.outcomeTables[index] }
  }

  let store: PolicyStore
  /// The association folders, listed once.
  let associations: [String]
  private let loaded: Mutex<[String: Versions]>

  init(store: PolicyStore) {
    self.store = store
    associations = store.associations
    loaded = Mutex([:])
  }

  /// An association's versions, loading them on first use (other workers wait meanwhile).
  func versions(of association: String) -> Versions {
    loaded.withLock { cache in
      if let versions = cache[association] { return versions }
      let (versions, failures) = store.versions(of: association)
      let entry = Versions(association: association, loaded: versions, failure: failures.first)
      cache[association] = entry
      return entry
    }
  }

  /// The associations whose versions did not all load, in name order.
  var failures: [(association: String, failure: PolicyLoadFailure)] {
    loaded.withLock { cache in
      cache.keys.sorted().compactMap { name in cache[name]?.failure.map { (name, $0) } }
    }
  }

  /// The version in force for `association` on `date`: `PolicyStore.policyInForce` on cached versions.
  func policyInForce(for association: String, on date: CalendarDate, includeDrafts: Bool,
                     memo: inout [String: Versions]) -> Result<Choice, SelectionError> {
    let versions: Versions
    if let known = memo[association] {
      versions = known
    } else {
      guard associations.contains(association) else {
        return .failure(.unknownAssociation(association, known: associations))
      }
      versions = self.versions(of: association)
      memo[association] = versions
    }
    if let failure = versions.failure { return .failure(.policyError(failure)) }
    if let chosen = Self.inForce(among: versions, on: date, includeDrafts: includeDrafts) {
      return .success(Choice(versions: versions, index: chosen))
    }
    let candidates = versions.loaded.filter { includeDrafts || !$0.isDraft }
    if candidates.isEmpty, let draft = versions.loaded.first(where: \.isDraft) {
      return .failure(.onlyDraft(association: association, draftVersion: draft.identity.version))
    }
    return .failure(.noneInForce(association: association, date: date, earliest: candidates.first?.effective))
  }

  /// The submission dates for which version `index` is the one `inForce` chooses: from its
  /// effective date up to (not including) the next later effective date among the versions that
  /// count; nil when none is later.
  static func periodInForce(of index: Int, among versions: Versions, includeDrafts: Bool)
    -> (from: CalendarDate, until: CalendarDate?)
  {
    let dates = versions.effectiveDates
    let later = dates.indices.filter { (includeDrafts || !versions.drafts[$0]) && dates[$0] > dates[index] }
    return (dates[index], later.map { dates[$0] }.min())
  }

  /// `PolicyStore.inForce` on a `Versions`, giving the position of the version instead of a copy of it.
  static func inForce(among versions: Versions, on date: CalendarDate, includeDrafts: Bool) -> Int? {
    var chosen: Int?
    let dates = versions.effectiveDates
    let drafts = versions.drafts
    for index in dates.indices where (includeDrafts || !drafts[index]) && dates[index] <= date {
      // Later effective date wins; between equal dates the approved one does (as `PolicyStore.inForce`).
      if let current = chosen {
        if dates[index] > dates[current] || (dates[index] == dates[current] && drafts[current]) { chosen = index }
      } else {
        chosen = index
      }
    }
    return chosen
  }
}
