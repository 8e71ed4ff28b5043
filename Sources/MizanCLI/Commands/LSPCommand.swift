import Foundation
import Mizan

/// `mizan lsp`: the language server for editors, over standard input and output.
enum LSPCommand: Command {
  static let spec = CommandSpec(
    name: "lsp", usage: "mizan lsp [--lang ar|en]",
    summary: "Run the language server for editors (Language Server Protocol over standard input and output): "
      + "diagnostics as `check` reports them, hover, definitions, references, outline, completion, formatting "
      + "(docs/editors.md). Messages follow the editor's locale unless --lang is given.",
    options: [])

  static func run(_ arguments: Arguments, context: inout CommandContext) -> ExitCode {
    guard arguments.positionals.isEmpty else {
      context.terminal.printError("mizan lsp: " + context.t(
        "لا يأخذ الخادم ملفات: يرسلها المحرر إليه", "the server takes no files: the editor sends them"))
      return .usage
    }
    // `--lang` is the user's word and wins; without it the editor's display language decides.
    var server = LanguageServer(language: context.language, followsClientLocale: arguments["lang"] == nil)
    var framing = MessageFraming()
    let input = FileHandle.standardInput
    while true {
      let data = input.availableData
      guard !data.isEmpty else { break }
      framing.append(data)
      // What else the client has already sent joins this batch: a cancellation then reaches
      // the request it names, and a run of keystrokes is checked once.
      while inputIsWaiting() {
        let more = input.availableData
        if more.isEmpty { break }
        framing.append(more)
      }
      var bodies: [[UInt8]] = []
      while let next = framing.next() {
        switch next {
        case .success(let body): bodies.append(body)
        case .failure(let problem):
          FileHandle.standardError.write(Data("mizan lsp: skipped a message: \(problem)\n".utf8))
        }
      }
      var output: [UInt8] = []
      for body in server.handle(bodies) { output += MessageFraming.framed(body) }
      FileHandle.standardOutput.write(Data(output))
      if server.exitCode != nil { break }
    }
    // The protocol's rule: 0 after `shutdown` then `exit`; 1 when the client went away without `shutdown`.
    return (server.exitCode ?? (server.isShuttingDown ? 0 : 1)) == 0 ? .success : .problemsFound
  }

  /// Whether more input can be read at once, without waiting.
  static func inputIsWaiting() -> Bool {
    var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
    return poll(&descriptor, 1, 0) > 0 && descriptor.revents & Int16(POLLIN) != 0
  }
}
