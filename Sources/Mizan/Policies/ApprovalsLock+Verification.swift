import MizanCore

/// How a version stands against `approvals.lock`.
public enum ApprovalState: Sendable, Hashable {
  /// Approved, and its fingerprint is the one recorded on `line`.
  case matches(line: Int)
  /// Approved, but changed since: `line` records another fingerprint.
  case mismatch(recorded: String, line: Int)
  /// Approved, and not recorded yet (`mizan approve` records it).
  case notRecorded
  /// A draft, which the lock never lists.
  case draft
  /// A draft that the lock records as approved on `line` (an approved file was turned into a draft).
  case draftRecorded(line: Int)

  /// Whether loading the version fails because of it.
  public var isProblem: Bool {
    switch self {
    case .matches, .draft: false
    case .mismatch, .notRecorded, .draftRecorded: true
    }
  }
}

extension ApprovalsLock {
  /// How `policy` stands against this lock.
  public func state(of policy: LoadedPolicy) -> ApprovalState {
    let recorded = entry(association: policy.association, version: policy.lockVersion)
    if policy.isDraft { return recorded.map { .draftRecorded(line: $0.line) } ?? .draft }
    guard let recorded else { return .notRecorded }
    return recorded.fingerprint == policy.fingerprint
      ? .matches(line: recorded.line) : .mismatch(recorded: recorded.fingerprint, line: recorded.line)
  }

  /// The errors that keep `policy` from being used: none when it matches or is a plain draft.
  package func problems(with policy: LoadedPolicy) -> [Diagnostic] {
    let recorded = entry(association: policy.association, version: policy.lockVersion)
    let notes = recorded.map { [DiagnosticNote(LocalizedText(ar: "مسجلة هنا", en: "recorded here"), at: $0.span)] } ?? []
    switch state(of: policy) {
    case .matches, .draft:
      return []
    case .mismatch(let fingerprint, _):
      return [Diagnostic(
        .fingerprintMismatch(policy.fileName, recorded: fingerprint, actual: policy.fingerprint),
        at: policy.headerSpan, notes: notes, help: Self.frozenHelp)]
    case .notRecorded:
      return [Diagnostic(
        .notInLock(policy.fileName, fingerprint: policy.fingerprint), at: policy.headerSpan,
        help: LocalizedText(ar: "سجّلها بالأمر `mizan approve \(policy.path)`",
                            en: "record it with `mizan approve \(policy.path)`"))]
    case .draftRecorded(let line):
      return [Diagnostic(.draftInLock(policy.fileName, line: line), at: policy.headerSpan, notes: notes,
                         help: Self.frozenHelp)]
    }
  }

  /// The way forward whenever an approved version was changed.
  static let frozenHelp = LocalizedText(
    ar: "النسخ المعتمدة مجمّدة: أنشئ ملف نسخة جديدًا (بتاريخ سريان لاحق) بدل تعديل هذه النسخة",
    en: "approved versions are frozen: make a new version file (with a later effective date) instead of editing this one")
}
