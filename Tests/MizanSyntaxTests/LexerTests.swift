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
    // Display spoofing: bidi controls reorder what a reviewer reads; a lone CR splits a line in
    // some editors only. Every embedding, override and isolate, at both ends of each range.
    (Array("# a \u{202E} b\nx".utf8), ["syntax.bidiControl"]),
    (Array("# \u{202A}\u{202D}\u{2066}\u{2069}".utf8), Array(repeating: "syntax.bidiControl", count: 4)),
    (Array("\"a\u{2067}b\"".utf8), ["syntax.bidiControl"]),
    (Array("\"a\u{202C}b\"".utf8), ["syntax.bidiControl"]),
    // Not controls: the marks (LRM, RLM, ALM), the neighbours of the ranges, and an escape, which
    // a reviewer sees as written.
    (Array("# \u{200E}\u{200F}\u{061C}\u{2029}\u{202F}\u{2065}\u{206A}".utf8), []),
    (Array(#""a\u{202E}b""#.utf8), []),
    (Array("# a\rb\nx".utf8), ["syntax.loneCarriageReturn"]),
    (Array("a\rb".utf8), ["syntax.loneCarriageReturn"]),
    (Array("a\r\nb # c\r\n".utf8), []),
  ]

  @Test("an unexpected character is named by its code point and Unicode name, a look-alike letter too")
  func unexpectedCharacterNames() throws {
    let lookAlike = Lexer.tokenize(SourceFile(path: "t", text: "fact inc\u{043E}me: bool")).diagnostics
    #expect(lookAlike.map(\.message.text.english) == ["unexpected character `\u{043E}` (U+043E CYRILLIC SMALL LETTER O)"])
    #expect(lookAlike.first?.help?.english == "names are written in ASCII letters, digits and _")
    let invisible = Lexer.tokenize(SourceFile(path: "t", text: "a \u{7} b")).diagnostics
    #expect(invisible.map(\.message.text.english) == ["unexpected character U+0007"])
    let ascii = Lexer.tokenize(SourceFile(path: "t", text: "a @ b")).diagnostics
    #expect(ascii.map(\.message.text.english) == ["unexpected character `@`"])
    let comment = Lexer.tokenize(SourceFile(path: "t", text: "# \u{202E}")).diagnostics
    #expect(comment.map(\.message.text.english)
      == ["bidirectional control character U+202E RIGHT-TO-LEFT OVERRIDE in a comment: it can make the line read "
          + "differently from what it is"])
  }

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
