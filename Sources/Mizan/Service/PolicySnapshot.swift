import MizanCore

/// Every association's versions, loaded and checked once, for a long-running process (`mizan
/// serve`): requests read a snapshot and never the disk, and a reload builds a whole new snapshot
/// that replaces the old one in one step, so a request sees one set of versions or the other,
/// never a mix.
public final class PolicySnapshot: Sendable {
  public let store: PolicyStore
  /// Association ids, sorted.
  public let associations: [String]
  private let byAssociation: [String: AssociationPolicies]

  private init(store: PolicyStore, byAssociation: [String: AssociationPolicies]) {
    self.store = store
    self.byAssociation = byAssociation
    associations = byAssociation.keys.sorted()
  }

  /// Loads every version of every association. Any file that does not load (a draft too) makes
  /// the whole snapshot fail, with every failure: a server keeps its old snapshot rather than
  /// serve a partial one.
  public static func load(_ store: PolicyStore) -> Result<PolicySnapshot, PolicySnapshotFailure> {
    if let problem = store.folderProblem { return .failure(PolicySnapshotFailure(messages: [problem.message], failures: [])) }
    var byAssociation: [String: AssociationPolicies] = [:]
    var failures: [PolicyLoadFailure] = []
    var messages: [LocalizedText] = []
    for association in store.associations {
      switch store.policies(of: association) {
      case .success(let policies):
        failures += policies.failures
        byAssociation[association] = policies
      case .failure(let error):
        messages.append(error.message)
      }
    }
    for failure in failures {
      let name = failure.path.map(store.displayName) ?? "?"
      messages.append(LocalizedText(ar: "\(name): لا تُحمَّل (`mizan check` يبيّن السبب)",
                                    en: "\(name) does not load (`mizan check` shows why)"))
    }
    guard messages.isEmpty else { return .failure(PolicySnapshotFailure(messages: messages, failures: failures)) }
    return .success(PolicySnapshot(store: store, byAssociation: byAssociation))
  }

  /// An association's versions, or why it cannot be used.
  package func policies(of association: String) -> Result<AssociationPolicies, SelectionError> {
    guard let found = byAssociation[association] else {
      return .failure(.unknownAssociation(association, known: associations))
    }
    return .success(found)
  }

  /// The version in force on `date` (the rule every command uses).
  public func policyInForce(for association: String, on date: CalendarDate,
                            includeDrafts: Bool) -> Result<LoadedPolicy, SelectionError> {
    policies(of: association).flatMap { $0.choose(on: date, includeDrafts: includeDrafts) }
  }

  /// An association's versions, oldest first.
  public func versions(of association: String) -> [LoadedPolicy] { byAssociation[association]?.versions ?? [] }

  /// Versions loaded, over every association.
  public var versionCount: Int { byAssociation.values.reduce(0) { $0 + $1.versions.count } }
}

/// Why a snapshot could not be loaded: each file or folder problem, in both languages.
public struct PolicySnapshotFailure: Error, Sendable {
  public var messages: [LocalizedText]
  public var failures: [PolicyLoadFailure]
}
