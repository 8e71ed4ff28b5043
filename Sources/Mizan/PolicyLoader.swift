import MizanChecker
import MizanCore
import MizanSyntax

/// Reads a version file and the files it includes, parses and checks them.
package struct PolicyLoader {
  /// The policies folder; file names in outcomes are relative to it.
  package let root: String

  package init(root: String) { self.root = root }

  /// Loads and checks the version at `path`, and, unless `verifyingApproval` is false, compares
  /// an approved version's fingerprint with `approvals.lock` (approved means frozen).
  package func load(_ path: String, verifyingApproval: Bool = true) -> Result<LoadedPolicy, PolicyLoadFailure> {
    var diagnostics: [Diagnostic] = []
    guard let main = parse(path, includedFrom: nil, diagnostics: &diagnostics) else {
      return .failure(PolicyLoadFailure(diagnostics: diagnostics))
    }
    var includes: [PolicyFile] = []
    var visiting: [String] = [FileSystem.normalize(path)]
    var loaded: Set<String> = [FileSystem.normalize(path)]
    collectIncludes(of: main, into: &includes, visiting: &visiting, loaded: &loaded, diagnostics: &diagnostics)
    if diagnostics.containsErrors { return .failure(PolicyLoadFailure(diagnostics: diagnostics.sortedForDisplay())) }
    switch Checker.check(PolicySources(main: main, includes: includes)) {
    case .failure(let failure):
      return .failure(PolicyLoadFailure(diagnostics: (diagnostics + failure.diagnostics).sortedForDisplay()))
    case .success(var checked):
      checked.warnings = (diagnostics + checked.warnings).sortedForDisplay()
      let fingerprint = Fingerprint.of([main.source] + includes.map(\.source))
      let loadedPolicy = LoadedPolicy(checked: checked, fingerprint: fingerprint, path: path)
      if let mismatch = placementErrors(loadedPolicy, path: path, header: main.header) {
        return .failure(PolicyLoadFailure(diagnostics: mismatch))
      }
      if verifyingApproval {
        let problems = approvalProblems(loadedPolicy)
        if !problems.isEmpty {
          return .failure(PolicyLoadFailure(diagnostics: (checked.warnings + problems).sortedForDisplay()))
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

  func parse(_ path: String, includedFrom include: Include?, diagnostics: inout [Diagnostic]) -> PolicyFile? {
    let bytes: [UInt8]
    do {
      bytes = try FileSystem.readBytes(path, maxBytes: ParserLimits.maxPolicyBytes + 1)
    } catch {
      let message: DiagnosticMessage = include != nil && !FileSystem.exists(path)
        ? .includeNotFound(include?.path.value ?? path)
        : .unreadableFile(path, FileSystem.exists(path) ? "\(error.localizedDescription)" : "no such file")
      diagnostics.append(Diagnostic(message, at: include?.path.span))
      return nil
    }
    let file = SourceFile(path: path, bytes: bytes, name: relativeName(path))
    let (parsed, parseDiagnostics) = Parser.parse(file)
    diagnostics += parseDiagnostics
    return parsed
  }

  /// Includes of includes first, each file once; a file that includes itself is an error.
  func collectIncludes(of file: PolicyFile, into includes: inout [PolicyFile], visiting: inout [String],
                       loaded: inout Set<String>, diagnostics: inout [Diagnostic]) {
    for include in file.includes {
      let path = FileSystem.normalize(FileSystem.directory(of: file.source.path) + "/" + include.path.value)
      if visiting.contains(path) {
        diagnostics.append(Diagnostic(.includeCycle(include.path.value), at: include.path.span))
        continue
      }
      guard !loaded.contains(path) else { continue }
      loaded.insert(path)
      guard let parsed = parse(path, includedFrom: include, diagnostics: &diagnostics) else { continue }
      visiting.append(path)
      collectIncludes(of: parsed, into: &includes, visiting: &visiting, loaded: &loaded, diagnostics: &diagnostics)
      visiting.removeLast()
      includes.append(parsed)
    }
  }

  /// The path inside the policies folder (`raabigh/2024-01-15.mizan`), or the path itself
  /// when the file lies outside it.
  package func relativeName(_ path: String) -> String {
    let normalizedRoot = FileSystem.absolute(root)
    let normalizedPath = FileSystem.absolute(path)
    let prefix = normalizedRoot.isEmpty ? "" : normalizedRoot + "/"
    guard normalizedPath.hasPrefix(prefix) else { return FileSystem.normalize(path) }
    return String(normalizedPath.dropFirst(prefix.count))
  }
}
