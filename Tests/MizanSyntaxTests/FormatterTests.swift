import MizanCore
import MizanTestSupport
import Testing

@testable import MizanSyntax

/// `mizan fmt`: goldens for the layout, and the properties every formatting must keep.
@Suite("Formatter")
struct FormatterTests {
  @Test("a file formats to its golden, and the golden formats to itself", arguments: GoldenCases.stems(in: "fmt"))
  func golden(stem: String) throws {
    let source = try GoldenCases.source(stem, in: "fmt")
    let (file, diagnostics) = Parser.parse(source)
    #expect(!diagnostics.containsErrors, "\(DiagnosticRenderer().render(diagnostics))")
    let formatted = Formatter.format(file)
    assertGolden(formatted, path: GoldenCases.goldenPath(stem, in: "fmt", extension: "formatted"))
    let goldenPath = GoldenCases.testsFolder + "/" + GoldenCases.goldenPath(stem, in: "fmt", extension: "formatted")
    if let golden = try? GoldenCases.sourceFile(at: goldenPath, name: stem + ".formatted") {
      let (reparsed, again) = Parser.parse(golden)
      #expect(again.isEmpty, "\(DiagnosticRenderer().render(again))")
      #expect(Formatter.format(reparsed) == golden.text(in: 0..<golden.bytes.count))
    }
  }

  @Test(
    "every golden and policy file keeps its meaning and is a fixed point after one formatting",
    arguments: FormatterTests.roundTripFiles())
  func roundTrip(path: String) throws {
    let source = try GoldenCases.sourceFile(at: path, name: path)
    let (original, diagnostics) = Parser.parse(source)
    try #require(!diagnostics.containsErrors, "\(DiagnosticRenderer().render(diagnostics))")
    let formatted = Formatter.format(original)
    let (reparsed, again) = Parser.parse(SourceFile(path: path, text: formatted))
    #expect(again.isEmpty, "\(DiagnosticRenderer().render(again))\n\(formatted)")
    #expect(sameTree(original, reparsed), "the formatted file means something else:\n\(formatted)")
    #expect(Formatter.format(reparsed) == formatted)
  }

  /// The policies under `policies/`, and the well-formed golden inputs of this target.
  static func roundTripFiles() -> [String] {
    let goldens = ["parse", "fmt"].flatMap { folder in
      GoldenCases.stems(in: folder).map { GoldenCases.testsFolder + "/golden/\(folder)/\($0).mizan" }
    }
    return GoldenCases.policyFiles() + goldens
  }

  @Test("output ends in exactly one newline; an empty file stays empty")
  func newlines() {
    #expect(Formatter.format(parse("\n\n# only a comment\n\n\n").file) == "# only a comment\n")
    #expect(Formatter.format(parse("fact x: money\n\n\n").file) == "fact x: money {}\n")
    #expect(Formatter.format(parse("").file) == "")
    #expect(Formatter.format(parse("  \n\n").file) == "")
  }

  @Test(
    "texts are escaped so the lexer reads back the same value",
    arguments: [
      ("plain", #""plain""#), ("say \"yes\"", #""say \"yes\"""#), (#"a\b"#, #""a\\b""#),
      ("line\nnext", #""line\nnext""#), ("tab\there", #""tab\there""#), ("bell\u{7}", #""bell\u{07}""#),
      ("cr\r", #""cr\u{0D}""#), ("del\u{7F}", #""del\u{7F}""#), ("عربي", #""عربي""#),
    ])
  func quoting(value: String, expected: String) throws {
    #expect(Formatter.quoted(value) == expected)
    let lexer = Lexer.tokenize(SourceFile(path: "t", text: expected))
    #expect(lexer.diagnostics.isEmpty)
    #expect(lexer.tokens.first?.text == value)
  }

  @Test(
    "parentheses are kept only where precedence needs them",
    arguments: [
      ("((a + (b * c)))", "a + b * c"),
      ("(a + b) * c", "(a + b) * c"),
      ("a - (b - c)", "a - (b - c)"),
      ("(a - b) - c", "a - b - c"),
      ("-(x + y)", "-(x + y)"),
      ("-(-x)", "-(-x)"),
      ("- - x", "-(-x)"),
      ("(-x) * y", "-x * y"),
      ("not (a and b)", "not (a and b)"),
      ("(not a) and b", "not a and b"),
      ("not (a == b)", "not a == b"),
      ("(not a) == b", "(not a) == b"),
      ("a + (not b)", "a + (not b)"),
      ("(not x) in s", "(not x) in s"),
      ("not (x in s)", "not x in s"),
      ("(a == b) in s", "a == b in s"),
      ("a == (b in s)", "a == (b in s)"),
      ("(a or b) and (c or d)", "(a or b) and (c or d)"),
      ("a or (b and c)", "a or b and c"),
      ("x   in{a,b}", "x in {a, b}"),
      ("f( a ,(b) )", "f(a, b)"),
      ("2024 - 1", "2024 - 1"),
      ("٤٠٠٠ SAR", "4000 SAR"),
      ("1.50", "1.5"),
      ("1 days", "1 day"),
    ])
  func parentheses(source: String, expected: String) throws {
    let expression = try Self.expression(source)
    let text = Formatter.expressionText(expression)
    #expect(text == expected)
    #expect(try Self.expression(text) == expression)
  }

  @Test("a set literal is broken one element per line only when its line passes 100 columns")
  func setBreaking() {
    let names = (1...9).map { "value_\($0)" }
    let fits = "parameter p: set of e = {" + names.prefix(6).joined(separator: ", ") + "} {}\n"
    #expect(fits.count <= 101)
    #expect(Formatter.format(parse(fits).file) == fits)
    let long = "parameter p: set of e = {" + names.joined(separator: ", ") + "} {}\n"
    let broken = "parameter p: set of e = {\n" + names.map { "  \($0),\n" }.joined() + "} {}\n"
    #expect(Formatter.format(parse(long).file) == broken)
  }

  /// The expression of `condition c: <source>`.
  static func expression(_ source: String) throws -> Expression {
    let (file, diagnostics) = parse("condition c: \(source) {}")
    try #require(diagnostics.isEmpty, "\(DiagnosticRenderer().render(diagnostics))")
    guard case .condition(let test, _) = try #require(file.declarations.first).kind else {
      throw TestError("no condition in `\(source)`")
    }
    return test
  }
}

/// Whether two parsed files say the same thing, comments included, spans aside.
func sameTree(_ lhs: PolicyFile, _ rhs: PolicyFile) -> Bool {
  lhs.header == rhs.header && lhs.includes == rhs.includes && lhs.declarations == rhs.declarations
    && lhs.trailingComments == rhs.trailingComments
}
