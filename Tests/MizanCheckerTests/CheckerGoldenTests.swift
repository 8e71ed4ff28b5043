import MizanChecker
import MizanCore
import MizanSyntax
import MizanTestSupport
import Testing

/// `golden/check/<name>.mizan` → `<name>.diagnostics`: every error and warning the checker
/// finds in a purpose-written policy, rendered as an administrator sees them (English), and
/// `<name>.ar.diagnostics` for a few cases in Arabic. The analysis cases (`band-gap`,
/// `band-overlap`, `contradiction`, `unreachable-when`, `unused-declarations`) are those of
/// `docs/analysis.md`.
@Suite("Checker goldens")
struct CheckerGoldenTests {
  static let cases = [
    "unknown-fact", "units", "duplicates", "labels-and-citations", "circular-derived", "never-applies", "types",
    "band-gap", "band-overlap", "contradiction", "unreachable-when", "unused-declarations", "calendar-periods", "households", "rule-references", "document-fields",
  ]

  static func diagnostics(_ name: String) throws -> [Diagnostic] {
    let folder = Paths.testsFolder() + "/golden/check/"
    let text = try #require(MizanProcess.readText(folder + name + ".mizan"))
    let file = SourceFile(path: "check/\(name).mizan", text: text)
    let (parsed, syntax) = Parser.parse(file)
    #expect(!syntax.containsErrors, "the case must parse: \(syntax.map(\.message.text.english))")
    switch Checker.check(PolicySources(main: parsed), analyzing: true) {
    case .success(let policy): return policy.warnings
    case .failure(let failure): return failure.diagnostics
    }
  }

  @Test("diagnostics match their golden", arguments: cases)
  func golden(name: String) throws {
    let rendered = DiagnosticRenderer(format: .text, language: .english).render(try Self.diagnostics(name))
    assertGolden(rendered, path: "golden/check/\(name).diagnostics")
  }

  @Test("the same diagnostics in Arabic", arguments: ["unknown-fact", "band-gap", "contradiction", "calendar-periods", "households", "rule-references", "document-fields"])
  func arabic(name: String) throws {
    let rendered = DiagnosticRenderer(format: .text, language: .arabic).render(try Self.diagnostics(name))
    assertGolden(rendered, path: "golden/check/\(name).ar.diagnostics")
  }

  @Test("every diagnostic has a stable id of the checker's domain or the syntax domain")
  func ids() throws {
    for name in Self.cases {
      for diagnostic in try Self.diagnostics(name) {
        #expect(diagnostic.id.rawValue.hasPrefix("check."), "\(name): \(diagnostic.id)")
        #expect(diagnostic.span != nil, "\(name): \(diagnostic.id) has no span")
      }
    }
  }
}
