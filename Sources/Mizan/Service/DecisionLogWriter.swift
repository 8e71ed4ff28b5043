import Foundation
import MizanAudit
import MizanCore

/// The decision log of a long-running process: opened and locked once, each decision appended
/// as it is made and answered only once it is on disk. Requests that arrive while the log is
/// being synced wait for the next sync together (group commit), so one `fsync` covers many
/// decisions and logging does not cap the server at one decision per disk flush.
///
/// `@unchecked Sendable`: every stored property but the lock is read and written only with
/// `condition` held (the appender is a non-copyable-in-spirit file handle that cannot be put in
/// a `Mutex` and waited on at once).
public final class DecisionLogWriter: @unchecked Sendable {
  private let condition = NSCondition()
  private var appender: LogAppender
  private var synced: Int
  private var syncing = false
  private var failure: AuditFailure?
  public let path: String

  /// Opens (creating it if need be) and locks the log at `path`.
  public init(path: String) throws(AuditFailure) {
    do {
      appender = try DecisionLog(path: path).openForAppend()
    } catch {
      throw AuditFailure(message: "\(path): \(error.description)")
    }
    synced = appender.lastSequence
    self.path = path
  }

  /// Appends the decision and returns its sequence once it is synced to disk. After a failed
  /// write or sync every later append fails too: a decision is never reported logged when it
  /// may not be. Only official decisions are taken: the version must be the one in force on the
  /// record's submission date (`Engine.officialProblem`, over the engine's snapshot).
  public func log(_ evaluation: CanonicalEvaluation, by engine: Engine, loggedAt: String?,
                  loggedBy: String?) -> Result<Int, AuditFailure> {
    if let problem = engine.officialProblem(policy: evaluation.policy, canonicalRecord: evaluation.canonicalRecord) {
      return .failure(AuditFailure(problem))
    }
    let entry = LogLineBuilder(
      applicationID: evaluation.applicationID, association: evaluation.policy.association,
      policyVersion: evaluation.policy.version, fingerprint: evaluation.policy.fingerprint,
      canonicalRecord: evaluation.canonicalRecord.span, canonicalOutcome: evaluation.canonicalJSON.span,
      engineVersion: MizanVersion.current, loggedAt: loggedAt, loggedBy: loggedBy)
    condition.lock()
    defer { condition.unlock() }
    if let failure { return .failure(failure) }
    do {
      try appender.append(entry)
    } catch {
      failure = AuditFailure(message: "\(path): \(error.description)")
      return .failure(failure ?? AuditFailure(message: path))
    }
    let sequence = appender.lastSequence
    while synced < sequence {
      if let failure { return .failure(failure) }
      if syncing {
        condition.wait()
        continue
      }
      // Lead a sync for everything written so far; others append meanwhile and wait for the next.
      syncing = true
      let target = appender.lastSequence
      let appenderCopy = appender
      condition.unlock()
      let result = Result { () throws(LogAppendError) in try appenderCopy.sync() }
      condition.lock()
      syncing = false
      switch result {
      case .success: synced = max(synced, target)
      case .failure(let error): failure = AuditFailure(message: "\(path): \(error.description)")
      }
      condition.broadcast()
    }
    return .success(sequence)
  }

  /// Syncs and releases the log.
  public func close() {
    condition.lock()
    defer { condition.unlock() }
    try? appender.sync()
    appender.close()
  }
}
