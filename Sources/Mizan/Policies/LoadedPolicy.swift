import MizanChecker
import MizanCore
import MizanEngine
import MizanSyntax
import Synchronization

/// A checked policy version with its fingerprint, ready to evaluate records.
public struct LoadedPolicy: Sendable {
  package let checked: CheckedPolicy
  /// The fingerprint, taken on first use: a version loaded only to take part in the choice of
  /// the version in force (a draft beside it) is never hashed.
  private let lazyFingerprint: Lazy<String>
  /// The version file's path as found (for messages).
  public let path: String
  /// The evaluator and its plan, lowered on first use: a version that is loaded only to take
  /// part in the choice of the version in force (a draft, an older version) never pays for it.
  private let lazyEvaluator: Lazy<Evaluator>
  /// The constant parts of this version's outcomes, rendered on first use (`check` and `versions`
  /// never write outcomes, and do not pay for them).
  private let template: Lazy<OutcomeTemplate>

  package init(checked: CheckedPolicy, path: String) {
    self.checked = checked
    let lazyFingerprint = Lazy {
      Fingerprint.of(checked.files.map(\.source), vocabularies: checked.vocabularies.map { ($0.file, $0.values) })
    }
    self.lazyFingerprint = lazyFingerprint
    self.path = path
    let lazyEvaluator = Lazy { Evaluator(policy: checked) }
    self.lazyEvaluator = lazyEvaluator
    template = Lazy {
      OutcomeTemplate(evaluator: lazyEvaluator.value,
                      identity: PolicyIdentity(association: checked.header.association, version: checked.header.version,
                                               fingerprint: lazyFingerprint.value, isDraft: checked.header.isDraft))
    }
  }

  /// The SHA-256 of the version's tokens and its includes' (docs/versions.md).
  public var fingerprint: String { lazyFingerprint.value }

  /// Whether the fingerprint was taken or the evaluation plan lowered: tests check that a
  /// version only taking part in the choice of the version in force was spared both.
  package var hasPreparedForEvaluation: (fingerprint: Bool, evaluator: Bool) {
    (lazyFingerprint.isMade, lazyEvaluator.isMade)
  }

  /// This version's evaluator.
  package var evaluator: Evaluator { lazyEvaluator.value }

  /// The constant parts of this version's outcomes.
  package var outcomeTemplate: OutcomeTemplate { template.value }

  /// The writer of this version's outcomes.
  package var outcomeWriter: OutcomeWriter { OutcomeWriter(evaluator: evaluator, template: outcomeTemplate) }

  public var identity: PolicyIdentity {
    PolicyIdentity(association: checked.header.association, version: checked.header.version,
                   fingerprint: fingerprint, isDraft: checked.header.isDraft)
  }

  public var association: String { checked.header.association }
  public var effective: CalendarDate { checked.header.effective }
  public var isDraft: Bool { checked.header.isDraft }
  public var warnings: [Diagnostic] { checked.warnings }

  /// Puts each trace step's values in the order its expression reads them (the JSON keeps them
  /// in canonical key order): `income_per_member = 3000, income_limit_per_member = 1500` reads as
  /// the rule is written.
  package func orderTracedValues(of outcome: inout Outcome) {
    let plan = evaluator.plan
    func names(_ reads: [EvaluationPlan.TracedRef]) -> [String] {
      reads.map { ref in
        switch ref {
        case .fact(let slot): checked.facts[slot].name
        case .derived(let index): checked.derived[index].name
        case .parameter(let index): checked.parameters[index].name
        case .document(let index): checked.documents[index].name
        }
      }
    }
    var orders: [String: [String]] = [:]
    for (index, derived) in checked.derived.enumerated() { orders["derived " + derived.name] = names(plan.derivedReads[index]) }
    for (index, condition) in checked.conditions.enumerated() {
      orders["condition " + condition.name] = names(plan.conditionReads[index])
    }
    for (index, requirement) in checked.requirements.enumerated() {
      orders["requirement " + requirement.name] = names(plan.requirementReads[index])
    }
    for step in outcome.trace.indices {
      guard let order = orders[outcome.trace[step].kind + " " + outcome.trace[step].rule] else { continue }
      outcome.trace[step].values.sort { (order.firstIndex(of: $0.name) ?? .max) < (order.firstIndex(of: $1.name) ?? .max) }
    }
  }

  /// The canonical outcome for a read record.
  package func canonicalOutcome(for record: ApplicantRecord) -> [UInt8] {
    var decision = Decision()
    evaluator.decide(record, into: &decision)
    var out = ByteBuffer(capacity: 8 << 10)
    outcomeWriter.write(decision, record: record, into: &out)
    return out.array
  }
}

/// Why a policy could not be loaded: read, parse, include or check errors, sorted.
public struct PolicyLoadFailure: Error, Sendable {
  public var diagnostics: [Diagnostic]
  /// The version file that failed, when one did (nil for the lock or the folder).
  public var path: String?
  /// What its header said, when it could be read.
  package var header: LoadedHeader?
  /// The files read and parsed before the failure (the version first, then its includes), so an
  /// editor can still find names in a version that does not check.
  package var files: [PolicyFile]

  package init(diagnostics: [Diagnostic], path: String? = nil, header: LoadedHeader? = nil, files: [PolicyFile] = []) {
    self.diagnostics = diagnostics
    self.path = path
    self.header = header
    self.files = files
  }
}

/// A value computed on first use and kept, safely shared between threads.
final class Lazy<Value: Sendable>: Sendable {
  /// The value in a class, so that it can be published with one atomic store.
  private final class Box: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
  }

  private let make: @Sendable () -> Value
  // Read without a lock once made: a server's threads all read the same evaluator for every
  // request, and a mutex there was measured at 40% of the time under 64 connections. Two threads
  // meeting an unmade value may both make it; the first stored wins (`make` is pure).
  private let stored = AtomicLazyReference<Box>()

  init(_ make: @escaping @Sendable () -> Value) { self.make = make }

  /// Whether the value was computed.
  var isMade: Bool { stored.load() != nil }

  var value: Value {
    if let box = stored.load() { return box.value }
    return stored.storeIfNil(Box(make())).value
  }
}

/// A declaration that must quote the approved text or say it is assumed.
public struct ProvenanceEntry: Sendable, Hashable {
  /// `condition`, `requirement`, `parameter` or `committee`.
  public var kind: String
  public var name: String
  public var labels: LocalizedText
  /// The quote, or the rationale when `isAssumed`.
  public var text: String
  public var isAssumed: Bool
  /// `raabigh/2024-01-15.mizan:42:11`.
  public var location: String
}

extension LoadedPolicy {
  /// Every rule, parameter and committee with where its authority comes from, in file order.
  public var provenance: [ProvenanceEntry] {
    func entry(_ kind: String, _ described: Described) -> ProvenanceEntry {
      ProvenanceEntry(kind: kind, name: described.name, labels: described.labels,
                      text: described.provenance?.text.value ?? "", isAssumed: described.provenance?.isAssumed ?? false,
                      location: "\(described.span.file.name):\(described.span.start)")
    }
    var entries = checked.parameters.map { entry("parameter", $0.described) }
    entries += checked.conditions.map { entry("condition", $0.described) }
    entries += checked.requirements.map { entry("requirement", $0.described) }
    entries += checked.memberRequirements.map { entry("requirement", $0.described) }
    entries += checked.stages.map { entry("stage", $0.described) }
    if let committee = checked.committee { entries.append(entry("committee", committee.described)) }
    return entries
  }

  /// Names in both languages, for reports.
  public var associationNames: LocalizedText { checked.header.names }
  public var version: String { checked.header.version }
}
