import Mizan

/// `mizan eval FILE.json`: the verdict and checklist for one application.
enum EvalCommand: Command {
  static let spec = CommandSpec(
    name: "eval", usage: "mizan eval FILE.json [--as-of DATE] [--format text|json] [--lang ar|en] [--draft]",
    summary: "Evaluate one applicant record under the policy version in force on its submission date.",
    options: [
      OptionSpec(name: "as-of", value: "DATE", help: "choose the version in force on DATE instead (what-if)"),
      OptionSpec(name: "format", value: "text|json", help: "text for people (default), canonical JSON for programs"),
      OptionSpec(name: "draft", value: nil, help: "also consider draft versions (output is marked DRAFT)"),
    ])

  static func run(_ arguments: Arguments, context: inout CommandContext) -> ExitCode {
    do throws(UsageError) {
      guard arguments.positionals.count == 1, let path = arguments.positionals.first else {
        throw UsageError(message: "expected one record file, found \(arguments.positionals.count)")
      }
      let format = try arguments.choice("format", among: ["text", "json"], default: "text")
      let asOf = try arguments.date("as-of")
      let bytes: [UInt8]
      do {
        bytes = try FileSystem.readBytes(path)
      } catch {
        context.terminal.printError("mizan eval: cannot read `\(path)`: "
          + (FileSystem.exists(path) ? "\(error.localizedDescription)" : "no such file"))
        return .badRecord
      }
      let engine = Engine(store: context.store)
      switch engine.evaluate(recordBytes: bytes, asOf: asOf, includeDrafts: arguments.has("draft")) {
      case .success(let evaluation):
        if format == "json" {
          context.terminal.print(evaluation.outcome.canonicalJSON)
        } else {
          context.terminal.write(TextReport(outcome: evaluation.outcome, policy: evaluation.policy,
                                            language: context.language).rendered)
        }
        return .success
      case .failure(.record(let error)):
        context.terminal.printError("\(path): \(error.rendered(in: context.language)) [\(error.id)]")
        return .badRecord
      case .failure(.selection(.policyError(let failure))):
        context.report(failure.diagnostics)
        context.terminal.printError("mizan eval: the policy has errors; fix them (`mizan check`) before evaluating")
        return .policyError
      case .failure(.selection(let error)):
        context.terminal.printError("mizan eval: \(error.message[context.language])")
        return .policyError
      }
    } catch {
      context.terminal.printError("mizan eval: \(error.message)\nRun `mizan eval --help` for usage.")
      return .usage
    }
  }
}
