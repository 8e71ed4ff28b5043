extension DecimalNumber {
  /// `self + other`, or `nil` when the sum is out of range.
  public func adding(_ other: DecimalNumber) -> DecimalNumber? {
    let (sum, overflow) = scaled.addingReportingOverflow(other.scaled)
    return overflow ? nil : DecimalNumber(scaled: sum)
  }

  /// `self - other`, or `nil` when the difference is out of range.
  public func subtracting(_ other: DecimalNumber) -> DecimalNumber? {
    let (difference, overflow) = scaled.subtractingReportingOverflow(other.scaled)
    return overflow ? nil : DecimalNumber(scaled: difference)
  }

  /// `-self`, or `nil` for the one value whose negation is out of range (the minimum).
  public func negated() -> DecimalNumber? {
    DecimalNumber.zero.subtracting(self)
  }

  /// `self × other`, rounded half to even at the fourth decimal, or `nil` when out of range.
  ///
  /// Half to even (banker's rounding: 0.00005 → 0.0000, 0.00015 → 0.0002) has no upward bias when many
  /// rounded amounts are added, and it is what IEEE 754 and most accounting libraries default to.
  public func multiplied(by other: DecimalNumber) -> DecimalNumber? {
    // The exact product of two scaled values has eight fractional digits; Int128 holds it without loss.
    Self.rounded(Int128(scaled) * Int128(other.scaled), dividedBy: Int128(Self.scale))
  }

  /// `self ÷ other`, rounded half to even at the fourth decimal (2 ÷ 3 = 0.6667, 0.0001 ÷ 2 = 0.0000,
  /// 0.0003 ÷ 2 = 0.0002), or `nil` when `other` is zero or the quotient is out of range.
  public func divided(by other: DecimalNumber) -> DecimalNumber? {
    guard other.scaled != 0 else { return nil }
    return Self.rounded(Int128(scaled) * Int128(Self.scale), dividedBy: Int128(other.scaled))
  }

  /// `numerator / denominator` rounded half to even, or `nil` when it does not fit in `scaled`.
  /// `denominator` is never zero.
  static func rounded(_ numerator: Int128, dividedBy denominator: Int128) -> DecimalNumber? {
    var quotient = numerator / denominator
    // Truncating division: the remainder has the numerator's sign, the quotient rounds toward zero.
    let remainder = numerator % denominator
    if remainder != 0 {
      let twiceRemainder = remainder.magnitude * 2
      let divisor = denominator.magnitude
      if twiceRemainder > divisor || (twiceRemainder == divisor && quotient % 2 != 0) {
        quotient += (numerator < 0) == (denominator < 0) ? 1 : -1
      }
    }
    guard let scaled = Int64(exactly: quotient) else { return nil }
    return DecimalNumber(scaled: scaled)
  }
}
