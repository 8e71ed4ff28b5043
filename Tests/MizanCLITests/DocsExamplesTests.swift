import Foundation
import MizanTestSupport
import Testing

/// Every `swift run mizan …` line in a shell block of the README and `docs/` runs as printed:
/// the files it names exist, the options are right, and it exits as its comment says (0, or the
/// `exit N` it mentions; "refused" means 4). Each runs in a scratch copy of `policies/` and
/// `fixtures/`, with `/tmp/` paths sent to the scratch folder, so nothing is left behind.
@Suite("The documentation's examples run as printed")
struct DocsExamplesTests {
  struct Example: Sendable, CustomStringConvertible {
    var file: String
    var line: Int
    var arguments: [String]
    var redirect: String?
    var expectedExit: Int32
    var description: String { "\(file):\(line)" }
  }

  /// Synopses (`mizan diff OLD NEW`) are not examples: a word in capitals stands for a path.
  static func isSynopsis(_ words: [String]) -> Bool {
    words.contains { $0.contains("…") || $0.range(of: #"^\[?[A-Z]{2,}[\]|]?"#, options: .regularExpression) != nil }
  }

  static let examples: [Example] = {
    let root = Paths.packageRoot()
    let docs = (try? FileManager.default.contentsOfDirectory(atPath: root + "/docs")) ?? []
    let files = ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    var found: [Example] = []
    for file in files {
      guard let text = MizanProcess.readText(root + "/" + file) else { continue }
      var inBlock = false
      var inShell = false
      for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        if raw.hasPrefix("```") {
          inBlock.toggle()
          inShell = inBlock && (raw == "```sh" || raw == "```")
          continue
        }
        guard inShell, raw.hasPrefix("swift run mizan ") else { continue }
        let (command, comment) = split(String(raw))
        var words = command.split(separator: " ").map(String.init).dropFirst(3).map { $0 }
        guard !isSynopsis(words) else { continue }
        var redirect: String?
        if let arrow = words.firstIndex(of: ">"), arrow + 1 < words.count {
          redirect = words[arrow + 1]
          words.removeSubrange(arrow...)
        }
        var exit: Int32 = 0
        if let match = comment.firstMatch(of: /exit (\d)/) { exit = Int32(match.1) ?? 0 }
        if comment.contains("refused") { exit = 4 }
        found.append(Example(file: file, line: index + 1, arguments: words, redirect: redirect, expectedExit: exit))
      }
    }
    return found
  }()

  /// The command and its comment (after ` # `).
  static func split(_ line: String) -> (String, String) {
    guard let hash = line.range(of: #"\s+#(\s|$)"#, options: .regularExpression) else { return (line, "") }
    return (String(line[..<hash.lowerBound]), String(line[hash.upperBound...]))
  }

  @Test("the README and docs/ hold examples, the README's two commands among them")
  func found() {
    #expect(Self.examples.count >= 25, "\(Self.examples.count)")
    #expect(Self.examples.contains { $0.file == "README.md" && $0.arguments == ["eval", "fixtures/records/raabigh/eligible-complete.json"] })
  }

  @Test("each example runs as printed and exits as its comment says", arguments: examples)
  func runs(example: Example) throws {
    let folder = try MizanProcess.temporaryDirectory("docs-example")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for part in ["policies", "fixtures"] {
      try MizanProcess.copy(Paths.packageRoot() + "/" + part, to: folder + "/" + part)
    }
    let arguments = example.arguments.map { $0.replacingOccurrences(of: "/tmp/", with: folder + "/") }
    let result = try MizanProcess.run(arguments, in: folder, timeLimit: 120)
    #expect(result.exitCode == example.expectedExit,
            "\(example): mizan \(arguments.joined(separator: " "))\n\(result.standardError)")
    #expect(!result.standardError.contains("does not exist"), "\(example): \(result.standardError)")
    if example.redirect != nil { #expect(!result.standardOutput.isEmpty) }
  }
}
