import Foundation
import MizanTestSupport
import Testing

/// `mizan check` holds every quote to the approved text it names (`source`), and every
/// assumption to a place where it is counted.
@Suite("Fidelity to the approved text", .serialized)
struct FidelityCLITests {
  static let version = "policies/bir-bin-hirmas/2024-01-15.mizan"

  /// A copy of the shipped policies with edits made to Bir bin Hirmas's version (a draft, so
  /// its fingerprint is no lock's business).
  static func scratch(_ name: String, _ edit: (String) -> String) throws -> String {
    let folder = try MizanProcess.temporaryDirectory(name)
    try MizanProcess.copy(Paths.packageRoot() + "/policies", to: folder + "/policies")
    let file = folder + "/" + version
    let text = try #require(MizanProcess.readText(file))
    let edited = edit(text)
    #expect(edited != text, "the edit changed nothing")
    try MizanProcess.writeText(edited, to: file)
    return folder
  }

  static func typo(_ text: String) -> String {
    text.replacingOccurrences(of: "cite \"خلال مدة ل تقل عن أسبوعين.\"", with: "cite \"خلال مدة لا تقل عن ثلاثة أسابيع.\"")
  }

  @Test("every shipped quote is found in its version's text, Bir bin Hirmas's in the reconstructed one")
  func shippedQuotesFound() throws {
    let result = try MizanProcess.run(["check", "policies"])
    #expect(result.exitCode == 0, "\(result.standardError)")
    #expect(!result.standardError.contains("check.quote"))
    // The raw extraction is kept beside the reconstruction, which records what it changed.
    let sources = Paths.packageRoot() + "/policies/bir-bin-hirmas/sources/"
    let extracted = try #require(MizanProcess.readText(sources + "2024-01-15.extracted.txt"))
    let reconstructed = try #require(MizanProcess.readText(sources + "2024-01-15.txt"))
    let notes = try #require(MizanProcess.readText(sources + "2024-01-15.reconstruction.md"))
    #expect(extracted.contains("ةلتوضيح للمستفيد بأن طلبه سيرفع للجن ا"))
    #expect(!reconstructed.contains("ةلتوضيح"))
    #expect(notes.contains("ةلتوضيح للمستفيد بأن طلبه سيرفع للجن ا"))
    // Outside the reconstructed passages the two texts are the same lines.
    let extractedLines = Set(extracted.split(separator: "\n", omittingEmptySubsequences: true))
    let changed = reconstructed.split(separator: "\n", omittingEmptySubsequences: true).filter { !extractedLines.contains($0) }
    #expect(changed.count == 12, "\(changed)")
    for line in changed { #expect(notes.contains(String(line)), "not recorded: \(line)") }
  }

  @Test("a quote that is not in the text fails check with the closest passage, in both languages")
  func quoteNotInSource() throws {
    let folder = try Self.scratch("quote-typo", Self.typo(_:))
    for language in ["en", "ar"] {
      let result = try MizanProcess.run(["check", Self.version, "--lang", language], in: folder)
      #expect(result.exitCode == 1)
      assertGolden(result.transcript(command: "check \(Self.version) --lang \(language)"),
                   path: "golden/fidelity/quote-not-in-source-\(language).txt")
    }
    // Fidelity is `check`'s to judge: evaluation under the draft goes on.
    let record = Paths.packageRoot() + "/fixtures/records/bir-bin-hirmas/"
      + (try FileManager.default.contentsOfDirectory(atPath: Paths.packageRoot() + "/fixtures/records/bir-bin-hirmas")
        .sorted().first ?? "")
    let eval = try MizanProcess.run(["eval", record, "--draft"], in: folder)
    #expect(eval.exitCode == 0, "\(eval.standardError)")
  }

  @Test("a source that is missing, outside the folder or not named", arguments: [
    ("source-missing", "sources/2024-01-15.txt", "sources/2024-01-16.txt", 1),
    ("source-outside", "sources/2024-01-15.txt", "../../outside.txt", 1),
  ])
  func badSource(name: String, old: String, new: String, exitCode: Int32) throws {
    let folder = try Self.scratch(name) { $0.replacingOccurrences(of: "source \"\(old)\"", with: "source \"\(new)\"") }
    try MizanProcess.writeText("خلال مدة ل تقل عن أسبوعين.", to: folder + "/outside.txt")
    let result = try MizanProcess.run(["check", Self.version], in: folder)
    #expect(result.exitCode == exitCode)
    assertGolden(result.transcript(command: "check \(Self.version)"), path: "golden/fidelity/\(name).txt")
  }

  @Test("a version with quotes and no source is warned about, not failed")
  func sourceNotDeclared() throws {
    let folder = try Self.scratch("source-not-declared") {
      $0.replacingOccurrences(of: "  source \"sources/2024-01-15.txt\"\n", with: "")
    }
    let result = try MizanProcess.run(["check", Self.version], in: folder)
    #expect(result.exitCode == 0)
    assertGolden(result.transcript(command: "check \(Self.version)"), path: "golden/fidelity/source-not-declared.txt")
  }

  @Test("cite and assumed together, and either on an enumeration, are errors with a hint, in both languages",
        arguments: [
          ("cited-and-assumed", "          \"للملتحقين بحلقاتها\"\n", "          \"للملتحقين بحلقاتها\"\n  cite \"التأكد\"\n"),
          ("provenance-on-enumeration", "override parameter reply_period",
           "enum grade {\n  label ar \"الدرجة\" en \"Grade\"\n  value first ar \"الأولى\" en \"First\"\n"
             + "  assumed \"درجات الحفظ\"\n}\n\noverride parameter reply_period"),
        ])
  func misplacedProvenance(name: String, old: String, new: String) throws {
    let folder = try Self.scratch(name) { $0.replacingOccurrences(of: old, with: new) }
    for language in ["en", "ar"] {
      let result = try MizanProcess.run(["check", Self.version, "--lang", language], in: folder)
      #expect(result.exitCode == 1)
      assertGolden(result.transcript(command: "check \(Self.version) --lang \(language)"),
                   path: "golden/fidelity/\(name)-\(language).txt")
    }
  }
}
