import Foundation
import Mizan

/// What every command gets: the terminal, the language and the policies folder.
struct CommandContext {
  var terminal: Terminal
  let language: Language
  let policiesRoot: String
  let useColorOnStandardError: Bool

  var store: PolicyStore { PolicyStore(root: policiesRoot) }

  /// A message in the chosen language: every sentence a command prints is written in both.
  func t(_ arabic: String, _ english: String) -> String { language == .arabic ? arabic : english }

  /// `2 errors`, `خطآن`: a count with its noun, agreeing with the number in either language.
  func counted(_ count: Int, _ english: (one: String, other: String), _ arabic: ArabicCountedNoun) -> String {
    language == .arabic ? arabic.counted(count) : "\(count) \(count == 1 ? english.one : english.other)"
  }

  /// Renders diagnostics to stderr in the chosen language.
  mutating func report(_ diagnostics: [Diagnostic]) {
    guard !diagnostics.isEmpty else { return }
    var renderer = DiagnosticRenderer()
    renderer.language = language
    renderer.useColor = useColorOnStandardError
    terminal.printError(renderer.render(diagnostics))
  }
}

/// A subcommand of `mizan`.
protocol Command: SendableMetatype {
  static var spec: CommandSpec { get }
  static func run(_ arguments: Arguments, context: inout CommandContext) -> ExitCode
}

/// A command as data, so dispatch needs no existential metatypes.
struct CommandEntry: Sendable {
  let spec: CommandSpec
  let run: @Sendable (Arguments, inout CommandContext) -> ExitCode

  init<C: Command>(_ command: C.Type) {
    spec = C.spec
    run = { arguments, context in C.run(arguments, context: &context) }
  }
}

/// `mizan <command> …`: dispatch, `--help`, and usage errors.
enum MizanCommand {
  static let commands = [
    CommandEntry(CheckCommand.self),
    CommandEntry(EvalCommand.self),
    CommandEntry(BatchCommand.self),
    CommandEntry(FmtCommand.self),
    CommandEntry(TestCommand.self),
    CommandEntry(VersionsCommand.self),
    CommandEntry(ApproveCommand.self),
    CommandEntry(ReplayCommand.self),
    CommandEntry(ImpactCommand.self),
    CommandEntry(DiffCommand.self),
    CommandEntry(LogCommand.self),
    CommandEntry(ReportCommand.self),
    CommandEntry(SchemaCommand.self),
    CommandEntry(TemplateCommand.self),
    CommandEntry(ServeCommand.self),
    CommandEntry(LSPCommand.self),
  ]

  static var overview: String {
    var lines = [
      "mizan — eligibility verdicts and document checklists from associations' approved policies", "",
      "usage: mizan <command> [options]", "", "commands:",
    ]
    for command in commands {
      lines.append("  " + command.spec.name.padding(toLength: 10, withPad: " ", startingAt: 0) + command.spec.summary)
    }
    lines += ["", "Run `mizan <command> --help` for a command's options; `mizan --version` prints the engine version.",
              "Exit codes: 0 success, 1 problems found, 2 usage, 3 bad record, 4 policy error."]
    return lines.joined(separator: "\n")
  }

  static func run(_ argv: [String], terminal: inout Terminal) -> ExitCode {
    guard let name = argv.first, name != "--help", name != "-h", name != "help" else {
      terminal.print(overview)
      return argv.isEmpty ? .usage : .success
    }
    if name == "--version" {
      // The version every log entry records as `engine_version`.
      terminal.print("mizan \(MizanVersion.current)")
      return argv.count == 1 ? .success : .usage
    }
    guard let command = commands.first(where: { $0.spec.name == name }) else {
      let hint = Suggestions.nearest(to: name, among: commands.map(\.spec.name)).map { "; did you mean `\($0)`?" }
      terminal.printError("mizan: unknown command `\(name)`\(hint ?? "")\n\n\(overview)")
      return .usage
    }
    do throws(UsageError) {
      let arguments = try Arguments(Array(argv.dropFirst()), spec: command.spec)
      if arguments.has("help") {
        terminal.print(command.spec.helpText)
        return .success
      }
      var context = CommandContext(
        terminal: terminal, language: try arguments.language(), policiesRoot: policiesRoot(arguments),
        useColorOnStandardError: Terminal.usesColor(descriptor: 2))
      let code = command.run(arguments, &context)
      terminal = context.terminal
      return code
    } catch {
      terminal.printError("mizan \(name): \(error.message)\nRun `mizan \(name) --help` for usage.")
      return .usage
    }
  }

  /// `--policies DIR`, then `MIZAN_POLICIES`, then `./policies` (README).
  static func policiesRoot(_ arguments: Arguments) -> String {
    if let flag = arguments["policies"] { return flag }
    if let environment = ProcessInfo.processInfo.environment["MIZAN_POLICIES"], !environment.isEmpty {
      return environment
    }
    return "policies"
  }
}
