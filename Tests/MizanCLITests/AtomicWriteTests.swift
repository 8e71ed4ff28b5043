import Foundation
import MizanTestSupport
import Testing

/// `fmt`, `batch -o`, `approve` and `log repair` replace files atomically (a temporary file
/// beside the target, flushed, then renamed or linked into place): a run that fails, or is
/// killed at any moment, leaves each file either exactly as it was or exactly as the finished
/// run writes it, never half-written (docs/robustness.md).
@Suite("Atomic writes", .serialized)
struct AtomicWriteTests {
  /// Starts `mizan` in `folder` and kills it (SIGKILL) after `delay` microseconds, or lets it
  /// finish first; returns whether it had finished.
  static func runKilled(_ arguments: [String], in folder: String, after delay: useconds_t) throws -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: MizanProcess.executablePath)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    var environment = ProcessInfo.processInfo.environment
    environment["MIZAN_POLICIES"] = nil
    process.environment = environment
    try process.run()
    usleep(delay)
    let finished = !process.isRunning
    if !finished { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    return finished
  }

  /// Delays spread from "before it read anything" to "after it finished", in microseconds.
  static let killDelays: [useconds_t] = [0, 1_000, 3_000, 8_000, 15_000, 30_000, 60_000, 120_000, 250_000, 500_000]

  /// The names in `folder` that a killed run may leave behind: its temporary files.
  static func leftovers(in folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.contains(".mizan-tmp-") }
  }

  /// Makes `folder` refuse new files, for a write that must fail; false where this machine
  /// cannot (then the caller skips that check). As root a mode of 555 is ignored, so the
  /// immutable attribute is tried first.
  static func makeReadOnly(_ folder: String) -> Bool {
    if getuid() == 0 {
      return shell("chattr", "+i", folder) && !FileManager.default.createFile(atPath: folder + "/.probe", contents: nil)
    }
    return chmod(folder, 0o555) == 0
  }

  static func makeWritable(_ folder: String) {
    if getuid() == 0 { _ = shell("chattr", "-i", folder) }
    chmod(folder, 0o755)
  }

  static func shell(_ arguments: String...) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }

  // MARK: - fmt

  static let unformatted = """
    policy sample {name ar "عينة" en "Sample" version "1" effective 2024-01-01 draft "test"}
    fact   monthly_income :money{label ar "الدخل"  en "Income"}

    """

  @Test("fmt killed at any moment leaves the policy unformatted or formatted, never half-written")
  func fmtInterrupted() throws {
    let folder = try MizanProcess.temporaryDirectory("atomic-fmt")
    let file = folder + "/2024-01-01.mizan"
    try MizanProcess.writeText(Self.unformatted, to: file)
    #expect(try MizanProcess.run(["fmt", "2024-01-01.mizan"], in: folder).exitCode == 0)
    let formatted = try #require(MizanProcess.readText(file))
    #expect(formatted != Self.unformatted)
    for delay in Self.killDelays {
      try MizanProcess.writeText(Self.unformatted, to: file)
      _ = try Self.runKilled(["fmt", "2024-01-01.mizan"], in: folder, after: delay)
      let after = MizanProcess.readText(file)
      #expect(after == Self.unformatted || after == formatted, "killed after \(delay) µs: \(after ?? "nil")")
    }
  }

  @Test("fmt that cannot write leaves the policy as it was and says so")
  func fmtFails() throws {
    let folder = try MizanProcess.temporaryDirectory("atomic-fmt-fail")
    let file = folder + "/2024-01-01.mizan"
    try MizanProcess.writeText(Self.unformatted, to: file)
    guard Self.makeReadOnly(folder) else { return }
    defer { Self.makeWritable(folder) }
    let result = try MizanProcess.run(["fmt", "2024-01-01.mizan"], in: folder)
    #expect(result.exitCode == 4)
    #expect(result.standardError.contains("cannot write `2024-01-01.mizan`"), "\(result.standardError)")
    #expect(result.standardError.contains("was left as it was"), "\(result.standardError)")
    #expect(MizanProcess.readText(file) == Self.unformatted)
    #expect(Self.leftovers(in: folder).isEmpty)
  }

  @Test("fmt through a symbolic link formats the file it names and keeps the link")
  func fmtThroughLink() throws {
    let folder = try MizanProcess.temporaryDirectory("atomic-fmt-link")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(atPath: folder + "/real", withIntermediateDirectories: true)
    try MizanProcess.writeText(Self.unformatted, to: folder + "/real/2024-01-01.mizan")
    try #require(symlink(folder + "/real/2024-01-01.mizan", folder + "/2024-01-01.mizan") == 0)
    let result = try MizanProcess.run(["fmt", "2024-01-01.mizan"], in: folder)
    #expect(result.exitCode == 0, "\(result.standardError)")
    var info = stat()
    #expect(lstat(folder + "/2024-01-01.mizan", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK, "the link was replaced")
    #expect(MizanProcess.readText(folder + "/real/2024-01-01.mizan") != Self.unformatted)
    #expect(Self.leftovers(in: folder).isEmpty && Self.leftovers(in: folder + "/real").isEmpty)
  }

  // MARK: - batch -o

  /// A batch input of `count` copies of a shipped record.
  static func batchInput(count: Int) throws -> String {
    let path = Paths.packageRoot() + "/fixtures/records/raabigh/eligible-complete.json"
    let record = try #require(MizanProcess.readText(path))
    let line = record.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined() + "\n"
    return String(repeating: line, count: count)
  }

  @Test("batch -o killed at any moment leaves the old output or the whole new one")
  func batchInterrupted() throws {
    let folder = try MizanProcess.temporaryDirectory("atomic-batch")
    try MizanProcess.copy(Paths.packageRoot() + "/policies", to: folder + "/policies")
    try MizanProcess.writeText(try Self.batchInput(count: 3_000), to: folder + "/in.jsonl")
    let arguments = ["batch", "in.jsonl", "-o", "out.jsonl", "--jobs", "1"]
    #expect(try MizanProcess.run(arguments, in: folder).exitCode == 0)
    let complete = try #require(MizanProcess.readText(folder + "/out.jsonl"))
    #expect(complete.split(separator: "\n").count == 3_000)
    let old = "the previous output\n"
    for delay in Self.killDelays {
      try MizanProcess.writeText(old, to: folder + "/out.jsonl")
      _ = try Self.runKilled(arguments, in: folder, after: delay)
      let after = MizanProcess.readText(folder + "/out.jsonl")
      #expect(after == old || after == complete, "killed after \(delay) µs: \(after?.prefix(80) ?? "nil")")
    }
  }

  @Test("batch -o whose input is not a file leaves the old output and no temporary file")
  func batchInputNotAFile() throws {
    let folder = try MizanProcess.temporaryDirectory("atomic-batch-fail")
    try MizanProcess.writeText("the previous output\n", to: folder + "/out.jsonl")
    // A folder as input: refused before anything is written.
    try FileManager.default.createDirectory(atPath: folder + "/in.jsonl", withIntermediateDirectories: true)
    let result = try MizanProcess.run(["batch", "in.jsonl", "-o", "out.jsonl", "--policies",
                                       Paths.packageRoot() + "/policies"], in: folder)
    #expect(result.exitCode == 2)
    #expect(result.standardError.contains("`in.jsonl`: it is a folder, not a regular file"), "\(result.standardError)")
    #expect(MizanProcess.readText(folder + "/out.jsonl") == "the previous output\n")
    #expect(Self.leftovers(in: folder).isEmpty)
  }

  @Test("batch -o whose policy does not load (exit 4) leaves the old output and no temporary file")
  func batchPolicyFails() throws {
    let folder = try MizanProcess.temporaryDirectory("atomic-batch-policy")
    let policies = folder + "/policies"
    try FileManager.default.createDirectory(atPath: policies + "/raabigh", withIntermediateDirectories: true)
    try MizanProcess.writeText("policy raabigh { broken\n", to: policies + "/raabigh/2024-01-15.mizan")
    try MizanProcess.writeText("the previous output\n", to: folder + "/out.jsonl")
    let record = try #require(MizanProcess.readText(Paths.packageRoot() + "/fixtures/records/raabigh/eligible-complete.json"))
    try MizanProcess.writeText(record.replacingOccurrences(of: "\n", with: " ") + "\n", to: folder + "/in.jsonl")
    let result = try MizanProcess.run(["batch", "in.jsonl", "-o", "out.jsonl", "--policies", policies], in: folder)
    #expect(result.exitCode == 4)
    #expect(result.standardError.contains("`out.jsonl` was left as it was"), "\(result.standardError)")
    #expect(MizanProcess.readText(folder + "/out.jsonl") == "the previous output\n")
    #expect(Self.leftovers(in: folder).isEmpty)
  }

  // MARK: - approve

  @Test("approve killed at any moment leaves the lock as it was or with the one new line")
  func approveInterrupted() throws {
    let folder = try ApprovalCLITests.scratchFixture()
    let version = try ApprovalCLITests.addThirdApprovedVersion(in: folder)
    let lockPath = folder + "/" + ApprovalCLITests.lock
    let before = try #require(MizanProcess.readText(lockPath))
    #expect(try MizanProcess.run(["approve", version], in: folder).exitCode == 0)
    let recorded = try #require(MizanProcess.readText(lockPath))
    #expect(recorded.hasPrefix(before) && recorded.count > before.count)
    for delay in Self.killDelays {
      try MizanProcess.writeText(before, to: lockPath)
      _ = try Self.runKilled(["approve", version], in: folder, after: delay)
      let after = MizanProcess.readText(lockPath)
      #expect(after == before || after == recorded, "killed after \(delay) µs: \(after ?? "nil")")
    }
  }

  @Test("approve that cannot write leaves the lock as it was")
  func approveFails() throws {
    let folder = try ApprovalCLITests.scratchFixture()
    let version = try ApprovalCLITests.addThirdApprovedVersion(in: folder)
    let lockPath = folder + "/" + ApprovalCLITests.lock
    let before = try #require(MizanProcess.readText(lockPath))
    guard Self.makeReadOnly(folder + "/policies") else { return }
    defer { Self.makeWritable(folder + "/policies") }
    let result = try MizanProcess.run(["approve", version], in: folder)
    #expect(result.exitCode == 1)
    #expect(MizanProcess.readText(lockPath) == before)
    #expect(Self.leftovers(in: folder + "/policies").isEmpty)
  }

  // MARK: - log repair

  /// A scratch copy of the sample log with a torn last line (`fixtures/logs/torn-tail.jsonl`).
  static func tornLog() throws -> (folder: String, log: [UInt8]) {
    let folder = try MizanProcess.temporaryDirectory("atomic-repair")
    let path = Paths.packageRoot() + "/fixtures/logs/torn-tail.jsonl"
    let data = try #require(FileManager.default.contents(atPath: path))
    try MizanProcess.writeBytes([UInt8](data), to: folder + "/log.jsonl")
    return (folder, [UInt8](data))
  }

  @Test("log repair killed at any moment: the log is whole or cut back with its torn line saved in full")
  func repairInterrupted() throws {
    let (folder, original) = try Self.tornLog()
    let cut = original.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
    let sidePath = folder + "/log.jsonl.torn-\(cut)"
    for delay in Self.killDelays {
      try? FileManager.default.removeItem(atPath: sidePath)
      try MizanProcess.writeBytes(original, to: folder + "/log.jsonl")
      _ = try Self.runKilled(["log", "repair", "log.jsonl", "--yes"], in: folder, after: delay)
      let log = FileManager.default.contents(atPath: folder + "/log.jsonl").map { [UInt8]($0) }
      let side = FileManager.default.contents(atPath: sidePath).map { [UInt8]($0) }
      if log == original {
        // Not cut back yet: a side file, if any, already holds the whole torn line.
        #expect(side == nil || side == Array(original[cut...]), "killed after \(delay) µs")
      } else {
        #expect(log == Array(original[..<cut]), "killed after \(delay) µs: the log is neither whole nor cut back")
        #expect(side == Array(original[cut...]), "killed after \(delay) µs: the torn line is not saved in full")
      }
    }
  }

  @Test("log repair refuses to replace an existing side file and leaves the log whole")
  func repairRefusesExistingSideFile() throws {
    let (folder, original) = try Self.tornLog()
    let cut = original.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
    let sidePath = folder + "/log.jsonl.torn-\(cut)"
    try MizanProcess.writeText("an earlier repair\n", to: sidePath)
    let result = try MizanProcess.run(["log", "repair", "log.jsonl", "--yes"], in: folder)
    #expect(result.exitCode == 1)
    #expect(FileManager.default.contents(atPath: folder + "/log.jsonl").map { [UInt8]($0) } == original)
    #expect(MizanProcess.readText(sidePath) == "an earlier repair\n")
    #expect(Self.leftovers(in: folder).isEmpty)
  }
}
