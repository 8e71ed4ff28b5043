import Foundation
import MizanTestSupport
import Testing

/// `mizan versions` and `mizan eval` choosing the version in force, on the versions fixture
/// (`fixtures/policies/versions`: `sample` approved 2024-01-01 and 2024-07-01, a draft 2025-01-01).
@Suite("mizan versions and the version in force", .serialized)
struct VersionsCLITests {
  static let fixture = "fixtures/policies/versions"

  /// `mizan versions` on the fixture, with "today" fixed by `MIZAN_TODAY`.
  static let goldenCases: [(String, [String], String)] = [
    ("versions-fixture", ["versions", "--policies", fixture, "--on", "2024-06-30"], "2024-07-01"),
    ("versions-fixture-ar", ["versions", "sample", "--policies", fixture, "--on", "1446-01-01H", "--lang", "ar"], "2024-07-01"),
    ("versions-fixture-json", ["versions", "sample", "--policies", fixture, "--on", "2024-06-30", "--format", "json"],
     "2023-12-31"),
    ("versions-fixture-draft", ["versions", "sample", "--policies", fixture, "--on", "2025-01-01", "--draft"], "2024-12-31"),
    ("versions-unknown-association", ["versions", "sampel", "--policies", fixture], "2024-07-01"),
    ("versions-help", ["versions", "--help"], "2024-07-01"),
  ]

  @Test("versions output matches its golden", arguments: goldenCases)
  func golden(name: String, arguments: [String], today: String) throws {
    let result = try MizanProcess.run(arguments, environment: ["MIZAN_TODAY": today])
    assertGolden("MIZAN_TODAY=\(today)\n" + result.transcript(command: arguments.joined(separator: " ")),
                 path: "golden/cli/\(name).txt")
  }

  @Test("the shipped policies: every association listed, Bir bin Hirmas as a draft, approved versions match the lock")
  func shippedPolicies() throws {
    let result = try MizanProcess.run(["versions", "--format", "json"], environment: ["MIZAN_TODAY": "2025-01-01"])
    #expect(result.exitCode == 0, "\(result.standardOutput)\(result.standardError)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let associations = try #require(json["associations"] as? [[String: Any]])
    let names = associations.compactMap { $0["association"] as? String }
    #expect(names == ["bir-bin-hirmas", "creative-mom", "raabigh", "rida", "taafi"])
    for association in associations {
      let versions = association["versions"] as? [[String: Any]] ?? []
      #expect(!versions.isEmpty)
      for version in versions {
        let status = version["status"] as? String
        let lock = (version["lock"] as? [String: Any])?["state"] as? String
        if association["association"] as? String == "bir-bin-hirmas" {
          #expect(status == "draft")
          #expect(lock == "draft")
        } else {
          #expect(status == "approved", "\(version["file"] ?? "")")
          #expect(lock == "matches", "\(version["file"] ?? "")")
        }
      }
    }
  }

  @Test("an unset MIZAN_TODAY means the wall clock; a malformed one is a usage error")
  func today() throws {
    let clock = try MizanProcess.run(["versions", "sample", "--policies", Self.fixture, "--format", "json"])
    #expect(clock.exitCode == 0)
    #expect(clock.standardOutput.contains("\"today\":\"20"))
    let bad = try MizanProcess.run(["versions", "--policies", Self.fixture], environment: ["MIZAN_TODAY": "tomorrow"])
    #expect(bad.exitCode == 2)
    #expect(bad.standardError.contains("`MIZAN_TODAY`"))
  }

  // MARK: - eval picks the version in force

  /// A record for `sample` submitted on a day, with an income between the limits of the
  /// versions (3000, 4000 and 5000 SAR), so the verdict also shows which version judged it.
  static func record(submittedOn day: String, income: Int = 3500) -> String {
    """
    {"application_id": "S-\(day)", "association": "sample", "submitted_on": "\(day)", "channel": "interview",
     "facts": {"monthly_income": \(income)}}
    """
  }

  /// Runs `mizan eval` on a record written to a scratch folder.
  static func eval(submittedOn day: String, income: Int = 3500, _ extra: [String] = []) throws -> ProcessResult {
    let folder = try MizanProcess.temporaryDirectory("versions-eval")
    let path = folder + "/record.json"
    try MizanProcess.writeText(record(submittedOn: day, income: income), to: path)
    return try MizanProcess.run(["eval", path, "--policies", Paths.packageRoot() + "/" + fixture, "--format", "json"] + extra)
  }

  /// (submitted on, with --draft, version expected)
  static let evalCases: [(String, Bool, String)] = [
    ("2024-01-01", false, "2024-01-01"),
    ("2024-06-30", false, "2024-01-01"),
    ("2024-07-01", false, "2024-07-01"),
    ("2024-12-31", false, "2024-07-01"),
    ("2025-01-01", false, "2024-07-01"),
    ("2025-01-01", true, "2025-01-01"),
    ("2024-12-31", true, "2024-07-01"),
  ]

  @Test("batch judges each line by the version in force on its date, exactly as eval, in any order, with 1 and 2 jobs")
  func batchPicksVersions() throws {
    let days = ["2024-06-30", "2024-07-01", "2023-12-31", "2024-01-01", "2025-01-01", "2024-12-31", "2024-06-30",
                "2025-06-01", "2024-01-01", "2024-07-01"]
    // Lines jump back and forth across the versions' boundaries, so a worker's remembered version
    // must be given up whenever a date leaves its period.
    let lines = (0..<40).map { Self.record(submittedOn: days[$0 % days.count], income: 3500)
      .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "S-", with: "S\($0)-") }
    let folder = try MizanProcess.temporaryDirectory("versions-batch")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try MizanProcess.writeText(lines.joined(separator: "\n") + "\n", to: folder + "/in.jsonl")
    let policies = Paths.packageRoot() + "/" + Self.fixture
    for draft in [false, true] {
      var expected: [String] = []
      for (index, line) in lines.enumerated() {
        try MizanProcess.writeText(line, to: folder + "/record-\(index).json")
        let eval = try MizanProcess.run(["eval", folder + "/record-\(index).json", "--policies", policies,
                                         "--format", "json"] + (draft ? ["--draft"] : []))
        if eval.exitCode == 0 {
          expected.append(eval.standardOutput.trimmingCharacters(in: .newlines))
        } else {
          expected.append("error")
        }
      }
      for jobs in ["1", "2"] {
        let batch = try MizanProcess.run(["batch", folder + "/in.jsonl", "--policies", policies, "--jobs", jobs]
          + (draft ? ["--draft"] : []))
        let output = batch.standardOutput.split(separator: "\n").map(String.init)
        try #require(output.count == lines.count)
        for (index, line) in output.enumerated() {
          if expected[index] == "error" {
            #expect(line.hasPrefix("{\"error\":{\"id\":\"record.noPolicyInForce\""), "line \(index + 1): \(line)")
          } else {
            #expect(line == expected[index], "line \(index + 1), draft \(draft), jobs \(jobs)")
          }
        }
      }
    }
  }

  @Test("eval judges a record by the version in force on its submission date", arguments: evalCases)
  func evalPicksVersion(day: String, draft: Bool, version: String) throws {
    let result = try Self.eval(submittedOn: day, draft ? ["--draft"] : [])
    #expect(result.exitCode == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("\"version\":\"\(version)\""), "\(result.standardOutput)")
    // 3500 SAR is over the first version's limit only.
    #expect(result.standardOutput.contains(version == "2024-01-01" ? "\"verdict\":\"ineligible\"" : "\"verdict\":\"eligible\""))
  }

  @Test("--as-of chooses the version in force on another day (what-if)")
  func asOf() throws {
    let result = try Self.eval(submittedOn: "2024-12-31", ["--as-of", "2024-06-30"])
    #expect(result.exitCode == 0)
    #expect(result.standardOutput.contains("\"version\":\"2024-01-01\""))
  }

  @Test("none in force before the first effective date: exit 4, with the earliest named")
  func noneInForce() throws {
    let result = try Self.eval(submittedOn: "2023-12-31")
    #expect(result.exitCode == 4)
    #expect(result.standardError == "mizan eval: no approved sample policy in force on 2023-12-31; earliest is 2024-01-01\n")
    let withDraft = try Self.eval(submittedOn: "2023-12-31", ["--draft"])
    #expect(withDraft.exitCode == 4)
  }

  @Test("a draft in force is marked DRAFT in the text report")
  func draftIsMarked() throws {
    let folder = try MizanProcess.temporaryDirectory("versions-draft")
    try MizanProcess.writeText(Self.record(submittedOn: "2025-02-01"), to: folder + "/record.json")
    let result = try MizanProcess.run(["eval", folder + "/record.json", "--policies", Paths.packageRoot() + "/" + Self.fixture,
                                       "--draft"])
    #expect(result.exitCode == 0)
    #expect(result.standardOutput.contains("DRAFT"))
  }
}
