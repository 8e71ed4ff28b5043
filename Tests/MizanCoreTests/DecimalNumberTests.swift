import Testing

@testable import MizanCore

/// Exact four-decimal arithmetic: parsing, text, arithmetic, rounding and overflow.
@Suite("DecimalNumber")
struct DecimalNumberTests {
  /// The number `text` denotes, recording a test failure when it does not parse.
  func number(_ text: String) throws -> DecimalNumber {
    try #require(DecimalNumber(parsing: text), "\(text) does not parse")
  }

  static let max = "922337203685477.5807"
  static let min = "-922337203685477.5808"

  @Test(
    "parses an optional minus, digits in three scripts and up to four decimals",
    arguments: [
      ("0", 0), ("2500", 25_000_000), ("-0.5", -5000), ("833.3333", 8_333_333), ("0.1", 1000), ("-0", 0),
      ("007", 70_000), ("1.2345", 12_345), ("1.5000", 15_000), ("٢٥٠٠", 25_000_000), ("١٫٥", 15_000),
      ("١.٥", 15_000), ("۱۲.۵", 125_000), ("-٠٫٠٠٠١", -1), (max, Int64.max), (min, Int64.min),
    ]
  )
  func parses(text: String, scaled: Int64) {
    #expect(DecimalNumber(parsing: text)?.scaled == scaled)
    #expect(DecimalNumber(parsing: text[...])?.scaled == scaled)
  }

  @Test(
    "rejects anything else and values out of range",
    arguments: [
      "", "-", "+1", ".5", "-.5", "1.", "1.23456", "1.00000", "1e3", "1,000", " 1", "1 ", "--1", "1.2.3", "0x10",
      "١.", "1٫", "922337203685477.5808", "-922337203685477.5809", "99999999999999999999", "1_000", "٫5", "1-",
      "１", "NaN", "inf",
    ]
  )
  func rejects(text: String) {
    #expect(DecimalNumber(parsing: text) == nil)
  }

  @Test(
    "prints the shortest exact text",
    arguments: [
      (25_000_000, "2500"), (8_333_333, "833.3333"), (-5000, "-0.5"), (0, "0"), (1, "0.0001"), (-1, "-0.0001"),
      (15_000, "1.5"), (10_010, "1.001"), (Int64.max, max), (Int64.min, min), (1_000_000, "100"),
    ]
  )
  func description(scaled: Int64, text: String) {
    #expect(DecimalNumber(scaled: scaled).description == text)
  }

  @Test("0.1 + 0.2 is exactly 0.3")
  func exactTenths() throws {
    #expect(try number("0.1").adding(number("0.2")) == number("0.3"))
  }

  /// An arithmetic operation under test.
  enum Operation: String, Sendable, CustomTestStringConvertible {
    case add = "+"
    case subtract = "-"
    case multiply = "×"
    case divide = "÷"
    var testDescription: String { rawValue }
  }

  @Test(
    "arithmetic is exact and rounds half to even at the fourth decimal",
    arguments: [
      ("2500", Operation.add, "0.5", "2500.5"), ("0.1", .add, "-0.3", "-0.2"), ("1", .subtract, "0.0001", "0.9999"),
      ("-0.5", .subtract, "-0.5", "0"), ("4000", .multiply, "0.25", "1000"), ("1.0001", .multiply, "1.0001", "1.0002"),
      ("0.0001", .multiply, "0.5", "0"), ("0.0003", .multiply, "0.5", "0.0002"), ("0.0005", .multiply, "0.5", "0.0002"),
      ("0.0007", .multiply, "0.5", "0.0004"), ("-0.0003", .multiply, "0.5", "-0.0002"),
      ("-3", .multiply, "-2.5", "7.5"),
      ("2500", .divide, "3", "833.3333"), ("2", .divide, "3", "0.6667"), ("-2", .divide, "3", "-0.6667"),
      ("1", .divide, "3", "0.3333"), ("0.0001", .divide, "2", "0"), ("0.0003", .divide, "2", "0.0002"),
      ("0.0005", .divide, "2", "0.0002"), ("0.0007", .divide, "2", "0.0004"), ("-0.0003", .divide, "2", "-0.0002"),
      ("0.0003", .divide, "-2", "-0.0002"), ("-0.0001", .divide, "-2", "0"), ("10", .divide, "4", "2.5"),
      ("1", .divide, "0.0001", "10000"), (max, .divide, "1", max), (min, .multiply, "1", min),
      (max, .add, min, "-0.0001"),
    ]
  )
  func arithmetic(left: String, operation: Operation, right: String, result: String) throws {
    #expect(try Self.apply(operation, number(left), number(right))?.description == result)
  }

  @Test(
    "arithmetic out of range or dividing by zero gives nil",
    arguments: [
      (max, Operation.add, "0.0001"), (min, .subtract, "0.0001"), (max, .multiply, "2"), (min, .multiply, "-1"),
      (min, .divide, "-1"), (max, .divide, "0.5"), ("1", .divide, "0"), ("0", .divide, "0"), ("-5", .divide, "-0"),
      ("1000000000", .multiply, "1000000000"), (max, .divide, "0.0001"),
    ]
  )
  func overflow(left: String, operation: Operation, right: String) throws {
    #expect(try Self.apply(operation, number(left), number(right)) == nil)
  }

  /// `left operation right` with the optional-returning methods.
  static func apply(_ operation: Operation, _ left: DecimalNumber, _ right: DecimalNumber) -> DecimalNumber? {
    switch operation {
    case .add: left.adding(right)
    case .subtract: left.subtracting(right)
    case .multiply: left.multiplied(by: right)
    case .divide: left.divided(by: right)
    }
  }

  @Test(
    "a Double converts when its shortest text has at most four decimals",
    arguments: [
      (0.1, "0.1"), (2500.0, "2500"), (-0.5, "-0.5"), (-0.0, "0"), (123.4567, "123.4567"), (0.0001, "0.0001"),
      (1e10, "10000000000"), (922_337_203_685_477.0, "922337203685477"), (833.3333, "833.3333"),
    ]
  )
  func fromDouble(value: Double, text: String) {
    #expect(DecimalNumber(exactly: value)?.description == text)
  }

  @Test(
    "a Double with more decimals, out of range or not finite does not convert",
    arguments: [
      0.00001, 1.0 / 3.0, 0.1 + 0.2, 1e16, -1e16, 1e300, .leastNonzeroMagnitude, .nan, .infinity, -.infinity, 123.45678,
    ]
  )
  func fromDoubleRejected(value: Double) {
    #expect(DecimalNumber(exactly: value) == nil)
  }

  @Test("whole numbers, Ints, Doubles, negation and order")
  func conversions() throws {
    #expect(DecimalNumber(integer: 2500).description == "2500")
    #expect(DecimalNumber(integer: -7).scaled == -70_000)
    #expect(DecimalNumber(exactly: 922_337_203_685_477)?.description == "922337203685477")
    #expect(DecimalNumber(exactly: 922_337_203_685_478) == nil)
    #expect(DecimalNumber(exactly: Int.min) == nil)
    #expect(try number("2500").isWhole && number("2500").wholeValue == 2500)
    #expect(try !number("-2.5").isWhole && number("-2.5").wholeValue == nil)
    #expect(try number("-3").wholeValue == -3)
    #expect(try number("-2.5").doubleValue == -2.5)
    #expect(try number("833.3333").doubleValue == 833.3333)
    #expect(try number("-2.5").negated() == number("2.5"))
    #expect(DecimalNumber(scaled: Int64.min).negated() == nil)
    #expect(try number("-0.0001") < .zero && DecimalNumber.zero < number("0.0001"))
    #expect(try [number("2"), number("-1"), number("1.5")].sorted().map(\.description) == ["-1", "1.5", "2"])
    #expect(try number("1.50") == number("1.5") && Set([number("1.50"), number("1.5")]).count == 1)
  }
}
