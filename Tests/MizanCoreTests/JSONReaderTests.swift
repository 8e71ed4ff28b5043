import Testing

@testable import MizanCore

/// Reads `text`, failing the test with the reader's message if it is refused.
private func read(_ text: String, limits: JSONLimits = .default) -> JSONValue? {
  do {
    return try JSONReader.read(text, limits: limits)
  } catch {
    Issue.record("unexpected error: \(error)")
    return nil
  }
}

@Suite("JSONReader: valid documents")
struct JSONReaderTests {
  /// Documents of every kind, with the value each must give.
  static let documents: [(String, JSONValue)] = [
    ("null", .null),
    ("true", .bool(true)),
    ("false", .bool(false)),
    ("0", .number(0)),
    ("42", .number(42)),
    ("-17", .number(-17)),
    ("3.25", .number(3.25)),
    ("\"\"", .string("")),
    ("\"abc\"", .string("abc")),
    ("[]", .array([])),
    ("{}", .object([])),
    ("[ ]", .array([])),
    ("{ \n }", .object([])),
    (" \t\r\n 7 \r\n\t ", .number(7)),
    (
      "[1, \"two\", true, null, [], {}]",
      .array([.number(1), .string("two"), .bool(true), .null, .array([]), .object([])])
    ),
    ("[[[[]]]]", .array([.array([.array([.array([])])])])),
    ("{\"a\": {\"b\": [true, null]}}", .object(["a": .object(["b": .array([.bool(true), .null])])])),
    ("{\"z\":1,\"a\":2,\"m\":3}", .object(["z": .number(1), "a": .number(2), "m": .number(3)])),
    ("[{\"a\":1},{\"a\":2}]", .array([.object(["a": .number(1)]), .object(["a": .number(2)])])),
    ("{\"a\": {\"a\": {\"a\": 1}}}", .object(["a": .object(["a": .object(["a": .number(1)])])])),
  ]

  @Test("reads every kind of value", arguments: documents)
  func readsDocument(text: String, expected: JSONValue) {
    #expect(read(text) == expected)
  }

  @Test("keeps object members in source order")
  func keepsMemberOrder() throws {
    let value = try JSONReader.read(#"{"zeta": 1, "alpha": 2, "mu": 3}"#)
    guard case .object(let members) = value else {
      Issue.record("expected an object, got \(value)")
      return
    }
    #expect(members.map(\.key) == ["zeta", "alpha", "mu"])
  }

  @Test("reads a realistic applicant record")
  func readsRecord() throws {
    let text = """
      {"id": "APP-2024-000137", "applicant": {"name": "فاطمة عبدالله", "age": 47},
       "facts": {"household_size": 6, "monthly_income": 3250.50, "dependents": [12, 9, 4], "notes": null},
       "documents": [{"type": "national_id", "expires_on": "2027-01-15"}]}
      """
    let value = try JSONReader.read(text)
    #expect(value["applicant"]?["name"] == .string("فاطمة عبدالله"))
    #expect(value["facts"]?["monthly_income"] == .number(3250.5))
    #expect(value["facts"]?["dependents"] == .array([.number(12), .number(9), .number(4)]))
    #expect(
      value["documents"] == .array([.object(["type": .string("national_id"), "expires_on": .string("2027-01-15")])]))
  }

  @Test("the three entry points agree")
  func entryPointsAgree() throws {
    let text = #"{"name": "سارة", "list": [1, 2.5, "\u0041"]}"#
    let bytes = Array(text.utf8)
    let fromString = try JSONReader.read(text)
    let fromArray = try JSONReader.read(bytes)
    let fromSpan = try JSONReader.read(bytes.span)
    #expect(fromString == fromArray)
    #expect(fromString == fromSpan)
  }

  @Test("nesting up to the depth limit is accepted")
  func acceptsNestingAtLimit() throws {
    let depth = JSONLimits.default.maxDepth
    let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    var value = try JSONReader.read(text)
    var levels = 0
    while case .array(let elements) = value {
      levels += 1
      guard let first = elements.first else { break }
      value = first
    }
    #expect(levels == depth)
  }

  @Test("an object of many members, checked for duplicates with a set, is read in order")
  func readsLargeObject() throws {
    let names = (0..<100).map { "key_\($0)" }
    let text = "{" + names.map { "\"\($0)\": \($0.count)" }.joined(separator: ", ") + "}"
    guard case .object(let members) = try JSONReader.read(text) else {
      Issue.record("expected an object")
      return
    }
    #expect(members.map(\.key) == names)
  }
}

@Suite("JSONReader: strings")
struct JSONReaderStringTests {
  /// String literals as written in JSON, with the text each must give.
  static let strings: [(String, String)] = [
    (#""محمد بن عبدالله""#, "محمد بن عبدالله"),
    (#""Rabigh / رابغ""#, "Rabigh / رابغ"),
    (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
    (#""\u0041\u00e9\u00E9""#, "Aéé"),
    (#""\u0627\u0644\u062f\u062e\u0644""#, "الدخل"),
    (#""\ud83d\ude00 smile""#, "😀 smile"),
    (#""\uD834\uDD1E""#, "𝄞"),
    (#""a\u0000b""#, "a\u{0}b"),
    (#""الاسم:\t\"فاطمة\"""#, "الاسم:\t\"فاطمة\""),
    (#""\u200f\u202b""#, "\u{200F}\u{202B}"),
    ("\"\u{7F}\"", "\u{7F}"),
    ("\"߿￿\u{10FFFF}\u{E000}\"", "\u{7FF}\u{FFFF}\u{10FFFF}\u{E000}"),
    ("\"😀\"", "😀"),
  ]

  @Test("decodes raw UTF-8, Arabic text and every escape", arguments: strings)
  func decodesString(literal: String, expected: String) {
    #expect(read(literal) == .string(expected))
  }

  @Test("finds a special character at every position within the first 24 bytes", arguments: 0..<24)
  func findsSpecialCharacterAnywhere(position: Int) {
    let before = String(repeating: "a", count: position)
    let after = String(repeating: "b", count: 5)
    #expect(read("\"" + before + "\\n" + after + "\"") == .string(before + "\n" + after))
    #expect(read("\"" + before + "é" + after + "\"") == .string(before + "é" + after))
    #expect(read("\"" + before + "\"") == .string(before))
    #expect(read("[\"" + before + "\", 1]") == .array([.string(before), .number(1)]))
  }
}

@Suite("JSONReader: numbers")
struct JSONReaderNumberTests {
  /// Number lexemes with the double each must give (correctly rounded).
  static let numbers: [(String, Double)] = [
    ("0", 0), ("7", 7), ("-7", -7), ("10", 10), ("1234567890", 1_234_567_890),
    ("0.5", 0.5), ("0.1", 0.1), ("0.3", 0.3), ("-0.000001", -0.000001), ("3250.50", 3250.5),
    ("1e3", 1000), ("1E3", 1000), ("1e+3", 1000), ("1e-3", 0.001), ("2.5E-3", 0.0025), ("0e10", 0),
    ("1e22", 1e22), ("1e23", 1e23), ("123456789012345678", 1.2345678901234568e17),
    ("9007199254740993", 9_007_199_254_740_992), ("0.1000000000000000055511151231257827", 0.1),
    ("1.7976931348623157e308", .greatestFiniteMagnitude), ("-1.7976931348623157e308", -.greatestFiniteMagnitude),
    ("5e-324", .leastNonzeroMagnitude), ("2.2250738585072014e-308", .leastNormalMagnitude),
    ("1e-400", 0), ("0.00000000000000000000000000000000000000000000001", 1e-47),
    ("100000000000000000000000000000000000000000000000000", 1e50),
  ]

  @Test("converts numbers exactly as the standard library would", arguments: numbers)
  func convertsNumber(lexeme: String, expected: Double) {
    #expect(read(lexeme) == .number(expected))
    #expect(read("[" + lexeme + "]") == .array([.number(expected)]))
  }

  @Test("keeps the sign of negative zero")
  func keepsNegativeZero() throws {
    for lexeme in ["-0", "-0.0", "-0e5"] {
      guard case .number(let value) = try JSONReader.read(lexeme) else {
        Issue.record("\(lexeme) is not a number")
        continue
      }
      #expect(value == 0 && value.sign == .minus, "\(lexeme)")
    }
  }
}
