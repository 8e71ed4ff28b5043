import MizanTestSupport
import Testing

/// End-to-end: the built `mizan` binary on the shipped fixtures, compared with goldens
/// (`golden/cli/<case>.txt`: command, exit code, stdout, stderr).
@Suite("mizan command line", .serialized)
struct CLIGoldenTests {
  static let cases: [(String, [String])] = [
    ("eval-eligible-en", ["eval", "fixtures/records/raabigh/eligible-complete.json"]),
    ("eval-eligible-ar", ["eval", "fixtures/records/raabigh/eligible-complete.json", "--lang", "ar"]),
    ("eval-eligible-json", ["eval", "fixtures/records/raabigh/eligible-complete.json", "--format", "json"]),
    ("eval-incomplete-en", ["eval", "fixtures/records/raabigh/incomplete-expired-id.json"]),
    ("eval-incomplete-unknown-json", ["eval", "fixtures/records/raabigh/incomplete-unknown-income.json", "--format", "json"]),
    ("eval-ineligible-ar", ["eval", "fixtures/records/raabigh/ineligible-wins-over-incomplete.json", "--lang", "ar"]),
    ("eval-no-policy-in-force", ["eval", "fixtures/records/raabigh/no-policy-in-force.json"]),
    ("eval-household-size-five", ["eval", "fixtures/records/invalid/household-size-five.json"]),
    ("eval-household-size-five-ar", ["eval", "fixtures/records/invalid/household-size-five.json", "--lang", "ar"]),
    ("eval-random-bytes", ["eval", "fixtures/records/invalid/random-bytes.json"]),
    ("eval-missing-file", ["eval", "fixtures/records/raabigh/no-such-record.json"]),
    ("eval-bad-format", ["eval", "fixtures/records/raabigh/eligible-complete.json", "--format", "yaml"]),
    ("check-raabigh", ["check", "policies/raabigh"]),
    ("help", ["--help"]),
    ("eval-help", ["eval", "--help"]),
    ("unknown-command", ["evaluate"]),
    ("unknown-option", ["eval", "--formt", "json"]),
  ]

  @Test("CLI output matches its golden", arguments: cases + PolicyCLITests.goldenCases)
  func golden(name: String, arguments: [String]) throws {
    let result = try MizanProcess.run(arguments)
    assertGolden(result.transcript(command: arguments.joined(separator: " ")), path: "golden/cli/\(name).txt")
  }

  @Test("eval --format json twice gives identical bytes")
  func deterministic() throws {
    let arguments = ["eval", "fixtures/records/raabigh/incomplete-field-visit-undetermined.json", "--format", "json"]
    let first = try MizanProcess.run(arguments)
    let second = try MizanProcess.run(arguments)
    #expect(first.exitCode == 0)
    #expect(first.standardOutput == second.standardOutput)
  }

  @Test("the outcome does not depend on the working directory or how the policies folder is named")
  func independentOfWorkingDirectory() throws {
    let root = Paths.packageRoot()
    let record = root + "/fixtures/records/raabigh/eligible-complete.json"
    let here = try MizanProcess.run(["eval", record, "--format", "json"])
    let elsewhere = try MizanProcess.run(["eval", record, "--format", "json", "--policies", root + "/policies"],
                                         in: "/")
    #expect(here.standardOutput == elsewhere.standardOutput)
  }
}
