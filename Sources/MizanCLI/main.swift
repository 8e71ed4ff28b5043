import Foundation

/// Runs one command and exits with its code; all output is written once, at the end.
func runMizan() -> Never {
  var terminal = Terminal()
  let code = MizanCommand.run(Array(CommandLine.arguments.dropFirst()), terminal: &terminal)
  terminal.flush()
  exit(code.rawValue)
}

runMizan()
