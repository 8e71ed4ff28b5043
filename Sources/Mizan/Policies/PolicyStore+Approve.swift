import MizanCore
import MizanSyntax

/// What `mizan approve` did.
package enum ApprovalRecording: Sendable {
  /// The entry was appended to the lock.
  case recorded(ApprovalsLock.Entry)
  /// The lock already held this very entry (same fingerprint); nothing was written.
  case alreadyRecorded(ApprovalsLock.Entry)
}

/// Why a version could not be recorded in `approvals.lock`.
package enum ApprovalError: Error, Sendable {
  /// The lock itself has errors; fix them first.
  case lockUnreadable(PolicyLoadFailure)
  /// The version does not load cleanly.
  case policyErrors(PolicyLoadFailure)
  /// Only approved versions are recorded.
  case draft(name: String)
  /// The file is not `<policies>/<association>/<effective date>.mizan`.
  case notInPoliciesFolder(path: String)
  /// The lock records this version with another fingerprint: it is frozen.
  case alreadyRecordedDifferently(ApprovalsLock.Entry, name: String, actual: String)
  /// `mizan fmt` would change the tokens of these files, and so the fingerprint.
  case notFormatted(name: String, files: [String])
  /// The lock could not be written.
  case writeFailed(path: String, reason: String)

  /// The diagnostics behind the refusal, if any.
  package var diagnostics: [Diagnostic] {
    switch self {
    case .lockUnreadable(let failure), .policyErrors(let failure): failure.diagnostics
    default: []
    }
  }

  /// The refusal, in both languages.
  package var message: LocalizedText {
    switch self {
    case .lockUnreadable:
      return LocalizedText(ar: "سجل الاعتماد approvals.lock فيه أخطاء؛ أصلحها قبل تسجيل نسخة",
                           en: "approvals.lock has errors; fix them before recording a version")
    case .policyErrors:
      return LocalizedText(ar: "لا تُسجَّل إلا نسخة سليمة: أصلح الأخطاء أعلاه (`mizan check`) ثم أعد المحاولة",
                           en: "only a version that checks cleanly can be recorded: fix the errors above (`mizan check`) and retry")
    case .draft(let name):
      return LocalizedText(
        ar: "`\(name)` مسودة؛ لا يُسجَّل في سجل الاعتماد إلا النسخ المعتمدة. بعد اعتماد المجلس لها اكتب `approved { … }` بدل `draft` ثم سجّلها",
        en: "`\(name)` is a draft; only approved versions are recorded. Once the board approves it, write `approved { … }` instead of `draft`, then record it")
    case .notInPoliciesFolder(let path):
      return LocalizedText(
        ar: "`\(path)` ليس ملف نسخة في مجلد السياسات: المتوقع `policies/<الجمعية>/<تاريخ السريان>.mizan`",
        en: "`\(path)` is not a version file of a policies folder: expected `policies/<association>/<effective date>.mizan`")
    case .alreadyRecordedDifferently(let entry, let name, let actual):
      return LocalizedText(
        ar: "سجل الاعتماد يسجّل \(entry.association) \(entry.version) بالبصمة \(entry.fingerprint) (السطر \(entry.line))، "
          + "وبصمة `\(name)` الآن \(actual). لا يُستبدل قيد معتمد: النسخ المعتمدة مجمّدة؛ أنشئ ملف نسخة جديدًا (بتاريخ سريان لاحق)",
        en: "approvals.lock records \(entry.association) \(entry.version) with fingerprint \(entry.fingerprint) (line \(entry.line)), "
          + "but `\(name)` now has \(actual). An approved entry is never replaced: approved versions are frozen; "
          + "make a new version file (with a later effective date) instead")
    case .notFormatted(let name, let files):
      let list = files.joined(separator: " ")
      return LocalizedText(
        ar: "`mizan fmt` سيغيّر رموز \(list) لا تنسيقها فقط، فتتغير بصمة `\(name)`: شغّل `mizan fmt \(list)` أولًا ثم سجّل النسخة",
        en: "`mizan fmt` would change the tokens of \(list), not only their layout, and with them the fingerprint of `\(name)`: "
          + "run `mizan fmt \(list)` first, then approve")
    case .writeFailed(let path, let reason):
      return LocalizedText(ar: "تعذرت كتابة `\(path)`: \(reason)", en: "cannot write `\(path)`: \(reason)")
    }
  }
}

extension PolicyStore {
  /// Records an approved version's fingerprint in `approvals.lock` (`mizan approve FILE`).
  ///
  /// The version must load cleanly, be approved, lie at `<root>/<association>/<date>.mizan`
  /// and be formatted in tokens (so that `mizan fmt` can never change its fingerprint later). An
  /// existing entry for the same version is never replaced. The lock is rewritten atomically,
  /// its earlier lines kept byte for byte. `reference` defaults to the header's approval.
  /// Approvals run one at a time (the policies folder is locked while the lock is read and
  /// rewritten), so two at once both land.
  package func approve(_ path: String, reference: String? = nil) -> Result<ApprovalRecording, ApprovalError> {
    switch FileSystem.withExclusiveLock(onFolder: root, { approveHoldingLock(path, reference: reference) }) {
    case .success(let result): return result
    case .failure(let error):
      return .failure(.writeFailed(path: approvalsPath, reason: "cannot lock the policies folder: \(error.localizedDescription)"))
    }
  }

  private func approveHoldingLock(_ path: String, reference: String?) -> Result<ApprovalRecording, ApprovalError> {
    let lock: ApprovalsLock
    switch approvals {
    case .success(let read): lock = read
    case .failure(let failure): return .failure(.lockUnreadable(failure))
    }
    let policy: LoadedPolicy
    switch load(path, verifyingApproval: false) {
    case .success(let loaded): policy = loaded
    case .failure(let failure): return .failure(.policyErrors(failure))
    }
    guard policy.fileName == policy.association + "/" + policy.lockVersion + ".mizan" else {
      return .failure(.notInPoliciesFolder(path: path))
    }
    guard let approval = policy.approval else { return .failure(.draft(name: policy.fileName)) }
    if let recorded = lock.entry(association: policy.association, version: policy.lockVersion) {
      guard recorded.fingerprint == policy.fingerprint else {
        return .failure(.alreadyRecordedDifferently(recorded, name: policy.fileName, actual: policy.fingerprint))
      }
      return .success(.alreadyRecorded(recorded))
    }
    let unformatted = policy.filesChangedByFormatting
    guard unformatted.isEmpty else { return .failure(.notFormatted(name: policy.fileName, files: unformatted)) }
    var entry = ApprovalsLock.Entry(
      association: policy.association, version: policy.lockVersion, fingerprint: policy.fingerprint,
      reference: Self.singleLine(reference ?? Self.reference(for: approval)), line: 0)
    let bytes = ApprovalsLock.appending(entry, to: lock.source?.bytes)
    // The new line is the last one, and ends in the file's last line break.
    entry.line = bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    do {
      try AtomicFile.replace(approvalsPath, with: bytes)
    } catch {
      return .failure(.writeFailed(path: approvalsPath, reason: error.reason.english))
    }
    return .success(.recorded(entry))
  }

  /// `مجلس إدارة الجمعية / Board of directors of the association, meeting 1, 2024-01-15`.
  static func reference(for approval: ApprovalRecord) -> String {
    let body = approval.body.arabic == approval.body.english
      ? approval.body.english : approval.body.arabic + " / " + approval.body.english
    var parts = [body, "meeting " + approval.meeting]
    if let date = approval.date { parts.append(date.iso) }
    return parts.joined(separator: ", ")
  }

  /// The text on one line: line breaks and tabs become spaces, runs of spaces one space.
  static func singleLine(_ text: String) -> String {
    let words = text.split { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    return words.isEmpty ? "-" : words.joined(separator: " ")
  }
}

extension LoadedPolicy {
  /// Names of this version's files whose tokens `mizan fmt` would change (not merely their
  /// layout): for them, formatting would change the fingerprint.
  package var filesChangedByFormatting: [String] {
    checked.files.compactMap { file in
      let formatted = SourceFile(path: file.source.path, text: Formatter.format(file), name: file.source.name)
      return Fingerprint.of([file.source]) == Fingerprint.of([formatted]) ? nil : file.source.name
    }
  }
}
