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
      context.terminal.printError("mizan log repair: \(failure.text[context.language])")
      return .usage
    case .success(nil):
      context.terminal.print("\(path): " + context.t("السطر الأخير كامل؛ لا شيء يُصلَح", "the last line is whole; nothing to repair"))
      return .success
    case .success(let tail?):
      let preview = String(decoding: tail.bytes.prefix(400), as: UTF8.self)
      context.terminal.print("\(path):\(tail.line): " + context.t(
        "سطر أخير مبتور، \(tail.bytes.count) بايت بلا محرف سطر جديد:",
        "torn last line, \(tail.bytes.count) bytes without a newline:"))
      // The torn bytes come from the log: controls in them are written out, not sent to the terminal.
      context.terminal.print("  " + preview.escapingControlCharacters + (tail.bytes.count > 400 ? "…" : ""))
      let side = "\(path).torn-\(tail.offset)"
      guard arguments.has("yes") else {
        context.terminal.print(context.t(
          "سيُنسخ إلى \(side) ويُعاد السجل إلى السطر \(tail.line - 1)؛ أعد تشغيل الأمر مع --yes لتنفيذ ذلك",
          "would copy it to \(side) and cut the log back to line \(tail.line - 1); run again with --yes to do it"))
        return .problemsFound
      }
      if case .failure(let failure) = LogMaintenance.moveAside(tail, of: path, to: side) {
        context.terminal.printError("mizan log repair: \(failure.text[context.language])")
        return .problemsFound
      }
      context.terminal.print(context.t("حُفظ السطر المبتور في \(side)؛ ينتهي السجل الآن عند السطر \(tail.line - 1)",
                                       "saved the torn line to \(side); the log now ends at line \(tail.line - 1)"))
      return .success
    }
  }
}
