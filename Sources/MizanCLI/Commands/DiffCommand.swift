import Mizan

/// `mizan diff OLD NEW`: what a new version changes in meaning, for the board that approves it.
enum DiffCommand: Command {
  static let spec = CommandSpec(
    name: "diff", usage: "mizan diff OLD.mizan NEW.mizan [--format text|json|md]",
    summary: "Compare two versions of a policy by meaning, not text: rules, parameters, documents, channels, "
      + "citations and header added, removed or changed; a layout-only change is \"no change in meaning\".",
    options: [OptionSpec(name: "format", value: "text|json|md", help: "output format (default: text)")])

  static func run(_ arguments: Arguments, context: inout CommandContext) -> ExitCode {
    let format: String
    do throws(UsageError) {
      format = try arguments.choice("format", among: ["text", "json", "md"], default: "text")
    } catch {
      context.terminal.printError("mizan diff: \(error.message)")
      return .usage
    }
    guard arguments.positionals.count == 2 else {
      context.terminal.printError("mizan diff: " + (context.language == .arabic
        ? "يلزم ملفّا نسختين: القديمة ثم الجديدة (وُجد \(arguments.positionals.count))"
        : "needs two version files, the old then the new (found \(arguments.positionals.count))"))
      return .usage
    }
    var loaded: [LoadedPolicy] = []
    var failed = false
    for path in arguments.positionals {
      guard Files.exists(path), !Files.isDirectory(path) else {
        context.terminal.printError("mizan diff: " + (context.language == .arabic
          ? "`\(path)` ليس ملف نسخة" : "`\(path)` is not a policy version file"))
        return .usage
      }
      // Approval is not checked: a new version is compared before it is approved.
      let store = PolicyStore(root: Files.directory(of: Files.directory(of: path)))
      switch store.load(path, verifyingApproval: false) {
      case .success(let policy): loaded.append(policy)
      case .failure(let failure):
        context.report(failure.diagnostics)
        failed = true
      }
    }
    guard !failed, loaded.count == 2 else { return .policyError }
    let diff = PolicyDiff(old: loaded[0], new: loaded[1])
    let report = DiffReport(diff: diff, language: context.language)
    switch format {
    case "json": context.terminal.print(report.json)
    case "md": context.terminal.print(report.markdown)
    default: context.terminal.print(report.text)
    }
    return .success
  }
}
