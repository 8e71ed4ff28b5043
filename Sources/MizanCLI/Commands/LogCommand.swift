import Foundation
import Mizan

/// `mizan log repair LOG`: complete or move aside an unterminated last line, after showing it.
/// `mizan log checkpoint LOG`: print the log's head as a line an auditor keeps elsewhere.
enum LogCommand: Command {
  static let spec = CommandSpec(
    name: "log", usage: "mizan log repair LOG [--yes] | mizan log checkpoint LOG [--append FILE] [--key KEYFILE]",
    summary: "Repair a last line cut by a crash (saved aside, then cut off; a sealed one lacking only its newline "
      + "is completed), or print the log's head as a checkpoint line to keep outside the system.",
    options: [
      OptionSpec(name: "yes", value: nil, help: "repair: do it without asking (otherwise only shows what it would do)"),
      OptionSpec(name: "append", value: "FILE", help: "checkpoint: also append the line to FILE (synced)"),
      .checkpointKey,
    ])

  static func run(_ arguments: Arguments, context: inout CommandContext) -> ExitCode {
    guard arguments.positionals.count == 2, ["repair", "checkpoint"].contains(arguments.positionals[0]) else {
      context.terminal.printError("mizan log: expected `mizan log repair LOG` or `mizan log checkpoint LOG`\n"
        + "Run `mizan log --help` for usage.")
      return .usage
    }
    let path = arguments.positionals[1]
    if arguments.positionals[0] == "checkpoint" { return checkpoint(path, arguments, &context) }
    switch LogMaintenance.tornTail(of: path) {
    case .failure(let failure):
      context.terminal.printError("mizan log repair: \(failure.text[context.language])")
      return .usage
    case .success(nil):
      context.terminal.print("\(path): " + context.t("السطر الأخير كامل؛ لا شيء يُصلَح", "the last line is whole; nothing to repair"))
      return .success
    case .success(let tail?) where tail.isSealedEntry:
      context.terminal.print("\(path):\(tail.line): " + context.t(
        "قيد مختوم ينقصه محرف السطر الجديد فقط: القرار كامل",
        "a sealed entry lacking only its newline: the decision is whole"))
      guard arguments.has("yes") else {
        context.terminal.print(context.t("سيُضاف محرف السطر الجديد؛ أعد تشغيل الأمر مع --yes لتنفيذ ذلك",
                                         "would add the newline; run again with --yes to do it"))
        return .problemsFound
      }
      if case .failure(let failure) = LogMaintenance.complete(tail, of: path) {
        context.terminal.printError("mizan log repair: \(failure.text[context.language])")
        return .problemsFound
      }
      context.terminal.print(context.t("أُضيف محرف السطر الجديد؛ ينتهي السجل الآن عند السطر \(tail.line)",
                                       "added the newline; the log now ends at line \(tail.line)"))
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

  /// `mizan log checkpoint LOG [--append FILE] [--key KEYFILE]`.
  static func checkpoint(_ path: String, _ arguments: Arguments, _ context: inout CommandContext) -> ExitCode {
    guard Files.exists(path) else {
      context.terminal.printError("mizan log checkpoint: " + context.t("`\(path)` غير موجود", "`\(path)` does not exist"))
      return .usage
    }
    let key: [UInt8]?
    switch CheckpointKey.read(arguments) {
    case .success(let read): key = read
    case .failure(let error):
      context.terminal.printError("mizan log checkpoint: \(error.message)")
      return .usage
    }
    switch LogCheckpoint.take(log: path, time: WallClock.timestamp, key: key) {
    case .failure(let failure):
      context.terminal.printError("mizan log checkpoint: \(path): \(failure.text[context.language])")
      return .problemsFound
    case .success(let checkpoint):
      if let file = arguments["append"], case .failure(let failure) = checkpoint.append(to: file) {
        context.terminal.printError("mizan log checkpoint: cannot append: \(failure.text[context.language])")
        return .problemsFound
      }
      context.terminal.print(checkpoint.line)
      return .success
    }
  }
}

extension OptionSpec {
  /// `--key KEYFILE`: the auditor's secret for checkpoint MACs.
  static let checkpointKey = OptionSpec(
    name: "key", value: "KEYFILE",
    help: "seal (checkpoint) or verify (replay) checkpoints with HMAC-SHA-256 under the file's bytes, kept by the auditor")
}

/// The auditor's key file: its bytes exactly, at least 16 of them.
enum CheckpointKey {
  static func read(_ arguments: Arguments) -> Result<[UInt8]?, UsageError> {
    guard let path = arguments["key"] else { return .success(nil) }
    do throws(FileError) {
      let bytes = try Files.read(path, maxBytes: 1 << 16)
      guard bytes.count >= 16 else {
        return .failure(UsageError(message: "the key file `\(path)` holds \(bytes.count) bytes; a key needs at least 16"))
      }
      return .success(bytes)
    } catch {
      return .failure(UsageError(message: "cannot read the key file \(error.description)"))
    }
  }
}
