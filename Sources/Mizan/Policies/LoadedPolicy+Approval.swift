import MizanChecker
import MizanCore

/// Who approved a version, as its header states it.
public struct ApprovalRecord: Sendable, Hashable {
  /// The approving body, in both languages.
  public var body: LocalizedText
  /// The meeting, as written (`"1"`, `"013"`, `"33"`).
  public var meeting: String
  /// The approval date, if the header gives one.
  public var date: CalendarDate?
  /// The approval as the approved text writes it (Hijri and Gregorian), if given.
  public var written: String?
}

extension LoadedPolicy {
  /// The version file's name inside the policies folder (`raabigh/2024-01-15.mizan`).
  public var fileName: String { checked.files.first?.source.name ?? path }

  /// The approval, or nil for a draft.
  public var approval: ApprovalRecord? {
    guard case .approved(let body, let meeting, let date, let written) = checked.header.status else { return nil }
    return ApprovalRecord(body: body, meeting: meeting, date: date, written: written)
  }

  /// Why a draft is a draft, or nil for an approved version.
  public var draftReason: String? {
    guard case .draft(let reason) = checked.header.status else { return nil }
    return reason
  }

  /// What this version supersedes, as written.
  public var supersedes: String? { checked.header.supersedes }

  /// The key of this version in `approvals.lock`: its effective date, which names its file.
  public var lockVersion: String { effective.iso }

  /// Where diagnostics about the version as a whole point: the association in its header.
  var headerSpan: SourceSpan? { checked.files.first?.header?.association.span }
}
