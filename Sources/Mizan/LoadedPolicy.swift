import MizanChecker
import MizanCore
import MizanEngine
import MizanSyntax

/// A checked policy version with its fingerprint, ready to evaluate records.
public struct LoadedPolicy: Sendable {
  package let checked: CheckedPolicy
  public let fingerprint: String
  /// The version file's path as found (for messages).
  public let path: String
  package let evaluator: Evaluator

  package init(checked: CheckedPolicy, fingerprint: String, path: String) {
    self.checked = checked
    self.fingerprint = fingerprint
    self.path = path
    self.evaluator = Evaluator(policy: checked)
  }

  public var identity: PolicyIdentity {
    PolicyIdentity(association: checked.header.association, version: checked.header.version,
                   fingerprint: fingerprint, isDraft: checked.header.isDraft)
  }

  public var association: String { checked.header.association }
  public var effective: CalendarDate { checked.header.effective }
  public var isDraft: Bool { checked.header.isDraft }
  public var warnings: [Diagnostic] { checked.warnings }

  /// The outcome for a decoded record.
  package func outcome(for record: ApplicantRecord) -> Outcome {
    evaluator.outcome(for: record, identity: identity)
  }

  /// The outcome for a decoded record as canonical JSON: the bytes of `outcome(for:).json`,
  /// written directly (no `Outcome`, no JSON tree), as `mizan batch` writes them.
  package func canonicalOutcome(for record: ApplicantRecord) -> [UInt8] {
    var decision = Decision()
    evaluator.decide(record, into: &decision)
    return evaluator.canonicalOutcome(decision, record: record, identity: identity)
  }

}

/// Why a policy could not be loaded: read, parse, include or check errors, sorted.
public struct PolicyLoadFailure: Error, Sendable {
  public var diagnostics: [Diagnostic]
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
    if let committee = checked.committee { entries.append(entry("committee", committee.described)) }
    return entries
  }

  /// Names in both languages, for reports.
  public var associationNames: LocalizedText { checked.header.names }
  public var version: String { checked.header.version }
}
