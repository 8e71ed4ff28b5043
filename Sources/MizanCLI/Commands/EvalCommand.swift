import Mizan

/// `mizan eval FILE.json`: the verdict and checklist for one application.
enum EvalCommand: Command {
  static let spec = CommandSpec(
    name: "eval",
    usage: "mizan eval FILE.json [--as-of DATE] [--format text|json|html] [--explain] [--lang ar|en] [--log LOG] "
      + "[--draft] [--purpose what_if|draft] [--max-record-bytes N]",
    summary: "Evaluate one applicant record under the policy version in force on its submission date.",
    options: [
      OptionSpec(name: "as-of", value: "DATE", help: "choose the version in force on DATE instead (what-if)"),
      OptionSpec(name: "format", value: "text|json|html",
                 help: "text for people (default), canonical JSON for programs, a printable HTML page"),
      OptionSpec(name: "explain", value: nil, help: "print every evaluation step as a tree, with where it is written"),
      OptionSpec(name: "draft", value: nil, help: "also consider draft versions (output is marked DRAFT)"),
      OptionSpec(name: "log", value: "LOG", help: "append the decision to this hash-chained log (fsynced first)"),
      .purpose,
      .maxRecordBytes,
    ])

  static func run(_ arguments: Arguments, context: inout CommandContext) -> ExitCode {
    do throws(UsageError) {
      guard arguments.positionals.count == 1, let path = arguments.positionals.first else {
        throw UsageError(message: "expected one record file, found \(arguments.positionals.count)")
      }
      let format = try arguments.choice("format", among: ["text", "json", "html"], default: "text")
      if arguments.has("explain"), format != "text" {
        throw UsageError(message: "`--explain` prints text; it cannot be combined with `--format \(format)`"
          + (format == "json" ? " (the JSON outcome already holds the trace)" : ""))
      }
      let asOf = try arguments.date("as-of")
      let purpose = try arguments.logPurpose(whatIfOptions: ["as-of", "draft"])
      let maxRecordBytes = try arguments.byteCount("max-record-bytes", default: RecordLimits.defaultMaxBytes)
      let bytes: [UInt8]
      do throws(FileError) {
        // One byte past the limit is enough to say the record is too large.
        if path == "-" {
          bytes = try StandardInput.read(maxBytes: maxRecordBytes + 1)
        } else {
          bytes = try Files.read(path, maxBytes: maxRecordBytes + 1)
        }
      } catch {
        context.terminal.printError("mizan eval: cannot read \(error.description)")
        return .badRecord
      }
      let store = context.store
      if let problem = store.folderProblem {
        context.terminal.printError("mizan eval: \(problem.message[context.language])")
        return .policyError
      }
      let engine = Engine(store: store)
      switch engine.evaluate(recordBytes: bytes, asOf: asOf, includeDrafts: arguments.has("draft"),
                             maxRecordBytes: maxRecordBytes) {
      case .success(let evaluation):
        for draft in evaluation.skippedDrafts {
          context.terminal.printError("mizan eval: warning: the draft `\(draft.path.map(store.displayName) ?? "?")` "
            + "does not load and was left out (`mizan check` shows why)")
        }
        if let log = arguments["log"] {
          // The decision is logged before it is shown: output never reports an unrecorded decision.
          if case .failure(let failure) = engine.log(evaluation, to: log, loggedAt: WallClock.timestamp,
                                               purpose: purpose) {
            context.terminal.printError("mizan eval: cannot log the decision: \(failure.text[context.language])")
            return .problemsFound
          }
        }
        context.terminal.write(report(evaluation, format: format, explain: arguments.has("explain"),
                                      language: context.language))
        return .success
      case .failure(.record(let error)):
        context.terminal.printError("\(path == "-" ? "<stdin>" : path): \(error.rendered(in: context.language)) [\(error.id)]")
        return .badRecord
      case .failure(.selection(.policyError(let failure))):
        context.report(failure.diagnostics)
        context.terminal.printError("mizan eval: the policy has errors; fix them (`mizan check`) before evaluating")
        return .policyError
      case .failure(.selection(let error)):
        context.terminal.printError("mizan eval: \(error.message[context.language])")
        return .policyError
      case .failure(.internalError(let message)):
        context.terminal.printError("mizan eval: internal error: \(message)")
        return .policyError
      }
    } catch {
      context.terminal.printError("mizan eval: \(error.message)\nRun `mizan eval --help` for usage.")
      return .usage
    }
  }

  /// The outcome in the chosen form, ending in a newline.
  static func report(_ evaluation: Evaluation, format: String, explain: Bool, language: Language) -> String {
    let useColor = Terminal.usesColor(descriptor: 1)
    switch format {
    case "json":
      return String(decoding: evaluation.canonicalJSON, as: UTF8.self) + "\n"
    case "html":
      return HTMLReport(outcome: evaluation.outcome, policy: evaluation.policy, language: language).rendered
    default:
      if explain {
        return ExplainReport(outcome: evaluation.outcome, policy: evaluation.policy, language: language,
                             useColor: useColor, width: ReportWidth.forStandardOutput()).rendered
      }
      return TextReport(outcome: evaluation.outcome, policy: evaluation.policy, language: language,
                        useColor: useColor, width: ReportWidth.forStandardOutput()).rendered
    }
  }
}
