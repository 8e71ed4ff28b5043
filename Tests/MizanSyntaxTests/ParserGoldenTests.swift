import MizanCore
import MizanTestSupport
import Testing

@testable import MizanSyntax

/// Trees and diagnostics of whole files, frozen as goldens (`MIZAN_RECORD=1` rewrites them).
@Suite("Parser goldens")
struct ParserGoldenTests {
  @Test("a well-formed file parses without diagnostics to its golden tree", arguments: GoldenCases.stems(in: "parse"))
  func tree(stem: String) throws {
    let (file, diagnostics) = Parser.parse(try GoldenCases.source(stem, in: "parse"))
    #expect(diagnostics.isEmpty, "\(DiagnosticRenderer().render(diagnostics))")
    assertGolden(ASTDump.dump(file), path: GoldenCases.goldenPath(stem, in: "parse", extension: "ast"))
  }

  @Test(
    "a broken file reports every problem, sorted, in the text format", arguments: GoldenCases.stems(in: "parse-errors"))
  func diagnostics(stem: String) throws {
    let (_, diagnostics) = Parser.parse(try GoldenCases.source(stem, in: "parse-errors"))
    let rendered = DiagnosticRenderer(format: .text, language: .english).render(diagnostics)
    assertGolden(rendered, path: GoldenCases.goldenPath(stem, in: "parse-errors", extension: "diagnostics"))
  }

  @Test("the golden folders hold cases")
  func foldersAreNotEmpty() {
    #expect(GoldenCases.stems(in: "parse").count >= 5)
    #expect(GoldenCases.stems(in: "parse-errors").count >= 10)
    #expect(GoldenCases.stems(in: "fmt").count >= 4)
  }
}
