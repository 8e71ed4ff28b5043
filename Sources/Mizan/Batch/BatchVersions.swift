import MizanCore
import MizanEngine
import Synchronization

/// One policy version as a batch uses it: what writing its outcomes needs, taken out once, and
/// the submission dates it stays in force for. A class, so that a worker keeps the version it
/// used last as one reference, replaced only when a record needs another version.
final class BatchVersion: Sendable {
  let policy: LoadedPolicy
  let evaluator: Evaluator
  let schema: PolicyRecordSchema
  let writer: OutcomeWriter
  let association: String
  /// The writer of CSV rows, for `--format csv` only.
  let rows: OutcomeRowWriter?
  /// This version's place among the versions the batch has met (`BatchTallies` index).
  let serial: Int
  let shape: CheckedPolicyShape
  /// The submission dates for which this version is the one in force (`AssociationPolicies.period`).
  let from: CalendarDate
  let until: CalendarDate?

  init(_ policy: LoadedPolicy, period: (from: CalendarDate, until: CalendarDate?), serial: Int, format: BatchFormat) {
    self.policy = policy
    evaluator = policy.evaluator
    schema = policy.evaluator.recordSchema
    writer = policy.outcomeWriter
    association = policy.association
    (from, until) = period
    self.serial = serial
    let checked = policy.evaluator.policy
    shape = CheckedPolicyShape(conditions: checked.conditions.count, requirements: checked.requirements.count,
                               memberRequirements: checked.memberRequirements.count, facts: checked.facts.count)
    if case .csv(let language, _) = format {
      rows = OutcomeRowWriter(evaluator: evaluator, identity: policy.identity, language: language)
    } else {
      rows = nil
    }
  }

  /// Whether a record of `association` submitted on `date` is judged under this version.
  @inline(__always)
  func judges(_ association: String, on date: CalendarDate) -> Bool {
    date >= from && (until.map { date < $0 } ?? true) && association == self.association
  }
}

/// The associations a batch has met, each loaded and checked once (on first use, while the other
/// workers wait), with their versions in batch form. Selection is `AssociationPolicies.chooseIndex`:
/// the rule every command uses.
final class BatchVersions: Sendable {
  private struct Loaded: Sendable {
    var policies: Result<AssociationPolicies, SelectionError>
    var versions: [BatchVersion]
  }

  let store: PolicyStore
  let includeDrafts: Bool
  let format: BatchFormat
  private let loaded = Mutex<[String: Loaded]>([:])

  init(store: PolicyStore, includeDrafts: Bool, format: BatchFormat = .jsonl) {
    self.store = store
    self.includeDrafts = includeDrafts
    self.format = format
  }

  /// The version in force for `association` on `date`, or why there is none.
  func version(for association: String, on date: CalendarDate) -> Result<BatchVersion, SelectionError> {
    let entry = loaded.withLock { cache in
      if let known = cache[association] { return known }
      let policies = store.policies(of: association)
      // Serials follow the order versions are met in; the lock makes them unique.
      let first = cache.values.reduce(0) { $0 + $1.versions.count }
      let versions: [BatchVersion] = (try? policies.get()).map { found in
        found.versions.indices.map { index in
          BatchVersion(found.versions[index], period: found.period(of: index, includeDrafts: includeDrafts),
                       serial: first + index, format: format)
        }
      } ?? []
      let made = Loaded(policies: policies, versions: versions)
      cache[association] = made
      return made
    }
    switch entry.policies {
    case .failure(let error): return .failure(error)
    case .success(let policies):
      return policies.chooseIndex(on: date, includeDrafts: includeDrafts).map { entry.versions[$0] }
    }
  }

  /// Every version the batch has loaded.
  var all: [BatchVersion] { loaded.withLock { cache in cache.values.flatMap(\.versions) } }

  /// The drafts that do not load and were left out of every choice: what the batch warns of
  /// once, at its end.
  var skippedDrafts: [PolicyLoadFailure] {
    guard !includeDrafts else { return [] }
    return loaded.withLock { cache in
      cache.keys.sorted().flatMap { name -> [PolicyLoadFailure] in
        guard case .success(let policies)? = cache[name]?.policies else { return [] }
        return policies.skippedDrafts
      }
    }
  }
}
