import MizanCore
import Testing

@testable import MizanSyntax

/// The parser's precedence, its recovery, and the ids and positions of what it reports.
@Suite("Parser")
struct ParserTests {
  /// The expression as a prefix form, `(+ a (* b c))`, so tables show its shape at a glance.
  static func shape(_ expression: Expression) -> String {
    switch expression {
    case .literal(let literal, _): Formatter.literalText(literal).replacing(" ", with: "")
    case .name(let name): name.name
    case .not(let operand, _): "(not \(shape(operand)))"
    case .negate(let operand, _): "(neg \(shape(operand)))"
    case .binary(let op, let left, let right, _): "(\(op.rawValue) \(shape(left)) \(shape(right)))"
    case .membership(let element, let set, let negated, _):
      "(\(negated ? "not-in" : "in") \(shape(element)) \(shape(set)))"
    case .set(let elements, _): "{" + elements.map(shape).joined(separator: " ") + "}"
    case .call(let name, let arguments, _): "(\(name.name)" + arguments.map { " " + shape($0) }.joined() + ")"
    case .quantifier(let quantifier, let list, let body, let filter, _):
      "(\(quantifier.rawValue) " + (body.map { shape($0) + " of " } ?? "") + list.name
        + (filter.map { " where " + shape($0) } ?? "") + ")"
    case .missing: "?"
    }
  }

  /// The test of `condition c: <source> {}`, and the diagnostics of parsing it.
  static func condition(_ source: String) throws -> (test: Expression, diagnostics: [Diagnostic]) {
    let (file, diagnostics) = parse("condition c: \(source) {}")
    guard case .condition(let test, _) = try #require(file.declarations.first).kind else {
      throw TestError("no condition in `\(source)`")
    }
    return (test, diagnostics)
  }

  /// `id@line:col` of each diagnostic, in the order the renderer shows them.
  static func positions(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.sortedForDisplay().map { "\($0.id)@\($0.span.map { "\($0.start)" } ?? "-")" }
  }

  @Test(
    "operators group by precedence and associate to the left",
    arguments: [
      ("a + b * c", "(+ a (* b c))"),
      ("a * b + c", "(+ (* a b) c)"),
      ("a - b - c", "(- (- a b) c)"),
      ("a / b / c", "(/ (/ a b) c)"),
      ("-a * b", "(* (neg a) b)"),
      ("- -a", "(neg (neg a))"),
      ("a or b and c", "(or a (and b c))"),
      ("a and b or c", "(or (and a b) c)"),
      ("not a and b", "(and (not a) b)"),
      ("not a == b", "(not (== a b))"),
      ("not a + b < c", "(not (< (+ a b) c))"),
      ("a and not b or c", "(or (and a (not b)) c)"),
      ("not not a", "(not (not a))"),
      ("a + b <= c * d", "(<= (+ a b) (* c d))"),
      ("a < b == c", "(== (< a b) c)"),
      ("x in {a, b} and y", "(and (in x {a b}) y)"),
      ("x not in s or y", "(or (not-in x s) y)"),
      ("not x in s", "(not (in x s))"),
      ("a + b in s", "(in (+ a b) s)"),
      ("a == b in s", "(in (== a b) s)"),
      ("(a or b) and c", "(and (or a b) c)"),
      ("a - (b - c)", "(- a (- b c))"),
      ("f(a, b + c) > g()", "(> (f a (+ b c)) (g))"),
      ("submitted_on + 14 days", "(+ submitted_on 14days)"),
      ("2024-01-15 - 1", "(- 2024-01-15 1)"),
      ("{a, b,}", "{a b}"),
      ("{}", "{}"),
    ])
  func precedence(source: String, expected: String) throws {
    let (test, diagnostics) = try Self.condition(source)
    #expect(diagnostics.isEmpty)
    #expect(Self.shape(test) == expected)
  }

  @Test(
    "literals: units, Arabic-Indic digits, Hijri dates, texts, booleans",
    arguments: [
      ("4000 SAR", "4000SAR"), ("٤٠٠٠ SAR", "4000SAR"), ("1 day", "1day"), ("۱۴ days", "14days"),
      ("1445-08-29H", "1445-08-29H"), ("١٤٤٥-٠٨-٢٩H", "1445-08-29H"), ("\"a\\\"b\"", "\"a\\\"b\""),
      ("\"one\" \"two\"", "\"onetwo\""), ("true", "true"), ("false", "false"),
    ])
  func literals(source: String, expected: String) throws {
    let (test, diagnostics) = try Self.condition(source)
    #expect(diagnostics.isEmpty)
    #expect(Self.shape(test) == expected)
  }

  @Test("a Hijri date means its Umm al-Qura day and keeps how it was written")
  func hijriDate() throws {
    let (test, _) = try Self.condition("1445-08-29H")
    guard case .literal(.date(let date, let written), _) = test else {
      throw TestError("not a date: \(test)")
    }
    #expect(date.iso == "2024-03-10")
    #expect(written == "1445-08-29H")
  }

  @Test("an expression too deep is one error, and parsing goes on after it")
  func tooDeep() {
    let nested = String(repeating: "(", count: 200) + "a" + String(repeating: ")", count: 200)
    let (file, diagnostics) = parse("condition deep: \(nested) {}\nfact after: money {}\n")
    #expect(Self.positions(diagnostics) == ["syntax.expressionTooDeep@1:81"])
    #expect(file.declarations.map(\.name.name) == ["deep", "after"])
  }

  @Test("a missing `}` is reported at the next declaration, which is still parsed")
  func missingBrace() {
    let source = """
      fact income: money {
        label ar "الدخل" en "Income"

      condition low: income <= 4000 SAR {
        lable ar "منخفض" en "Low"
      }
      """
    let (file, diagnostics) = parse(source)
    #expect(Self.positions(diagnostics) == ["syntax.expected@4:1", "syntax.unknownClause@5:3"])
    #expect(diagnostics.first { $0.id.rawValue == "syntax.unknownClause" }?.help?.english == "did you mean `label`?")
    #expect(file.declarations.map(\.name.name) == ["income", "low"])
  }

  @Test(
    "an unknown clause suggests the nearest allowed one",
    arguments: [
      ("fact x: money { lable ar \"x\" }", "did you mean `label`?"),
      ("document d { provded_by applicant }", "did you mean `provided_by`?"),
      ("document d { valid not_expird }", "did you mean `not_expired`?"),
      ("committee c { reply_aftr reply_period }", "did you mean `reply_after`?"),
      ("policy p { versoin \"1\" }", "did you mean `version`?"),
      ("policy p { approved { meting \"1\" } }", "did you mean `meeting`?"),
    ])
  func unknownClause(source: String, help: String) {
    let (_, diagnostics) = parse(source)
    #expect(diagnostics.map(\.id.rawValue) == ["syntax.unknownClause"])
    #expect(diagnostics.first?.help?.english == help)
  }

  @Test("a missing operand leaves a placeholder and keeps the rest of the declaration")
  func missingExpression() throws {
    let (file, diagnostics) = parse(
      "condition c: income <= when known(income) {\n  label ar \"x\"\n}\nfact f: money {}\n")
    #expect(Self.positions(diagnostics) == ["syntax.expected@1:24"])
    let declaration = try #require(file.declarations.first)
    guard case .condition(.binary(.lessEqual, _, .missing, _), .some(let when)) = declaration.kind else {
      throw TestError("expected `income <= <missing> when …`, found \(declaration.kind)")
    }
    #expect(Self.shape(when) == "(known income)")
    #expect(declaration.labels?.arabic?.value == "x")
    #expect(file.declarations.map(\.name.name) == ["c", "f"])
  }

  @Test(
    "a missing operand is one error, whatever closes it",
    arguments: [
      ("f(a, )", "syntax.expected@1:19"), ("{a, , b}", "syntax.expected@1:18"), ("(a + )", "syntax.expected@1:19"),
      (")", "syntax.expected@1:14"),
    ])
  func missingOperand(source: String, expected: String) throws {
    let (_, diagnostics) = try Self.condition(source)
    #expect(Self.positions(diagnostics) == [expected])
  }

  @Test("unknown declaration keywords are skipped to the next declaration")
  func unknownDeclaration() {
    let (file, diagnostics) = parse("rule r: a {\n  label ar \"x\"\n}\nfacts g: money {}\nfact f: money {}\n")
    #expect(Self.positions(diagnostics) == ["syntax.unknownDeclaration@1:1", "syntax.unknownDeclaration@4:1"])
    #expect(file.declarations.map(\.name.name) == ["f"])
  }

  @Test(
    "dates are validated in their calendar",
    arguments: [
      ("2024-02-30", "syntax.invalidDate@1:14"), ("2023-02-29", "syntax.invalidDate@1:14"),
      ("1445-13-01H", "syntax.invalidDate@1:14"), ("1441-02-30H", "syntax.invalidDate@1:14"),
    ])
  func invalidDates(source: String, expected: String) throws {
    let (test, diagnostics) = try Self.condition(source)
    #expect(Self.positions(diagnostics) == [expected])
    #expect(Self.shape(test) == "?")
  }

  @Test("CRLF line ends parse to the same tree as LF")
  func crlf() {
    let lf =
      "# c\npolicy p {\n  effective 2024-01-15\n}\n\nfact f: money { # why\n  label ar \"x\"\n    \"y\" en \"z\"\n}\n"
    let crlf = lf.replacing("\n", with: "\r\n")
    let (lfFile, lfDiagnostics) = parse(lf)
    let (crlfFile, crlfDiagnostics) = parse(crlf)
    #expect(lfDiagnostics.isEmpty && crlfDiagnostics.isEmpty)
    #expect(sameTree(lfFile, crlfFile))
    #expect(crlfFile.declarations.first?.span.shortDescription == "@6:1-9:2")
  }

  @Test("a byte-order mark is a warning; the file still parses")
  func byteOrderMark() {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("fact f: money {}\n".utf8)
    let (file, diagnostics) = Parser.parse(SourceFile(path: "t", bytes: bytes))
    #expect(diagnostics.map(\.id.rawValue) == ["syntax.byteOrderMark"])
    #expect(!diagnostics.containsErrors)
    #expect(file.declarations.map(\.name.name) == ["f"])
  }

  @Test("comments are attached to what follows them")
  func comments() throws {
    let source = """
      # file
      enum e { # inner
        label ar "x"
        # value's
        value a # next value's
        value b
      }
      # end
      """
    let (file, diagnostics) = parse(source)
    #expect(diagnostics.isEmpty)
    let declaration = try #require(file.declarations.first)
    #expect(declaration.comments == Comments(leading: ["# file"], inner: ["# inner"]))
    guard case .enumeration(let values) = declaration.kind else { throw TestError("not an enum") }
    #expect(values.map(\.comments.leading) == [["# value's"], ["# next value's"]])
    #expect(file.trailingComments == ["# end"])
  }

  @Test("every error of a file is reported, lexer's and parser's together")
  func manyErrors() {
    let source =
      "fact a: money { label ar \"x }\nfact b: money { lable ar \"y\" }\nfact c: money { label ar \"z\" } @\n"
    let (file, diagnostics) = parse(source)
    #expect(
      Self.positions(diagnostics) == [
        "syntax.unterminatedString@1:26", "syntax.expected@2:1", "syntax.unknownClause@2:17",
        "syntax.unexpectedCharacter@3:32",
      ])
    #expect(file.declarations.map(\.name.name) == ["a", "b", "c"])
  }
}
