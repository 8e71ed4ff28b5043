import Foundation
import MizanAudit
import MizanCore
import MizanEngine
import Synchronization

/// The engine's version, written into every log entry.
public enum MizanVersion {
  public static let current = "0.1.0"
}

extension Engine {
  /// Appends a decision to the log at `path` (hash-chained, synced). `loggedAt` is the wall
  /// clock as the CLI reads it; it is recorded but never compared.
  public func log(_ evaluation: Evaluation, to path: String, loggedAt: String?) -> Result<Int, AuditFailure> {
    let entry = LogLineBuilder(
      applicationID: evaluation.outcome.applicationID, association: evaluation.policy.association,
      policyVersion: evaluation.policy.version, fingerprint: evaluation.policy.fingerprint,
      canonicalRecord: evaluation.canonicalRecord.span, canonicalOutcome: evaluation.canonicalJSON.span,
      engineVersion: MizanVersion.current, loggedAt: loggedAt)
    do {
      return .success(try DecisionLog(path: path).append(entry))
    } catch {
      return .failure(AuditFailure(message: "\(path): \(error.description)"))
    }
  }

  /// Replays a log: each entry's policy found by fingerprint among every version in the store.
  /// Entries are checked and re-evaluated on `jobs` cores; results come in log order.
  public func replay(log path: String, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                     report: (ReplayLine) -> Void) -> Result<Void, AuditFailure> {
    let index = PolicyIndex(store: store)
    @Sendable func reproduce(_ entry: LogEntry) -> Reproduction {
      guard let policy = index.policy(fingerprint: entry.fingerprint) else { return .policyMissing }
      switch evaluate(recordBytes: entry.record, under: policy, maxRecordBytes: LogLimits.maxLineBytes) {
      case .success(let evaluation): return .outcome(evaluation.canonicalJSON)
      case .failure(.record(let error)): return .recordError(error.description)
      case .failure(.selection(let error)): return .recordError(error.message.english)
      case .failure(.internalError(let message)): return .recordError(message)
      }
    }
    do throws(LogIOError) {
      try Replay.run(path: path, jobs: jobs, reproduce: reproduce, report: { result in
        report(ReplayLine(line: result.line, sequence: result.sequence, applicationID: result.applicationID,
                          status: result.status.name, details: result.status.details))
      })
      return .success(())
    } catch {
      return .failure(AuditFailure(message: error.description))
    }
  }

  /// Re-evaluates the logged applications of `policy`'s association under `policy`.
  public func impact(log path: String, under policy: LoadedPolicy) -> Result<ImpactSummary, AuditFailure> {
    do {
      let report = try Impact.run(path: path) { entry in
        guard entry.association == policy.association else { return .otherAssociation }
        switch evaluate(recordBytes: entry.record, under: policy, maxRecordBytes: LogLimits.maxLineBytes) {
        case .success(let evaluation):
          return .outcome(verdict: evaluation.outcome.verdict.rawValue,
                          rules: evaluation.outcome.reasons.map(\.rule))
        case .failure(.record(let error)): return .recordError(error.description)
        case .failure(.selection(let error)): return .recordError(error.message.english)
        case .failure(.internalError(let message)): return .recordError(message)
        }
      }
      return .success(ImpactSummary(report))
    } catch {
      return .failure(AuditFailure(message: error.description))
    }
  }
}

/// Every loadable version in the store, found by fingerprint; loaded once, on first use, then
/// shared by the threads of a replay.
final class PolicyIndex: Sendable {
  let store: PolicyStore
  private let byFingerprint = Mutex<[String: LoadedPolicy]?>(nil)

  init(store: PolicyStore) { self.store = store }

  func policy(fingerprint: String) -> LoadedPolicy? {
    byFingerprint.withLock { cached in
      if cached == nil {
        var index: [String: LoadedPolicy] = [:]
        for association in store.associations {
          for policy in store.versions(of: association).loaded { index[policy.fingerprint] = policy }
        }
        cached = index
      }
      return cached?[fingerprint]
    }
  }
}

/// One replayed log line, for reports.
public struct ReplayLine: Sendable {
  public var line: Int
  public var sequence: Int?
  public var applicationID: String?
  /// `reproduced`, `diverged`, `policy missing` or `chain broken`.
  public var status: String
  /// The differing fields, or what is wrong with the chain.
  public var details: [String]

  public var isReproduced: Bool { status == "reproduced" }
}

extension ReplayStatus {
  var details: [String] {
    switch self {
    case .reproduced: []
    case .policyMissing(let association, let version, let fingerprint):
      ["no version in the policies folder has fingerprint \(fingerprint) (the entry was decided under "
        + "\(association) \(version)): restore that version's file, or point --policies at the folder that has it"]
    case .diverged(let fields): fields
    case .chainBroken(let problems): problems
    }
  }
}

/// A log operation failed (I/O, a refused append).
public struct AuditFailure: Error, Sendable {
  public var message: String
}

/// `mizan impact`'s result, for reports.
public struct ImpactSummary: Sendable {
  public struct Row: Sendable {
    public var from: String
    public var to: String
    public var count: Int
    /// `+rule` newly failing or undecided, `-rule` no longer, with how many applications.
    public var rules: [(rule: String, count: Int)]
  }

  public var rows: [Row]
  public var affected: [(applicationID: String, line: Int, from: String, to: String)]
  public var total: Int
  public var otherAssociation: Int
  public var skippedBrokenLines: [Int]

  init(_ report: ImpactReport) {
    rows = report.sortedTransitions.map { transition, count in
      let rules = (report.rules[transition] ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      return Row(from: transition.from, to: transition.to, count: count, rules: rules.map { ($0.key, $0.value) })
    }
    affected = report.affected.map { ($0.applicationID, $0.line, $0.transition.from, $0.transition.to) }
    total = report.total
    otherAssociation = report.otherAssociation
    skippedBrokenLines = report.skippedBrokenLines
  }
}
