import MizanChecker
import MizanCore
import MizanSyntax

/// Reads a version file and the files it includes, parses and checks them (names, types, units:
/// what evaluation needs; the policy-wide analysis of `mizan check` is not run here).
package struct PolicyLoader {
  /// The policies folder; file names in outcomes are relative to it, and includes stay inside it.
  package let root: String
  /// Texts to read instead of the files on disk, by absolute path: the unsaved buffers of an
  /// editor (`mizan lsp`), so a version is checked as it is being typed, includes and all.
  package var unsavedTexts: [String: [UInt8]] = [:]

  package init(root: String) { self.root = root }

  /// Loads and checks the version at `path`, and, unless `verifyingApproval` is false, compares
  /// an approved version's fingerprint with `approvals.lock` (approved means frozen). With
  /// `analyzing`, also runs the analyses of docs/analysis.md (conflicts, gaps, reachability).
  package func load(_ path: String, verifyingApproval: Bool = true,
                    analyzing: Bool = false) -> Result<LoadedPolicy, PolicyLoadFailure> {
    var diagnostics: [Diagnostic] = []
    guard let main = parse(path, includedFrom: nil, diagnostics: &diagnostics) else {
      return .failure(PolicyLoadFailure(diagnostics: diagnostics, path: path, header: nil))
    }
    let header = main.header.map(LoadedHeader.init)
    var includes: [PolicyFile] = []
    var visiting: [FileStatus] = identity(of: path).map { [$0] } ?? []
    var loaded: [FileStatus] = visiting
    collectIncludes(of: main, within: includeBoundary(for: path), into: &includes, visiting: &visiting,
                    loaded: &loaded, diagnostics: &diagnostics)
    let files = [main] + includes
    if diagnostics.containsErrors {
      return .failure(PolicyLoadFailure(diagnostics: diagnostics.sortedForDisplay(), path: path, header: header,
                                        files: files))
    }
    var sources = PolicySources(main: main, includes: includes)
    sources.vocabularies = readVocabularies(of: [main] + includes, boundary: includeBoundary(for: path),
                                            diagnostics: &diagnostics)
    if diagnostics.containsErrors {
      return .failure(PolicyLoadFailure(diagnostics: diagnostics.sortedForDisplay(), path: path, header: header,
                                        files: files))
    }
    switch Checker.check(sources, analyzing: analyzing) {
    case .failure(let failure):
      return .failure(PolicyLoadFailure(diagnostics: (diagnostics + failure.diagnostics).sortedForDisplay(), path: path,
                                        header: header, files: files))
    case .success(var checked):
      if analyzing {
        // Fidelity to the approved text is `mizan check`'s to judge, with the analyses.
        let fidelity = CitationCheck.diagnostics(for: checked, header: main.header, versionPath: path,
                                                 boundary: includeBoundary(for: path))
        if fidelity.containsErrors {
          return .failure(PolicyLoadFailure(diagnostics: (diagnostics + checked.warnings + fidelity).sortedForDisplay(),
                                            path: path, header: header, files: files))
        }
        diagnostics += fidelity
      }
      checked.warnings = (diagnostics + checked.warnings).sortedForDisplay()
      let loadedPolicy = LoadedPolicy(checked: checked, path: path)
      if let mismatch = placementErrors(loadedPolicy, path: path, header: main.header) {
        return .failure(PolicyLoadFailure(diagnostics: mismatch, path: path, header: header, files: files))
      }
      if verifyingApproval {
        let problems = approvalProblems(loadedPolicy)
        if !problems.isEmpty {
          return .failure(PolicyLoadFailure(diagnostics: (checked.warnings + problems).sortedForDisplay(), path: path,
                                            header: header, files: files))
        }
      }
      return .success(loadedPolicy)
    }
  }

  /// What is wrong with a version against the policies folder's `approvals.lock`: a changed
  /// approved version, an approved version not recorded, a draft recorded as approved, or a
  /// lock that cannot be read (which matters only to approved versions).
  func approvalProblems(_ policy: LoadedPolicy) -> [Diagnostic] {
    switch ApprovalsLock.read(root: root) {
    case .failure(let failure): return policy.isDraft ? [] : failure.diagnostics
    case .success(let lock): return lock.problems(with: policy)
    }
  }

  /// A version in `<root>/<association>/<date>.mizan` must say that association and date.
  func placementErrors(_ policy: LoadedPolicy, path: String, header: PolicyHeader?) -> [Diagnostic]? {
    guard let header, relativeName(path) != path else { return nil }
    let parts = relativeName(path).split(separator: "/")
    guard parts.count == 2 else { return nil }
    var errors: [Diagnostic] = []
    if parts[0] != "common", parts[0] != policy.association {
      errors.append(Diagnostic(.associationMismatch(policy.association, folder: String(parts[0])),
                               at: header.association.span))
    }
    let expected = policy.effective.iso + ".mizan"
    if parts[1] != expected {
      errors.append(Diagnostic(.effectiveMismatch(policy.effective.iso, fileName: String(parts[1])),
                               at: header.span))
    }
    return errors.isEmpty ? nil : errors
  }

  /// Reads and parses one file. Only regular files are opened: a FIFO would block forever, a
  /// device could be endless.
  func parse(_ path: String, includedFrom include: Include?, diagnostics: inout [Diagnostic]) -> PolicyFile? {
    let bytes: [UInt8]
    do throws(FileError) {
      if let unsaved = unsavedTexts[FileSystem.absolute(path)] {
        bytes = unsaved
      } else {
        bytes = try FileSystem.readFile(path, maxBytes: ParserLimits.maxPolicyBytes + 1)
      }
    } catch {
      let message: DiagnosticMessage = switch error.problem {
      case .noSuchFile where include != nil: .includeNotFound(include?.path.value ?? path)
      case .notARegularFile(let kind): .notARegularFile(relativeName(path), kind: kind.name)
      default: .unreadableFile(relativeName(path), error.reason)
      }
      diagnostics.append(Diagnostic(message, at: include?.path.span))
      return nil
    }
    let file = SourceFile(path: path, bytes: bytes, name: relativeName(path))
    let (parsed, parseDiagnostics) = Parser.parse(file)
    diagnostics += parseDiagnostics
    return parsed
  }

  /// Includes of includes first, each file once. Files are told apart by identity (device and
  /// inode), not by path, so a loop through symbolic links is the cycle it is; and an include
  /// must stay inside the policies folder.
  func collectIncludes(of file: PolicyFile, within boundary: String, into includes: inout [PolicyFile],
                       visiting: inout [FileStatus], loaded: inout [FileStatus], diagnostics: inout [Diagnostic]) {
    for include in file.includes {
      let path = FileSystem.normalize(FileSystem.directory(of: file.source.path) + "/" + include.path.value)
      guard Self.isInside(path, boundary) else {
        diagnostics.append(Diagnostic(.includeOutsideFolder(include.path.value), at: include.path.span,
                                      help: LocalizedText(
                                        ar: "الملفات المشتركة مكانها مجلد السياسات نفسه، مثل `../common/…`",
                                        en: "shared clauses live inside the policies folder, such as `../common/…`")))
        continue
      }
      guard let identity = identity(of: path) else {
        _ = parse(path, includedFrom: include, diagnostics: &diagnostics)
        continue
      }
      if visiting.contains(where: { $0.isSameFile(as: identity) }) {
        diagnostics.append(Diagnostic(.includeCycle(include.path.value), at: include.path.span))
        continue
      }
      guard !loaded.contains(where: { $0.isSameFile(as: identity) }) else { continue }
      loaded.append(identity)
      guard let parsed = parse(path, includedFrom: include, diagnostics: &diagnostics) else { continue }
      visiting.append(identity)
      collectIncludes(of: parsed, within: boundary, into: &includes, visiting: &visiting, loaded: &loaded,
                      diagnostics: &diagnostics)
      visiting.removeLast()
      includes.append(parsed)
    }
  }

  /// The values of every `vocabulary … from "file"` of the files, read from beside the file that
  /// names them and inside the policies folder; what cannot be read is a diagnostic.
  func readVocabularies(of files: [PolicyFile], boundary: String,
                        diagnostics: inout [Diagnostic]) -> [VocabularyKey: [String]] {
    var result: [VocabularyKey: [String]] = [:]
    for file in files {
      for declaration in file.declarations {
        guard case .vocabulary(let written) = declaration.kind else { continue }
        let path = FileSystem.normalize(FileSystem.directory(of: file.source.path) + "/" + written.value)
        guard Self.isInside(path, boundary) else {
          diagnostics.append(Diagnostic(.vocabularyOutsideFolder(written.value), at: written.span))
          continue
        }
        do {
          let text = try FileSystem.readText(path, maxBytes: Self.maxVocabularyBytes)
          result[VocabularyKey(declaringFile: file.source.path, path: written.value)] = VocabularyText.values(inFile: text)
        } catch {
          diagnostics.append(Diagnostic(.vocabularyUnreadable(written.value, error.reason), at: written.span))
        }
      }
    }
    return result
  }

  /// The largest vocabulary file read (a list of villages or countries is a few kilobytes).
  static let maxVocabularyBytes = 4 << 20

  /// The file at `path`, links followed, or nil when there is none.
  func identity(of path: String) -> FileStatus? {
    if case .success(let status) = FileStatus.of(path) { return status }
    return nil
  }

  /// The folder a version's includes must stay in: the policies folder, for a version in it; for
  /// a file checked on its own elsewhere, the folder that stands for one (two levels up, as in
  /// `<policies>/<association>/<date>.mizan`).
  func includeBoundary(for path: String) -> String {
    let folder = FileSystem.absolute(FileSystem.resolvingLinks(root))
    let file = FileSystem.absolute(FileSystem.resolvingLinks(path))
    if file.hasPrefix(folder + "/") { return folder }
    return FileSystem.directory(of: FileSystem.directory(of: file))
  }

  /// Whether `path` lies inside `folder`, once symbolic links are resolved.
  static func isInside(_ path: String, _ folder: String) -> Bool {
    folder == "/" || resolved(FileSystem.absolute(path)).hasPrefix(folder + "/")
  }

  /// An absolute path with its links resolved; for a file that does not exist, its nearest
  /// existing folder's links.
  static func resolved(_ path: String) -> String {
    if FileSystem.exists(path) { return FileSystem.resolvingLinks(path) }
    let parent = FileSystem.directory(of: path)
    guard parent != path, parent != "/" else { return path }
    return resolved(parent) + "/" + FileSystem.fileName(of: path)
  }

  /// The path inside the policies folder (`raabigh/2024-01-15.mizan`), or the path itself
  /// when the file lies outside it.
  package func relativeName(_ path: String) -> String {
    let normalizedRoot = FileSystem.absolute(root)
    let normalizedPath = FileSystem.absolute(path)
    let prefix = normalizedRoot == "/" ? "/" : normalizedRoot + "/"
    guard normalizedPath.hasPrefix(prefix) else { return FileSystem.normalize(path) }
    return String(normalizedPath.dropFirst(prefix.count))
  }
}

/// What a version's header says, as far as it could be read: enough to tell, of a version that
/// does not load, whether it could be the one in force.
package struct LoadedHeader: Sendable, Hashable {
  package var effective: CalendarDate?
  package var isDraft: Bool

  init(_ header: PolicyHeader) {
    if case .date(let date, _)? = header.effective { effective = date } else { effective = nil }
    if case .draft? = header.status { isDraft = true } else { isDraft = false }
  }
}
