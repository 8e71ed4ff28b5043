import Foundation
import MizanAudit
import MizanCore
import MizanEngine
import Synchronization

/// The engine's version, written into every log entry.
public enum MizanVersion {
  public static let current = "0.1.0"
}

/// Why a decision that is not official was logged (`--purpose`): an official decision has none.
public enum DecisionPurpose: String, Sendable, CaseIterable {
  /// Evaluated under another version than the one in force on the submission date (`--as-of`).
  case whatIf = "what_if"
  /// Evaluated with drafts considered (`--draft`).
  case draft

  var logPurpose: LogPurpose {
    switch self {
    case .whatIf: .whatIf
    case .draft: .draft
    }
  }
}

extension Engine {
  /// Appends a decision to the log at `path` (hash-chained, synced). `loggedAt` is the wall
  /// clock as the CLI reads it; it is recorded but never compared.
  ///
  /// The log is official: an evaluation under a version other than the one in force on the
  /// record's submission date (a what-if, a draft) is refused unless `purpose` marks it as such.
  public func log(_ evaluation: Evaluation, to path: String, loggedAt: String?,
                  purpose: DecisionPurpose? = nil) -> Result<Int, AuditFailure> {
    log(evaluation.canonical, to: path, loggedAt: loggedAt, purpose: purpose)
  }

  public func log(_ evaluation: CanonicalEvaluation, to path: String, loggedAt: String?,
                  purpose: DecisionPurpose? = nil) -> Result<Int, AuditFailure> {
    if purpose == nil, let problem = officialProblem(policy: evaluation.policy, canonicalRecord: evaluation.canonicalRecord) {
      return .failure(AuditFailure(problem))
    }
    let entry = LogLineBuilder(
      applicationID: evaluation.applicationID, association: evaluation.policy.association,
      policyVersion: evaluation.policy.version, fingerprint: evaluation.policy.fingerprint,
      canonicalRecord: evaluation.canonicalRecord.span, canonicalOutcome: evaluation.canonicalJSON.span,
      engineVersion: MizanVersion.current, loggedAt: loggedAt, purpose: purpose?.logPurpose)
    do {
      return .success(try DecisionLog(path: path).append(entry))
    } catch {
      return .failure(AuditFailure(message: "\(path): \(error.description)"))
    }
  }

  /// Why a decision under `policy` of the record `canonicalRecord` is not an official one (the
  /// version is not the one in force on the record's submission date), or nil when it is. Every
  /// appender of official entries asks this before building the line.
  package func officialProblem(policy: LoadedPolicy, canonicalRecord: [UInt8]) -> LocalizedText? {
    var reader = RecordReader(limits: RecordLimits.json(maxBytes: max(canonicalRecord.count, 1)))
    guard let envelope = try? reader.readEnvelope(canonicalRecord.span) else {
      return LocalizedText(ar: "لم يُسجَّل القرار: تعذّرت قراءة تاريخ تقديم الطلب",
                           en: "the decision was not logged: the record's submission date cannot be read")
    }
    let submittedOn = envelope.submittedOn
    let chosen = policies(of: policy.association).flatMap { $0.choose(on: submittedOn, includeDrafts: false) }
    if case .success(let inForce) = chosen, inForce.fingerprint == policy.fingerprint { return nil }
    let inForceText = (try? chosen.get()).map { LocalizedText.same($0.version) }
      ?? LocalizedText(ar: "لا نسخة", en: "no version")
    let kind = policy.isDraft
      ? LocalizedText(ar: "مسودة", en: "a draft")
      : LocalizedText(ar: "ليست النسخة النافذة في تاريخ تقديمه", en: "not the version in force on its submission date")
    return LocalizedText(ar: "لم يُسجَّل القرار: النسخة \(policy.version) ",
                         en: "the decision was not logged: version \(policy.version) is ") + kind
      + LocalizedText(ar: " (النافذة في \(submittedOn): ", en: " (in force on \(submittedOn): ")
      + inForceText
      + LocalizedText(ar: ")؛ السجل للقرارات الرسمية، فعلِّم هذا القيد بـ `--purpose what_if` أو `--purpose draft`",
                      en: "); the log holds official decisions: mark this entry with `--purpose what_if` or `--purpose draft`")
  }

  /// Replays a log: each entry's policy found by fingerprint among every version in the store.
  /// Entries are checked and re-evaluated on `jobs` cores; results come in log order. Each official
  /// entry's version must be the one in force on its submission date; with `checkpoints`, the log
  /// must still hold each checkpointed head.
  public func replay(log path: String, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                     checkpoints: [LogCheckpoint] = [], report: (ReplayLine) -> Void) -> Result<Void, AuditFailure> {
    let index = PolicyIndex(store: store)
    @Sendable func reproduce(_ entry: LogEntry) -> Reproduction {
      guard let prepared = index.version(fingerprint: entry.fingerprint) else { return Reproduction(.policyMissing) }
      let policy = prepared.policy
      var reader = RecordReader(limits: RecordLimits.json(maxBytes: LogLimits.maxLineBytes))
      let record = entry.record
      let envelope: RecordEnvelope
      do {
        envelope = try reader.readEnvelope(record.span)
      } catch {
        return Reproduction(.recordError(EvaluationFailure.record(error).reason))
      }
      let notInForce = entry.purpose == nil ? index.notInForce(policy, on: envelope.submittedOn) : nil
      switch prepared.canonicalOutcome(recordBytes: record, reader: &reader) {
      case .success(let outcome): return Reproduction(.outcome(outcome), notInForce: notInForce)
      case .failure(let error): return Reproduction(.recordError(EvaluationFailure.record(error).reason))
      }
    }
    do throws(LogIOError) {
      try Replay.run(path: path, jobs: jobs, checkpoints: checkpoints.map(\.checkpoint), reproduce: reproduce,
                     report: { result in
        report(ReplayLine(line: result.line, sequence: result.sequence, applicationID: result.applicationID,
                          kind: result.status.kind, detailTexts: result.status.details + result.notes))
      })
      return .success(())
    } catch {
      return .failure(AuditFailure(error.text))
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
        case .failure(let failure): return .recordError(failure.reason)
        }
      }
      return .success(ImpactSummary(report))
    } catch {
      return .failure(AuditFailure(error.text))
    }
  }
}

/// Every loadable version in the store, found by fingerprint, and each association's versions for
/// choosing the one in force: loaded once, before a replay starts, then only read by its threads
/// (no lock on the way of each entry).
struct PolicyIndex: Sendable {
  private let byFingerprint: [String: PreparedVersion]
  private let byAssociation: [String: Result<AssociationPolicies, SelectionError>]

  init(store: PolicyStore) {
    var fingerprints: [String: PreparedVersion] = [:]
    var associations: [String: Result<AssociationPolicies, SelectionError>] = [:]
    for association in store.associations {
      for policy in store.versions(of: association).loaded { fingerprints[policy.fingerprint] = PreparedVersion(policy) }
      associations[association] = store.policies(of: association)
    }
    byFingerprint = fingerprints
    byAssociation = associations
  }

  func version(fingerprint: String) -> PreparedVersion? { byFingerprint[fingerprint] }

  /// Why `policy` was not the version in force on `date` (what was), or nil when it was.
  func notInForce(_ policy: LoadedPolicy, on date: CalendarDate) -> LocalizedText? {
    let policies = byAssociation[policy.association] ?? .failure(.unknownAssociation(policy.association, known: []))
    let chosen = policies.flatMap { $0.choose(on: date, includeDrafts: false) }
    if case .success(let inForce) = chosen, inForce.fingerprint == policy.fingerprint { return nil }
    let inForceText: LocalizedText = switch chosen {
    case .success(let inForce): LocalizedText(ar: "النسخة النافذة فيه \(inForce.version)", en: "the version in force then is \(inForce.version)")
    case .failure(let error): error.message
    }
    return LocalizedText(
      ar: "قيد رسمي قُرِّر وفق \(policy.association) \(policy.version)\(policy.isDraft ? " (مسودة)" : "")، وتاريخ تقديمه \(date): ",
      en: "an official entry decided under \(policy.association) \(policy.version)\(policy.isDraft ? " (a draft)" : ""), "
        + "submitted on \(date): ") + inForceText
      + LocalizedText(ar: " (قرار افتراضي يُعلَّم بـ `--purpose what_if`)", en: " (a what-if is marked `--purpose what_if`)")
  }
}

/// One replayed log line, for reports.
public struct ReplayLine: Sendable {
  public var line: Int
  public var sequence: Int?
  public var applicationID: String?
  package var kind: ReplayStatusKind
  /// The differing fields, or what is wrong with the chain, in both languages.
  public var detailTexts: [LocalizedText]

  /// `reproduced`, `diverged`, `policy missing` or `chain broken`: the English name JSON reports use.
  public var status: String { kind.name }
  /// The status as staff read it: `policy missing`, `السياسة مفقودة`.
  public var statusText: LocalizedText { kind.label }
  /// The details in English, as JSON reports write them.
  public var details: [String] { detailTexts.map(\.english) }

  public var isReproduced: Bool { kind == .reproduced }

  /// The statuses in the order summaries count them, by their English names.
  public static let statusNames = ReplayStatusKind.allCases.map(\.name)

  /// A status's words for people, by its English name (`policy missing`); the name itself for
  /// any other text.
  public static func statusText(named name: String) -> LocalizedText {
    ReplayStatusKind.allCases.first { $0.name == name }?.label ?? .same(name)
  }
}

extension ReplayStatus {
  var details: [LocalizedText] {
    switch self {
    case .reproduced: []
    case .policyMissing(let association, let version, let fingerprint):
      [LocalizedText(
        ar: "لا توجد في مجلد السياسات نسخة بصمتها \(fingerprint) (قُرِّر القيد وفق \(association) \(version)): "
          + "أعد ملف تلك النسخة، أو وجّه `--policies` إلى المجلد الذي يحويه",
        en: "no version in the policies folder has fingerprint \(fingerprint) (the entry was decided under "
          + "\(association) \(version)): restore that version's file, or point --policies at the folder that has it")]
    case .diverged(let fields): fields
    case .notInForce(let text): [text]
    case .chainBroken(let problems): problems
    }
  }
}

extension EvaluationFailure {
  /// Why a logged record does not evaluate today, in both languages, for replay and impact.
  var reason: LocalizedText {
    switch self {
    case .record(let error): LocalizedText(ar: error.rendered(in: .arabic), en: error.description)
    case .selection(let error): error.message
    // An engine fault, for developers: English only, as the engine words it.
    case .internalError(let message): .same(message)
    }
  }
}

/// A log operation failed (I/O, a refused append).
public struct AuditFailure: Error, Sendable {
  /// What failed, in both languages.
  public var text: LocalizedText

  /// What failed, in English.
  public var message: String { text.english }

  init(_ text: LocalizedText) { self.text = text }

  /// A failure worded in English only (a refused append, which only `eval` and `batch` report).
  init(message: String) { text = .same(message) }
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
  /// Causes that are sentences (`record: …`) in both languages, by their English text.
  var causeTexts: [String: LocalizedText]

  /// A cause in `Row.rules` as staff read it: a rule (`+income_within_limit`) as it is, a
  /// sentence (`record: …`) in both languages.
  public func causeText(_ rule: String) -> LocalizedText { causeTexts[rule] ?? .same(rule) }

  init(_ report: ImpactReport) {
    rows = report.sortedTransitions.map { transition, count in
      let rules = (report.rules[transition] ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      return Row(from: transition.from, to: transition.to, count: count, rules: rules.map { ($0.key, $0.value) })
    }
    affected = report.affected.map { ($0.applicationID, $0.line, $0.transition.from, $0.transition.to) }
    total = report.total
    otherAssociation = report.otherAssociation
    skippedBrokenLines = report.skippedBrokenLines
    causeTexts = report.causeTexts
  }
}

/// A version as replay uses it: what evaluating and writing need, taken out of the policy once
/// (its lazily made parts are behind a lock, which every entry on every core would otherwise take).
struct PreparedVersion: Sendable {
  let policy: LoadedPolicy
  let evaluator: Evaluator
  let writer: OutcomeWriter

  init(_ policy: LoadedPolicy) {
    self.policy = policy
    evaluator = policy.evaluator
    writer = policy.outcomeWriter
  }

  /// The canonical outcome of a logged record under this version, as `batch` writes it (no
  /// outcome read back: replay compares bytes and digests).
  func canonicalOutcome(recordBytes: [UInt8], reader: inout RecordReader) -> Result<[UInt8], RecordError> {
    var record = ApplicantRecord()
    do {
      try reader.readRecord(recordBytes.span, schema: evaluator.recordSchema, into: &record)
    } catch {
      return .failure(error)
    }
    var decision = Decision()
    evaluator.decide(record, into: &decision)
    var out = ByteBuffer(capacity: 8 << 10)
    writer.write(decision, record: record, into: &out)
    return .success(out.array)
  }
}
