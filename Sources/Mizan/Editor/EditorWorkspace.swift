import MizanCore
import MizanSyntax

/// What checking one open file found: its diagnostics (as `mizan check` reports them) and the
/// names of the files it is made of.
package struct EditorAnalysis: Sendable {
  package var diagnostics: [Diagnostic]
  package var index: EditorIndex
  /// Whether the file is a version (it has a `policy` header), not a file of shared clauses.
  package var isVersion: Bool
  /// Absolute paths of the files read: the file itself and, for a version, its includes.
  package var paths: Set<String> { Set(index.files.map { FileSystem.absolute($0.source.path) }) }
}

/// The files open in an editor, their unsaved texts, and what checking each of them found.
///
/// A version is checked as `mizan check` checks it (the analyses and `approvals.lock`
/// included), reading the open texts in place of the files on disk, so a change to an open
/// shared-clause file is seen by the open versions that include it. A file without a header
/// (shared clauses) is only parsed on its own; the versions that include it report the rest.
package struct EditorWorkspace: Sendable {
  package struct OpenDocument: Sendable {
    package var text: EditorText
    package var version: Int
  }

  /// By absolute path.
  package private(set) var documents: [String: OpenDocument] = [:]
  package private(set) var analyses: [String: EditorAnalysis] = [:]

  package init() {}

  package mutating func open(_ path: String, text: String, version: Int) {
    documents[path] = OpenDocument(text: EditorText(text), version: version)
  }

  /// Applies a client's changes in order: each a range and its new text, or a whole new text.
  package mutating func change(_ path: String, version: Int, changes: [(range: EditorRange?, text: String)]) {
    guard var document = documents[path] else { return }
    for change in changes { document.text.replace(change.range, with: change.text) }
    document.version = version
    documents[path] = document
  }

  package mutating func close(_ path: String) {
    documents[path] = nil
    analyses[path] = nil
  }

  /// The open files to check again after `path` changed: itself and the open versions that
  /// read it.
  package func affected(by path: String) -> [String] {
    let readers = analyses.filter { $0.key != path && $0.value.paths.contains(path) }.map(\.key)
    return (documents[path] == nil ? [] : [path]) + readers.sorted()
  }

  /// Checks an open file again and keeps what was found.
  package mutating func analyze(_ path: String) {
    guard let document = documents[path] else { return }
    let (parsed, syntax) = Parser.parse(SourceFile(path: path, bytes: document.text.bytes, name: path))
    guard let header = parsed.header else {
      analyses[path] = EditorAnalysis(diagnostics: syntax.sortedForDisplay(), index: EditorIndex(files: [parsed]),
                                      isVersion: false)
      return
    }
    // The policies folder of `<policies>/<association>/<date>.mizan`, as for `mizan check FILE`.
    var loader = PolicyLoader(root: FileSystem.directory(of: FileSystem.directory(of: path)))
    loader.unsavedTexts = documents.mapValues(\.text.bytes)
    var analysis: EditorAnalysis
    switch loader.load(path, analyzing: true) {
    case .success(let policy):
      analysis = EditorAnalysis(diagnostics: policy.warnings, index: EditorIndex(files: policy.checked.files),
                                isVersion: true)
    case .failure(let failure):
      analysis = EditorAnalysis(diagnostics: failure.diagnostics,
                                index: EditorIndex(files: failure.files.isEmpty ? [parsed] : failure.files),
                                isVersion: true)
    }
    if let locked = lockWarning(header, root: loader.root) { analysis.diagnostics.insert(locked, at: 0) }
    analyses[path] = analysis
  }

  /// An approved version recorded in `approvals.lock` is frozen: say so on its header, so the
  /// administrator knows before typing that a change in meaning makes `mizan check` fail.
  func lockWarning(_ header: PolicyHeader, root: String) -> Diagnostic? {
    guard case .approved? = header.status, let version = header.version?.value,
      case .success(let lock) = ApprovalsLock.read(root: root),
      let entry = lock.entry(association: header.association.name, version: version)
    else { return nil }
    let help = LocalizedText(ar: "لتغيير المعنى أنشئ ملف نسخة جديدة بتاريخ سريان لاحق",
                             en: "to change its meaning, make a new version file with a later effective date")
    return Diagnostic(.approvedVersionLocked(entry.association, entry.version, fingerprint: entry.fingerprint),
                      at: header.association.span, help: help)
  }

  /// The diagnostics to show in one file: its own, and those the open versions that read it
  /// found in it, each once. Diagnostics with no place belong to the file that was checked.
  package func diagnostics(in path: String) -> [Diagnostic] {
    var seen: Set<String> = []
    var result: [Diagnostic] = []
    let sources = ([path] + analyses.keys.filter { $0 != path }.sorted()).compactMap { key in
      analyses[key].map { (key, $0) }
    }
    for (checked, analysis) in sources {
      for diagnostic in analysis.diagnostics {
        let place = diagnostic.span.map { FileSystem.absolute($0.file.path) } ?? checked
        guard place == path else { continue }
        let key = "\(diagnostic.id) \(diagnostic.span?.range.description ?? "") \(diagnostic.message.text.english)"
        if seen.insert(key).inserted { result.append(diagnostic) }
      }
    }
    return result
  }

  /// The files that have diagnostics from the current analyses or are open.
  package var pathsWithDiagnostics: Set<String> {
    var paths = Set(documents.keys)
    for (checked, analysis) in analyses {
      for diagnostic in analysis.diagnostics {
        paths.insert(diagnostic.span.map { FileSystem.absolute($0.file.path) } ?? checked)
      }
    }
    return paths
  }

  /// The names to answer questions about a file with: an open version's that reads it when the
  /// file is shared clauses (its names are used there), otherwise its own.
  package func index(for path: String) -> EditorIndex? {
    guard let own = analyses[path] else { return nil }
    if own.isVersion { return own.index }
    let reader = analyses.keys.sorted().first { key in
      analyses[key].map { $0.isVersion && $0.paths.contains(path) } ?? false
    }
    return reader.flatMap { analyses[$0]?.index } ?? own.index
  }
}
