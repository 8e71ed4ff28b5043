import MizanTestSupport
import Testing

/// The five associations' policies end to end: `mizan check` and `mizan test` on them, the
/// Bir bin Hirmas draft refused without `--draft` and marked DRAFT with it, and `mizan test`'s
/// report of failing examples (`fixtures/examples/failing.jsonl`). The golden cases run with
/// the other CLI goldens (`CLIGoldenTests`).
@Suite("the associations' policies on the command line", .serialized)
struct PolicyCLITests {
  static let draftRecord = "fixtures/records/bir-bin-hirmas/eligible-complete.json"
  static let associations = ["bir-bin-hirmas", "creative-mom", "raabigh", "rida", "taafi"]

  static let goldenCases: [(String, [String])] = [
    ("eval-draft-refused", ["eval", draftRecord]),
    ("eval-draft-refused-ar", ["eval", draftRecord, "--lang", "ar"]),
    ("eval-draft", ["eval", draftRecord, "--draft"]),
    ("eval-draft-json", ["eval", draftRecord, "--draft", "--format", "json"]),
    ("test-failing", ["test", "fixtures/examples/failing.jsonl", "--policies", "policies"]),
    ("test-failing-ar", ["test", "fixtures/examples/failing.jsonl", "--policies", "policies", "--lang", "ar"]),
    ("test-missing-path", ["test", "policies/no-such-association"]),
    ("test-help", ["test", "--help"]),
  ]

  @Test("mizan eval refuses the draft (exit 4) and with --draft marks every output DRAFT")
  func draft() throws {
    let refused = try MizanProcess.run(["eval", Self.draftRecord])
    #expect(refused.exitCode == 4)
    #expect(refused.standardError.contains("no approved bir-bin-hirmas policy"))
    for format in ["text", "json"] {
      let result = try MizanProcess.run(["eval", Self.draftRecord, "--draft", "--format", format])
      #expect(result.exitCode == 0, "\(result.standardError)")
      #expect(result.standardOutput.contains("DRAFT"), "--format \(format) does not say DRAFT")
    }
  }

  @Test("mizan test policies: every example passes, at least 60 of them")
  func examples() throws {
    let result = try MizanProcess.run(["test", "policies"])
    #expect(result.exitCode == 0, "\(result.standardOutput)\(result.standardError)")
    let last = result.standardOutput.split(separator: "\n").last.map(String.init) ?? ""
    let words = last.split(separator: " ")
    #expect(words.count == 4 && words[1] == "passed," && words[3] == "failed", "last line: \(last)")
    #expect(Int(words.first ?? "") ?? 0 >= 60, "last line: \(last)")
    #expect(words.count > 2 && words[2] == "0", "last line: \(last)")
  }

  @Test("mizan check policies: every association checks, with its cited and assumed counts")
  func check() throws {
    let result = try MizanProcess.run(["check", "policies"])
    #expect(result.exitCode == 0, "\(result.standardOutput)\(result.standardError)")
    for association in Self.associations {
      let line = result.standardOutput.split(separator: "\n").first { $0.hasPrefix(association + "/") }
      #expect(line?.contains(": ok (") == true, "no ok line for \(association)")
      #expect(line?.contains(" assumed") == true && line?.contains(" — fingerprint ") == true,
              "no counts for \(association)")
    }
    // The counts agree with what `--assumed` lists: the rules' assumptions, then the others'.
    let listed = try MizanProcess.run(["check", "policies/taafi", "--assumed"])
    #expect(listed.standardOutput.contains("1 assumed; 1 more assumed on facts, documents or derived values"))
    #expect(listed.standardOutput.split(separator: "\n").filter { $0.hasPrefix("    assumed ") }.count == 2)
    #expect(result.standardOutput.contains("bir-bin-hirmas 2024-01-15, DRAFT) — 8 rules: 7 cite the text (not approved)"))
  }
}
