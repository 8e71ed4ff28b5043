import MizanCore
import Testing

@testable import MizanSyntax

/// Tokens, comments and the lexer's own diagnostics, as tables.
@Suite("Lexer")
struct LexerTests {
  /// Each token as `kind text`, without the end of file.
  static func tokens(_ text: String) -> [String] {
    Lexer.tokenize(SourceFile(path: "t", text: text)).tokens.dropLast().map { "\($0.kind) \($0.text)" }
  }

  /// The ids of the lexer's diagnostics.
  static func diagnosticIDs(_ bytes: [UInt8]) -> [String] {
    Lexer.tokenize(SourceFile(path: "t", bytes: bytes)).diagnostics.map(\.id.rawValue)
  }

  @Test(
    "numbers, dates and subtraction",
    arguments: [
      ("2024-01-15", ["date 2024-01-15"]),
      ("2024 - 1", ["number 2024", "minus -", "number 1"]),
      ("2024-1", ["number 2024", "minus -", "number 1"]),
      ("2024-01-1", ["number 2024", "minus -", "number 01", "minus -", "number 1"]),
      ("202-01-15", ["number 202", "minus -", "number 01", "minus -", "number 15"]),
      ("1445-08-29H", ["date 1445-08-29H"]),
      ("1445-08-29Hx", ["date 1445-08-29", "identifier Hx"]),
      ("١٤٤٥-٠٨-٢٩H", ["date 1445-08-29H"]),
      ("٤٠٠٠", ["number 4000"]),
      ("۱۴", ["number 14"]),
      ("٤٠٠٠ SAR", ["number 4000", "identifier SAR"]),
      ("1.5", ["number 1.5"]),
      ("a-b", ["identifier a", "minus -", "identifier b"]),
      ("x_1 <= 14 days", ["identifier x_1", "lessEqual <=", "number 14", "identifier days"]),
    ])
  func numbersAndDates(source: String, expected: [String]) {
    #expect(Self.tokens(source) == expected)
  }

  @Test(
    "operators and punctuation",
    arguments: [
      (
        "== != = < <= > >=",
        [
          "equal ==", "notEqual !=", "assign =", "less <", "lessEqual <=", "greater >",
          "greaterEqual >=",
        ]
      ),
      ("{a,b}", ["leftBrace {", "identifier a", "comma ,", "identifier b", "rightBrace }"]),
      ("f(x):y", ["identifier f", "leftParen (", "identifier x", "rightParen )", "colon :", "identifier y"]),
      ("a+b*c/d", ["identifier a", "plus +", "identifier b", "star *", "identifier c", "slash /", "identifier d"]),
    ])
  func operators(source: String, expected: [String]) {
    #expect(Self.tokens(source) == expected)
  }

  @Test(
    "strings hold their decoded value",
    arguments: [
      (#""plain""#, "plain"),
      (#""a\"b""#, "a\"b"),
      (#""back\\slash""#, "back\\slash"),
      (#""one\ntwo\tthree""#, "one\ntwo\tthree"),
      (#""\u{41}\u{0627}""#, "Aا"),
      (#""الهوية الوطنية""#, "الهوية الوطنية"),
      (#""""#, ""),
    ])
  func strings(source: String, expected: String) {
    let lexer = Lexer.tokenize(SourceFile(path: "t", text: source))
    #expect(lexer.diagnostics.isEmpty)
    #expect(lexer.tokens.map(\.kind) == [.string, .endOfFile])
    #expect(lexer.tokens.first?.text == expected)
  }

  @Test("comments keep their text and whether code came before them on the line")
  func comments() {
    let lexer = Lexer.tokenize(SourceFile(path: "t", text: "# one\nfact x # two\r\n  # three\n#"))
    #expect(lexer.comments.map(\.text) == ["# one", "# two", "# three", "#"])
    #expect(lexer.comments.map(\.isTrailing) == [false, true, false, false])
    #expect(Self.tokens("a # b\nc") == ["identifier a", "identifier c"])
    #expect(
      Lexer.tokenize(SourceFile(path: "t", text: "# blanks at the end \t \r\n")).comments.map(\.text)
        == ["# blanks at the end"])
  }

  @Test("a token knows whether it starts its line")
  func startsLine() {
    let tokens = Lexer.tokenize(SourceFile(path: "t", text: "a b\n  c\r\nd # e\nf")).tokens
    #expect(tokens.map(\.startsLine) == [true, false, true, true, true, true])
  }

  /// Bytes the lexer cannot read, and the ids it reports for them.
  static let unreadable: [(bytes: [UInt8], ids: [String])] = [
    (Array(#""open"#.utf8), ["syntax.unterminatedString"]),
    (Array("\"a\nb\"".utf8), ["syntax.unterminatedString", "syntax.unterminatedString"]),
    (Array(#""\q""#.utf8), ["syntax.invalidEscape"]),
    (Array(#""\u{110000}""#.utf8), ["syntax.invalidEscape"]),
    (Array("4٠00".utf8), ["syntax.mixedDigits"]),
    ([0xEF, 0xBB, 0xBF] + Array("fact".utf8), ["syntax.byteOrderMark"]),
    (Array("a ".utf8) + [0xFF] + Array(" b".utf8), ["syntax.invalidUTF8"]),
    ([0x22, 0xC3, 0x28, 0x22], ["syntax.invalidUTF8"]),
    (Array("a @ b".utf8), ["syntax.unexpectedCharacter"]),
  ]

  @Test("what the lexer cannot read is reported and skipped", arguments: unreadable)
  func lexerDiagnostics(bytes: [UInt8], expected: [String]) {
    #expect(Self.diagnosticIDs(bytes) == expected)
  }

  @Test("token spans are byte ranges; positions count characters")
  func spans() throws {
    let file = SourceFile(path: "t", text: "label ar \"الدخل\" en\n  ٤٠٠٠")
    let tokens = Lexer.tokenize(file).tokens
    let arabic = try #require(tokens.first { $0.kind == .string })
    #expect(arabic.span.range == 9..<21)
    #expect(arabic.span.shortDescription == "@1:10-1:17")
    let number = try #require(tokens.first { $0.kind == .number })
    #expect(number.span.shortDescription == "@2:3-2:7")
  }
}
