import MizanTestSupport
import Testing

/// `mizan test --coverage`: the report on a fixture whose examples leave outcomes unreached
/// (golden, in English and Arabic), `--min-coverage` failing below it, and the shipped policies
/// at 100%.
@Suite("mizan test --coverage", .serialized)
struct CoverageCLITests {
  static let goldenCases: [(String, [String])] = [
    ("test-coverage", ["test", "--coverage", "fixtures/policies/coverage"]),
    ("test-coverage-ar", ["test", "--coverage", "fixtures/policies/coverage", "--lang", "ar"]),
    ("test-coverage-minimum", ["test", "fixtures/policies/coverage", "--min-coverage", "100"]),
  ]

  @Test("the coverage report matches its golden", arguments: goldenCases)
  func golden(name: String, arguments: [String]) throws {
    let result = try MizanProcess.run(arguments)
    assertGolden(result.transcript(command: arguments.joined(separator: " ")), path: "golden/cli/\(name).txt")
  }

  @Test("--min-coverage: exit 1 below it, 0 at or above it; a bad percentage is a usage error")
  func minimum() throws {
    #expect(try MizanProcess.run(["test", "fixtures/policies/coverage", "--min-coverage", "51"]).exitCode == 1)
    #expect(try MizanProcess.run(["test", "fixtures/policies/coverage", "--min-coverage", "50"]).exitCode == 0)
    #expect(try MizanProcess.run(["test", "fixtures/policies/coverage", "--min-coverage", "50%"]).exitCode == 0)
    #expect(try MizanProcess.run(["test", "fixtures/policies/coverage", "--min-coverage", "150"]).exitCode == 2)
    #expect(try MizanProcess.run(["test", "fixtures/policies/coverage", "--min-coverage", "most"]).exitCode == 2)
  }

  @Test("the shipped policies: every version at 100% of conditions seen both true and false")
  func shipped() throws {
    let result = try MizanProcess.run(["test", "--coverage", "--min-coverage", "100", "policies"])
    #expect(result.exitCode == 0, "\(result.standardOutput)\(result.standardError)")
    let last = result.standardOutput.split(separator: "\n").last.map(String.init) ?? ""
    #expect(last.hasSuffix(" passed, 0 failed"), "last line: \(last)")
    for association in PolicyCLITests.associations {
      #expect(result.standardOutput.contains("coverage of \(association) "), "no coverage of \(association)")
    }
  }

  @Test("the real criteria: three associations' published criteria check, pass at least 20 examples each, at 100%")
  func realCriteria() throws {
    let check = try MizanProcess.run(["check", "fixtures/policies/real"])
    #expect(check.exitCode == 0, "\(check.standardOutput)\(check.standardError)")
    #expect(check.standardOutput.hasSuffix("checked 3 policies: 0 with errors, 0 warnings\n"), "\(check.standardOutput)")
    let result = try MizanProcess.run(["test", "--coverage", "--min-coverage", "100", "fixtures/policies/real"])
    #expect(result.exitCode == 0, "\(result.standardOutput)\(result.standardError)")
    #expect(result.standardOutput.hasSuffix("75 passed, 0 failed\n"), "\(result.standardOutput.suffix(200))")
    for association in ["aabaa", "albirr-rabigh", "dar-alkhair"] {
      let line = result.standardOutput.split(separator: "\n").first { $0.hasPrefix("  \(association) 2024-01-01 (DRAFT)") }
      #expect(line?.hasSuffix("100%") == true, "\(line ?? "no coverage line for \(association)")")
      let examples = Int(line?.split(separator: " ", omittingEmptySubsequences: true).dropFirst(3).first ?? "") ?? 0
      #expect(examples >= 20, "\(association): \(examples) examples")
    }
  }
}
