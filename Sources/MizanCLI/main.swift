import Foundation

/// Runs one command and exits with its code; all output is written once, at the end.
func runMizan() -> Never {
  var terminal = Terminal()
  let code = MizanCommand.run(Array(CommandLine.arguments.dropFirst()), terminal: &terminal)
  if let failure = terminal.flush() {
    // The decision was made but not delivered: a caller must not take the run as a success.
    terminal.printError("mizan: cannot write the output: \(failure)")
    _ = terminal.flush()
    exit(code == .success ? ExitCode.problemsFound.rawValue : code.rawValue)
  }
  exit(code.rawValue)
}

runMizan()
