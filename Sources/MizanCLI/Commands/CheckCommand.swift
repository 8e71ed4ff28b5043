import Mizan

/// `mizan check [PATH…]`: parse and check policies, list warnings, count cited and assumed rules.
enum CheckCommand: Command {
  static let spec = CommandSpec(
    name: "check", usage: "mizan check [PATH…] [--assumed]",
    summary: "Parse and check policy versions (a file, an association folder or the policies folder); "
      + "report errors and warnings with file:line:col, and how many rules cite the approved text.",
    options: [OptionSpec(name: "assumed", value: nil, help: "list the rules that are assumed, with their rationale")])

  static func run(_ arguments: Arguments, context: inout CommandContext) -> ExitCode {
    let paths = arguments.positionals.isEmpty ? [context.policiesRoot] : arguments.positionals
    var checked = 0
    var failed = 0
    var warnings = 0
    for path in paths {
      guard let found = PolicyDiscovery.versionFiles(at: path) else {
        context.terminal.printError("mizan check: `\(path)` is not a policy file or folder")
        return .usage
      }
      let store = PolicyStore(root: found.root)
      for file in found.files {
        checked += 1
        switch store.load(file) {
        case .failure(let failure):
          failed += 1
          context.report(failure.diagnostics)
          let errors = failure.diagnostics.filter(\.isError).count
          context.terminal.print("\(store.displayName(file)): \(errors) error\(errors == 1 ? "" : "s")")
        case .success(let policy):
          warnings += policy.warnings.count
          context.report(policy.warnings)
          context.terminal.print(summaryLine(policy, name: store.displayName(file), language: context.language))
          if arguments.has("assumed") {
            for entry in policy.provenance where entry.isAssumed {
              context.terminal.print("    assumed \(entry.kind) \(entry.name) (\(entry.location)): \(entry.text)")
            }
          }
        }
      }
    }
    let summary = "checked \(checked) polic\(checked == 1 ? "y" : "ies"): \(failed) with errors, "
      + "\(warnings) warning\(warnings == 1 ? "" : "s")"
    context.terminal.print(summary)
    return failed > 0 ? .problemsFound : .success
  }

  static func summaryLine(_ policy: LoadedPolicy, name: String, language: Language) -> String {
    let entries = policy.provenance
    let assumed = entries.filter(\.isAssumed).count
    let status = policy.isDraft ? "DRAFT" : "approved"
    return "\(name): ok (\(policy.association) \(policy.version), \(status)) — \(entries.count) rules: "
      + "\(entries.count - assumed) cite the approved text, \(assumed) assumed — fingerprint \(policy.fingerprint.prefix(16))"
  }
}

/// Finds version files under a path and the policies folder they belong to.
enum PolicyDiscovery {
  /// A file, an association folder, or a policies folder (skipping `common/` and `tests/`).
  static func versionFiles(at path: String) -> (root: String, files: [String])? {
    if !FileSystem.isDirectory(path) {
      guard FileSystem.exists(path) else { return nil }
      return (FileSystem.directory(of: FileSystem.directory(of: path)), [path])
    }
    let entries = FileSystem.contents(of: path)
    let own = entries.filter { $0.hasSuffix(".mizan") }.map { path + "/" + $0 }
    if !own.isEmpty || FileSystem.fileName(of: FileSystem.normalize(path)) == "common" {
      return (FileSystem.directory(of: FileSystem.normalize(path)), own)
    }
    var files: [String] = []
    for entry in entries where entry != "common" && !entry.hasPrefix(".") && FileSystem.isDirectory(path + "/" + entry) {
      files += FileSystem.contents(of: path + "/" + entry).filter { $0.hasSuffix(".mizan") }
        .map { path + "/" + entry + "/" + $0 }
    }
    return (path, files)
  }
}
