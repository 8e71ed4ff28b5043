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

  /// An association's versions: from the snapshot when there is one, else loaded from the store.
  package func policies(of association: String) -> Result<AssociationPolicies, SelectionError> {
    snapshot?.policies(of: association) ?? store.policies(of: association)
  }

  /// Reads a record, picks the version in force on its submission date (or `asOf`), and
  /// evaluates it. A record larger than `maxRecordBytes` is refused (`record.tooLarge`).
  public func evaluate(recordBytes: [UInt8], asOf: CalendarDate? = nil, includeDrafts: Bool = false,
                       maxRecordBytes: Int = RecordLimits.defaultMaxBytes) -> Result<Evaluation, EvaluationFailure> {
    decide(recordBytes: recordBytes, asOf: asOf, includeDrafts: includeDrafts, maxRecordBytes: maxRecordBytes)
      .flatMap(Self.decoded)
  }

  /// As `evaluate`, without reading the outcome back into an `Outcome`: for a caller that needs
  /// only the canonical bytes (the server's JSON API, where reading back was a fifth of the time).
  public func decide(recordBytes: [UInt8], asOf: CalendarDate? = nil, includeDrafts: Bool = false,
                     maxRecordBytes: Int = RecordLimits.defaultMaxBytes) -> Result<CanonicalEvaluation, EvaluationFailure> {
    var reader = RecordReader(limits: RecordLimits.json(maxBytes: maxRecordBytes))
    let envelope: RecordEnvelope
    do {
      envelope = try reader.readEnvelope(recordBytes.span)
    } catch {
      return .failure(.record(error))
    }
    let policies: AssociationPolicies
    switch self.policies(of: envelope.association) {
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
    return decide(&reader, recordBytes, envelope.applicationID, under: policy, warnings: policies.skippedDrafts)
  }

  /// Evaluates a record under a given version (replay, impact, what-if).
  public func evaluate(recordBytes: [UInt8], under policy: LoadedPolicy,
                       maxRecordBytes: Int = RecordLimits.defaultMaxBytes) -> Result<Evaluation, EvaluationFailure> {
    var reader = RecordReader(limits: RecordLimits.json(maxBytes: maxRecordBytes))
    let envelope: RecordEnvelope
    do {
      envelope = try reader.readEnvelope(recordBytes.span)
    } catch {
      return .failure(.record(error))
    }
    return decide(&reader, recordBytes, envelope.applicationID, under: policy, warnings: []).flatMap(Self.decoded)
  }

  private func decide(_ reader: inout RecordReader, _ bytes: [UInt8], _ applicationID: String,
                      under policy: LoadedPolicy,
                      warnings: [PolicyLoadFailure]) -> Result<CanonicalEvaluation, EvaluationFailure> {
    var record = ApplicantRecord()
    do {
      try reader.readRecord(bytes.span, schema: policy.evaluator.recordSchema, into: &record)
    } catch {
      return .failure(.record(error))
    }
    var canonicalRecord = ByteBuffer(capacity: bytes.count)
    reader.writeCanonicalRecord(bytes.span, into: &canonicalRecord)
    return .success(CanonicalEvaluation(applicationID: applicationID, canonicalJSON: policy.canonicalOutcome(for: record),
                                        policy: policy, canonicalRecord: canonicalRecord.array, skippedDrafts: warnings))
  }

  /// The outcome read back from its canonical bytes, for the reports.
  private static func decoded(_ canonical: CanonicalEvaluation) -> Result<Evaluation, EvaluationFailure> {
    do {
      var decoded = try Outcome(canonicalJSON: canonical.canonicalJSON)
      canonical.policy.orderTracedValues(of: &decoded)
      return .success(Evaluation(canonical: canonical, outcome: decoded))
    } catch {
      return .failure(.internalError("the outcome written cannot be read back: \(error)"))
    }
  }
}

/// A record decided: the canonical outcome bytes and the version that gave them.
public struct CanonicalEvaluation: Sendable {
  public let applicationID: String
  /// The outcome as canonical JSON (docs/records.md), as the one outcome writer wrote it.
  public let canonicalJSON: [UInt8]
  public let policy: LoadedPolicy
  /// The record as read, in canonical JSON: what the decision log keeps.
  package let canonicalRecord: [UInt8]
  /// Drafts of the association that do not load and were left out of the choice: worth a
  /// warning (`mizan check` shows why), never a refusal.
  public let skippedDrafts: [PolicyLoadFailure]
}

/// An outcome and the version it was reached under.
public struct Evaluation: Sendable {
  public let canonical: CanonicalEvaluation
  /// The outcome, read back from `canonicalJSON` (reports show exactly what the JSON says).
  public let outcome: Outcome

  public var canonicalJSON: [UInt8] { canonical.canonicalJSON }
  public var policy: LoadedPolicy { canonical.policy }
  package var canonicalRecord: [UInt8] { canonical.canonicalRecord }
  public var skippedDrafts: [PolicyLoadFailure] { canonical.skippedDrafts }
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
