import Foundation
import Mizan
import MizanTestSupport
import Testing

@testable import MizanAudit

/// Process-level tests: the built `mizan` appending while being killed, and two appending at once.
@Suite("Crash safety and concurrent appends", .serialized)
struct CrashSafetyTests {
  static let record = Paths.packageRoot() + "/fixtures/records/raabigh/eligible-complete.json"

  /// Every line is a whole entry except, at most, a torn last line; the whole entries chain.
  static func checkIntegrity(_ log: String) throws -> (entries: Int, torn: Bool) {
    let engine = Engine(store: PolicyStore(root: Paths.packageRoot() + "/policies"))
    var entries = 0
    var torn = false
    var problems: [String] = []
    _ = engine.replay(log: log) { line in
      if line.isReproduced {
        entries += 1
      } else if line.details.first?.hasPrefix("torn last line") == true {
        torn = true
      } else {
        problems.append("\(line.line): \(line.status) \(line.details)")
      }
    }
    #expect(problems.isEmpty, "\(problems)")
    return (entries, torn)
  }

  @Test("a child killed during appends leaves the log intact or with one torn, detected tail")
  func killedDuringAppends() throws {
    let folder = try MizanProcess.temporaryDirectory("kill")
    let log = folder + "/decisions.jsonl"
    var generator = SplitMix64(seed: 7)
    var tornSeen = 0
    for run in 0..<25 {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      // Appends in a loop until killed; each `mizan eval --log` is one append.
      process.arguments = ["-c", "while true; do '\(MizanProcess.executablePath)' eval '\(Self.record)' --format json --log '\(log)' >/dev/null 2>&1 || exit 0; done"]
      process.currentDirectoryURL = URL(fileURLWithPath: Paths.packageRoot())
      try process.run()
      usleep(useconds_t(20_000 + generator.next() % 200_000))
      kill(-process.processIdentifier, SIGKILL)
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      // Stop any `mizan` the shell had started, then look at the log as a crash would leave it.
      let cleanup = Process()
      cleanup.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
      cleanup.arguments = ["-KILL", "-f", log]
      try? cleanup.run()
      cleanup.waitUntilExit()
      // SIGKILL is delivered asynchronously: a process inside write(2) finishes that write first.
      // Look at the log only once no appender is left, as after a real crash.
      for _ in 0..<200 {
        let survivors = Process()
        survivors.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
        survivors.arguments = ["-f", log]
        try? survivors.run()
        survivors.waitUntilExit()
        if survivors.terminationStatus != 0 { break }
        usleep(10_000)
      }
      let (_, torn) = try Self.checkIntegrity(log)
      if torn {
        tornSeen += 1
        // The next append must refuse; repair must make the log whole again.
        let refused = try MizanProcess.run(["eval", Self.record, "--log", log])
        #expect(refused.exitCode != 0, "run \(run)")
        #expect(refused.standardError.contains("torn"), "run \(run)")
        let repaired = try MizanProcess.run(["log", "repair", log, "--yes"])
        #expect(repaired.exitCode == 0, "run \(run): \(repaired.standardError)")
      }
    }
    let (entries, torn) = try Self.checkIntegrity(log)
    #expect(!torn)
    #expect(entries > 0)
  }

  @Test("two processes appending at once never interleave their lines")
  func concurrentAppenders() throws {
    let folder = try MizanProcess.temporaryDirectory("concurrent")
    let log = folder + "/decisions.jsonl"
    let script = "for i in $(seq 1 15); do '\(MizanProcess.executablePath)' eval '\(Self.record)' --format json --log '\(log)' >/dev/null || exit 1; done"
    let writers = (0..<2).map { _ in
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", script]
      process.currentDirectoryURL = URL(fileURLWithPath: Paths.packageRoot())
      return process
    }
    for writer in writers { try writer.run() }
    for writer in writers { writer.waitUntilExit() }
    #expect(writers.allSatisfy { $0.terminationStatus == 0 })
    let (entries, torn) = try Self.checkIntegrity(log)
    #expect(entries == 30)
    #expect(!torn)
  }

  /// The chain alone (no re-evaluation, which the final check does once): whole entries, and
  /// whether the last line is torn.
  static func checkChain(_ log: String) throws -> (entries: Int, torn: Bool) {
    guard FileManager.default.fileExists(atPath: log) else { return (0, false) }
    var entries = 0
    var torn = false
    var problems: [String] = []
    try forEachVerifiedLine(path: log) { verified in
      if verified.entry != nil, verified.problems.isEmpty {
        entries += 1
      } else if verified.problems.first?.english.hasPrefix("torn last line") == true {
        torn = true
      } else {
        problems.append("\(verified.line): \(verified.problems.map(\.english))")
      }
    }
    #expect(problems.isEmpty, "\(problems)")
    return (entries, torn)
  }

  @Test("a batch killed during --log, 25 times: every decision it wrote out is in the log, and the log stays whole")
  func killedDuringBatchLog() throws {
    let folder = try MizanProcess.temporaryDirectory("kill-batch")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let log = folder + "/decisions.jsonl"
    let input = folder + "/in.jsonl"
    let records = try #require(MizanProcess.readText(Paths.packageRoot() + "/fixtures/batch/mixed.jsonl"))
    try MizanProcess.writeText(String(repeating: records, count: 150), to: input)
    var generator = SplitMix64(seed: 11)
    var killedMidway = 0
    for run in 0..<25 {
      let before = try Self.checkChain(log).entries
      let output = folder + "/out-\(run).jsonl"
      let process = Process()
      process.executableURL = URL(fileURLWithPath: MizanProcess.executablePath)
      process.arguments = ["batch", input, "--log", log, "-o", output, "--jobs", "2"]
      process.currentDirectoryURL = URL(fileURLWithPath: Paths.packageRoot())
      process.standardError = FileHandle.nullDevice
      try process.run()
      // Policies load and the first chunk is evaluated before anything is logged: kill anywhere after.
      usleep(useconds_t(150_000 + generator.next() % 1_200_000))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      if process.terminationReason == .uncaughtSignal { killedMidway += 1 }
      let (after, torn) = try Self.checkChain(log)
      // A chunk is written out only after its entries are synced: what the output reports is logged.
      let reported = (MizanProcess.readText(output) ?? "").split(separator: "\n").filter { !$0.hasPrefix(#"{"error":"#) }
      #expect(after - before >= reported.count, "run \(run): \(reported.count) reported, \(after - before) logged")
      if torn {
        let repaired = try MizanProcess.run(["log", "repair", log, "--yes"])
        #expect(repaired.exitCode == 0, "run \(run): \(repaired.standardError)")
      }
    }
    #expect(killedMidway > 0, "no run was killed before it finished: the input is too small to test anything")
    let (entries, torn) = try Self.checkChain(log)
    #expect(!torn)
    #expect(entries > 0)
  }
}
