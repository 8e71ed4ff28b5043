import Foundation
import MizanTestSupport
import Testing

/// `mizan batch`: one output line per input line, in input order, each byte for byte what
/// `mizan eval --format json` gives for that record, or an error record.
@Suite("mizan batch", .serialized)
struct BatchTests {
  /// Every record fixture (valid or not) as one compact line, with its path.
  static func fixtureLines() throws -> [(path: String, line: String)] {
    let root = Paths.packageRoot()
    var lines: [(String, String)] = []
    for folder in ["raabigh", "taafi", "creative-mom", "rida", "bir-bin-hirmas", "invalid"] {
      let directory = root + "/fixtures/records/" + folder
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
      for name in names.sorted() where name.hasSuffix(".json") {
        let path = "fixtures/records/\(folder)/\(name)"
        let data = try #require(FileManager.default.contents(atPath: root + "/" + path))
        // A record that is JSON is written on one line as it is; one that is not is skipped
        // (a line of a batch cannot hold a record with newlines in its strings).
        guard let object = try? JSONSerialization.jsonObject(with: data),
          let compact = try? JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes])
        else { continue }
        lines.append((path, String(decoding: compact, as: UTF8.self)))
      }
    }
    return lines
  }

  /// `count` lines cycling through the fixtures, each with its own application id (`idPrefix`,
  /// the index and `-` put in front of the fixture's), every `every`-th line (from the first)
  /// replaced by `replacedBy`: a batch of many chunks whose lines can be told apart.
  static func distinctLines(_ count: Int, idPrefix: String, every: Int, replacedBy odd: String) throws -> [String] {
    let fixtures = try fixtureLines().map(\.line)
    return (0..<count).map { index in
      guard index % every != 0 else { return odd }
      var line = fixtures[index % fixtures.count]
      if let range = line.range(of: "\"application_id\":\"") {
        line.insert(contentsOf: "\(idPrefix)\(index)-", at: range.upperBound)
      }
      return line
    }
  }

  static func write(_ lines: [String], to name: String) throws -> String {
    let folder = try MizanProcess.temporaryDirectory("batch")
    let path = folder + "/" + name
    try MizanProcess.writeText(lines.map { $0 + "\n" }.joined(), to: path)
    return path
  }

  static func remove(folderOf path: String) {
    try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
  }

  static func outputLines(_ text: String) -> [String] {
    var lines = text.components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    return lines
  }

  @Test("each fixture's output line is what eval --format json prints for it, with 1 and 2 jobs")
  func matchesEval() throws {
    let fixtures = try Self.fixtureLines()
    #expect(fixtures.count >= 20)
    let input = try Self.write(fixtures.map(\.line), to: "fixtures.jsonl")
    defer { Self.remove(folderOf: input) }
    for jobs in ["1", "2"] {
      let batch = try MizanProcess.run(["batch", input, "--jobs", jobs])
      #expect(batch.exitCode == 0, "\(batch.standardError)")
      let lines = Self.outputLines(batch.standardOutput)
      try #require(lines.count == fixtures.count)
      var decisions = 0
      for (index, fixture) in fixtures.enumerated() {
        let eval = try MizanProcess.run(["eval", fixture.path, "--format", "json"])
        if eval.exitCode == 0 {
          decisions += 1
          #expect(lines[index] + "\n" == eval.standardOutput, "\(fixture.path) with --jobs \(jobs)")
        } else {
          // Not evaluated by eval either: the batch says why, on that line.
          #expect(lines[index].hasPrefix("{\"error\":{\"id\":\"record."), "\(fixture.path)")
          #expect(lines[index].hasSuffix(",\"line\":\(index + 1)}"), "\(fixture.path)")
        }
      }
      #expect(decisions >= 20)
    }
  }

  @Test("a batch with malformed lines mixed in: output and summary match the golden, with 1 and 2 jobs")
  func mixedGolden() throws {
    for jobs in ["1", "2"] {
      let result = try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl", "--jobs", jobs])
      assertGolden(result.transcript(command: "batch fixtures/batch/mixed.jsonl"), path: "golden/batch/mixed.txt")
    }
  }

  @Test("in the mixed batch, every decision is eval's output for that line, every error names its line")
  func mixedMatchesEval() throws {
    let root = Paths.packageRoot()
    let input = try #require(MizanProcess.readText(root + "/fixtures/batch/mixed.jsonl"))
    let inputLines = Self.outputLines(input)
    let batch = try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl"])
    let lines = Self.outputLines(batch.standardOutput)
    try #require(lines.count == inputLines.count)
    let folder = try MizanProcess.temporaryDirectory("mixed")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for (index, record) in inputLines.enumerated() {
      let path = folder + "/line-\(index + 1).json"
      try MizanProcess.writeText(record, to: path)
      let eval = try MizanProcess.run(["eval", path, "--format", "json"])
      if eval.exitCode == 0 {
        #expect(lines[index] + "\n" == eval.standardOutput, "line \(index + 1)")
      } else {
        #expect(lines[index].hasPrefix("{\"error\":"), "line \(index + 1)")
        #expect(lines[index].hasSuffix("\"line\":\(index + 1)}"), "line \(index + 1)")
      }
    }
  }

  @Test("order is kept and output is the same with 1 and 2 jobs over many chunks; counts add up")
  func orderAndCounts() throws {
    // Several thousand lines (more than one chunk per worker), each with its own application id.
    let lines = try Self.distinctLines(3_000, idPrefix: "N", every: 97, replacedBy: "")
    let input = try Self.write(lines, to: "many.jsonl")
    defer { Self.remove(folderOf: input) }
    let one = try MizanProcess.run(["batch", input, "--jobs", "1"])
    let two = try MizanProcess.run(["batch", input, "--jobs", "2"])
    #expect(one.exitCode == 0)
    #expect(one.standardOutput == two.standardOutput)
    #expect(one.standardError == two.standardError)
    let output = Self.outputLines(one.standardOutput)
    try #require(output.count == lines.count)
    var errors = 0
    for (index, line) in output.enumerated() {
      if line.hasPrefix("{\"error\":") {
        errors += 1
        #expect(line.hasSuffix("\"line\":\(index + 1)}"))
      } else {
        #expect(line.hasPrefix("{\"application_id\":\"N\(index)-"))
      }
    }
    let summary = one.standardError
    #expect(summary.contains("mizan batch: 3000 lines = \(3_000 - errors) decisions"), "\(summary)")
    #expect(summary.contains("+ \(errors) errors"), "\(summary)")
  }

  @Test("-o writes the same lines as stdout, atomically; a run that fails leaves the old file as it was")
  func atomicOutput() throws {
    let folder = try MizanProcess.temporaryDirectory("atomic")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let output = folder + "/out.jsonl"
    let ok = try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl", "-o", output])
    #expect(ok.exitCode == 0)
    let stdout = try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl"])
    #expect(ok.standardOutput.isEmpty)
    #expect(MizanProcess.readText(output) == stdout.standardOutput)

    try MizanProcess.writeText("the old contents\n", to: output)
    // A log that cannot be opened (its folder does not exist): the run fails, nothing is replaced.
    let failed = try MizanProcess.run([
      "batch", "fixtures/batch/mixed.jsonl", "-o", output,
      "--log", folder + "/no-such-folder/decisions.jsonl",
    ])
    #expect(failed.exitCode == 1)
    #expect(failed.standardError.contains("left as it was"), "\(failed.standardError)")
    #expect(MizanProcess.readText(output) == "the old contents\n")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0 != "out.jsonl" }
    #expect(leftovers == [], "temporary files left behind")
  }

  @Test("--log appends one entry per decision, in input order, and replay reproduces them all")
  func logAndReplay() throws {
    let folder = try MizanProcess.temporaryDirectory("log")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let log = folder + "/decisions.jsonl"
    let batch = try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl", "--log", log, "--jobs", "2"])
    #expect(batch.exitCode == 0, "\(batch.standardError)")
    let decisions = Self.outputLines(batch.standardOutput).filter { !$0.hasPrefix("{\"error\":") }
    let entries = Self.outputLines(MizanProcess.readText(log) ?? "")
    #expect(entries.count == decisions.count)
    #expect(batch.standardError.contains("; \(decisions.count) logged"))
    // In input order: each entry is the decision of the same rank (its id and verdict; replay
    // below checks the outcome's digest).
    for (entry, decision) in zip(entries, decisions) {
      let id = try #require(decision.firstMatch(of: /"application_id":"(?:[^"\\]|\\.)*"/)?.0)
      let verdict = try #require(decision.firstMatch(of: /"verdict":"[a-z]+"/)?.0)
      #expect(entry.hasPrefix("{" + id + ","))
      #expect(entry.contains(verdict + "},"))
    }
    let replay = try MizanProcess.run(["replay", log])
    #expect(replay.exitCode == 0, "\(replay.standardOutput)\(replay.standardError)")
    #expect(replay.standardOutput.contains("\(decisions.count) reproduced"), "\(replay.standardOutput)")
    // A second batch appends after the first; the chain still holds.
    let again = try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl", "--log", log])
    #expect(again.exitCode == 0)
    #expect(Self.outputLines(MizanProcess.readText(log) ?? "").count == 2 * decisions.count)
    #expect(try MizanProcess.run(["replay", log]).exitCode == 0)
  }

  @Test("lines longer than a record may be are error records; the lines around them are unaffected")
  func oversizedLines() throws {
    let record = try Self.fixtureLines().first { $0.path.hasSuffix("raabigh/eligible-complete.json") }?.line ?? ""
    let big = "{\"application_id\":\"" + String(repeating: "x", count: 2_000_000) + "\"}"
    let huge = "{\"application_id\":\"" + String(repeating: "y", count: 5_000_000) + "\"}"
    let folder = try MizanProcess.temporaryDirectory("oversized")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // The last line has no newline: it still counts.
    try MizanProcess.writeText([record, big, record, huge, record].joined(separator: "\n"), to: folder + "/in.jsonl")
    let result = try MizanProcess.run(["batch", folder + "/in.jsonl"])
    #expect(result.exitCode == 0)
    let lines = Self.outputLines(result.standardOutput)
    try #require(lines.count == 5)
    for index in [0, 2, 4] { #expect(lines[index] == lines[0]) }
    for index in [1, 3] {
      #expect(lines[index].hasPrefix("{\"error\":{\"id\":\"record.tooLarge\""))
      #expect(lines[index].hasSuffix("\"line\":\(index + 1)}"))
    }
  }

  @Test("--max-record-bytes sets the largest line, as it does for eval; the lines around it are unaffected")
  func maxRecordBytes() throws {
    let record = try Self.fixtureLines().first { $0.path.hasSuffix("raabigh/eligible-complete.json") }?.line ?? ""
    let padded = "{\"application_id\":\"" + String(repeating: "x", count: 4_000) + "\"}"
    let input = try Self.write([record, padded, record], to: "max-record-bytes")
    defer { Self.remove(folderOf: input) }
    let result = try MizanProcess.run(["batch", input, "--max-record-bytes", "2K"])
    #expect(result.exitCode == 0)
    let lines = Self.outputLines(result.standardOutput)
    try #require(lines.count == 3)
    #expect(lines[0] == lines[2])
    #expect(lines[0].hasPrefix("{\"application_id\""))
    #expect(lines[1].hasPrefix("{\"error\":{\"id\":\"record.tooLarge\""))
    #expect(lines[1].contains("2048"))
    #expect(lines[1].hasSuffix("\"line\":2}"))
    // Without the option the same line is a record like any other (here: one with facts missing).
    let lenient = Self.outputLines(try MizanProcess.run(["batch", input]).standardOutput)
    #expect(lenient.count == 3 && !lenient[1].contains("record.tooLarge"))
    #expect(try MizanProcess.run(["batch", input, "--max-record-bytes", "0"]).exitCode == 2)
  }

  @Test("-o to a FIFO writes into it and leaves it a FIFO; -o through a symbolic link replaces the file it names")
  func specialOutputs() throws {
    let folder = try MizanProcess.temporaryDirectory("special-outputs")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let expected = try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl"]).standardOutput

    // A FIFO (as /dev/null or a pipe would be): renaming a file over it would destroy it.
    let fifo = folder + "/out.fifo"
    try #require(mkfifo(fifo, 0o644) == 0)
    let reader = Process()
    reader.executableURL = URL(fileURLWithPath: "/bin/sh")
    // A time limit, so that a regression (the FIFO renamed away, never opened) fails instead of hanging.
    reader.arguments = ["-c", "timeout 20 cat '\(fifo)' > '\(folder)/from-fifo.jsonl'"]
    try reader.run()
    let toFIFO = try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl", "-o", fifo])
    reader.waitUntilExit()
    #expect(toFIFO.exitCode == 0, "\(toFIFO.standardError)")
    var info = stat()
    #expect(stat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the FIFO was replaced")
    #expect(MizanProcess.readText(folder + "/from-fifo.jsonl") == expected)

    // A symbolic link: the file it points to gets the output, the link stays a link.
    try MizanProcess.writeText("old\n", to: folder + "/real.jsonl")
    try #require(symlink(folder + "/real.jsonl", folder + "/link.jsonl") == 0)
    let throughLink = try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl", "-o", folder + "/link.jsonl"])
    #expect(throughLink.exitCode == 0, "\(throughLink.standardError)")
    #expect(lstat(folder + "/link.jsonl", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK, "the link was replaced")
    #expect(MizanProcess.readText(folder + "/real.jsonl") == expected)

    // A folder is refused.
    #expect(try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl", "-o", folder]).exitCode == 2)
  }

  @Test("usage errors exit 2")
  func usage() throws {
    #expect(try MizanProcess.run(["batch"]).exitCode == 2)
    #expect(try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl", "--jobs", "0"]).exitCode == 2)
    #expect(try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl", "--jobs", "two"]).exitCode == 2)
    let missing = try MizanProcess.run(["batch", "fixtures/batch/no-such-file.jsonl"])
    #expect(missing.exitCode == 2)
    #expect(missing.standardError.contains("no such file"))
    #expect(try MizanProcess.run(["batch", "--help"]).exitCode == 0)
  }

  @Test("standard input is read with `-`")
  func standardInput() throws {
    let root = Paths.packageRoot()
    let input = try #require(MizanProcess.readText(root + "/fixtures/batch/mixed.jsonl"))
    let fromFile = try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl"])
    let fromStandardInput = try MizanProcess.run(["batch", "-"], input: Array(input.utf8))
    #expect(fromStandardInput.standardOutput == fromFile.standardOutput)
  }

  @Test("a policy that does not load: its records get error records, the batch still writes every line, exit 4")
  func brokenPolicy() throws {
    let folder = try MizanProcess.temporaryDirectory("broken")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try MizanProcess.copy(Paths.packageRoot() + "/policies", to: folder + "/policies")
    let file = folder + "/policies/raabigh/2024-01-15.mizan"
    let text = try #require(MizanProcess.readText(file))
    try MizanProcess.writeText(
      text.replacingOccurrences(
        of: "income_per_member <= income_limit_per_member",
        with: "income_per_membr <= income_limit_per_member"),
      to: file)
    let result = try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl", "--policies", folder + "/policies"])
    #expect(result.exitCode == 4)
    let lines = Self.outputLines(result.standardOutput)
    try #require(lines.count == 16)
    #expect(lines[0].hasPrefix("{\"error\":{\"id\":\"record.policyNotLoaded\""))
    // Other associations are still judged.
    #expect(lines.contains { $0.hasPrefix("{\"application_id\":\"TAF-") })
    #expect(result.standardError.contains("the `raabigh` policy does not load"))
  }
}
