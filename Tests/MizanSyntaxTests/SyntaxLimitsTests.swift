import MizanCore
import Testing

@testable import MizanSyntax

/// The parser's limits on hostile input (docs/robustness.md): each gives one clear error and
/// costs bounded time and memory. Each test is the regression test of a bug the fuzzing and
/// audit of issue 8 found.
@Suite("Syntax limits")
struct SyntaxLimitsTests {
  /// `derived y: number = <expression> {}`, parsed.
  static func parseDerived(_ expression: String) -> (file: PolicyFile, diagnostics: [Diagnostic]) {
    parse("derived y: number = \(expression) {\n}\n")
  }

  @Test(
    "a long chain of operators is an expression too deep, not a stack overflow later",
    arguments: ["+", "*", " and ", " or ", " == ", " - "])
  func longChain(op: String) {
    // Before the fix the loop built a left-leaning tree 200,000 levels deep, which the checker,
    // the formatter and even deinitialisation then walked recursively until the stack ran out.
    let (_, diagnostics) = Self.parseDerived(Array(repeating: "1", count: 200_000).joined(separator: op))
    #expect(diagnostics.map(\.id.rawValue) == ["syntax.expressionTooDeep"])
  }

  @Test("chains count toward the depth limit: 60 operators parse, 64 do not")
  func chainAtTheLimit() {
    let fits = Array(repeating: "1", count: 61).joined(separator: " + ")
    #expect(Self.parseDerived(fits).diagnostics.isEmpty)
    let tooLong = Array(repeating: "1", count: ParserLimits.maxExpressionDepth + 1).joined(separator: " + ")
    #expect(Self.parseDerived(tooLong).diagnostics.map(\.id.rawValue) == ["syntax.expressionTooDeep"])
  }

  @Test("a chain inside parentheses and sets is counted with its nesting")
  func chainInsideNesting() {
    let inner = Array(repeating: "a", count: 40).joined(separator: " or ")
    let nested = String(repeating: "(", count: 30) + inner + String(repeating: ")", count: 30)
    #expect(Self.parseDerived(nested).diagnostics.map(\.id.rawValue) == ["syntax.expressionTooDeep"])
    #expect(Self.parseDerived("x in {\(inner), b}").diagnostics.isEmpty)
  }

  @Test("more declarations than the limit is reported once, at the first one past it")
  func tooManyDeclarationsOnce() {
    let count = ParserLimits.maxDeclarations + 20
    let text = (0..<count).map { "fact f\($0): bool {}\n" }.joined()
    let (file, diagnostics) = parse(text)
    #expect(diagnostics.map(\.id.rawValue) == ["syntax.tooManyDeclarations"])
    #expect(diagnostics.first?.span?.start.line == ParserLimits.maxDeclarations + 1)
    #expect(file.declarations.count == ParserLimits.maxDeclarations)
  }

  @Test("a run of characters that start no token is one error covering the run")
  func unexpectedRun() {
    let (_, diagnostics) = parse("fact a: bool {}\n@@@$$$ fact b: bool {}\n")
    #expect(diagnostics.map(\.id.rawValue) == ["syntax.unexpectedCharacter"])
    #expect(diagnostics.first?.span?.range.count == 6)
  }

  @Test("a file of garbage keeps at most the diagnostic limit, the last one saying so")
  func diagnosticsAreCapped() {
    // Before the cap, a megabyte of `@ @ @ …` held half a million diagnostics (about 1 GB).
    let (_, diagnostics) = parse(String(repeating: "@ ", count: 20_000))
    #expect(diagnostics.count == ParserLimits.maxDiagnostics + 1)
    #expect(diagnostics.last?.id.rawValue == "syntax.tooManyErrors")
    #expect(diagnostics.dropLast().allSatisfy { $0.id.rawValue == "syntax.unexpectedCharacter" })
  }

  @Test("a policy larger than the limit is refused before it is read")
  func policyTooLarge() {
    let bytes = [UInt8](repeating: UInt8(ascii: "#"), count: ParserLimits.maxPolicyBytes + 1)
    let (file, diagnostics) = Parser.parse(SourceFile(path: "big.mizan", bytes: bytes))
    #expect(diagnostics.map(\.id.rawValue) == ["syntax.policyTooLarge"])
    #expect(file.declarations.isEmpty)
  }

  @Test("a message quotes at most the start of a huge word, and its rendering stays short")
  func hugeWordIsShortened() {
    // Before, a 3 MB word was quoted whole in `expected a declaration …, found `xxx…``.
    let (_, diagnostics) = parse(String(repeating: "x", count: 1_000_000) + "\n")
    #expect(diagnostics.map(\.id.rawValue) == ["syntax.unknownDeclaration"])
    #expect((diagnostics.first?.message.text.english.count ?? 0) < 250)
    let rendered = DiagnosticRenderer(format: .text, language: .english).render(diagnostics)
    #expect(rendered.count < 2_000)
  }
}
