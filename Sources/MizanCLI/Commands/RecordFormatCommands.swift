import Mizan

/// `mizan schema ASSOC` and `mizan template ASSOC`: what a record must hold under the version
/// in force (today, or on `--on DATE`), for the programs and the people that write records.
enum RecordFormatCommand {
  static let options = [
    OptionSpec(name: "on", value: "DATE", help: "the version in force on DATE (Gregorian or Hijri; default: today)"),
    OptionSpec(name: "draft", value: nil, help: "let a draft be in force, as `mizan eval --draft` does"),
  ]

  /// The version in force for the association named by the one argument, and the date, or the
  /// exit code after saying why not.
  /// Prints what `render` makes of the version in force, or says why there is none.
  static func run(_ arguments: Arguments, context: inout CommandContext, command: String,
                  render: (LoadedPolicy, CalendarDate) -> String) -> ExitCode {
    guard let (policy, date) = version(arguments, context: &context, command: command) else {
      return arguments.positionals.count == 1 ? .policyError : .usage
    }
    context.terminal.write(render(policy, date))
    return .success
  }

  private static func version(_ arguments: Arguments, context: inout CommandContext, command: String)
    -> (LoadedPolicy, CalendarDate)?
  {
    let date: CalendarDate
    do throws(UsageError) {
      guard arguments.positionals.count == 1 else {
        throw UsageError(message: context.t("متوقع اسم جمعية واحدة", "expected one association")
          + ", found \(arguments.positionals.count)")
      }
      if let on = try arguments.date("on") { date = on } else { date = try Today.date() }
    } catch {
      context.terminal.printError("mizan \(command): \(error.message)\nRun `mizan \(command) --help` for usage.")
      return nil
    }
    switch context.store.policyInForce(for: arguments.positionals[0], on: date, includeDrafts: arguments.has("draft")) {
    case .success(let policy):
      return (policy, date)
    case .failure(let error):
      if case .policyError(let failure) = error { context.report(failure.diagnostics) }
      context.terminal.printError("mizan \(command): \(error.message[context.language])")
      return nil
    }
  }
}

enum SchemaCommand: Command {
  static let spec = CommandSpec(
    name: "schema", usage: "mizan schema ASSOCIATION [--on DATE] [--draft]",
    summary: "Print the JSON Schema (2020-12) of the records the version in force accepts: every fact "
      + "with its type and labels, channels and document types as enums, lists of members.",
    options: RecordFormatCommand.options)

  static func run(_ arguments: Arguments, context: inout CommandContext) -> ExitCode {
    RecordFormatCommand.run(arguments, context: &context, command: "schema") { policy, _ in
      RecordFormat.schema(policy).prettyText
    }
  }
}

enum TemplateCommand: Command {
  static let spec = CommandSpec(
    name: "template", usage: "mizan template ASSOCIATION [--on DATE] [--draft]",
    summary: "Print a record to fill in for the version in force: every fact the policy can ask for, "
      + "every document with the dates its validity rules read, a list with one member.",
    options: RecordFormatCommand.options)

  static func run(_ arguments: Arguments, context: inout CommandContext) -> ExitCode {
    RecordFormatCommand.run(arguments, context: &context, command: "template") { policy, date in
      RecordFormat.template(policy, submittedOn: date).prettyText
    }
  }
}
