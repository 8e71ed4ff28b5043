import MizanChecker
import MizanCore
import MizanEngine

/// The entry point for evaluating applicant records against the policies folder.
public struct Engine: Sendable {
  public let store: PolicyStore

  public init(store: PolicyStore) { self.store = store }

  /// Reads a record, picks the version in force on its submission date (or `asOf`), and
  /// evaluates it. A record larger than `maxRecordBytes` is refused (`record.tooLarge`).
  public func evaluate(recordBytes: [UInt8], asOf: CalendarDate? = nil, includeDrafts: Bool = false,
                       maxRecordBytes: Int = RecordLimits.defaultMaxBytes) -> Result<Evaluation, EvaluationFailure> {
    let json: JSONValue
    do {
      var limits = JSONLimits.default
      limits.maxBytes = maxRecordBytes
      json = try JSONReader.read(recordBytes, limits: limits)
    } catch {
      return .failure(.record(.unreadable(error)))
    }
    return evaluate(json: json, asOf: asOf, includeDrafts: includeDrafts)
  }

  /// Evaluates an already-read record.
  public func evaluate(json: JSONValue, asOf: CalendarDate? = nil,
                       includeDrafts: Bool = false) -> Result<Evaluation, EvaluationFailure> {
    let envelope: RecordEnvelope
    do {
      envelope = try RecordDecoder.envelope(of: json)
    } catch {
      return .failure(.record(error))
    }
    let policy: LoadedPolicy
    switch store.policyInForce(for: envelope.association, on: asOf ?? envelope.submittedOn,
                               includeDrafts: includeDrafts) {
    case .success(let chosen): policy = chosen
    case .failure(.unknownAssociation(let name, let known)):
      return .failure(.record(.unknownAssociation("association", name, known: known,
                                                  suggestion: Suggestions.nearest(to: name, among: known))))
    case .failure(let error): return .failure(.selection(error))
    }
    return evaluate(json: json, under: policy)
  }

  /// Evaluates a record under a given version (replay, impact, `mizan test`).
  public func evaluate(json: JSONValue, under policy: LoadedPolicy) -> Result<Evaluation, EvaluationFailure> {
    do {
      let record = try RecordDecoder.decode(json, for: policy.checked)
      return .success(Evaluation(outcome: policy.outcome(for: record), policy: policy))
    } catch {
      return .failure(.record(error))
    }
  }
}

/// An outcome and the version it was reached under.
public struct Evaluation: Sendable {
  public let outcome: Outcome
  public let policy: LoadedPolicy
}

/// Why a record could not be evaluated.
public enum EvaluationFailure: Error, Sendable {
  /// The record itself is wrong (exit 3).
  case record(RecordError)
  /// No usable policy version (exit 4).
  case selection(SelectionError)
}

/// The limits on one applicant record (docs/robustness.md); the reader's other limits
/// (nesting, string length, members) are `JSONLimits.default`.
public enum RecordLimits {
  /// The largest record `eval` and `batch` read, in bytes, unless `--max-record-bytes` says otherwise.
  public static let defaultMaxBytes = JSONLimits.default.maxBytes
  /// The most documents one record may list.
  public static let maxDocuments = RecordDecoder.maxDocuments
}
