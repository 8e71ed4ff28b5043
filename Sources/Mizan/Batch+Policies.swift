import MizanCore
import MizanEngine
import Synchronization

/// The versions of every association a batch has met, each loaded and checked once, shared by
/// the workers. Selection follows `PolicyStore.policyInForce` exactly, without reloading.
final class BatchPolicies: Sendable {
  /// One association's versions, oldest first, or why one of them does not load.
  struct Versions: Sendable {
    var loaded: [LoadedPolicy]
    var failure: PolicyLoadFailure?
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
      let entry = Versions(loaded: versions, failure: failures.first)
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
                     memo: inout [String: Versions]) -> Result<LoadedPolicy, SelectionError> {
    guard associations.contains(association) else {
      return .failure(.unknownAssociation(association, known: associations))
    }
    let versions: Versions
    if let known = memo[association] {
      versions = known
    } else {
      versions = self.versions(of: association)
      memo[association] = versions
    }
    if let failure = versions.failure { return .failure(.policyError(failure)) }
    if let chosen = PolicyStore.inForce(among: versions.loaded, on: date, includeDrafts: includeDrafts) {
      return .success(chosen)
    }
    let candidates = versions.loaded.filter { includeDrafts || !$0.isDraft }
    if candidates.isEmpty, let draft = versions.loaded.first(where: \.isDraft) {
      return .failure(.onlyDraft(association: association, draftVersion: draft.identity.version))
    }
    return .failure(.noneInForce(association: association, date: date, earliest: candidates.first?.effective))
  }
}
