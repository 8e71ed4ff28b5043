import Testing

@testable import MizanCore

/// RFC 8785 (JSON Canonicalization Scheme) vectors for the canonical writer.
struct CanonicalJSONTests {
  // MARK: - Numbers

  /// A double given by its IEEE 754 bit pattern, and the text RFC 8785 Appendix B gives for it.
  struct BitPatternCase: Sendable, CustomTestStringConvertible {
    let bits: UInt64
    let text: String
    var testDescription: String { "\(String(bits, radix: 16)) → \(text)" }
  }

  /// Every finite row of RFC 8785 Appendix B.
  static let appendixB: [BitPatternCase] = [
    BitPatternCase(bits: 0x0000_0000_0000_0000, text: "0"),
    BitPatternCase(bits: 0x8000_0000_0000_0000, text: "0"),
    BitPatternCase(bits: 0x0000_0000_0000_0001, text: "5e-324"),
    BitPatternCase(bits: 0x8000_0000_0000_0001, text: "-5e-324"),
    BitPatternCase(bits: 0x7fef_ffff_ffff_ffff, text: "1.7976931348623157e+308"),
    BitPatternCase(bits: 0xffef_ffff_ffff_ffff, text: "-1.7976931348623157e+308"),
    BitPatternCase(bits: 0x4340_0000_0000_0000, text: "9007199254740992"),
    BitPatternCase(bits: 0xc340_0000_0000_0000, text: "-9007199254740992"),
    BitPatternCase(bits: 0x4430_0000_0000_0000, text: "295147905179352830000"),
    BitPatternCase(bits: 0x44b5_2d02_c7e1_4af5, text: "9.999999999999997e+22"),
    BitPatternCase(bits: 0x44b5_2d02_c7e1_4af6, text: "1e+23"),
    BitPatternCase(bits: 0x44b5_2d02_c7e1_4af7, text: "1.0000000000000001e+23"),
    BitPatternCase(bits: 0x444b_1ae4_d6e2_ef4e, text: "999999999999999700000"),
    BitPatternCase(bits: 0x444b_1ae4_d6e2_ef4f, text: "999999999999999900000"),
    BitPatternCase(bits: 0x444b_1ae4_d6e2_ef50, text: "1e+21"),
    BitPatternCase(bits: 0x3eb0_c6f7_a0b5_ed8c, text: "9.999999999999997e-7"),
    BitPatternCase(bits: 0x3eb0_c6f7_a0b5_ed8d, text: "0.000001"),
    BitPatternCase(bits: 0x41b3_de43_5555_5553, text: "333333333.3333332"),
    BitPatternCase(bits: 0x41b3_de43_5555_5554, text: "333333333.33333325"),
    BitPatternCase(bits: 0x41b3_de43_5555_5555, text: "333333333.3333333"),
    BitPatternCase(bits: 0x41b3_de43_5555_5556, text: "333333333.3333334"),
    BitPatternCase(bits: 0x41b3_de43_5555_5557, text: "333333333.33333343"),
    BitPatternCase(bits: 0xbecb_f647_612f_3696, text: "-0.0000033333333333333333"),
    BitPatternCase(bits: 0x4314_3ff3_c1cb_0959, text: "1424953923781206.2"),
  ]

  @Test("RFC 8785 Appendix B bit patterns serialise to the published text", arguments: appendixB)
  func appendixBNumber(_ row: BitPatternCase) {
    #expect(JSONValue.number(Double(bitPattern: row.bits)).canonicalText == row.text)
  }

  /// Numbers written as ECMAScript's `Number.prototype.toString` writes them (checked against Node.js).
  static let decimalCases: [(Double, String)] = [
    (0, "0"),
    (-0.0, "0"),
    (1, "1"),
    (100, "100"),
    (-1.5, "-1.5"),
    (4.5, "4.5"),
    (0.1, "0.1"),
    (0.1 + 0.2, "0.30000000000000004"),
    (2e-3, "0.002"),
    (1e-6, "0.000001"),
    (0.000001234, "0.000001234"),
    (1e-7, "1e-7"),
    (-1e-7, "-1e-7"),
    (123e-20, "1.23e-18"),
    (333_333_333.333_333_3, "333333333.3333333"),
    (9_007_199_254_740_992, "9007199254740992"),
    (9_007_199_254_740_994, "9007199254740994"),
    (1e16, "10000000000000000"),
    (9_223_372_036_854_775_808, "9223372036854776000"),
    (1e20, "100000000000000000000"),
    (123_456_789_012_345_683_968, "123456789012345680000"),  // the nearest double to …680000
    (295_147_905_179_352_825_856, "295147905179352830000"),  // 2^68
    (1e21, "1e+21"),
    (1e23, "1e+23"),
    (1e30, "1e+30"),
    (1.5e300, "1.5e+300"),
    (1.797_693_134_862_315_7e308, "1.7976931348623157e+308"),
    (2.225_073_858_507_201_4e-308, "2.2250738585072014e-308"),
    (Double.leastNonzeroMagnitude, "5e-324"),
  ]

  @Test("numbers follow ECMAScript Number::toString", arguments: decimalCases)
  func decimalNumber(_ number: Double, _ text: String) {
    #expect(JSONValue.number(number).canonicalText == text)
  }

  @Test(
    "NaN and infinities write null, and canonicalBytes() rejects them",
    arguments: [Double.nan, Double.infinity, -Double.infinity]
  )
  func nonFiniteNumber(_ number: Double) {
    let nested = JSONValue.object(["a": .array([.number(1), .number(number)])])
    #expect(JSONValue.number(number).canonicalText == "null")
    #expect(nested.canonicalText == #"{"a":[1,null]}"#)
    #expect(throws: CanonicalJSONError.nonFiniteNumber) { try nested.canonicalBytes() }
  }

  // MARK: - Strings

  @Test("strings escape only quote, backslash and C0 controls, with lowercase hex")
  func stringEscaping() {
    let text = "\u{0}\u{1}\u{8}\t\n\u{B}\u{C}\r\u{E}\u{1F} \"\\/\u{7F}\u{2028}\u{2029}é€😀ميزان"
    let expected = #""\u0000\u0001\b\t\n\u000b\f\r\u000e\u001f \"\\/"# + "\u{7F}\u{2028}\u{2029}é€😀ميزان\""
    #expect(JSONValue.string(text).canonicalText == expected)
    #expect(JSONValue.string("").canonicalText == #""""#)
  }

  // MARK: - Structure

  @Test("literals and empty containers carry no whitespace")
  func literalsAndContainers() {
    #expect(JSONValue.null.canonicalText == "null")
    #expect(JSONValue.bool(true).canonicalText == "true")
    #expect(JSONValue.bool(false).canonicalText == "false")
    #expect(JSONValue.array([]).canonicalText == "[]")
    #expect(JSONValue.object([JSONMember]()).canonicalText == "{}")
    let nested = JSONValue.array([.object(["b": .array([]), "a": .object([JSONMember]())]), .null])
    #expect(nested.canonicalText == #"[{"a":{},"b":[]},null]"#)
  }

  @Test("key comparison agrees with comparing UTF-16 code units, across every UTF-8 length and surrogate edge")
  func keyOrderMatchesUTF16() {
    let scalars =
      ["", "a", "\u{7F}", "\u{80}", "\u{7FF}", "\u{800}", "\u{D7FF}", "\u{E000}", "\u{FB33}", "\u{FFFF}"]
      + ["\u{10000}", "\u{1F600}", "\u{10FFFF}"]
    let keys = scalars.flatMap { first in scalars.map { first + $0 } }
    var mismatches: [String] = []
    for left in keys {
      for right in keys {
        let leftUnits = Array(left.utf16)
        let rightUnits = Array(right.utf16)
        let expected = leftUnits == rightUnits ? 0 : (leftUnits.lexicographicallyPrecedes(rightUnits) ? -1 : 1)
        if CanonicalJSONWriter.keyOrder(left, right).signum() != expected {
          mismatches.append("\(leftUnits) against \(rightUnits)")
        }
      }
    }
    // One expectation for the whole table, so that a broken comparison reports a readable sample.
    #expect(mismatches.isEmpty, "\(mismatches.count) wrong, first: \(mismatches.prefix(3))")
  }

  @Test("RFC 8785 §3.2.3: members sort by the UTF-16 code units of their keys")
  func rfcSortingExample() {
    let value = JSONValue.object([
      "\u{20AC}": .string("Euro Sign"),
      "\r": .string("Carriage Return"),
      "\u{FB33}": .string("Hebrew Letter Dalet With Dagesh"),
      "1": .string("One"),
      "\u{1F600}": .string("Emoji: Grinning Face"),
      "\u{80}": .string("Control"),
      "\u{F6}": .string("Latin Small Letter O With Diaeresis"),
    ])
    let expected =
      #"{"\r":"Carriage Return","1":"One","#
      + "\"\u{80}\":\"Control\",\"\u{F6}\":\"Latin Small Letter O With Diaeresis\","
      + "\"\u{20AC}\":\"Euro Sign\",\"\u{1F600}\":\"Emoji: Grinning Face\","
      + "\"\u{FB33}\":\"Hebrew Letter Dalet With Dagesh\"}"
    #expect(value.canonicalText == expected)
  }

  @Test("a supplementary-plane key sorts before U+E000…U+FFFF, unlike scalar order")
  func surrogatesSortBeforeHighBMP() {
    let value = JSONValue.object(["\u{FFFF}": .number(1), "\u{E000}": .number(2), "\u{10000}": .number(3)])
    #expect(value.canonicalText == "{\"\u{10000}\":3,\"\u{E000}\":2,\"\u{FFFF}\":1}")
  }

  @Test("the RFC 8785 §3.2 example (numbers, string, literals) gives its published canonical form")
  func rfcCombinedExample() {
    let value = JSONValue.object([
      "numbers": .array([
        .number(333_333_333.333_333_29), .number(1e30), .number(4.50), .number(2e-3),
        .number(0.000_000_000_000_000_000_000_000_001),
      ]),
      "string": .string("\u{20AC}$\u{0F}\nA'B\"\\\\\"/"),
      "literals": .array([.null, .bool(true), .bool(false)]),
    ])
    let expected =
      #"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"#
      + #""string":"€$\u000f\nA'B\"\\\\\"/"}"#
    #expect(value.canonicalText == expected)
  }

  @Test("member order in the input does not change the output")
  func inputOrderIrrelevant() {
    let forward = JSONValue.object(["b": .number(2), "a": .object(["y": .null, "x": .bool(true)]), "c": .string("z")])
    let backward = JSONValue.object(["c": .string("z"), "a": .object(["x": .bool(true), "y": .null]), "b": .number(2)])
    #expect(forward.canonicalText == backward.canonicalText)
    #expect(forward.canonicalText == #"{"a":{"x":true,"y":null},"b":2,"c":"z"}"#)
  }

  @Test("duplicate keys are all written, sorted, equal keys in source order")
  func duplicateKeys() {
    let value = JSONValue.object([
      JSONMember("b", .number(1)), JSONMember("a", .number(2)), JSONMember("b", .number(3)),
      JSONMember("a", .number(4)), JSONMember("b", .number(5)),
    ])
    #expect(value.canonicalText == #"{"a":2,"a":4,"b":1,"b":3,"b":5}"#)
  }

  // MARK: - Entry points

  @Test("writeCanonical appends, and all three entry points agree")
  func entryPointsAgree() throws {
    let value = JSONValue.object(["k": .array([.number(-0.0), .string("ü\u{1}"), .number(1e-9)])])
    var buffer = Array("prefix:".utf8)
    value.writeCanonical(into: &buffer)
    #expect(buffer == Array("prefix:".utf8) + Array(value.canonicalText.utf8))
    #expect(try value.canonicalBytes() == Array(value.canonicalText.utf8))
    #expect(value.canonicalText == #"{"k":[0,"ü\u0001",1e-9]}"#)
  }
}
