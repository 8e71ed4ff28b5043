import Mizan

/// `mizan report LOG`: what auditors and administrators look at, from a decision log.
enum ReportCommand: Command {
  static let spec = CommandSpec(
    name: "report", usage: "mizan report LOG [--from DATE] [--to DATE] [--format html|json] [--lang ar|en]",
    summary: "Summarise a decision log: decisions per association and month by verdict, the rules that fail most, "
      + "the documents most often missing or expired, entries whose committee reply date has passed (before today, "
      + "or MIZAN_TODAY), and the versions used; one self-contained printable HTML page (charts as inline SVG, "
      + "no scripts) or JSON.",
    options: [
      OptionSpec(name: "from", value: "DATE", help: "only applications submitted on or after DATE"),
      OptionSpec(name: "to", value: "DATE", help: "only applications submitted on or before DATE"),
      OptionSpec(name: "format", value: "html|json", help: "a printable HTML page (default) or JSON"),
    ])

  static func run(_ arguments: Arguments, context: inout CommandContext) -> ExitCode {
    let format: String
    let from: CalendarDate?
    let to: CalendarDate?
    let today: CalendarDate
    do throws(UsageError) {
      guard arguments.positionals.count == 1 else {
        throw UsageError(message: "expected one log file, found \(arguments.positionals.count)")
      }
      format = try arguments.choice("format", among: ["html", "json"], default: "html")
      from = try arguments.date("from")
      to = try arguments.date("to")
      today = try Today.date()
    } catch {
      context.terminal.printError("mizan report: \(error.message)\nRun `mizan report --help` for usage.")
      return .usage
    }
    let path = arguments.positionals[0]
    guard Files.exists(path) else {
      context.terminal.printError("mizan report: " + context.t("`\(path)` غير موجود", "`\(path)` does not exist"))
      return .usage
    }
    switch AuditReport.read(log: path, from: from?.iso, to: to?.iso, today: today.iso) {
    case .failure(let failure):
      context.terminal.printError("mizan report: \(failure.text[context.language])")
      return .usage
    case .success(let report):
      let period = (from: from?.iso, to: to?.iso, today: today.iso)
      context.terminal.write(format == "json" ? json(report, period: period) + "\n"
        : ReportPage(report: report, log: Files.fileName(of: path), period: period, language: context.language).rendered)
      return .success
    }
  }

  /// The report as canonical JSON.
  static func json(_ report: AuditReport, period: (from: String?, to: String?, today: String)) -> String {
    func number(_ value: Int) -> JSONValue { .number(Double(value)) }
    let associations = report.associations.map { association in
      JSONValue.object([
        JSONMember("association", .string(association.name)),
        JSONMember("documents", .array(association.documents.map {
          .object([JSONMember("expired", number($0.expired)), JSONMember("id", .string($0.id)),
                   JSONMember("missing", number($0.missing))])
        })),
        JSONMember("months", .array(association.months.map { month in
          .object([JSONMember("month", .string(month.month)),
                   JSONMember("verdicts", .object(month.verdicts.sorted { $0.key < $1.key }.map { JSONMember($0.key, number($0.value)) }))])
        })),
        JSONMember("rules", .array(association.rules.map {
          .object([JSONMember("count", number($0.count)), JSONMember("rule", .string($0.rule))])
        })),
        JSONMember("versions", .array(association.versions.map {
          .object([JSONMember("count", number($0.count)), JSONMember("version", .string($0.version))])
        })),
      ])
    }
    var periodMembers: [JSONMember] = []
    if let from = period.from { periodMembers.append(JSONMember("from", .string(from))) }
    if let to = period.to { periodMembers.append(JSONMember("to", .string(to))) }
    return JSONValue.object([
      JSONMember("associations", .array(associations)),
      JSONMember("broken_lines", .array(report.brokenLines.map(number))),
      JSONMember("entries", number(report.entries)),
      JSONMember("marked", number(report.marked)),
      JSONMember("outside_period", number(report.outsidePeriod)),
      JSONMember("overdue", .array(report.overdue.map {
        .object([JSONMember("application_id", .string($0.applicationID)), JSONMember("association", .string($0.association)),
                 JSONMember("line", number($0.line)), JSONMember("reply_on", .string($0.replyOn))])
      })),
      JSONMember("period", .object(periodMembers)),
      JSONMember("today", .string(period.today)),
    ]).canonicalText
  }
}
