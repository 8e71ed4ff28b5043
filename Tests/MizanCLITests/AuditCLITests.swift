import Foundation
import MizanTestSupport
import Testing

/// `mizan replay`, `mizan impact` and `mizan log repair` on the sample logs in fixtures/logs
/// (regenerate them with fixtures/logs/generate.sh after a policy change).
@Suite("Audit commands", .serialized)
struct AuditCLITests {
  static let cases: [(String, [String])] = [
    ("replay-clean", ["replay", "fixtures/logs/clean.jsonl"]),
    ("replay-first-form", ["replay", "fixtures/logs/first-form.jsonl"]),
    ("replay-key-without-checkpoint", ["replay", "fixtures/logs/clean.jsonl", "--key", "fixtures/logs/clean.jsonl"]),
    ("replay-tampered", ["replay", "fixtures/logs/tampered.jsonl"]),
    ("replay-reordered", ["replay", "fixtures/logs/reordered.jsonl"]),
    ("replay-torn-tail", ["replay", "fixtures/logs/torn-tail.jsonl"]),
    ("replay-tampered-json", ["replay", "fixtures/logs/tampered.jsonl", "--format", "json"]),
    ("replay-missing-log", ["replay", "fixtures/logs/no-such.jsonl"]),
    ("impact-without-to", ["impact", "fixtures/logs/clean.jsonl"]),
  ]

  @Test("audit command output matches its golden", arguments: cases)
  func golden(name: String, arguments: [String]) throws {
    let result = try MizanProcess.run(arguments)
    assertGolden(result.transcript(command: arguments.joined(separator: " ")), path: "golden/audit/\(name).txt")
  }

  @Test("replay gives the same report, in log order, on 1 and 2 cores; an edit past the first chunk is found on its line")
  func parallelReplay() throws {
    for log in ["clean", "tampered", "reordered", "torn-tail"] {
      let one = try MizanProcess.run(["replay", "fixtures/logs/\(log).jsonl", "--jobs", "1", "--format", "json"])
      let two = try MizanProcess.run(["replay", "fixtures/logs/\(log).jsonl", "--jobs", "2", "--format", "json"])
      #expect(one.standardOutput == two.standardOutput, "\(log)")
      #expect(one.exitCode == two.exitCode, "\(log)")
    }
    // A log longer than a replay chunk (4,096 lines), with one entry's verdict edited on line 4,500.
    let folder = try MizanProcess.temporaryDirectory("parallel-replay")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let records = try #require(MizanProcess.readText(Paths.packageRoot() + "/fixtures/batch/mixed.jsonl"))
    try MizanProcess.writeText(String(repeating: records, count: 600), to: folder + "/in.jsonl")
    let batch = try MizanProcess.run(["batch", folder + "/in.jsonl", "--log", folder + "/log.jsonl", "-o", folder + "/out.jsonl"])
    #expect(batch.exitCode == 0, "\(batch.standardError)")
    var lines = try #require(MizanProcess.readText(folder + "/log.jsonl")).split(separator: "\n").map(String.init)
    try #require(lines.count > 4_500)
    let verdicts = [#""verdict":"eligible""#, #""verdict":"incomplete""#, #""verdict":"ineligible""#]
    let original = lines[4_499]
    for (verdict, other) in zip(verdicts, verdicts.dropFirst() + verdicts.prefix(1)) where original.contains(verdict) {
      lines[4_499] = original.replacingOccurrences(of: verdict, with: other)
    }
    #expect(lines[4_499] != original)
    try MizanProcess.writeText(lines.joined(separator: "\n") + "\n", to: folder + "/log.jsonl")
    let one = try MizanProcess.run(["replay", folder + "/log.jsonl", "--jobs", "1", "--format", "json"])
    let two = try MizanProcess.run(["replay", folder + "/log.jsonl", "--jobs", "2", "--format", "json"])
    #expect(one.standardOutput == two.standardOutput)
    #expect(two.exitCode == 1)
    let broken = two.standardOutput.split(separator: "\n").filter { !$0.contains(#""status":"reproduced""#) }
    #expect(broken.count == 2, "one broken entry and the summary: \(broken)")
    #expect(broken.first?.contains(#""line":4500"#) == true)
    #expect(broken.first?.contains("chain broken") == true)
  }

  @Test("impact of a lower income limit over the sample log")
  func impact() throws {
    let folder = try MizanProcess.temporaryDirectory("impact-cli")
    try MizanProcess.copy(Paths.packageRoot() + "/policies", to: folder + "/policies")
    let file = folder + "/policies/raabigh/2024-01-15.mizan"
    let text = try #require(MizanProcess.readText(file))
    try MizanProcess.writeText(text.replacingOccurrences(of: "money = 1500 SAR", with: "money = 400 SAR"), to: file)
    let log = Paths.packageRoot() + "/fixtures/logs/clean.jsonl"
    for format in ["text", "json"] {
      let result = try MizanProcess.run(["impact", log, "--to", file, "--format", format])
      #expect(result.exitCode == 0, "\(result.standardError)")
      let stable = result.standardOutput.replacingOccurrences(of: Paths.packageRoot() + "/", with: "")
      assertGolden(stable, path: "golden/audit/impact-lower-limit.\(format == "json" ? "json" : "txt")")
    }
  }

  @Test("log repair shows the torn line, saves it aside with --yes, and the log replays clean")
  func repair() throws {
    let folder = try MizanProcess.temporaryDirectory("repair-cli")
    let log = folder + "/decisions.jsonl"
    try MizanProcess.copy(Paths.packageRoot() + "/fixtures/logs/torn-tail.jsonl", to: log)
    let dryRun = try MizanProcess.run(["log", "repair", log])
    #expect(dryRun.exitCode == 1)
    #expect(dryRun.standardOutput.contains("would copy it to \(log).torn-"))
    let repaired = try MizanProcess.run(["log", "repair", log, "--yes"])
    #expect(repaired.exitCode == 0, "\(repaired.standardError)")
    let sides = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".torn-") }
    #expect(sides.count == 1)
    let replay = try MizanProcess.run(["replay", log])
    #expect(replay.exitCode == 0, "\(replay.standardOutput)")
    #expect(replay.standardOutput.hasSuffix("4 lines: 4 reproduced, 0 diverged, 0 not in force, 0 policy missing, 0 chain broken\n"))
  }

  @Test("log checkpoint prints and appends the head; replay --checkpoint --key finds a cut, and refuses a wrong key")
  func checkpointAndReplay() throws {
    let folder = try MizanProcess.temporaryDirectory("checkpoint-cli")
    let log = folder + "/decisions.jsonl"
    try MizanProcess.copy(Paths.packageRoot() + "/fixtures/logs/clean.jsonl", to: log)
    try MizanProcess.writeText("a key the auditor keeps elsewhere", to: folder + "/key")
    let taken = try MizanProcess.run(["log", "checkpoint", log, "--append", folder + "/checkpoints", "--key", folder + "/key"])
    #expect(taken.exitCode == 0, "\(taken.standardError)")
    #expect(taken.standardOutput.hasPrefix(#"{"entries":5,"hash":""#))
    #expect(taken.standardOutput.contains(#""mac":""#) && taken.standardOutput.contains(#""sequence":5,"time":""#))
    #expect(MizanProcess.readText(folder + "/checkpoints") == taken.standardOutput)
    let whole = try MizanProcess.run(["replay", log, "--checkpoint", folder + "/checkpoints", "--key", folder + "/key"])
    #expect(whole.exitCode == 0, "\(whole.standardOutput)")

    let lines = try #require(MizanProcess.readText(log)).split(separator: "\n")
    try MizanProcess.writeText(lines.prefix(3).map { $0 + "\n" }.joined(), to: log)
    let cut = try MizanProcess.run(["replay", log, "--checkpoint", folder + "/checkpoints", "--key", folder + "/key"])
    #expect(cut.exitCode == 1)
    #expect(cut.standardOutput.contains("\(log):4: - -: chain broken — the log ends at sequence 3 (line 3), but the checkpoint"))
    #expect(cut.standardOutput.hasSuffix("the log was cut (entries 4–5 are missing)\n"
      + "4 lines: 3 reproduced, 0 diverged, 0 not in force, 0 policy missing, 1 chain broken\n"))

    try MizanProcess.writeText("another key, not the auditor's", to: folder + "/other")
    let wrongKey = try MizanProcess.run(["replay", log, "--checkpoint", folder + "/checkpoints", "--key", folder + "/other"])
    #expect(wrongKey.exitCode == 1)
    #expect(wrongKey.standardError.contains("checkpoints:1: its `mac` does not match the key"))
    try MizanProcess.writeText("short", to: folder + "/short")
    let shortKey = try MizanProcess.run(["log", "checkpoint", log, "--key", folder + "/short"])
    #expect(shortKey.exitCode == 2)
    #expect(shortKey.standardError.contains("a key needs at least 16"))
  }

  @Test("eval and batch refuse to log a what-if or a draft unmarked; --purpose marks it")
  func whatIfAppends() throws {
    let folder = try MizanProcess.temporaryDirectory("what-if-cli")
    let log = folder + "/decisions.jsonl"
    let record = "fixtures/records/raabigh/eligible-complete.json"
    for extra in [["--as-of", "2024-06-01"], ["--draft"]] {
      let refused = try MizanProcess.run(["eval", record, "--log", log] + extra)
      #expect(refused.exitCode == 2)
      #expect(refused.standardError.contains("makes the decision a what-if, not an official one"), "\(refused.standardError)")
    }
    #expect(!FileManager.default.fileExists(atPath: log))
    let marked = try MizanProcess.run(["eval", record, "--log", log, "--as-of", "2024-06-01", "--purpose", "what_if"])
    #expect(marked.exitCode == 0, "\(marked.standardError)")
    #expect(MizanProcess.readText(log)?.contains(#","purpose":"what_if","record":"#) == true)
    let noLog = try MizanProcess.run(["eval", record, "--purpose", "what_if"])
    #expect(noLog.exitCode == 2)
    #expect(noLog.standardError.contains("`--purpose` marks a logged entry"))
    let batch = try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl", "--draft", "--log", log, "-o", folder + "/out"])
    #expect(batch.exitCode == 2)
    #expect(batch.standardError.contains("log it marked with `--purpose draft`"))
    let markedBatch = try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl", "--draft", "--log", log, "--purpose", "draft",
                                            "-o", folder + "/out"])
    #expect(markedBatch.exitCode == 0, "\(markedBatch.standardError)")
    let replay = try MizanProcess.run(["replay", log])
    #expect(replay.exitCode == 0, "\(replay.standardOutput)")
  }

  @Test("log repair completes a sealed last line lacking its newline, and moves nothing aside")
  func repairCompletes() throws {
    let folder = try MizanProcess.temporaryDirectory("repair-complete-cli")
    let log = folder + "/decisions.jsonl"
    let text = try #require(MizanProcess.readText(Paths.packageRoot() + "/fixtures/logs/clean.jsonl"))
    try MizanProcess.writeText(String(text.dropLast()), to: log)
    let dryRun = try MizanProcess.run(["log", "repair", log])
    #expect(dryRun.exitCode == 1)
    #expect(dryRun.standardOutput == "\(log):5: a sealed entry lacking only its newline: the decision is whole\n"
      + "would add the newline; run again with --yes to do it\n")
    let repaired = try MizanProcess.run(["log", "repair", log, "--yes"])
    #expect(repaired.exitCode == 0, "\(repaired.standardError)")
    #expect(MizanProcess.readText(log) == text)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["decisions.jsonl"])
  }

  @Test("report: the page and the JSON over the sample log, in both languages, as of a fixed today",
        arguments: [("report-clean.json", ["--format", "json"]), ("report-clean-en.html", ["--lang", "en"]),
                    ("report-clean-ar.html", ["--lang", "ar"])])
  func reportGolden(name: String, extra: [String]) throws {
    let arguments = ["report", "fixtures/logs/clean.jsonl"] + extra
    let result = try MizanProcess.run(arguments, environment: ["MIZAN_TODAY": "2024-03-20"])
    #expect(result.exitCode == 0, "\(result.standardError)")
    assertGolden(result.standardOutput, path: "golden/audit/\(name)")
    if name.hasSuffix(".html") {
      #expect(!result.standardOutput.contains("<script"))
      #expect(!result.standardOutput.contains("src=") && !result.standardOutput.contains("href="), "self-contained")
      #expect(result.standardOutput.contains("<svg"))
    }
  }

  @Test("report: reply dates before today are overdue, not on it; --from/--to bound the submissions; marked and broken lines are left out")
  func reportCounts() throws {
    func json(_ extra: [String], today: String, log: String = "fixtures/logs/clean.jsonl") throws -> String {
      let result = try MizanProcess.run(["report", log, "--format", "json"] + extra, environment: ["MIZAN_TODAY": today])
      #expect(result.exitCode == 0, "\(result.standardError)")
      return result.standardOutput
    }
    // The two eligible applications' committee replies are due 2024-03-24.
    #expect(try json([], today: "2024-03-24").contains(#""overdue":[]"#))
    #expect(try json([], today: "2024-03-25").contains(#""reply_on":"2024-03-24"}]"#))
    #expect(try json(["--from", "2024-03-11"], today: "2024-03-25").contains(#""entries":0,"marked":0,"outside_period":5"#))
    #expect(try json(["--to", "2024-03-10"], today: "2024-03-25").contains(#""entries":5,"marked":0,"outside_period":0"#))
    let tampered = try json([], today: "2024-03-25", log: "fixtures/logs/tampered.jsonl")
    #expect(tampered.contains(#""broken_lines":[2],"entries":4"#), "\(tampered)")
    let folder = try MizanProcess.temporaryDirectory("report-marked")
    let log = folder + "/decisions.jsonl"
    try MizanProcess.copy(Paths.packageRoot() + "/fixtures/logs/clean.jsonl", to: log)
    let marked = try MizanProcess.run(["eval", "fixtures/records/raabigh/eligible-complete.json", "--log", log,
                                       "--as-of", "2024-06-01", "--purpose", "what_if"])
    #expect(marked.exitCode == 0, "\(marked.standardError)")
    #expect(try json([], today: "2024-03-25", log: log).contains(#""entries":5,"marked":1"#))
    // A record dated in Hijri with Arabic-Indic digits (١٤٤٥-٠٨-٢٩H) counts in its Gregorian month.
    let batchLog = folder + "/batch.jsonl"
    let batch = try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl", "--log", batchLog, "-o", folder + "/out"])
    #expect(batch.exitCode == 0, "\(batch.standardError)")
    let months = try json([], today: "2024-03-25", log: batchLog)
    #expect(months.contains(#"{"month":"2024-03","verdicts":{"eligible":"#), "\(months)")
    #expect(!months.contains("١٤٤٥") && !months.contains("H\""), "\(months)")
  }
}
