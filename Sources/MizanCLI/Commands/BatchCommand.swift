import Foundation
import Mizan

/// `mizan batch IN.jsonl [-o OUT.jsonl] [--jobs N] [--log LOG] [--draft]`: one output line per
/// input line, in input order, on every core.
enum BatchCommand: Command {
  static let spec = CommandSpec(
    name: "batch", usage: "mizan batch IN.jsonl [-o OUT.jsonl] [--jobs N] [--log LOG] [--draft] [--max-record-bytes N]",
    summary: "Evaluate a file of records, one JSON object per line (`-` reads standard input). Writes one line "
      + "per input line, in input order: the canonical outcome, exactly as `mizan eval --format json` gives it, "
      + "or an error record {\"error\":{\"id\",\"message\",\"path\"},\"line\":N} (a blank line is one too). "
      + "Each record is judged under its association's version in force on its submission date. "
      + "A summary goes to stderr (lines = decisions + errors); exit 0 even when some lines are errors, "
      + "4 when a policy the batch needs does not load.",
    options: [
      OptionSpec(name: "output", value: "OUT.jsonl",
                 help: "write to this file (-o), atomically: a failed run leaves it as it was (default: stdout)"),
      .jobs,
      OptionSpec(name: "log", value: "LOG", help: "append every decision, in input order, to this hash-chained log"),
      OptionSpec(name: "draft", value: nil, help: "also consider draft versions (their outcomes say DRAFT)"),
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
      if let jobs = try arguments.jobs() { options.jobs = jobs }
      options.maxRecordBytes = try arguments.byteCount("max-record-bytes", default: RecordLimits.defaultMaxBytes)
      if let output = arguments["output"], output == inputPath, output != "-" {
        throw UsageError(message: "the output `\(output)` is the input; write to another file")
      }
    } catch {
      context.terminal.printError("mizan batch: \(error.message)\nRun `mizan batch --help` for usage.")
      return .usage
    }
    if options.logPath != nil { options.loggedAt = WallClock.timestamp }

    let input = inputPath == "-" ? 0 : open(inputPath, O_RDONLY | O_CLOEXEC)
    guard input >= 0 else {
      let reason = FileSystem.exists(inputPath) ? String(cString: strerror(errno)) : "no such file"
      context.terminal.printError("mizan batch: cannot read `\(inputPath)`: \(reason)")
      return .usage
    }
    defer { if input != 0 { close(input) } }
    var target: OutputTarget
    do {
      target = try OutputTarget(path: arguments["output"])
    } catch {
      context.terminal.printError("mizan batch: \(error.message)")
      return .usage
    }
    // Whatever is buffered (nothing, normally) goes out before the streamed lines.
    context.terminal.flush()
    var progress = Progress(isShown: isatty(2) == 1, language: context.language)
    let result = Engine(store: context.store).runBatch(input: input, output: target.descriptor, options: options) {
      progress.update(lines: $0)
    }
    progress.clear()
    switch result {
    case .failure(let failure):
      target.abandon()
      context.terminal.printError("mizan batch: \(failure.message)"
        + (target.path.map { "; `\($0)` was left as it was" } ?? ""))
      if case .log = failure { return .problemsFound }
      return .usage
    case .success(let summary):
      if let problem = target.commit() {
        context.terminal.printError("mizan batch: cannot write `\(target.path ?? "-")`: \(problem)")
        return .usage
      }
      for (association, failure) in summary.policyFailures {
        context.report(failure.diagnostics)
        context.terminal.printError("mizan batch: the `\(association)` policy does not load; "
          + "its records got error records (`mizan check` shows why)")
      }
      context.terminal.printError(summaryLine(summary, language: context.language))
      return summary.policyFailures.isEmpty ? .success : .policyError
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

/// Where the output lines go: stdout, or a temporary file beside the target that replaces it
/// only when the run succeeded (so a failed run leaves the old file as it was).
///
/// Only a regular file (or a new one) is replaced that way. A device, a FIFO or a socket
/// (`/dev/null`, `/dev/stdout`, a pipe) is written to directly: renaming a file over it would
/// destroy it. A symbolic link is followed, so the file it points to is replaced, not the link.
struct OutputTarget {
  /// The path as given, for messages.
  let path: String?
  /// The file renamed over: `path` with symbolic links followed.
  let replacedPath: String?
  let temporaryPath: String?
  let descriptor: Int32

  struct Failure: Error {
    var message: String
  }

  init(path: String?) throws(Failure) {
    guard let path, path != "-" else {
      self.path = nil
      replacedPath = nil
      temporaryPath = nil
      descriptor = 1
      return
    }
    var info = stat()
    let exists = stat(path, &info) == 0
    if exists, info.st_mode & S_IFMT != S_IFREG {
      guard info.st_mode & S_IFMT != S_IFDIR else { throw Failure(message: "`\(path)` is a folder, not a file") }
      let descriptor = open(path, O_WRONLY | O_CLOEXEC)
      guard descriptor >= 0 else { throw Failure(message: "cannot write `\(path)`: \(String(cString: strerror(errno)))") }
      self.path = nil
      replacedPath = nil
      temporaryPath = nil
      self.descriptor = descriptor
      return
    }
    let target = FileSystem.resolvingLinks(path)
    let temporary = FileSystem.temporaryPath(beside: target)
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw Failure(message: "cannot write `\(path)`: \(String(cString: strerror(errno)))")
    }
    self.path = path
    replacedPath = target
    temporaryPath = temporary
    self.descriptor = descriptor
  }


  /// Renames the temporary file over the target; the error text, or nil. (Like
  /// `FileSystem.writeAtomically`, no fsync: the output can be made again from the input; the
  /// decision log, which cannot, is synced.)
  func commit() -> String? {
    guard let replacedPath, let temporaryPath else {
      if descriptor != 1 { close(descriptor) }
      return nil
    }
    defer { close(descriptor) }
    guard rename(temporaryPath, replacedPath) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporaryPath)
      return reason
    }
    return nil
  }

  /// Removes the temporary file; the target is untouched.
  func abandon() {
    guard let temporaryPath else { return }
    close(descriptor)
    unlink(temporaryPath)
  }
}

/// `12,000 lines…` on stderr while a batch runs, only when stderr is a terminal.
struct Progress {
  let isShown: Bool
  let language: Language
  private var lastShown: UInt64 = 0
  private var wasShown = false

  init(isShown: Bool, language: Language) {
    self.isShown = isShown
    self.language = language
  }

  mutating func update(lines: Int) {
    guard isShown else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    guard now - lastShown > 200_000_000 else { return }
    lastShown = now
    wasShown = true
    let text = language == .arabic ? "\rmizan batch: \(lines) سطر…" : "\rmizan batch: \(lines) lines…"
    Terminal.writeAll(Array(text.utf8), to: 2)
  }

  /// Erases the progress line before the summary.
  mutating func clear() {
    guard wasShown else { return }
    Terminal.writeAll(Array("\r\u{1B}[K".utf8), to: 2)
  }
}
