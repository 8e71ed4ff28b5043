import MizanChecker
import MizanCore

/// The verdict on an application (docs/records.md).
public enum Verdict: String, Sendable, Hashable, CaseIterable {
  /// Conditions hold and the checklist is complete.
  case eligible
  /// Some condition is definitely false. Wins over `incomplete` (false ∧ unknown = false).
  case ineligible
  /// Nothing failed, but a required item is missing, expired or invalid, or a fact is unknown.
  case incomplete
}

/// The status of one checklist item.
public enum ChecklistStatus: String, Sendable, Hashable, CaseIterable {
  case provided, missing, expired, invalid
  case notRequired = "not_required"
  case undetermined
}

/// Which version of which policy an outcome was reached under.
public struct PolicyIdentity: Sendable, Hashable {
  public var association: String
  public var version: String
  public var fingerprint: String
  public var isDraft: Bool

  package init(association: String, version: String, fingerprint: String, isDraft: Bool) {
    self.association = association
    self.version = version
    self.fingerprint = fingerprint
    self.isDraft = isDraft
  }
}

/// A rule that failed or could not be decided, with what the approved text says.
public struct Reason: Sendable, Hashable {
  public var rule: String
  /// `condition` or `requirement`.
  public var kind: String
  /// For a condition `false` or `unknown`; for a requirement its checklist status.
  public var result: String
  public var labels: LocalizedText
  public var citation: String?
  public var assumed: String?
}

/// One item of the required-document checklist.
public struct ChecklistItem: Sendable, Hashable {
  public var id: String
  public var labels: LocalizedText
  public var status: ChecklistStatus
  public var providedBy: String
  /// Document types (or facts) any one of which satisfies the item.
  public var accepts: [String]
  public var detail: LocalizedText
  public var citation: String?
  public var assumed: String?
  /// For an item of one member of a household: the member's path (`children[1]`).
  public var member: String? = nil

  /// The item's name in examples' expectations: its id, or `id.children[1]` for one member's.
  public var key: String { member.map { "\(id).\($0)" } ?? id }
}

/// A stage of the file's handling, as the policy names it.
public struct OutcomeStage: Sendable, Hashable {
  public var id: String
  public var labels: LocalizedText
}

/// A fact the evaluation needed and the record does not give.
public struct MissingFact: Sendable, Hashable {
  public var fact: String
  public var labels: LocalizedText
  /// The rules that needed it.
  public var neededBy: [String]
  /// Who gives it: `applicant` (the default, not written in the JSON) or `staff`.
  public var providedBy: String = "applicant"
}

/// What happens next with the application.
public struct NextStep: Sendable, Hashable {
  /// `refer_to_committee`, `complete_registration`, `complete_file` or `notify_ineligible`.
  public var action: String
  public var labels: LocalizedText
  /// Who must act: `applicant`, `staff`, or both.
  public var by: [String]
  public var committee: String?
  /// The submission date plus the committee's reply period.
  public var earliestReplyOn: CalendarDate?
  public var citation: String?
}

/// The result of evaluating one application: a pure function of the record and the policy
/// version (no clock), so the same inputs give byte-identical canonical JSON.
public struct Outcome: Sendable, Hashable {
  public var applicationID: String
  public var submittedOn: CalendarDate
  /// The day documents were judged on, when the record gave one besides the submission date.
  public var evaluatedOn: CalendarDate?
  /// The stage the file is in, for policies that name stages (nil when it cannot be told, or
  /// the policy names none; `hasStages` tells which).
  public var stage: OutcomeStage?
  public var hasStages = false
  public var verdict: Verdict
  public var reasons: [Reason]
  public var checklist: [ChecklistItem]
  public var missingFacts: [MissingFact]
  public var nextStep: NextStep
  public var policy: PolicyIdentity
  public var trace: [TraceEvent]
}
