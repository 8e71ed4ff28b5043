import Foundation
import Mizan

/// `mizan log repair LOG`: move a torn last line aside, after showing it.
enum LogCommand: Command {
  static let spec = CommandSpec(
    name: "log", usage: "mizan log repair LOG [--yes]",
    summary: "Repair a decision log whose last line was torn by a crash: show the torn bytes, copy them to "
      + "LOG.torn-<offset>, then cut the log back to its last whole line. Nothing is deleted unsaved.",
    options: [OptionSpec(name: "yes", value: nil, help: "do it without asking (otherwise only shows what it would do)")])

  static func run(_ arguments: Arguments, context: inout CommandContext) -> ExitCode {
    guard arguments.positionals.count == 2, arguments.positionals[0] == "repair" else {
      context.terminal.printError("mizan log: expected `mizan log repair LOG`\nRun `mizan log --help` for usage.")
      return .usage
    }
    let path = arguments.positionals[1]
    switch LogMaintenance.tornTail(of: path) {
    case .failure(let failure):
      context.terminal.printError("mizan log repair: \(failure.message)")
      return .usage
    case .success(nil):
      context.terminal.print("\(path): the last line is whole; nothing to repair")
      return .success
    case .success(let tail?):
      let preview = String(decoding: tail.bytes.prefix(400), as: UTF8.self)
      context.terminal.print("\(path):\(tail.line): torn last line, \(tail.bytes.count) bytes without a newline:")
      context.terminal.print("  " + preview + (tail.bytes.count > 400 ? "…" : ""))
      let side = "\(path).torn-\(tail.offset)"
      guard arguments.has("yes") else {
        context.terminal.print("would copy it to \(side) and cut the log back to line \(tail.line - 1); "
          + "run again with --yes to do it")
        return .problemsFound
      }
      if case .failure(let failure) = LogMaintenance.moveAside(tail, of: path, to: side) {
        context.terminal.printError("mizan log repair: \(failure.message)")
        return .problemsFound
      }
      context.terminal.print("saved the torn line to \(side); the log now ends at line \(tail.line - 1)")
      return .success
    }
  }
}
