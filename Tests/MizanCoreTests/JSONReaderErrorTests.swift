import MizanTestSupport
import Testing

@testable import MizanCore

/// The error reading `bytes` gives, or `nil` if they are read without one.
private func readError(_ bytes: [UInt8], limits: JSONLimits = .default) -> JSONReadError? {
  do {
    _ = try JSONReader.read(bytes, limits: limits)
    return nil
  } catch {
    return error
  }
}

/// The error reading `text` gives, or `nil` if it is read without one.
private func readError(_ text: String, limits: JSONLimits = .default) -> JSONReadError? {
  readError(Array(text.utf8), limits: limits)
}

@Suite("JSONReader: errors name what and where")
struct JSONReaderErrorTests {
  /// A document the reader must refuse, and exactly how.
  struct Example: Sendable, CustomTestStringConvertible {
    /// The document.
    let input: [UInt8]
    /// The error it must give.
    let kind: JSONReadError.Kind
    /// The error's path as printed.
    let path: String
    /// The error's 1-based line.
    let line: Int
    /// The error's 1-based column, in Unicode scalars.
    let column: Int
    /// The error's byte offset, where the test states it.
    let offset: Int?

    /// An example written as text.

    init(_ input: String, _ kind: JSONReadError.Kind, at path: String, _ line: Int, _ column: Int, offset: Int? = nil) {
      self.init(Array(input.utf8), kind, at: path, line, column, offset: offset)
    }

    /// An example written as bytes, for input that is not valid UTF-8.
    init(_ input: [UInt8], _ kind: JSONReadError.Kind, at path: String, _ line: Int, _ column: Int, offset: Int? = nil)
    {
      self.input = input
      self.kind = kind
      self.path = path
      self.line = line
      self.column = column
      self.offset = offset
    }

    /// The start of the input, to name the test case.
    var testDescription: String { String(decoding: input.prefix(60), as: UTF8.self) }
  }

  /// Syntax errors: what was expected, what was found, and where.
  static let syntax: [Example] = [
    Example(#"{"facts": {"a": [1, 2, }"#, .unexpectedCharacter("}", expected: .value), at: "facts.a[2]", 1, 24),
    Example("", .unexpectedEnd(expected: .value), at: "$", 1, 1, offset: 0),
    Example("  \n ", .unexpectedEnd(expected: .value), at: "$", 2, 2, offset: 4),
    Example("[1, 2", .unexpectedEnd(expected: .commaOrEndOfArray), at: "[1]", 1, 6),
    Example("[1, 2,", .unexpectedEnd(expected: .value), at: "[2]", 1, 7),
    Example(#"{"a": 1"#, .unexpectedEnd(expected: .commaOrEndOfObject), at: "a", 1, 8),
    Example(#"{"a""#, .unexpectedEnd(expected: .colon), at: "a", 1, 5),
    Example(#"{"a":"#, .unexpectedEnd(expected: .value), at: "a", 1, 6),
    Example("{", .unexpectedEnd(expected: .memberName), at: "$", 1, 2),
    Example(#"{"a" 1}"#, .unexpectedCharacter("1", expected: .colon), at: "a", 1, 6),
    Example(#"{a: 1}"#, .unexpectedCharacter("a", expected: .memberName), at: "$", 1, 2),
    Example(#"{"a": 1 b}"#, .unexpectedCharacter("b", expected: .commaOrEndOfObject), at: "a", 1, 9),
    Example(#"{"a": 1,}"#, .unexpectedCharacter("}", expected: .memberName), at: "$", 1, 9),
    Example(#"{"a": 1, "b": 2,}"#, .unexpectedCharacter("}", expected: .memberName), at: "$", 1, 17),
    Example("{1: 2}", .unexpectedCharacter("1", expected: .memberName), at: "$", 1, 2),
    Example("{'a': 1}", .unexpectedCharacter("'", expected: .memberName), at: "$", 1, 2),
    Example("['a']", .unexpectedCharacter("'", expected: .value), at: "[0]", 1, 2),
    Example("[1,]", .unexpectedCharacter("]", expected: .value), at: "[1]", 1, 4),
    Example("[1 2]", .unexpectedCharacter("2", expected: .commaOrEndOfArray), at: "[0]", 1, 4),
    Example(#"{"a": 1 "b": 2}"#, .unexpectedCharacter("\"", expected: .commaOrEndOfObject), at: "a", 1, 9),
    Example(#"{"a": [1}"#, .unexpectedCharacter("}", expected: .commaOrEndOfArray), at: "a[0]", 1, 9),
    Example("[1, // two\n 2]", .unexpectedCharacter("/", expected: .value), at: "[1]", 1, 5),
    Example("/* c */ 1", .unexpectedCharacter("/", expected: .value), at: "$", 1, 1),
    Example("tru", .unexpectedEnd(expected: .literal("true")), at: "$", 1, 4),
    Example("[trux]", .unexpectedCharacter("trux", expected: .value), at: "[0]", 1, 2),
    Example("[nil]", .unexpectedCharacter("nil", expected: .value), at: "[0]", 1, 2),
    Example("fals", .unexpectedEnd(expected: .literal("false")), at: "$", 1, 5),
    Example("[undefined]", .unexpectedCharacter("undefined", expected: .value), at: "[0]", 1, 2),
    Example("nul", .unexpectedEnd(expected: .literal("null")), at: "$", 1, 4),
    Example("True", .unexpectedCharacter("True", expected: .value), at: "$", 1, 1),
    Example("NaN", .unexpectedCharacter("NaN", expected: .value), at: "$", 1, 1),
    Example("Infinity", .unexpectedCharacter("Infinity", expected: .value), at: "$", 1, 1),
    Example("{\"a\":\u{A0}1}", .unexpectedCharacter("U+00A0", expected: .value), at: "a", 1, 6),
    Example("[1\u{060C} 2]", .unexpectedCharacter("U+060C", expected: .commaOrEndOfArray), at: "[0]", 1, 3),
    Example([0x5B, 0xFF, 0x5D], .unexpectedCharacter("0xFF", expected: .value), at: "[0]", 1, 2),
    Example("[\u{1}]", .unexpectedCharacter("U+0001", expected: .value), at: "[0]", 1, 2),
    Example(#"{"a": 1} x"#, .trailingContent, at: "$", 1, 10),
    Example("1 2", .trailingContent, at: "$", 1, 3),
    Example("[] []", .trailingContent, at: "$", 1, 4),
    Example("\"a\"\"b\"", .trailingContent, at: "$", 1, 4),
    Example(
      "{\n  \"facts\": {\n    \"household_size\": five\n  }\n}",
      .unexpectedCharacter("five", expected: .value), at: "facts.household_size", 3, 23),
    Example(#"{"اسم": x}"#, .unexpectedCharacter("x", expected: .value), at: #"["اسم"]"#, 1, 9, offset: 11),
    Example("{\"ملاحظة\": \"سطر\nجديد\"}", .controlCharacterInString, at: #"["ملاحظة"]"#, 1, 16),
    Example("[\"\u{FEFF}\", \u{FEFF}1]", .unexpectedCharacter("U+FEFF", expected: .value), at: "[1]", 1, 7),
  ]

  /// Numbers outside RFC 8259's grammar or a double's range.
  static let numbers: [Example] = [
    Example("01", .invalidNumber, at: "$", 1, 1),
    Example("[-01]", .invalidNumber, at: "[0]", 1, 2),
    Example("00", .invalidNumber, at: "$", 1, 1),
    Example("-", .invalidNumber, at: "$", 1, 1),
    Example("[-]", .invalidNumber, at: "[0]", 1, 2),
    Example("-a", .invalidNumber, at: "$", 1, 1),
    Example("-Infinity", .invalidNumber, at: "$", 1, 1),
    Example("1.", .invalidNumber, at: "$", 1, 1),
    Example("[1.]", .invalidNumber, at: "[0]", 1, 2),
    Example("1.e5", .invalidNumber, at: "$", 1, 1),
    Example("1e", .invalidNumber, at: "$", 1, 1),
    Example("1e+", .invalidNumber, at: "$", 1, 1),
    Example("1E-x", .invalidNumber, at: "$", 1, 1),
    Example(".5", .unexpectedCharacter(".", expected: .value), at: "$", 1, 1),
    Example("+1", .unexpectedCharacter("+", expected: .value), at: "$", 1, 1),
    Example("0x10", .trailingContent, at: "$", 1, 2),
    Example("1.5.2", .trailingContent, at: "$", 1, 4),
    Example("1e400", .numberOutOfRange, at: "$", 1, 1),
    Example("[1, -1e400]", .numberOutOfRange, at: "[1]", 1, 5),
    Example(#"{"income": 1.8e308}"#, .numberOutOfRange, at: "income", 1, 12),
    Example("1" + String(repeating: "0", count: 309), .numberOutOfRange, at: "$", 1, 1),
    Example("1e99999999999999999999999", .numberOutOfRange, at: "$", 1, 1),
  ]

  /// Unterminated strings, bad escapes and raw control characters.
  static let strings: [Example] = [
    Example(#"{"facts": {"name": "abc"#, .unexpectedEnd(expected: .endOfString), at: "facts.name", 1, 20),
    Example(#"{"facts": {"na"#, .unexpectedEnd(expected: .endOfString), at: "facts", 1, 12),
    Example(#"""#, .unexpectedEnd(expected: .endOfString), at: "$", 1, 1),
    Example(#""abc\"#, .unexpectedEnd(expected: .endOfString), at: "$", 1, 1),
    Example(#""\u12"#, .unexpectedEnd(expected: .endOfString), at: "$", 1, 1),
    Example(#""\ud800"#, .unexpectedEnd(expected: .endOfString), at: "$", 1, 1),
    Example(#""\ud800\"#, .unexpectedEnd(expected: .endOfString), at: "$", 1, 1),
    Example(#""a\qb""#, .invalidEscape, at: "$", 1, 3),
    Example(#""\x41""#, .invalidEscape, at: "$", 1, 2),
    Example(#""\'""#, .invalidEscape, at: "$", 1, 2),
    Example(#""\U0041""#, .invalidEscape, at: "$", 1, 2),
    Example(#""\u12g4""#, .invalidEscape, at: "$", 1, 2),
    Example(#""\u12""#, .invalidEscape, at: "$", 1, 2),
    Example(#"["ok", "\ud800"]"#, .invalidEscape, at: "[1]", 1, 9),
    Example(#""\ud800x""#, .invalidEscape, at: "$", 1, 2),
    Example(#""\ud800\n""#, .invalidEscape, at: "$", 1, 2),
    Example(#""\ud800\u0041""#, .invalidEscape, at: "$", 1, 2),
    Example(#""\ud800\ud800""#, .invalidEscape, at: "$", 1, 2),
    Example(#""ab\udc00""#, .invalidEscape, at: "$", 1, 4),
    Example(#"{"\udfff": 1}"#, .invalidEscape, at: "$", 1, 3),
    Example("\"a\tb\"", .controlCharacterInString, at: "$", 1, 3),
    Example("\"line\nbreak\"", .controlCharacterInString, at: "$", 1, 6),
    Example("[\"\u{0}\"]", .controlCharacterInString, at: "[0]", 1, 3),
    Example("{\"a\u{1F}\": 1}", .controlCharacterInString, at: "$", 1, 4),
  ]

  /// Malformed UTF-8 inside a string, each refused at the first byte of the bad sequence.
  static let utf8: [Example] = [
    Example([0x22, 0x80, 0x22], .invalidUTF8, at: "$", 1, 2, offset: 1),
    Example([0x22, 0x61, 0xBF, 0x22], .invalidUTF8, at: "$", 1, 3, offset: 2),
    Example([0x22, 0xC0, 0x80, 0x22], .invalidUTF8, at: "$", 1, 2, offset: 1),
    Example([0x22, 0xC1, 0xBF, 0x22], .invalidUTF8, at: "$", 1, 2, offset: 1),
    Example([0x22, 0xE0, 0x80, 0x80, 0x22], .invalidUTF8, at: "$", 1, 2, offset: 1),
    Example([0x22, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8, at: "$", 1, 2, offset: 1),
    Example([0x22, 0xF0, 0x80, 0x80, 0x80, 0x22], .invalidUTF8, at: "$", 1, 2, offset: 1),
    Example([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], .invalidUTF8, at: "$", 1, 2, offset: 1),
    Example([0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], .invalidUTF8, at: "$", 1, 2, offset: 1),
    Example([0x22, 0xFF, 0x22], .invalidUTF8, at: "$", 1, 2, offset: 1),
    Example([0x22, 0xE2, 0x82, 0x22], .invalidUTF8, at: "$", 1, 2, offset: 1),
    Example([0x22, 0xE2, 0x82], .invalidUTF8, at: "$", 1, 2, offset: 1),
    Example([0x22, 0xD8, 0xA7, 0xD8, 0x22], .invalidUTF8, at: "$", 1, 3, offset: 3),
    Example(
      Array(#"{"name": ""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8), .invalidUTF8, at: "name", 1, 11, offset: 10),
  ]

  /// Duplicate member names (byte-equal, escaped, or canonically equivalent) and a byte-order mark.
  static let others: [Example] = [
    Example(#"{"a": 1, "a": 2}"#, .duplicateKey("a"), at: "a", 1, 10),
    Example(#"{"facts": {"size": 1, "b": 2, "size": 3}}"#, .duplicateKey("size"), at: "facts.size", 1, 31),
    Example(#"{"a": 1, "\u0061": 2}"#, .duplicateKey("a"), at: "a", 1, 10),
    Example("{\"é\": 1, \"e\u{301}\": 2}", .duplicateKey("e\u{301}"), at: "[\"e\u{301}\"]", 1, 10),
    Example("{\"K\": 1, \"\u{212A}\": 2}", .duplicateKey("\u{212A}"), at: "[\"\u{212A}\"]", 1, 10),
    Example(#"{"name": 1, "x": {}, "name": 2}"#, .duplicateKey("name"), at: "name", 1, 22),
    Example([0xEF, 0xBB, 0xBF] + Array("{}".utf8), .byteOrderMark, at: "$", 1, 1, offset: 0),
  ]

  @Test("a syntax error names its place", arguments: syntax)
  func syntaxError(_ example: Example) { check(example) }

  @Test("a malformed number is refused", arguments: numbers)
  func numberError(_ example: Example) { check(example) }

  @Test("a malformed string is refused", arguments: strings)
  func stringError(_ example: Example) { check(example) }

  @Test("malformed UTF-8 in a string is refused", arguments: utf8)
  func utf8Error(_ example: Example) { check(example) }

  @Test("duplicate keys and a byte-order mark are refused", arguments: others)
  func otherError(_ example: Example) { check(example) }

  /// Reads the example's input and compares the error with what the example states.
  func check(_ example: Example, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    guard let error = readError(example.input) else {
      Issue.record("read without error", sourceLocation: sourceLocation)
      return
    }
    #expect(error.kind == example.kind, sourceLocation: sourceLocation)
    #expect(error.path.description == example.path, sourceLocation: sourceLocation)
    #expect(error.line == example.line, sourceLocation: sourceLocation)
    #expect(error.column == example.column, sourceLocation: sourceLocation)
    if let offset = example.offset { #expect(error.offset == offset, sourceLocation: sourceLocation) }
  }

  @Test("a duplicate is found in an object large enough to use a set")
  func duplicateInLargeObject() {
    let members = (0..<30).map { "\"k\($0)\": \($0)" } + ["\"k7\": 0"]
    let error = readError("{" + members.joined(separator: ", ") + "}")
    #expect(error?.kind == .duplicateKey("k7"))
    #expect(error?.path.description == "k7")
    let nested = readError(#"{"a": {"x": 1}, "b": {"x": 2, "y": {"x": 3}}, "c": 4, "b": 5}"#)
    #expect(nested?.kind == .duplicateKey("b"))
  }

  @Test(
    "a repeated name is found whatever its position and spelling, in objects of 1 to 14 members",
    arguments: 1...14)
  func duplicateAtEveryPosition(size: Int) {
    let names = (0..<size).map { "name_\($0)" }
    for repeated in 0..<size {
      let members = names.map { "\"\($0)\": 0" } + ["\"\(names[repeated])\": 1"]
      #expect(readError("{" + members.joined(separator: ",") + "}")?.kind == .duplicateKey(names[repeated]))
      // The same name with its first letter escaped is not plain ASCII, so it takes the string comparison.
      let escaped = "\"\\u006e" + names[repeated].dropFirst() + "\": 1"
      #expect(
        readError("{" + (names.map { "\"\($0)\": 0" } + [escaped]).joined(separator: ",") + "}")?.kind
          == .duplicateKey(names[repeated]))
    }
    #expect(readError("{" + names.map { "\"\($0)\": 0" }.joined(separator: ",") + "}") == nil)
  }

  @Test("the same key in different objects is not a duplicate")
  func sameKeyInSiblings() throws {
    let value = try JSONReader.read(#"{"x": {"x": {"x": 1}}, "y": [{"x": 1}, {"x": 2}]}"#)
    #expect(value["x"]?["x"]?["x"] == .number(1))
  }

  @Test("messages read in English and Arabic with the location first")
  func messages() throws {
    let error = try #require(readError("{\n  \"facts\": {\n    \"household_size\": five\n  }\n}"))
    #expect(error.description == "facts.household_size (3:23): expected a value, found `five`")
    #expect(error.messageArabic == "facts.household_size (3:23): المتوقع قيمة، ولكن وُجد `five`")
    let unterminated = try #require(readError(#"{"facts": {"name": "abc"#))
    #expect(unterminated.description == "facts.name (1:20): unterminated string")
    #expect(unterminated.messageArabic == "facts.name (1:20): سلسلة نصية غير مغلقة")
    let bom = try #require(readError([0xEF, 0xBB, 0xBF, 0x31]))
    #expect(bom.description == "$ (1:1): remove the byte-order mark (BOM) at the start of the document")
  }

  @Test("every kind of error has a message in both languages")
  func everyKindHasMessages() {
    let kinds: [JSONReadError.Kind] = [
      .unexpectedEnd(expected: .value), .unexpectedEnd(expected: .endOfString),
      .unexpectedCharacter("x", expected: .commaOrEndOfArray), .invalidUTF8, .invalidEscape,
      .controlCharacterInString, .invalidNumber, .numberOutOfRange, .duplicateKey("k"), .trailingContent,
      .tooLarge(limit: 1), .tooDeep(limit: 2), .stringTooLong(limit: 3), .tooManyMembers(limit: 4), .byteOrderMark,
    ]
    var english: Set<String> = []
    for kind in kinds {
      let error = JSONReadError(kind: kind, offset: 0, line: 1, column: 1, path: .root)
      #expect(!error.reason.isEmpty && !error.reasonArabic.isEmpty)
      #expect(error.reasonArabic.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) })
      english.insert(error.reason)
    }
    #expect(english.count == kinds.count)
  }
}

@Suite("JSONReader: limits")
struct JSONReaderLimitTests {
  @Test("100,000 open brackets stop at the depth limit, without a crash")
  func deepBrackets() throws {
    let error = try #require(readError(String(repeating: "[", count: 100_000)))
    #expect(error.kind == .tooDeep(limit: 64))
    #expect(error.offset == 64)
    #expect(error.path.components.count == 64)
    let objects = try #require(readError(String(repeating: #"{"a":"#, count: 100_000)))
    #expect(objects.kind == .tooDeep(limit: 64))
    #expect(objects.path.description.hasPrefix("a.a.a."))
  }

  @Test("the reader needs no call stack for depth: a generous limit still ends cleanly")
  func generousDepth() throws {
    let limits = JSONLimits(maxDepth: .max)
    let error = try #require(readError(String(repeating: "[", count: 100_000), limits: limits))
    #expect(error.kind == .unexpectedEnd(expected: .value))
    let text = String(repeating: "[", count: 1_000) + String(repeating: "]", count: 1_000)
    #expect(readError(text, limits: limits) == nil)
  }

  @Test("each limit produces its own error")
  func eachLimit() throws {
    let large = try #require(readError("[1, 2, 3]", limits: JSONLimits(maxBytes: 8)))
    #expect(large.kind == .tooLarge(limit: 8))
    #expect(large.offset == 8)
    #expect(readError("[1, 2, 3]", limits: JSONLimits(maxBytes: 9)) == nil)

    let deep = try #require(readError("[[[[1]]]]", limits: JSONLimits(maxDepth: 3)))
    #expect(deep.kind == .tooDeep(limit: 3))
    #expect(deep.path.description == "[0][0][0]")
    #expect(deep.column == 4)
    #expect(readError("[[[1]]]", limits: JSONLimits(maxDepth: 3)) == nil)
    #expect(readError("7", limits: JSONLimits(maxDepth: 0)) == nil)

    let long = try #require(readError(#"{"name": "abcde"}"#, limits: JSONLimits(maxStringBytes: 4)))
    #expect(long.kind == .stringTooLong(limit: 4))
    #expect(long.path.description == "name")
    #expect(long.column == 10)
    #expect(readError(#"{"name": "abcd"}"#, limits: JSONLimits(maxStringBytes: 4)) == nil)
    let longName = try #require(readError(#"{"abcde": 1}"#, limits: JSONLimits(maxStringBytes: 4)))
    #expect(longName.kind == .stringTooLong(limit: 4))
    let escaped = try #require(readError(#""\n\n\n""#, limits: JSONLimits(maxStringBytes: 4)))
    #expect(escaped.kind == .stringTooLong(limit: 4))
    let arabic = try #require(readError("\"سلام\"", limits: JSONLimits(maxStringBytes: 7)))
    #expect(arabic.kind == .stringTooLong(limit: 7))
    #expect(readError("\"سلام\"", limits: JSONLimits(maxStringBytes: 8)) == nil)

    let many = try #require(readError("[1, 2, 3]", limits: JSONLimits(maxMembers: 2)))
    #expect(many.kind == .tooManyMembers(limit: 2))
    #expect(many.path.description == "[2]")
    #expect(many.column == 8)
    let members = try #require(readError(#"{"a": 1, "b": 2, "c": 3}"#, limits: JSONLimits(maxMembers: 2)))
    #expect(members.kind == .tooManyMembers(limit: 2))
    #expect(members.column == 18)
    #expect(readError(#"{"a": [1, 2], "b": {"c": 3}}"#, limits: JSONLimits(maxMembers: 2)) == nil)
  }

  @Test("the default limits accept a megabyte of strings and refuse one byte more")
  func defaultSizeLimit() throws {
    let limit = JSONLimits.default.maxBytes
    let chunk = "\"" + String(repeating: "x", count: 1_000) + "\""
    var text = "[" + Array(repeating: chunk, count: 1_040).joined(separator: ",")
    text += String(repeating: " ", count: limit - text.utf8.count - 1) + "]"
    #expect(text.utf8.count == limit)
    #expect(readError(text) == nil)
    let error = try #require(readError(text + " "))
    #expect(error.kind == .tooLarge(limit: limit))
  }

  @Test("huge numbers are read in bounded time")
  func hugeNumbers() {
    let digits = String(repeating: "7", count: 500_000)
    #expect(readError(digits)?.kind == .numberOutOfRange)
    #expect(readError("0." + digits) == nil)
    #expect(readError("[" + digits + "e-499990]") == nil)
  }
}

@Suite("JSONReader: never crashes")
struct JSONReaderRobustnessTests {
  /// Checks what every error must satisfy: a place inside the input.
  func checkInvariants(_ bytes: [UInt8]) {
    guard let error = readError(bytes) else { return }
    #expect(error.offset >= 0 && error.offset <= bytes.count, "\(bytes)")
    #expect(error.line >= 1 && error.column >= 1, "\(bytes)")
    #expect(!error.description.isEmpty && !error.messageArabic.isEmpty)
  }

  @Test("2,000 inputs of random bytes are refused or read, never crash")
  func randomBytes() {
    var generator = SplitMix64(seed: 20_240_310)
    for _ in 0..<2_000 {
      let count = Int.random(in: 0...200, using: &generator)
      checkInvariants((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
  }

  @Test("2,000 random arrangements of JSON tokens are refused or read, never crash")
  func randomTokens() {
    let tokens = [
      "{", "}", "[", "]", ",", ":", "\"", "\\", "\"k\"", "\"k\":", "1", "-0", "2.5e3", "e", ".", "true", "fals",
      "null", " ", "\n", "\"\\u00e9\"", "\"\\ud800\"", "é", "ب", "\u{1}", "1e400", "0", "\"a\\nb\"", "\"\\\"",
    ]
    var generator = SplitMix64(seed: 8_259)
    var readCount = 0
    for _ in 0..<2_000 {
      let count = Int.random(in: 0...40, using: &generator)
      var bytes: [UInt8] = []
      for _ in 0..<count { bytes += Array(tokens[Int.random(in: 0..<tokens.count, using: &generator)].utf8) }
      if Bool.random(using: &generator), !bytes.isEmpty {
        bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
      }
      checkInvariants(bytes)
      if readError(bytes) == nil { readCount += 1 }
    }
    #expect(readCount > 0)
  }

  @Test("every prefix of a valid record is refused cleanly, and only the whole is read")
  func everyPrefix() {
    let bytes = Array(#"{"a": [1, -2.5e-3, true, null, "x\u00e9\ud83d\ude00ب"], "b": {"c": {}}}  "#.utf8)
    for length in 0..<bytes.count {
      let prefix = Array(bytes[..<length])
      let error = readError(prefix)
      #expect(error != nil || length >= bytes.count - 2, "prefix of \(length) bytes")
      checkInvariants(prefix)
    }
  }
}
