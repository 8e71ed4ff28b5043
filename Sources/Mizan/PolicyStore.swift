import MizanChecker
import MizanCore
import MizanSyntax

/// The policies folder: one folder per association, one file per version named by its
/// effective date, shared clauses in `common/`.
public struct PolicyStore: Sendable {
  public let root: String

  public init(root: String) { self.root = root }

  var loader: PolicyLoader { PolicyLoader(root: root) }

  /// Association ids: the folders of the root, except `common`.
  public var associations: [String] {
    FileSystem.contents(of: root).filter {
      $0 != "common" && !$0.hasPrefix(".") && FileSystem.isDirectory(root + "/" + $0)
    }
  }

  /// Paths of an association's version files, oldest first (file names are dates).
  public func versionPaths(of association: String) -> [String] {
    let folder = root + "/" + association
    return FileSystem.contents(of: folder).filter { $0.hasSuffix(".mizan") }.map { folder + "/" + $0 }
  }

  /// Loads and checks one file; an approved version must match `approvals.lock`.
  ///
  /// `verifyingApproval: false` skips only that comparison, for the commands that report on it
  /// (`mizan versions`, `mizan approve`); nothing evaluates a version loaded that way.
  public func load(_ path: String, verifyingApproval: Bool = true) -> Result<LoadedPolicy, PolicyLoadFailure> {
    loader.load(path, verifyingApproval: verifyingApproval)
  }

  /// The folder's `approvals.lock` (empty when there is none), or why it cannot be read.
  public var approvals: Result<ApprovalsLock, PolicyLoadFailure> { ApprovalsLock.read(root: root) }

  /// The path of the folder's `approvals.lock`.
  public var approvalsPath: String { ApprovalsLock.path(in: root) }

  /// Every version of an association that loads, oldest first, and the failures of the others.
  public func versions(of association: String) -> (loaded: [LoadedPolicy], failures: [PolicyLoadFailure]) {
    var loaded: [LoadedPolicy] = []
    var failures: [PolicyLoadFailure] = []
    for path in versionPaths(of: association) {
      switch load(path) {
      case .success(let policy): loaded.append(policy)
      case .failure(let failure): failures.append(failure)
      }
    }
    return (loaded.sorted { $0.effective < $1.effective }, failures)
  }

  /// The version in force on `date`: the approved version with the latest effective date on
  /// or before it; drafts count only when `includeDrafts`.
  public func policyInForce(for association: String, on date: CalendarDate,
                            includeDrafts: Bool) -> Result<LoadedPolicy, SelectionError> {
    guard associations.contains(association) else {
      return .failure(.unknownAssociation(association, known: associations))
    }
    let (versions, failures) = versions(of: association)
    if let failure = failures.first {
      return .failure(.policyError(failure))
    }
    if let chosen = Self.inForce(among: versions, on: date, includeDrafts: includeDrafts) { return .success(chosen) }
    let candidates = versions.filter { includeDrafts || !$0.isDraft }
    if candidates.isEmpty, let draft = versions.first(where: \.isDraft) {
      return .failure(.onlyDraft(association: association, draftVersion: draft.identity.version))
    }
    return .failure(.noneInForce(association: association, date: date, earliest: candidates.first?.effective))
  }
}

extension PolicyStore {
  /// The rule of SPEC §3 on its own: of `versions`, the approved one (or, with
  /// `includeDrafts`, any one) with the latest effective date on or before `date`. A version
  /// applies from its effective date itself; the day before, its predecessor still does.
  public static func inForce(among versions: [LoadedPolicy], on date: CalendarDate,
                             includeDrafts: Bool) -> LoadedPolicy? {
    var chosen: LoadedPolicy?
    for version in versions where (includeDrafts || !version.isDraft) && version.effective <= date {
      // Later effective date wins; between equal dates (which file names rule out) the
      // approved one does, so `--draft` never hides an approved version of the same day.
      if let current = chosen {
        if version.effective > current.effective || (version.effective == current.effective && current.isDraft) {
          chosen = version
        }
      } else {
        chosen = version
      }
    }
    return chosen
  }

  /// Lock entries whose version file is gone (all, or one association's): an approved
  /// version is never deleted, since replay needs it.
  public func approvedVersionsMissing(association: String? = nil) -> [Diagnostic] {
    guard case .success(let lock) = approvals else { return [] }
    return lock.entries.filter { entry in
      (association == nil || entry.association == association)
        && !FileSystem.exists(root + "/" + entry.association + "/" + entry.version + ".mizan")
    }.map { entry in
      Diagnostic(.approvedVersionMissing(entry.association, entry.version), at: entry.keySpan,
                 help: LocalizedText(
                   ar: "لا تُحذف نسخة معتمدة أبدًا (يحتاجها المدقق لإعادة تقييم القرارات): أعد الملف",
                   en: "an approved version is never deleted (auditors replay decisions against it): restore the file"))
    }
  }
}

/// Why no version could be chosen for an application.
public enum SelectionError: Error, Sendable {
  case unknownAssociation(String, known: [String])
  case noneInForce(association: String, date: CalendarDate, earliest: CalendarDate?)
  case onlyDraft(association: String, draftVersion: String)
  case policyError(PolicyLoadFailure)

  /// The message, in both languages.
  public var message: LocalizedText {
    switch self {
    case .unknownAssociation(let name, let known):
      let hint = Suggestions.nearest(to: name, among: known)
      return LocalizedText(
        ar: "جمعية غير معروفة `\(name)`" + (hint.map { "؛ هل تقصد `\($0)`؟" } ?? "؛ المعروفة: \(known.joined(separator: "، "))"),
        en: "unknown association `\(name)`" + (hint.map { "; did you mean `\($0)`?" } ?? "; known: \(known.joined(separator: ", "))"))
    case .noneInForce(let association, let date, let earliest):
      let tailEN = earliest.map { "; earliest is \($0.iso)" } ?? "; it has no approved version"
      let tailAR = earliest.map { "؛ أقدم نسخة تسري من \($0.iso)" } ?? "؛ لا توجد لها نسخة معتمدة"
      return LocalizedText(ar: "لا توجد سياسة معتمدة لـ \(association) سارية في \(date.iso)\(tailAR)",
                           en: "no approved \(association) policy in force on \(date.iso)\(tailEN)")
    case .onlyDraft(let association, let version):
      return LocalizedText(
        ar: "لا توجد نسخة معتمدة من سياسة \(association)؛ توجد مسودة فقط (\(version)). للتقييم بها استخدم --draft",
        en: "no approved \(association) policy: there is only a draft (\(version)); use --draft to evaluate against it")
    case .policyError:
      return LocalizedText(ar: "سياسة الجمعية فيها أخطاء", en: "the association's policy has errors")
    }
  }
}

extension PolicyStore {
  /// A version file's name inside the policies folder (`raabigh/2024-01-15.mizan`).
  public func displayName(_ path: String) -> String { loader.relativeName(path) }
}
