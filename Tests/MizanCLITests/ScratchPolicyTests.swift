import Foundation
import MizanTestSupport
import Testing

/// Tests that edit a scratch copy of the shipped policies.
@Suite("Broken policies in a scratch copy", .serialized)
struct ScratchPolicyTests {
  /// A copy of `policies/` in a temporary folder, with one replacement made in Raabigh's file.
  static func scratchPolicies(replacing old: String, with new: String) throws -> String {
    let folder = try MizanProcess.temporaryDirectory("scratch")
    try MizanProcess.copy(Paths.packageRoot() + "/policies", to: folder + "/policies")
    let file = folder + "/policies/raabigh/2024-01-15.mizan"
    let text = try #require(MizanProcess.readText(file))
    #expect(text.contains(old))
    try MizanProcess.writeText(text.replacingOccurrences(of: old, with: new), to: file)
    return folder
  }

  @Test("a misspelt fact makes check exit 1 with file:line:col, a caret and a did-you-mean")
  func misspeltFact() throws {
    let folder = try Self.scratchPolicies(replacing: "= monthly_income / household_size",
                                          with: "= monthly_incom / household_size")
    let result = try MizanProcess.run(["check", "policies/raabigh"], in: folder)
    #expect(result.exitCode == 1)
    assertGolden(result.transcript(command: "check policies/raabigh"), path: "golden/cli/check-misspelt-fact.txt")
  }

  @Test("eval under a policy with errors exits 4")
  func evalUnderBrokenPolicy() throws {
    let folder = try Self.scratchPolicies(replacing: "= monthly_income / household_size",
                                          with: "= monthly_incom / household_size")
    let record = Paths.packageRoot() + "/fixtures/records/raabigh/eligible-complete.json"
    let result = try MizanProcess.run(["eval", record], in: folder)
    #expect(result.exitCode == 4)
    #expect(result.standardError.contains("policies/raabigh/2024-01-15.mizan:"))
    #expect(result.standardError.contains("did you mean `monthly_income`?"))
  }

  @Test("money compared with a plain number is a unit error with a hint")
  func unitError() throws {
    let folder = try Self.scratchPolicies(replacing: "money = 1500 SAR", with: "money = 1500")
    let result = try MizanProcess.run(["check", "policies/raabigh"], in: folder)
    #expect(result.exitCode == 1)
    assertGolden(result.transcript(command: "check policies/raabigh"), path: "golden/cli/check-unit-error.txt")
  }

  @Test("random bytes as a policy never crash: check reports errors and exits 1")
  func randomBytesPolicy() throws {
    let folder = try MizanProcess.temporaryDirectory("random")
    var generator = SplitMix64(seed: 2026)
    for index in 0..<20 {
      let bytes = (0..<(index * 97 % 2000)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
      let path = folder + "/raabigh/2024-01-\(String(format: "%02d", index + 1)).mizan"
      try MizanProcess.writeBytes(bytes, to: path)
      let result = try MizanProcess.run(["check", path], in: folder)
      #expect(result.exitCode == 1, "input \(index)")
    }
  }
}
