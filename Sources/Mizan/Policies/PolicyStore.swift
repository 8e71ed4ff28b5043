import MizanChecker
import MizanCore
import MizanSyntax

/// The policies folder: one folder per association, one file per version named by its
/// effective date, shared clauses in `common/`.
public struct PolicyStore: Sendable {
  public let root: String

  public init(root: String) { self.root = root }

  var loader: PolicyLoader { PolicyLoader(root: root) }

  /// Association ids: the folders of the root, except `common`, that hold version files.
  public var associations: [String] {
    FileSystem.contents(of: root).filter { name in
      name != "common" && !name.hasPrefix(".") && FileSystem.isDirectory(root + "/" + name)
        && FileSystem.contents(of: root + "/" + name).contains { $0.hasSuffix(".mizan") }
    }
  }

  /// Why this folder cannot be used as a policies folder (it does not exist, or holds no
  /// association's versions), or nil. Commands check it first, so that a wrong `--policies` is
  /// reported as such, not blamed on a record.
  public var folderProblem: SelectionError? {
    guard FileSystem.isDirectory(root) else { return .noPoliciesFolder(root, exists: FileSystem.exists(root)) }
    return associations.isEmpty ? .noPoliciesFolder(root, exists: true) : nil
  }

  /// Paths of an association's version files, oldest first (file names are dates).
  public func versionPaths(of association: String) -> [String] {
    let folder = root + "/" + association
    return FileSystem.contents(of: folder).filter { $0.hasSuffix(".mizan") && !$0.hasPrefix(".") }
      .map { folder + "/" + $0 }
  }

  /// Loads and checks one file; an approved version must match `approvals.lock`.
  ///
  /// `verifyingApproval: false` skips only that comparison, for the commands that report on it
  /// (`mizan versions`, `mizan approve`); nothing evaluates a version loaded that way. With
  /// `analyzing`, the analyses of `mizan check` run too (conflicts, gaps, reachability).
  public func load(_ path: String, verifyingApproval: Bool = true,
                   analyzing: Bool = false) -> Result<LoadedPolicy, PolicyLoadFailure> {
    loader.load(path, verifyingApproval: verifyingApproval, analyzing: analyzing)
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

  /// An association's versions, loaded, with the rule that chooses among them; or why the
  /// association cannot be used (unknown, or the folder holds no policies).
  package func policies(of association: String) -> Result<AssociationPolicies, SelectionError> {
    if let folderProblem { return .failure(folderProblem) }
    let known = associations
    guard known.contains(association) else { return .failure(.unknownAssociation(association, known: known)) }
    let (loaded, failures) = versions(of: association)
    return .success(AssociationPolicies(association: association, versions: loaded, failures: failures,
                                        lock: try? approvals.get(),
                                        missingApproved: approvedVersionsMissing(association: association)))
  }

  /// The version in force on `date` (docs/versions.md, `AssociationPolicies.choose`).
  public func policyInForce(for association: String, on date: CalendarDate,
                            includeDrafts: Bool) -> Result<LoadedPolicy, SelectionError> {
    policies(of: association).flatMap { $0.choose(on: date, includeDrafts: includeDrafts) }
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
  /// The policies folder does not exist, or holds no association's versions.
  case noPoliciesFolder(String, exists: Bool)

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
    case .noPoliciesFolder(let root, let exists):
      let what = exists
        ? LocalizedText(ar: "المجلد `\(root)` لا يحوي سياسات (لا مجلد جمعية فيه ملف .mizan)",
                        en: "the folder `\(root)` holds no policies (no association folder with a .mizan file)")
        : LocalizedText(ar: "مجلد السياسات `\(root)` غير موجود", en: "the policies folder `\(root)` does not exist")
      return LocalizedText(
        ar: what.arabic + "؛ حدّد مجلد السياسات بالخيار --policies DIR أو بالمتغير MIZAN_POLICIES",
        en: what.english + "; point at the policies folder with --policies DIR or MIZAN_POLICIES")
    }
  }
}

extension PolicyStore {
  /// A version file's name inside the policies folder (`raabigh/2024-01-15.mizan`).
  public func displayName(_ path: String) -> String { loader.relativeName(path) }
}
