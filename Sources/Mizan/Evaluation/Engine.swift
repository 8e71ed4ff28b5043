import MizanCore
import MizanEngine

/// The entry point for evaluating applicant records against the policies folder.
public struct Engine: Sendable {
  public let store: PolicyStore
  /// The versions loaded once, for a server; nil reads them from `store` for each record.
  private let snapshot: PolicySnapshot?

  public init(store: PolicyStore) {
    self.store = store
    snapshot = nil
  }

  /// An engine over a snapshot: no file is read per record.
  public init(snapshot: PolicySnapshot) {
    store = snapshot.store
    self.snapshot = snapshot
  }

  /// Reads a record, picks the version in force on its submission date (or `asOf`), and
  /// evaluates it. A record larger than `maxRecordBytes` is refused (`record.tooLarge`).
  public func evaluate(recordBytes: [UInt8], asOf: CalendarDate? = nil, includeDrafts: Bool = false,
                       maxRecordBytes: Int = RecordLimits.defaultMaxBytes) -> Result<Evaluation, EvaluationFailure> {
    var reader = RecordReader(limits: RecordLimits.json(maxBytes: maxRecordBytes))
    let envelope: RecordEnvelope
    do {
      envelope = try reader.readEnvelope(recordBytes.span)
    } catch {
      return .failure(.record(error))
    }
    let policies: AssociationPolicies
    switch snapshot?.policies(of: envelope.association) ?? store.policies(of: envelope.association) {
    case .success(let found): policies = found
    case .failure(.unknownAssociation(let name, let known)):
      return .failure(.record(.unknownAssociation("association", name, known: known,
                                                  suggestion: Suggestions.nearest(to: name, among: known))))
    case .failure(let error): return .failure(.selection(error))
    }
    let policy: LoadedPolicy
    switch policies.choose(on: asOf ?? envelope.submittedOn, includeDrafts: includeDrafts) {
    case .success(let chosen): policy = chosen
    case .failure(let error): return .failure(.selection(error))
    }
    return evaluate(&reader, recordBytes, under: policy, warnings: policies.skippedDrafts)
  }

  /// Evaluates a record under a given version (replay, impact, what-if).
  public func evaluate(recordBytes: [UInt8], under policy: LoadedPolicy,
                       maxRecordBytes: Int = RecordLimits.defaultMaxBytes) -> Result<Evaluation, EvaluationFailure> {
    var reader = RecordReader(limits: RecordLimits.json(maxBytes: maxRecordBytes))
    do {
      _ = try reader.readEnvelope(recordBytes.span)
    } catch {
      return .failure(.record(error))
    }
    return evaluate(&reader, recordBytes, under: policy, warnings: [])
  }

  private func evaluate(_ reader: inout RecordReader, _ bytes: [UInt8], under policy: LoadedPolicy,
                        warnings: [PolicyLoadFailure]) -> Result<Evaluation, EvaluationFailure> {
    var record = ApplicantRecord()
    do {
      try reader.readRecord(bytes.span, schema: policy.evaluator.recordSchema, into: &record)
    } catch {
      return .failure(.record(error))
    }
    var canonicalRecord = ByteBuffer(capacity: bytes.count)
    reader.writeCanonicalRecord(bytes.span, into: &canonicalRecord)
    let outcome = policy.canonicalOutcome(for: record)
    var decoded: Outcome
    do {
      decoded = try Outcome(canonicalJSON: outcome)
      policy.orderTracedValues(of: &decoded)
    } catch {
      return .failure(.internalError("the outcome written cannot be read back: \(error)"))
    }
    return .success(Evaluation(outcome: decoded, canonicalJSON: outcome, policy: policy,
                               canonicalRecord: canonicalRecord.array, skippedDrafts: warnings))
  }
}

/// An outcome and the version it was reached under.
public struct Evaluation: Sendable {
  /// The outcome, read back from `canonicalJSON` (reports show exactly what the JSON says).
  public let outcome: Outcome
  /// The outcome as canonical JSON (docs/records.md), as the one outcome writer wrote it.
  public let canonicalJSON: [UInt8]
  public let policy: LoadedPolicy
  /// The record as read, in canonical JSON: what the decision log keeps.
  package let canonicalRecord: [UInt8]
  /// Drafts of the association that do not load and were left out of the choice: worth a
  /// warning (`mizan check` shows why), never a refusal.
  public let skippedDrafts: [PolicyLoadFailure]
}

/// Why a record could not be evaluated.
public enum EvaluationFailure: Error, Sendable {
  /// The record itself is wrong (exit 3).
  case record(RecordError)
  /// No usable policy version (exit 4).
  case selection(SelectionError)
  /// A fault of Mizan itself (the writer's outcome does not read back); never expected, always
  /// reported rather than hidden.
  case internalError(String)
}

/// The limits on one applicant record (docs/robustness.md); the reader's other limits
/// (nesting, string length, members) are `JSONLimits.default`.
public enum RecordLimits {
  /// The largest record `eval` and `batch` read, in bytes, unless `--max-record-bytes` says otherwise.
  public static let defaultMaxBytes = JSONLimits.default.maxBytes
  /// The most documents one record may list.
  public static let maxDocuments = RecordSchema.maxDocuments

  /// The reader's limits with the largest record `maxBytes`.
  package static func json(maxBytes: Int) -> JSONLimits {
    var limits = JSONLimits.default
    limits.maxBytes = maxBytes
    return limits
  }
}
