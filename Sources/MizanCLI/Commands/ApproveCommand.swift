import Mizan

/// `mizan approve FILE`: record an approved version's fingerprint in `approvals.lock`.
enum ApproveCommand: Command {
  static let spec = CommandSpec(
    name: "approve", usage: "mizan approve FILE [--reference TEXT]",
    summary: "Record an approved version's fingerprint in approvals.lock (beside the association folders), "
      + "after checking that it loads cleanly and is approved. Never replaces an existing entry: approved "
      + "versions are frozen. The lock is rewritten atomically.",
    options: [
      OptionSpec(name: "reference", value: "TEXT",
                 help: "the approval reference to record (default: body, meeting and date from the header)"),
    ])

  static func run(_ arguments: Arguments, context: inout CommandContext) -> ExitCode {
    func t(_ arabic: String, _ english: String) -> String { context.language == .arabic ? arabic : english }
    guard arguments.positionals.count == 1, let path = arguments.positionals.first else {
      context.terminal.printError("mizan approve: expected one version file, found \(arguments.positionals.count)\n"
        + "Run `mizan approve --help` for usage.")
      return .usage
    }
    guard Files.exists(path), !Files.isDirectory(path) else {
      context.terminal.printError("mizan approve: " + t("`\(path)` ليس ملفًا", "`\(path)` is not a file"))
      return .usage
    }
    // The lock lives in the policies folder that holds the file: <root>/<association>/<date>.mizan.
    let normalized = Files.normalize(path)
    let located = normalized.split(separator: "/").count >= 3 || normalized.hasPrefix("/") ? normalized
      : Files.absolute(path)
    let store = PolicyStore(root: Files.directory(of: Files.directory(of: located)))
    switch store.approve(located, reference: arguments["reference"]) {
    case .success(.recorded(let entry)):
      context.terminal.print(t(
        "سُجّلت \(entry.association) \(entry.version) في \(store.approvalsPath) (السطر \(entry.line))، البصمة \(entry.fingerprint)",
        "recorded \(entry.association) \(entry.version) in \(store.approvalsPath) (line \(entry.line)): fingerprint \(entry.fingerprint)"))
      return .success
    case .success(.alreadyRecorded(let entry)):
      context.terminal.print(t(
        "\(entry.association) \(entry.version) مسجلة من قبل بالبصمة نفسها في \(store.approvalsPath) (السطر \(entry.line))؛ لم يتغير شيء",
        "\(entry.association) \(entry.version) is already recorded with this fingerprint in \(store.approvalsPath) "
          + "(line \(entry.line)); nothing changed"))
      return .success
    case .failure(let error):
      context.report(error.diagnostics)
      context.terminal.printError("mizan approve: \(error.message[context.language])")
      return .problemsFound
    }
  }
}
