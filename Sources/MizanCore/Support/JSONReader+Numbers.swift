// Numbers: a hand-written scanner checks RFC 8259's grammar, then the value is computed exactly when
// that is cheap (Clinger's fast path) and otherwise by the standard library's correctly rounded parser.

extension JSONReader.Parser {
  /// Exact powers of ten as doubles: 10^22 is the largest that a double holds exactly.
  static let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  /// Reads the number under the cursor:
  /// `-? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?`.
  mutating func readNumber() throws(JSONReadError) -> Double {
    let start = index
    var position = index
    let isNegative = bytes[position] == Byte.minus
    if isNegative { position += 1 }

    // The digits without the decimal point, as long as at most 15 significant ones have been seen (so the
    // mantissa stays below 2^53 and converts exactly); `significantDigits` counts on past that.
    var mantissa: UInt64 = 0
    var significantDigits = 0
    // The power of ten to apply to `mantissa`.
    var exponent = 0

    guard position < end, isDigit(bytes[position]) else { throw failure(.invalidNumber, at: start) }
    if bytes[position] == Byte.zero {
      position += 1
      // `0` may not be followed by more digits: `012` is not JSON.
      if position < end, isDigit(bytes[position]) { throw failure(.invalidNumber, at: start) }
    } else {
      while position < end, isDigit(bytes[position]) {
        accumulate(bytes[position], into: &mantissa, counting: &significantDigits)
        position += 1
      }
    }

    if position < end, bytes[position] == Byte.dot {
      position += 1
      guard position < end, isDigit(bytes[position]) else { throw failure(.invalidNumber, at: start) }
      while position < end, isDigit(bytes[position]) {
        accumulate(bytes[position], into: &mantissa, counting: &significantDigits)
        exponent -= 1
        position += 1
      }
    }

    if position < end, bytes[position] | 0x20 == UInt8(ascii: "e") {
      position += 1
      var isExponentNegative = false
      if position < end, bytes[position] == Byte.minus || bytes[position] == Byte.plus {
        isExponentNegative = bytes[position] == Byte.minus
        position += 1
      }
      guard position < end, isDigit(bytes[position]) else { throw failure(.invalidNumber, at: start) }
      var written = 0
      while position < end, isDigit(bytes[position]) {
        // Capped: beyond this any double is already zero or infinite, and the sum below cannot overflow.
        written = min(written * 10 + Int(bytes[position] - Byte.zero), 1_000_000)
        position += 1
      }
      exponent += isExponentNegative ? -written : written
    }
    index = position

    let magnitude: Double
    if significantDigits == 0 {
      magnitude = 0
    } else if significantDigits <= 15, exponent >= -22, exponent <= 22 {
      // Both operands are exact, so the one rounding of `*` or `/` gives the correctly rounded result.
      let mantissa = Double(mantissa)
      magnitude = exponent < 0 ? mantissa / Self.powersOfTen[-exponent] : mantissa * Self.powersOfTen[exponent]
    } else {
      let digitsStart = isNegative ? start + 1 : start
      let lexeme = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[digitsStart..<position]), as: UTF8.self)
      guard let parsed = Double(lexeme) else { throw failure(.invalidNumber, at: start) }
      magnitude = parsed
    }
    guard magnitude.isFinite else { throw failure(.numberOutOfRange, at: start) }
    return isNegative ? -magnitude : magnitude
  }

  /// Whether `byte` is an ASCII digit.
  @inline(__always)
  func isDigit(_ byte: UInt8) -> Bool {
    byte &- Byte.zero < 10
  }

  /// Adds one decimal digit to the mantissa while it is short enough to be exact.
  @inline(__always)
  func accumulate(_ digit: UInt8, into mantissa: inout UInt64, counting significantDigits: inout Int) {
    let value = UInt64(digit - Byte.zero)
    // Leading zeros are not significant: `0.0001` has one significant digit.
    guard value != 0 || significantDigits != 0 else { return }
    significantDigits += 1
    if significantDigits <= 15 { mantissa = mantissa * 10 + value }
  }
}
