// Fuzz target: policy bytes → SourceFile → Parser.parse → Checker.check with the analyses of
// `mizan check` (bounded by their budget), with every diagnostic rendered; and, when the file parses without errors, the formatter's promises: its output parses
// without errors and formatting it again changes nothing.

import Mizan
import MizanChecker
import MizanCore
import MizanSyntax

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicy(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let file = SourceFile(path: "fuzz.mizan", bytes: fuzzBytes(data, size))
  let (parsed, diagnostics) = Parser.parse(file)
  renderEveryWay(diagnostics)
  switch Checker.check(PolicySources(main: parsed), analyzing: true) {
  case .success(let checked): renderEveryWay(checked.warnings)
  case .failure(let failure): renderEveryWay(failure.diagnostics)
  }
  _ = Fingerprint.of([file])
  guard !diagnostics.containsErrors else { return 0 }

  let formatted = Formatter.format(parsed)
  let (reparsed, again) = Parser.parse(SourceFile(path: "fuzz.mizan", text: formatted))
  if again.containsErrors {
    fuzzFailure("the formatter's output does not parse:\n\(formatted)\n"
      + DiagnosticRenderer().render(again))
  }
  let twice = Formatter.format(reparsed)
  if twice != formatted {
    fuzzFailure("formatting is not idempotent:\n--- once\n\(formatted)--- twice\n\(twice)")
  }
  return 0
}
