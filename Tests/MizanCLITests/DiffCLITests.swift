import Foundation
import MizanTestSupport
import Testing

/// `mizan diff OLD NEW`: a new version of Raabigh's policy made in the test from the shipped file
/// (a changed parameter, a removed channel, an added document) shows exactly those three
/// changes; a copy changed only in layout, or with a clause moved into `common/`, shows none;
/// the two versions of `fixtures/policies/diff/sample` show every kind of change.
@Suite("mizan diff", .serialized)
struct DiffCLITests {
  static let shipped = "policies/raabigh/2024-01-15.mizan"

  /// A scratch policies folder holding `common/` and a Raabigh version made from the shipped one.
  static func scratchVersion(_ name: String, _ edit: (String) throws -> String,
                             extraCommon: [String: String] = [:]) throws -> String {
    let folder = try MizanProcess.temporaryDirectory("diff-\(name)")
    try MizanProcess.copy(Paths.packageRoot() + "/policies/common", to: folder + "/policies/common")
    for (file, text) in extraCommon { try MizanProcess.writeText(text, to: folder + "/policies/common/" + file) }
    let text = try #require(MizanProcess.readText(Paths.packageRoot() + "/" + shipped))
    let path = folder + "/policies/raabigh/2024-01-15.mizan"
    try MizanProcess.writeText(try edit(text), to: path)
    return path
  }

  /// `text` with `old` replaced, which must occur exactly once.
  static func replacing(_ old: String, with new: String, in text: String) throws -> String {
    try #require(text.components(separatedBy: old).count == 2, "`\(old)` must occur once in the shipped file")
    return text.replacingOccurrences(of: old, with: new)
  }

  /// The board's three changes: the income limit raised, volunteering dropped, a bank statement declared.
  static func threeChanges() throws -> String {
    try scratchVersion("three") { text in
      var changed = try replacing("money = 1500 SAR", with: "money = 1800 SAR", in: text)
      changed = try replacing("  volunteering,\n", with: "", in: changed)
      return changed + """

        document bank_statement {
          label ar "كشف حساب بنكي" en "Bank statement"
          provided_by applicant
        }

        """
    }
  }

  /// The golden transcript, with the scratch path written as `NEW`.
  static func transcript(_ arguments: [String], new path: String) throws -> String {
    let result = try MizanProcess.run(arguments)
    let shown = arguments.map { $0 == path ? "NEW" : $0 }
    return result.transcript(command: shown.joined(separator: " "))
  }

  @Test("a changed parameter, a removed channel and an added document: exactly those three changes",
        arguments: [("text", "diff-three-changes"), ("json", "diff-three-changes-json"), ("md", "diff-three-changes-md")])
  func threeChanges(format: String, golden: String) throws {
    let path = try Self.threeChanges()
    let arguments = ["diff", Self.shipped, path] + (format == "text" ? [] : ["--format", format])
    assertGolden(try Self.transcript(arguments, new: path), path: "golden/cli/\(golden).txt")
  }

  @Test("the three changes in Arabic")
  func threeChangesArabic() throws {
    let path = try Self.threeChanges()
    assertGolden(try Self.transcript(["diff", Self.shipped, path, "--lang", "ar"], new: path),
                 path: "golden/cli/diff-three-changes-ar.txt")
  }

  @Test("layout only: no comments, other indentation, the channel list reversed, a condition moved, the approval date in Hijri")
  func formattingOnly() throws {
    let path = try Self.scratchVersion("layout") { text in
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        .map { $0.hasPrefix("  ") ? "  " + $0 : String($0) }
      var changed = lines.joined(separator: "\n")
      let channels = ["interview", "phone_calls", "social_media", "letters", "help_request_services", "volunteering",
                      "website", "branch_office_representatives"]
      let written = "{\n" + channels.map { "    \($0),\n" }.joined() + "}"
      changed = try Self.replacing(written, with: "{" + channels.reversed().joined(separator: ", ") + "}", in: changed)
      changed = try Self.replacing("    date 2024-01-15", with: "    date 1445-07-03H", in: changed)
      let start = try #require(changed.range(of: "condition resides_in_rabigh"))
      let end = try #require(changed.range(of: "condition income_within_limit"))
      let block = String(changed[start.lowerBound..<end.lowerBound])
      changed.removeSubrange(start.lowerBound..<end.lowerBound)
      return changed + "\n" + block
    }
    let result = try MizanProcess.run(["diff", Self.shipped, path])
    #expect(result.exitCode == 0, "\(result.standardError)")
    assertGolden(try Self.transcript(["diff", Self.shipped, path], new: path), path: "golden/cli/diff-layout-only.txt")
    for format in ["json", "md"] {
      let other = try MizanProcess.run(["diff", Self.shipped, path, "--format", format])
      #expect(other.standardOutput.contains(format == "json" ? "\"changes\":[]" : "no change in meaning"))
    }
  }

  @Test("a clause moved into common/ unchanged is no change in meaning")
  func movedToCommon() throws {
    var moved = ""
    let path = try Self.scratchVersion("moved") { text in
      let start = try #require(text.range(of: "condition resides_in_rabigh"))
      let end = try #require(text.range(of: "condition income_within_limit"))
      moved = String(text[start.lowerBound..<end.lowerBound])
      var changed = text
      changed.removeSubrange(start.lowerBound..<end.lowerBound)
      return try Self.replacing("include \"../common/research-committee.mizan\"\n",
                                with: "include \"../common/research-committee.mizan\"\ninclude \"../common/residence.mizan\"\n",
                                in: changed)
    }
    let policies = ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
    try MizanProcess.writeText(moved, to: policies + "/common/residence.mizan")
    let result = try MizanProcess.run(["diff", Self.shipped, path])
    #expect(result.exitCode == 0, "\(result.standardError)")
    #expect(result.standardOutput == "raabigh 2024-01-15 (approved) → raabigh 2024-01-15 (approved): no change in meaning\n")
  }

  @Test("two versions of the sample fixture: header, channel, parameter, document, rules and committee")
  func sampleVersions() throws {
    let arguments = ["diff", "fixtures/policies/diff/sample/2024-01-01.mizan", "fixtures/policies/diff/sample/2025-01-01.mizan"]
    assertGolden(try MizanProcess.run(arguments).transcript(command: arguments.joined(separator: " ")),
                 path: "golden/cli/diff-sample.txt")
  }

  @Test("usage errors exit 2; a version with errors exits 4 with its diagnostics")
  func errors() throws {
    #expect(try MizanProcess.run(["diff", Self.shipped]).exitCode == 2)
    #expect(try MizanProcess.run(["diff", Self.shipped, "no-such.mizan"]).exitCode == 2)
    #expect(try MizanProcess.run(["diff", Self.shipped, Self.shipped, "--format", "yaml"]).exitCode == 2)
    let broken = try Self.scratchVersion("broken") { try Self.replacing("money = 1500 SAR", with: "money = 1500", in: $0) }
    let result = try MizanProcess.run(["diff", Self.shipped, broken])
    #expect(result.exitCode == 4)
    #expect(result.standardError.contains("check.typeMismatch") || result.standardError.contains("check.unitMismatch"))
    #expect(result.standardOutput.isEmpty)
  }
}
