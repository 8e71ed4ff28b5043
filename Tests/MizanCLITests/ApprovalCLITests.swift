import Foundation
import MizanTestSupport
import Testing

/// Approved means frozen: `approvals.lock`, the tamper check of `mizan check` and `mizan eval`,
/// and `mizan approve`, on scratch copies of the versions fixture and of the shipped policies.
@Suite("approvals.lock, tampering and mizan approve", .serialized)
struct ApprovalCLITests {
  /// A scratch folder holding `policies/`, a copy of the versions fixture; the tests run in it
  /// with relative paths, so goldens do not depend on where the folder is.
  static func scratchFixture() throws -> String {
    let folder = try MizanProcess.temporaryDirectory("approvals")
    try MizanProcess.copy(Paths.packageRoot() + "/fixtures/policies/versions", to: folder + "/policies")
    return folder
  }

  /// Replaces `old` by `new` in a file of the scratch folder.
  static func edit(_ path: String, in folder: String, replacing old: String, with new: String) throws {
    let text = try #require(MizanProcess.readText(folder + "/" + path))
    #expect(text.contains(old), "\(path) lacks \(old)")
    try MizanProcess.writeText(text.replacingOccurrences(of: old, with: new), to: folder + "/" + path)
  }

  static let first = "policies/sample/2024-01-01.mizan"
  static let second = "policies/sample/2024-07-01.mizan"
  static let lock = "policies/approvals.lock"

  /// A new approved version of `sample`, formatted, for `mizan approve`.
  static func addThirdApprovedVersion(in folder: String) throws -> String {
    let text = try #require(MizanProcess.readText(folder + "/" + second))
    let path = "policies/sample/2024-10-01.mizan"
    try MizanProcess.writeText(
      text.replacingOccurrences(of: "2024-07-01", with: "2024-10-01")
        .replacingOccurrences(of: "meeting \"9\"", with: "meeting \"10\"")
        .replacingOccurrences(of: "4000 SAR", with: "4500 SAR"),
      to: folder + "/" + path)
    return path
  }

  // MARK: - Tampering

  @Test("one character changed in an approved file: check exits 1 naming the file and both hashes")
  func tamperedFixture() throws {
    let folder = try Self.scratchFixture()
    try Self.edit(Self.second, in: folder, replacing: "en \"Monthly income limit\"", with: "en \"Monthly income limiT\"")
    let result = try MizanProcess.run(["check", "policies"], in: folder)
    #expect(result.exitCode == 1)
    assertGolden(result.transcript(command: "check policies"), path: "golden/cli/check-fingerprint-mismatch.txt")
    let arabic = try MizanProcess.run(["check", Self.second, "--lang", "ar"], in: folder)
    assertGolden(arabic.transcript(command: "check \(Self.second) --lang ar"),
                 path: "golden/cli/check-fingerprint-mismatch-ar.txt")
  }

  @Test("eval under a tampered version exits 4, even for a record the other version judges")
  func evalUnderTampered() throws {
    let folder = try Self.scratchFixture()
    try Self.edit(Self.first, in: folder, replacing: "3000 SAR", with: "3001 SAR")
    try MizanProcess.writeText(VersionsCLITests.record(submittedOn: "2024-08-01"), to: folder + "/record.json")
    let result = try MizanProcess.run(["eval", "record.json"], in: folder)
    #expect(result.exitCode == 4)
    #expect(result.standardError.contains("error[policy.fingerprintMismatch]"))
  }

  @Test("the shipped Raabigh policy, one character changed in a scratch copy: check exits 1 with both hashes")
  func tamperedShippedPolicy() throws {
    let folder = try MizanProcess.temporaryDirectory("tamper")
    try MizanProcess.copy(Paths.packageRoot() + "/policies", to: folder + "/policies")
    let lockText = try #require(MizanProcess.readText(folder + "/" + Self.lock))
    let line = try #require(lockText.split(separator: "\n").first { $0.hasPrefix("raabigh 2024-01-15 ") })
    let recorded = String(line.split(separator: " ")[2])
    try Self.edit("policies/raabigh/2024-01-15.mizan", in: folder, replacing: "meeting \"1\"", with: "meeting \"2\"")
    let result = try MizanProcess.run(["check", "policies/raabigh"], in: folder)
    #expect(result.exitCode == 1)
    #expect(result.standardError.contains("error[policy.fingerprintMismatch]: approved version `raabigh/2024-01-15.mizan` "
      + "does not match approvals.lock: recorded fingerprint \(recorded), the file now has "))
    #expect(result.standardError.contains("approved versions are frozen: make a new version file (with a later effective "
      + "date) instead of editing this one"))
    let versions = try MizanProcess.run(["versions", "raabigh"], in: folder, environment: ["MIZAN_TODAY": "2025-01-01"])
    #expect(versions.exitCode == 1)
    #expect(versions.standardOutput.contains("DOES NOT MATCH: line"))
  }

  @Test("layout, comments and line endings of an approved file may change: check still passes")
  func layoutChangesPass() throws {
    let folder = try Self.scratchFixture()
    let text = try #require(MizanProcess.readText(folder + "/" + Self.second))
    let relaid = text.replacingOccurrences(of: "\n", with: "  # note\r\n").replacingOccurrences(of: "  label", with: "\tlabel")
    try MizanProcess.writeText("# a new first comment\n" + relaid, to: folder + "/" + Self.second)
    let result = try MizanProcess.run(["check", "policies"], in: folder)
    #expect(result.exitCode == 0, "\(result.standardError)")
    let formatted = try MizanProcess.run(["fmt", "policies"], in: folder)
    #expect(formatted.exitCode == 0)
    #expect(try MizanProcess.run(["check", "policies"], in: folder).exitCode == 0)
  }

  @Test("an approved version missing from the lock, a deleted approved file, a draft the lock records")
  func lockAndFilesDisagree() throws {
    let folder = try Self.scratchFixture()
    let lockText = try #require(MizanProcess.readText(folder + "/" + Self.lock))
    // Drop the first version's line; delete the second version's file; turn a copy of it into a draft.
    let kept = lockText.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("sample 2024-01-01 ") }.joined(separator: "\n")
    try MizanProcess.writeText(kept, to: folder + "/" + Self.lock)
    let second = try #require(MizanProcess.readText(folder + "/" + Self.second))
    try FileManager.default.removeItem(atPath: folder + "/" + Self.second)
    let result = try MizanProcess.run(["check", "policies"], in: folder)
    #expect(result.exitCode == 1)
    assertGolden(result.transcript(command: "check policies"), path: "golden/cli/check-lock-disagrees.txt")
    let draft = second.replacing(#/  approved \{[^}]*\}/#, with: "  draft \"withdrawn\"")
    try MizanProcess.writeText(draft, to: folder + "/" + Self.second)
    let drafted = try MizanProcess.run(["check", Self.second], in: folder)
    #expect(drafted.exitCode == 1)
    #expect(drafted.standardError.contains("error[policy.draftInLock]: `sample/2024-07-01.mizan` is a draft, but "
      + "approvals.lock (line 12) records it as an approved version"))
  }

  @Test("malformed lock lines: check exits 1 naming approvals.lock:LINE once; eval exits 4; approve refuses")
  func malformedLock() throws {
    let folder = try Self.scratchFixture()
    let lockText = try #require(MizanProcess.readText(folder + "/" + Self.lock))
    let lines = lockText.split(separator: "\n").map(String.init)
    let entry = try #require(lines.first { $0.hasPrefix("sample 2024-07-01 ") })
    let broken = lockText + "sample 2024-07-01\n" + entry.replacingOccurrences(of: "2a", with: "2A") + "\n" + entry + "\n"
      + "sample 2024-13-01 " + String(repeating: "0", count: 64) + " ref\n"
    try MizanProcess.writeText(broken, to: folder + "/" + Self.lock)
    let result = try MizanProcess.run(["check", "policies"], in: folder)
    #expect(result.exitCode == 1)
    assertGolden(result.transcript(command: "check policies"), path: "golden/cli/check-malformed-lock.txt")
    try MizanProcess.writeText(VersionsCLITests.record(submittedOn: "2024-08-01"), to: folder + "/record.json")
    #expect(try MizanProcess.run(["eval", "record.json"], in: folder).exitCode == 4)
    let approve = try MizanProcess.run(["approve", try Self.addThirdApprovedVersion(in: folder)], in: folder)
    #expect(approve.exitCode == 1)
    #expect(approve.standardError.contains("approvals.lock has errors; fix them before recording a version"))
  }

  // MARK: - mizan approve

  @Test("approve records a new version, says so when asked again, and refuses to overwrite a changed one")
  func approve() throws {
    let folder = try Self.scratchFixture()
    let path = try Self.addThirdApprovedVersion(in: folder)
    let before = try #require(MizanProcess.readText(folder + "/" + Self.lock))
    let unrecorded = try MizanProcess.run(["check", path], in: folder)
    #expect(unrecorded.exitCode == 1)
    #expect(unrecorded.standardError.contains("error[policy.notInLock]"))
    #expect(unrecorded.standardError.contains("help: record it with `mizan approve \(path)`"))

    let recorded = try MizanProcess.run(["approve", path], in: folder)
    #expect(recorded.exitCode == 0, "\(recorded.standardError)")
    let after = try #require(MizanProcess.readText(folder + "/" + Self.lock))
    #expect(after.hasPrefix(before), "earlier lines are kept byte for byte")
    let added = after.dropFirst(before.count)
    #expect(added.hasPrefix("sample 2024-10-01 "))
    #expect(added.hasSuffix(" مجلس الإدارة / Board of directors, meeting 10, 2024-06-07\n"))
    #expect(recorded.standardOutput.hasPrefix("recorded sample 2024-10-01 in policies/approvals.lock (line 14): fingerprint "))
    #expect(try MizanProcess.run(["check", "policies"], in: folder).exitCode == 0)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder + "/policies").filter { $0.hasPrefix(".") }
    #expect(leftovers == [], "the temporary file was renamed over the lock")

    let again = try MizanProcess.run(["approve", path], in: folder)
    #expect(again.exitCode == 0)
    #expect(again.standardOutput.contains("is already recorded with this fingerprint"))
    #expect(MizanProcess.readText(folder + "/" + Self.lock) == after)

    try Self.edit(path, in: folder, replacing: "4500 SAR", with: "4600 SAR")
    let changed = try MizanProcess.run(["approve", path], in: folder)
    #expect(changed.exitCode == 1)
    #expect(changed.standardError.contains("An approved entry is never replaced: approved versions are frozen"))
    #expect(MizanProcess.readText(folder + "/" + Self.lock) == after)
  }

  @Test("approvals by two processes at once all land: each reads and rewrites the lock in turn")
  func concurrentApprovals() throws {
    let folder = try Self.scratchFixture()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let text = try #require(MizanProcess.readText(folder + "/" + Self.second))
    let dates = (1...8).map { "2026-\($0 < 10 ? "0" : "")\($0)-01" }
    for date in dates {
      try MizanProcess.writeText(text.replacingOccurrences(of: "2024-07-01", with: date),
                                 to: folder + "/policies/sample/\(date).mizan")
    }
    // Two shells, each approving four versions in a row, started together.
    let writers = [Array(dates.prefix(4)), Array(dates.suffix(4))].map { mine in
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", mine.map { "'\(MizanProcess.executablePath)' approve policies/sample/\($0).mizan >/dev/null || exit 1" }
        .joined(separator: "; ")]
      process.currentDirectoryURL = URL(fileURLWithPath: folder)
      return process
    }
    for writer in writers { try writer.run() }
    for writer in writers { writer.waitUntilExit() }
    #expect(writers.allSatisfy { $0.terminationStatus == 0 })
    let lock = try #require(MizanProcess.readText(folder + "/" + Self.lock))
    for date in dates { #expect(lock.contains("sample \(date) "), "\(date) was lost") }
    #expect(try MizanProcess.run(["check", "policies"], in: folder).exitCode == 0)
  }

  @Test("approve with --reference records that text; without a lock it starts one with its header")
  func approveReferenceAndNewLock() throws {
    let folder = try Self.scratchFixture()
    try FileManager.default.removeItem(atPath: folder + "/" + Self.lock)
    let result = try MizanProcess.run(["approve", Self.first, "--reference", "محضر رقم 7\tminutes no. 7"], in: folder)
    #expect(result.exitCode == 0, "\(result.standardError)")
    let text = try #require(MizanProcess.readText(folder + "/" + Self.lock))
    #expect(text.hasPrefix("# approvals.lock — "))
    #expect(text.hasSuffix(" محضر رقم 7 minutes no. 7\n"))
  }

  @Test("approve refuses drafts, broken versions, files fmt would change in tokens, and bad paths", arguments: [
    "draft", "broken", "unformatted", "folder", "outside",
  ])
  func approveRefuses(kind: String) throws {
    let folder = try Self.scratchFixture()
    var arguments = ["approve"]
    var expected = ""
    var code: Int32 = 1
    switch kind {
    case "draft":
      arguments.append("policies/sample/2025-01-01.mizan")
      expected = "mizan approve: `sample/2025-01-01.mizan` is a draft; only approved versions are recorded."
    case "broken":
      let path = try Self.addThirdApprovedVersion(in: folder)
      try Self.edit(path, in: folder, replacing: "monthly_income <= income_limit", with: "monthly_incom <= income_limit")
      arguments.append(path)
      expected = "error[check.unknownName]"
    case "unformatted":
      let path = try Self.addThirdApprovedVersion(in: folder)
      try Self.edit(path, in: folder, replacing: "monthly_income <= income_limit", with: "(monthly_income) <= income_limit")
      arguments.append(path)
      expected = "`mizan fmt` would change the tokens of sample/2024-10-01.mizan, not only their layout"
    case "folder":
      arguments.append("policies/sample")
      expected = "is not a file"
      code = 2
    default:
      // `common/` holds shared clauses, never versions.
      try MizanProcess.copy(folder + "/" + Self.second, to: folder + "/policies/common/2024-07-01.mizan")
      arguments.append("policies/common/2024-07-01.mizan")
      expected = "is not a version file of a policies folder"
    }
    let before = MizanProcess.readText(folder + "/" + Self.lock)
    let result = try MizanProcess.run(arguments, in: folder)
    #expect(result.exitCode == code, "\(result.standardError)")
    #expect(result.standardError.contains(expected), "\(result.standardError)")
    #expect(MizanProcess.readText(folder + "/" + Self.lock) == before)
  }
}
