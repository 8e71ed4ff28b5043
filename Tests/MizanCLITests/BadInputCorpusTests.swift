import Foundation
import MizanTestSupport
import Testing

/// The bad-input corpus (fixtures/bad, and the malformed records of fixtures/records/invalid):
/// every case runs through the built `mizan` and must give exactly the exit code and messages of
/// its `<case>.expected` (command, exit code, stdout, stderr; `MIZAN_RECORD=1` rewrites them).
/// No case may crash, hang or print an error that does not say where.
///
/// A case is an input (`*.mizan`, `*.json`, or `*.jsonl` for `batch`) or a `*.recipe` that makes
/// one at test time (see `Recipe`). It runs in a scratch folder holding links to the package's
/// `fixtures` and `policies`, so that paths print as they do from the package root; the first
/// line of the expected file is the command, else `check`, `eval` or `replay` of the input by
/// its folder.
@Suite("Bad-input corpus")
struct BadInputCorpusTests {
  /// The folders of the corpus, and the command each runs on its inputs.
  static let folders: [(folder: String, command: String)] = [
    ("fixtures/bad/policies", "check"),
    ("fixtures/bad/records", "eval"),
    ("fixtures/bad/logs", "replay"),
    ("fixtures/records/invalid", "eval"),
  ]

  /// Every case, as the path of its input or recipe from the package root.
  static let cases: [String] = folders.flatMap { folder, _ in
    ((try? FileManager.default.contentsOfDirectory(atPath: Paths.packageRoot() + "/" + folder)) ?? []).sorted()
      .filter { name in [".mizan", ".json", ".jsonl", ".recipe"].contains { name.hasSuffix($0) } }
      .map { folder + "/" + $0 }
  }

  @Test("the corpus holds at least 50 cases of each kind together, and every case has its expected file")
  func corpusIsComplete() {
    #expect(Self.cases.count >= 50)
    for kind in ["policies", "records", "logs"] {
      #expect(Self.cases.contains { $0.hasPrefix("fixtures/bad/\(kind)/") }, "no \(kind) cases")
    }
    if ProcessInfo.processInfo.environment["MIZAN_RECORD"] != "1" {
      for path in Self.cases {
        let expected = Paths.packageRoot() + "/" + Self.expectedPath(of: path)
        #expect(FileManager.default.fileExists(atPath: expected), "\(path) has no .expected")
      }
    }
  }

  @Test("each bad input gives its expected exit code and messages, naming where", arguments: cases)
  func badInput(path: String) throws {
    let root = Paths.packageRoot()
    let expectedPath = root + "/" + Self.expectedPath(of: path)
    let work = try MizanProcess.temporaryDirectory("bad-input")
    defer { try? FileManager.default.removeItem(atPath: work) }
    for link in ["fixtures", "policies"] {
      try FileManager.default.createSymbolicLink(atPath: work + "/" + link, withDestinationPath: root + "/" + link)
    }
    var input = path
    if path.hasSuffix(".recipe") {
      let recipe = try Recipe(try #require(MizanProcess.readText(root + "/" + path)), root: root)
      try recipe.make(in: work, root: root)
      input = recipe.target
    }
    let command = Self.command(expectedAt: expectedPath) ?? Self.defaultCommand(for: path, input: input)
    var arguments = command.split(separator: " ").map(String.init)
    var headLines: Int?
    if let bar = arguments.firstIndex(of: "|"), arguments.count == bar + 3, arguments[bar + 1] == "head",
      let count = Int(arguments[bar + 2].dropFirst())
    {
      headLines = count
      arguments.removeSubrange(bar...)
    }
    let result = try MizanProcess.run(arguments, in: work, timeLimit: 120)
    #expect(!result.timedOut, "\(command) hung")
    // Exit codes are the spec's (a signal would show as its number, and the backtracer's banner).
    #expect((0...4).contains(result.exitCode), "exit \(result.exitCode)")
    #expect(!result.standardError.contains("Program crashed") && !result.standardError.contains("Fatal error"))
    Self.expectNamesWhere(result, command: arguments.first ?? "", input: input)
    // ProcessResult.transcript's layout, with long outputs cut to their first lines.
    let transcript = "$ mizan \(command)\n--- exit \(result.exitCode)\n--- stdout\n"
      + Self.head(result.standardOutput, headLines) + "--- stderr\n" + Self.head(result.standardError, headLines)
    assertGolden(transcript, path: expectedPath)
  }

  // MARK: - Helpers

  /// `<folder>/<stem>.expected` for `<folder>/<stem>.<extension>`.
  static func expectedPath(of path: String) -> String {
    let stem = path.split(separator: ".", omittingEmptySubsequences: false).dropLast().joined(separator: ".")
    return stem + ".expected"
  }

  /// The command of an existing expected file (its first line, after `$ mizan `).
  static func command(expectedAt path: String) -> String? {
    guard let text = MizanProcess.readText(path), let first = text.split(separator: "\n").first,
      first.hasPrefix("$ mizan ")
    else { return nil }
    return String(first.dropFirst("$ mizan ".count))
  }

  static func defaultCommand(for path: String, input: String) -> String {
    // A `.jsonl` of records is a batch: one error record per bad line, whichever path reads it.
    let verb = input.hasSuffix(".jsonl") && path.contains("/records/")
      ? "batch" : folders.first { path.hasPrefix($0.folder + "/") }?.command ?? "eval"
    return "\(verb) \(input)"
  }

  /// The first `count` lines of `text` (all of it when `count` is nil).
  static func head(_ text: String, _ count: Int?) -> String {
    guard let count else { return text }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.count > count + 1 else { return text }
    return lines.prefix(count).joined(separator: "\n") + "\n"
  }

  /// Every error must say where: `file:line:col:` for a policy, the file and a JSON path for a
  /// record, the line and JSON path in a batch's error records, `LOG:LINE:` for each broken log
  /// line.
  static func expectNamesWhere(_ result: ProcessResult, command: String, input: String,
                               sourceLocation: SourceLocation = #_sourceLocation) {
    switch command {
    case "check":
      for line in result.standardError.split(separator: "\n") where line.contains("error[") {
        // At a line and column, or, for a file that is not read at all, naming the file.
        let located = line.wholeMatch(of: /[^ :]+:\d+:\d+: error\[[a-z]+\.[A-Za-z0-9]+\]: .*/) != nil
          || line.wholeMatch(of: /error\[[a-z]+\.[A-Za-z0-9]+\]: .*`[^`]+\.(mizan|lock)`.*/) != nil
        #expect(located, "not located: \(line)", sourceLocation: sourceLocation)
      }
    case "eval":
      guard result.exitCode == 3 else { return }
      let line = result.standardError.trimmingCharacters(in: .newlines)
      #expect(line.hasPrefix(input + ": "), "no file: \(line)", sourceLocation: sourceLocation)
      #expect(line.wholeMatch(of: /.+: [^ ]+: .+ \[record\.[A-Za-z0-9]+\]/) != nil, "no path or id: \(line)",
              sourceLocation: sourceLocation)
    case "batch":
      for line in result.standardOutput.split(separator: "\n") where line.hasPrefix("{\"error\"") {
        #expect(line.contains("\"path\":\"") && line.contains("\"line\":"), "no path or line: \(line)",
                sourceLocation: sourceLocation)
      }
    case "replay":
      // Each entry's line names the log and the line; the summary line (`6 lines: …`) does not.
      for line in result.standardOutput.split(separator: "\n")
      where line.contains("chain broken") && line.wholeMatch(of: /\d+ lines?: .*/) == nil {
        #expect(line.hasPrefix(input + ":"), "no line number: \(line)", sourceLocation: sourceLocation)
      }
    default:
      break
    }
  }
}
