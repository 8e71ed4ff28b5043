/// An exact decimal number with four fractional digits, for money (SAR) and plain quantities.
///
/// Stored as an `Int64` count of ten-thousandths (`scaled`), so 0.1 + 0.2 == 0.3, equality and ordering
/// are exact, and every result is the same on every machine. The range is
/// −922,337,203,685,477.5808 ... 922,337,203,685,477.5807; arithmetic that would leave it returns `nil`
/// instead of trapping or wrapping.
///
/// CAUTION: public because facts, outcomes and traces carry numbers.
public struct DecimalNumber: Hashable, Comparable, Sendable {
  /// The value times 10,000 (1.5 is 15_000).
  public let scaled: Int64

  /// The number of fractional digits kept.
  public static let fractionDigits = 4

  /// 10 ^ `fractionDigits`, the factor between the value and `scaled`.
  public static let scale: Int64 = 10_000

  /// Zero.
  public static let zero = DecimalNumber(scaled: 0)

  /// The number whose value is `scaled` / 10,000.
  @inlinable
  public init(scaled: Int64) {
    self.scaled = scaled
  }

  /// The whole number `integer`.
  ///
  /// For literals and counts: `integer` must be within ±922,337,203,685,477, and the initializer traps
  /// otherwise, as `Int(_: Double)` does. Use `init?(exactly:)` for values that come from input.
  public init(integer: Int) {
    self.init(scaled: Int64(integer) * Self.scale)
  }

  /// The whole number `integer`, or `nil` when it is outside ±922,337,203,685,477.
  public init?(exactly integer: Int) {
    let (scaled, overflow) = Int64(integer).multipliedReportingOverflow(by: Self.scale)
    guard !overflow else { return nil }
    self.init(scaled: scaled)
  }

  /// Whether the number has no fractional part.
  public var isWhole: Bool { scaled % Self.scale == 0 }

  /// The number as an `Int` when it is whole, otherwise `nil`.
  public var wholeValue: Int? { isWhole ? Int(scaled / Self.scale) : nil }

  /// The nearest `Double` (exact up to 2^53 ten-thousandths, about 900 billion), for display and
  /// interoperation only: never compute with it.
  public var doubleValue: Double { Double(scaled) / Double(Self.scale) }

  /// Orders numbers by value.
  public static func < (lhs: DecimalNumber, rhs: DecimalNumber) -> Bool { lhs.scaled < rhs.scaled }
}

extension DecimalNumber: CustomStringConvertible {
  /// The shortest exact text: no exponent, no trailing fractional zeros, no "+", a "-" only below zero
  /// ("2500", "833.3333", "-0.5").
  public var description: String {
    let magnitude = scaled.magnitude
    let whole = magnitude / UInt64(Self.scale)
    var fraction = magnitude % UInt64(Self.scale)
    let sign = scaled < 0 ? "-" : ""
    guard fraction != 0 else { return sign + String(whole) }
    var width = Self.fractionDigits
    while fraction % 10 == 0 {
      fraction /= 10
      width -= 1
    }
    let digits = String(fraction)
    return sign + String(whole) + "." + String(repeating: "0", count: width - digits.count) + digits
  }
}
