import Foundation
import Mizan

/// `mizan batch IN.jsonl [-o OUT.jsonl] [--jobs N] [--log LOG] [--draft]`: one output line per
/// input line, in input order, on every core.
enum BatchCommand: Command {
  static let spec = CommandSpec(
    name: "batch",
    usage: "mizan batch IN.jsonl [-o OUT] [--format jsonl|csv|summary] [--json] [--no-bom] [--quiet] [--jobs N] "
      + "[--log LOG] [--draft] [--purpose what_if|draft] [--max-record-bytes N]",
    summary: "Evaluate a file of records, one JSON object per line (`-` reads standard input). Writes one line "
      + "per input line, in input order: the canonical outcome, exactly as `mizan eval --format json` gives it, "
      + "or an error record {\"error\":{\"id\",\"message\",\"path\"},\"line\":N} (a blank line is one too). "
      + "`--format csv` writes a header and one row per input line for spreadsheets (UTF-8 with a byte order "
      + "mark, words and header in `--lang`); `--format summary` writes counts per association, version and "
      + "verdict and what held files back most. "
      + "Each record is judged under its association's version in force on its submission date. "
      + "A summary line goes to stderr (lines = decisions + errors), and progress while it runs when stderr is "
      + "a terminal. Exit 0 even when some lines are errors; 1 when the input, output or log cannot be read or "
      + "written; 2 for a wrong command line; 4 when a policy the batch needs does not load.",
    options: [
      OptionSpec(name: "output", value: "OUT",
                 help: "write to this file (-o), atomically: a failed run leaves it as it was (default: stdout)"),
      OptionSpec(name: "format", value: "jsonl|csv|summary",
                 help: "one outcome per line (default), a spreadsheet row per line, or counts at the end"),
      OptionSpec(name: "json", value: nil, help: "with --format summary: canonical JSON instead of text"),
      OptionSpec(name: "no-bom", value: nil,
                 help: "with --format csv: no UTF-8 byte order mark (spreadsheets need it to read Arabic)"),
      OptionSpec(name: "quiet", value: nil, help: "no progress and no summary line on stderr (warnings still)"),
      .jobs,
      OptionSpec(name: "log", value: "LOG", help: "append every decision, in input order, to this hash-chained log"),
      OptionSpec(name: "draft", value: nil, help: "also consider draft versions (their outcomes say DRAFT)"),
      .purpose,
      .maxRecordBytes,
    ])

  static func run(_ arguments: Arguments, context: inout CommandContext) -> ExitCode {
    let inputPath: String
    var options = BatchOptions(includeDrafts: arguments.has("draft"), logPath: arguments["log"])
    do throws(UsageError) {
      guard arguments.positionals.count == 1, let path = arguments.positionals.first else {
        throw UsageError(message: "expected one input file (JSON Lines), found \(arguments.positionals.count)")
      }
      inputPath = path
      options.format = try format(arguments, language: context.language)
      if let jobs = try arguments.jobs() { options.jobs = jobs }
      options.logPurpose = try arguments.logPurpose(whatIfOptions: ["draft"])
      options.maxRecordBytes = try arguments.byteCount("max-record-bytes", default: RecordLimits.defaultMaxBytes)
      // Compared as files, not as paths: `./in.jsonl`, `dir/../in.jsonl` and a link to it are the input too.
      if let output = arguments["output"], output != "-", inputPath != "-", Files.isSameFile(output, inputPath) {
        throw UsageError(message: "the output `\(output)` is the input `\(inputPath)`; write to another file")
      }
      if let log = options.logPath, Files.isSameFile(log, inputPath) || arguments["output"].map({ Files.isSameFile(log, $0) }) == true {
        throw UsageError(message: "the log `\(log)` is the batch's input or output; log to another file")
      }
    } catch {
      context.terminal.printError("mizan batch: \(error.message)\nRun `mizan batch --help` for usage.")
      return .usage
    }
    if let problem = context.store.folderProblem {
      context.terminal.printError("mizan batch: \(problem.message[context.language])")
      return .policyError
    }
    if options.logPath != nil { options.loggedAt = WallClock.timestamp }

    let input: BatchInput
    do {
      input = try BatchInput(path: inputPath)
    } catch {
      context.terminal.printError("mizan batch: cannot read \(error.description)")
      return .usage
    }
    defer { input.close() }
    let target: BatchOutput
    do {
      target = try BatchOutput(path: arguments["output"])
    } catch {
      context.terminal.printError("mizan batch: cannot write \(error.description)")
      return .usage
    }
    // Whatever is buffered (nothing, normally) goes out before the streamed lines.
    context.terminal.flush()
    let isQuiet = arguments.has("quiet")
    var progress = BatchProgressLine(
      isShown: !isQuiet && Terminal.usesColor(descriptor: FileDescriptor.standardError.raw),
      inputBytes: input.size, language: context.language)
    let result = Engine(store: context.store).runBatch(input: input.descriptor, output: target.descriptor,
                                                       options: options) { progress.update($0) }
    progress.clear()
    switch result {
    case .failure(let failure):
      target.abandon()
      context.terminal.printError("mizan batch: \(failure.message)"
        + (target.path.map { "; `\($0)` was left as it was" } ?? ""))
      return .problemsFound
    case .success(let summary):
      for failure in summary.skippedDrafts {
        context.terminal.printError("mizan batch: warning: the draft `\(failure.path.map(context.store.displayName) ?? "?")` "
          + "does not load and was left out (`mizan check` shows why)")
      }
      for (association, failure) in summary.policyFailures {
        context.report(failure.diagnostics)
        context.terminal.printError("mizan batch: the `\(association)` policy does not load; "
          + "its records got error records (`mizan check` shows why)")
      }
      if !isQuiet { context.terminal.printError(summaryLine(summary, language: context.language)) }
      if summary.decisions == 0, summary.errors > 1, summary.errorIDs["record.invalidJSON"] == summary.errors {
        // Nothing read: most likely one record pretty-printed over many lines.
        context.terminal.printError(context.language == .arabic
          ? "mizan batch: لم يُقرأ أي سطر: يقرأ batch سجلاً واحداً بصيغة JSON في كل سطر، والسجل المنسق يمتد على عدة أسطر؛ "
            + "قيّم سجلاً واحداً بـ`mizan eval FILE`، أو اكتب كل سجل في سطر واحد"
          : "mizan batch: no line could be read: batch reads one JSON record per line (JSON Lines), and a "
            + "pretty-printed record spans several lines; evaluate one record with `mizan eval FILE`, or write "
            + "each record on a single line")
      }
      // A run whose policies did not load has failed: its output does not replace the old one.
      guard summary.policyFailures.isEmpty else {
        target.abandon()
        if let path = target.path { context.terminal.printError("mizan batch: `\(path)` was left as it was") }
        return .policyError
      }
      if options.format == .summary {
        let text = arguments.has("json") ? summaryJSON(summary).canonicalText + "\n"
          : summaryText(summary, language: context.language)
        do {
          try target.descriptor.writeAll(Array(text.utf8))
        } catch {
          target.abandon()
          context.terminal.printError("mizan batch: cannot write the output: \(error.reason)")
          return .problemsFound
        }
      }
      do {
        try target.commit()
      } catch {
        context.terminal.printError("mizan batch: cannot write \(error.description)")
        return .problemsFound
      }
      return .success
    }
  }

  /// `--format`, with the options that go with one format only.
  static func format(_ arguments: Arguments, language: Language) throws(UsageError) -> BatchFormat {
    let name = try arguments.choice("format", among: ["jsonl", "csv", "summary"], default: "jsonl")
    if arguments.has("no-bom"), name != "csv" { throw UsageError(message: "`--no-bom` goes with `--format csv`") }
    if arguments.has("json"), name != "summary" { throw UsageError(message: "`--json` goes with `--format summary`") }
    switch name {
    case "csv": return .csv(language: language, byteOrderMark: !arguments.has("no-bom"))
    case "summary": return .summary
    default: return .jsonl
    }
  }

  /// `1000 lines = 970 decisions (600 eligible, 200 ineligible, 170 incomplete) + 30 errors (…)`.
  static func summaryLine(_ summary: BatchSummary, language: Language) -> String {
    let verdicts = Verdict.allCases.map { ($0, summary.verdicts[$0, default: 0]) }
    let ids = summary.errorIDs.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    if language == .arabic {
      let names: [Verdict: String] = [.eligible: "مستحق", .ineligible: "غير مستحق", .incomplete: "غير مكتمل"]
      var text = "mizan batch: \(summary.lines) سطر = \(summary.decisions) قرار ("
        + verdicts.map { "\($0.1) \(names[$0.0] ?? $0.0.rawValue)" }.joined(separator: "، ")
        + ") + \(summary.errors) خطأ"
      if !ids.isEmpty { text += " (" + ids.map { "\($0.value) \($0.key)" }.joined(separator: "، ") + ")" }
      if summary.logged > 0 { text += "؛ سُجّل \(summary.logged) قرار في السجل" }
      return text
    }
    var text = "mizan batch: \(summary.lines) line\(summary.lines == 1 ? "" : "s") = "
      + "\(summary.decisions) decision\(summary.decisions == 1 ? "" : "s") ("
      + verdicts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
      + ") + \(summary.errors) error\(summary.errors == 1 ? "" : "s")"
    if !ids.isEmpty { text += " (" + ids.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + ")" }
    if summary.logged > 0 { text += "; \(summary.logged) logged" }
    return text
  }
}

/// The input lines: standard input (`-`) or a regular file.
struct BatchInput {
  let descriptor: FileDescriptor
  /// The input's size when it is a regular file (standard input redirected from a file too),
  /// for the progress line's time left; nil for a pipe.
  let size: Int?
  private let owned: Bool

  init(path: String) throws(FileError) {
    if path == "-" {
      descriptor = .standardInput
      owned = false
    } else {
      descriptor = try Files.openForReading(path)
      owned = true
    }
    size = (try? descriptor.status()).flatMap { $0.kind == .regular ? $0.size : nil }
  }

  func close() { if owned { descriptor.close() } }
}

/// Where the output lines go: stdout, or a file replaced only when the run succeeded (so a
/// failed run leaves the old file as it was), flushed to disk before it replaces it.
///
/// A device, a FIFO or a socket (`/dev/null`, `/dev/stdout`, a pipe) is written to directly:
/// renaming a file over it would destroy it. A symbolic link is followed, so the file it points
/// to is replaced, not the link.
struct BatchOutput {
  /// The path as given, for messages (nil for stdout and devices).
  let path: String?
  let descriptor: FileDescriptor
  private let file: ReplacedFile?
  private let ownsDescriptor: Bool

  init(path: String?) throws(FileError) {
    guard let path, path != "-" else {
      self.path = nil
      descriptor = .standardOutput
      file = nil
      ownsDescriptor = false
      return
    }
    if let kind = Files.kind(of: path), kind != .regular {
      guard kind != .directory else { throw FileError(path: path, problem: .notARegularFile(.directory)) }
      self.path = nil
      descriptor = try Files.openForWriting(path)
      file = nil
      ownsDescriptor = true
      return
    }
    let replaced = try ReplacedFile(replacing: path)
    self.path = path
    descriptor = replaced.descriptor
    file = replaced
    ownsDescriptor = false
  }

  /// Puts the new file in place of the old (flushed first).
  func commit() throws(FileError) {
    if let file { try file.commit() } else if ownsDescriptor { descriptor.close() }
  }

  /// Leaves the target as it was.
  func abandon() {
    if let file { file.abandon() } else if ownsDescriptor { descriptor.close() }
  }
}

