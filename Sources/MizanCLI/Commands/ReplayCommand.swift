import Foundation
import Mizan

/// `mizan replay LOG`: verify the chain and re-derive every logged decision.
enum ReplayCommand: Command {
  static let spec = CommandSpec(
    name: "replay",
    usage: "mizan replay LOG [--checkpoint FILE [--key KEYFILE]] [--format text|json] [--jobs N] [--policies DIR]",
    summary: "Verify the decision log's hash chain and re-evaluate every entry under the policy version "
      + "with its fingerprint; report each entry as reproduced, diverged, not in force, policy missing or chain "
      + "broken. With --checkpoint, prove the log still holds each checkpointed head (a cut or a rewrite before it).",
    options: [
      OptionSpec(name: "format", value: "text|json", help: "text (default) or JSON Lines, one per entry, then a summary"),
      .jobs,
      OptionSpec(name: "checkpoint", value: "FILE", help: "checkpoints taken with `mizan log checkpoint`, one a line"),
      .checkpointKey,
    ])

  static func run(_ arguments: Arguments, context: inout CommandContext) -> ExitCode {
    let format: String
    let jobs: Int?
    do throws(UsageError) {
      guard arguments.positionals.count == 1 else {
        throw UsageError(message: "expected one log file, found \(arguments.positionals.count)")
      }
      format = try arguments.choice("format", among: ["text", "json"], default: "text")
      jobs = try arguments.jobs()
    } catch {
      context.terminal.printError("mizan replay: \(error.message)\nRun `mizan replay --help` for usage.")
      return .usage
    }
    let path = arguments.positionals[0]
    guard Files.exists(path) else {
      context.terminal.printError("mizan replay: " + context.t("`\(path)` غير موجود", "`\(path)` does not exist"))
      return .usage
    }
    if let problem = context.store.folderProblem {
      context.terminal.printError("mizan replay: \(problem.message[context.language])")
      return .policyError
    }
    var checkpoints: [LogCheckpoint] = []
    if let file = arguments["checkpoint"] {
      let key: [UInt8]?
      switch CheckpointKey.read(arguments) {
      case .success(let read): key = read
      case .failure(let error):
        context.terminal.printError("mizan replay: \(error.message)")
        return .usage
      }
      let text: String
      do throws(FileError) {
        text = String(decoding: try Files.read(file, maxBytes: 64 << 20), as: UTF8.self)
      } catch {
        context.terminal.printError("mizan replay: cannot read the checkpoints \(error.description)")
        return .usage
      }
      switch LogCheckpoint.read(text, file: file, key: key) {
      case .success(let read): checkpoints = read
      case .failure(let failure):
        // A checkpoint that does not verify is itself evidence of tampering: a finding, not a usage slip.
        context.terminal.printError("mizan replay: \(failure.text[context.language])")
        return .problemsFound
      }
    } else if arguments["key"] != nil {
      context.terminal.printError("mizan replay: `--key` verifies checkpoints: it needs `--checkpoint FILE`\n"
        + "Run `mizan replay --help` for usage.")
      return .usage
    }
    var counts: [String: Int] = [:]
    var total = 0
    var terminal = context.terminal
    let language = context.language
    let engine = Engine(store: context.store)
    let result = engine.replay(log: path, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                               checkpoints: checkpoints) { line in
      total += 1
      counts[line.status, default: 0] += 1
      if format == "json" {
        var members: [JSONMember] = [
          JSONMember("line", .number(Double(line.line))), JSONMember("status", .string(line.status)),
          JSONMember("details", .array(line.details.map(JSONValue.string))),
        ]
        if let sequence = line.sequence { members.append(JSONMember("sequence", .number(Double(sequence)))) }
        if let id = line.applicationID { members.append(JSONMember("application_id", .string(id))) }
        terminal.print(JSONValue.object(members).canonicalText)
      } else {
        let sequence = line.sequence.map { "#\($0)" } ?? "-"
        // The application id comes from the log: controls in it are written out, not sent to the terminal.
        let id = line.applicationID?.escapingControlCharacters ?? "-"
        var text = "\(path):\(line.line): \(sequence) \(id): \(line.statusText[language])"
        if !line.detailTexts.isEmpty {
          text += " — " + line.detailTexts.map { $0[language] }.joined(separator: language == .arabic ? "؛ " : "; ")
        }
        terminal.print(text)
      }
    }
    context.terminal = terminal
    if case .failure(let failure) = result {
      context.terminal.printError("mizan replay: \(failure.text[context.language])")
      return .usage
    }
    let order = ReplayLine.statusNames
    if format == "json" {
      var summary: [JSONMember] = [JSONMember("entries", .number(Double(total)))]
      for status in order { summary.append(JSONMember(status.replacingOccurrences(of: " ", with: "_"), .number(Double(counts[status, default: 0])))) }
      context.terminal.print(JSONValue.object([JSONMember("summary", .object(summary))]).canonicalText)
    } else {
      if context.language == .arabic {
        let parts = order.map { "\(ReplayLine.statusText(named: $0).arabic): \(counts[$0, default: 0])" }
        context.terminal.print("الأسطر: \(total) — " + parts.joined(separator: "، "))
      } else {
        let parts = order.map { "\(counts[$0, default: 0]) \($0)" }
        context.terminal.print("\(total) line\(total == 1 ? "" : "s"): " + parts.joined(separator: ", "))
      }
    }
    return counts["reproduced", default: 0] == total ? .success : .problemsFound
  }
}
