import Mizan

/// `mizan check [PATH…]`: parse and check policies, list warnings, count cited and assumed rules.
enum CheckCommand: Command {
  static let spec = CommandSpec(
    name: "check", usage: "mizan check [PATH…] [--assumed]",
    summary: "Parse and check policy versions (a file, an association folder or the policies folder); "
      + "report errors and warnings with file:line:col, and how many rules cite the approved text; "
      + "compare approved versions with approvals.lock.",
    options: [OptionSpec(name: "assumed", value: nil, help: "list the rules that are assumed, with their rationale")])

  static func run(_ arguments: Arguments, context: inout CommandContext) -> ExitCode {
    let paths = arguments.positionals.isEmpty ? [context.policiesRoot] : arguments.positionals
    var checked = 0
    var failed = 0
    var warnings = 0
    var lockProblems = 0
    var locksReported: Set<String> = []
    for path in paths {
      guard let found = PolicyDiscovery.versionFiles(at: path) else {
        context.terminal.printError("mizan check: " + context.t("`\(path)` ليس ملف سياسة ولا مجلدًا لها",
                                                                "`\(path)` is not a policy file or folder"))
        return .usage
      }
      let store = PolicyStore(root: found.root)
      // A broken lock is reported once, not with every approved version it keeps from loading.
      let lockPath = store.approvalsPath
      var lockMessages: Set<String> = []
      if case .failure(let failure) = store.approvals {
        // An unreadable lock has no span to tell its diagnostics apart: they are known by text.
        lockMessages = Set(failure.diagnostics.map { $0.id.rawValue + " " + $0.message.text.english })
        if !locksReported.contains(Files.absolute(lockPath)) {
          locksReported.insert(Files.absolute(lockPath))
          lockProblems += failure.diagnostics.filter(\.isError).count
          context.report(failure.diagnostics)
        }
      }
      for file in found.files {
        checked += 1
        switch store.load(file, analyzing: true) {
        case .failure(let failure):
          failed += 1
          let own = failure.diagnostics.filter {
            $0.span?.file.path != lockPath && !lockMessages.contains($0.id.rawValue + " " + $0.message.text.english)
          }
          context.report(own)
          let errors = own.filter(\.isError).count
          if errors == 0 {
            context.terminal.print("\(store.displayName(file)): "
              + (context.language == .arabic ? "تتعذر مطابقتها: في سجل الاعتماد أخطاء"
                                              : "cannot be verified: approvals.lock has errors"))
          } else {
            context.terminal.print("\(store.displayName(file)): " + context.counted(errors, ("error", "errors"), errorNoun))
          }
        case .success(let policy):
          warnings += policy.warnings.filter { $0.severity == .warning }.count
          context.report(policy.warnings)
          context.terminal.print(summaryLine(policy, name: store.displayName(file), language: context.language))
          if arguments.has("assumed") {
            let word = context.language == .arabic ? "مفترضة" : "assumed"
            for entry in policy.provenance.filter(\.isAssumed) + policy.supportingAssumptions {
              context.terminal.print("    \(word) \(entry.kind) \(entry.name) (\(entry.location)): \(entry.text)")
            }
          }
        }
      }
      if let scope = lockScope(of: path, root: found.root) {
        let missing = store.approvedVersionsMissing(association: scope.association)
        lockProblems += missing.count
        context.report(missing)
      }
    }
    context.terminal.print(summary(checked: checked, failed: failed, warnings: warnings, lockProblems: lockProblems,
                                   context: context))
    return failed > 0 || lockProblems > 0 ? .problemsFound : .success
  }

  static let errorNoun = ArabicCountedNoun(one: "خطأ واحد", two: "خطآن", few: "أخطاء", many: "خطأً", other: "خطأ")

  /// The last line: how many versions were checked, how many failed, the warnings, the lock's problems.
  static func summary(checked: Int, failed: Int, warnings: Int, lockProblems: Int, context: CommandContext) -> String {
    if context.language == .arabic {
      // "label: number" keeps each count clear of the agreement a counted noun would need.
      var text = "السياسات المفحوصة: \(checked) — ذات أخطاء: \(failed)، التحذيرات: \(warnings)"
      if lockProblems > 0 { text += "، مشكلات في approvals.lock: \(lockProblems)" }
      return text
    }
    var text = "checked \(checked) polic\(checked == 1 ? "y" : "ies"): \(failed) with errors, "
      + "\(warnings) warning\(warnings == 1 ? "" : "s")"
    if lockProblems > 0 { text += ", \(lockProblems) problem\(lockProblems == 1 ? "" : "s") in approvals.lock" }
    return text
  }

  /// Which lock entries a checked path answers for: all of them for a policies folder, one
  /// association's for its folder, none for a single file (nil).
  static func lockScope(of path: String, root: String) -> LockScope? {
    guard Files.isDirectory(path) else { return nil }
    if Files.normalize(path) == Files.normalize(root) { return .allAssociations }
    let folder = Files.fileName(of: Files.normalize(path))
    return folder == "common" ? nil : .association(folder)
  }

  /// The lock entries a check answers for.
  enum LockScope {
    case allAssociations
    case association(String)

    var association: String? {
      if case .association(let name) = self { return name }
      return nil
    }
  }

  /// How many rules cite the text and how many are assumed; a draft's text is not approved, so
  /// its quotes cite "the text", not "the approved text".
  static func summaryLine(_ policy: LoadedPolicy, name: String, language: Language) -> String {
    let entries = policy.provenance
    let assumed = entries.filter(\.isAssumed).count
    let cited = entries.count - assumed
    let fingerprint = policy.fingerprint.prefix(16)
    // What `--assumed` lists after the rules: assumptions on facts, documents and derived values.
    let supporting = policy.supportingAssumptions.count
    if language == .arabic {
      let status = policy.isDraft ? "مسودة" : "معتمدة"
      let source = policy.isDraft ? "تقتبس النص (غير المعتمد)" : "تقتبس النص المعتمد"
      let more = supporting > 0 ? "، وافتراضات أخرى على بيانات أو مستندات أو قيم مشتقة: \(supporting)" : ""
      return "\(name): سليمة (\(policy.association) \(policy.version)، \(status)) — القواعد: \(entries.count)، منها "
        + "\(cited) \(source) و\(assumed) مفترضة\(more) — البصمة \(fingerprint)"
    }
    let status = policy.isDraft ? "DRAFT" : "approved"
    let source = policy.isDraft ? "cite the text (not approved)" : "cite the approved text"
    let more = supporting > 0 ? "; \(supporting) more assumed on facts, documents or derived values" : ""
    return "\(name): ok (\(policy.association) \(policy.version), \(status)) — \(entries.count) rules: "
      + "\(cited) \(source), \(assumed) assumed\(more) — fingerprint \(fingerprint)"
  }
}

/// Finds version files under a path and the policies folder they belong to.
enum PolicyDiscovery {
  /// A file, an association folder, or a policies folder (skipping `common/` and `tests/`).
  static func versionFiles(at path: String) -> (root: String, files: [String])? {
    if !Files.isDirectory(path) {
      guard Files.exists(path) else { return nil }
      return (Files.directory(of: Files.directory(of: path)), [path])
    }
    let entries = Files.contents(of: path)
    let own = entries.filter { $0.hasSuffix(".mizan") }.map { path + "/" + $0 }
    if !own.isEmpty || Files.fileName(of: Files.normalize(path)) == "common" {
      return (Files.directory(of: Files.normalize(path)), own)
    }
    var files: [String] = []
    for entry in entries where entry != "common" && !entry.hasPrefix(".") && Files.isDirectory(path + "/" + entry) {
      files += Files.contents(of: path + "/" + entry).filter { $0.hasSuffix(".mizan") }
        .map { path + "/" + entry + "/" + $0 }
    }
    return (path, files)
  }
}
