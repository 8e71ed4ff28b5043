// Numbers: the scanner checks RFC 8259's grammar; values are read on demand, exactly as decimals
// (facts, money: never through a double) or as the nearest double (log fields, protocol messages).

extension JSONTape {
  /// Scans the number under the cursor: `-? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?`.
  mutating func scanNumber(_ bytes: Span<UInt8>) -> Bool {
    let start = scanner.index
    let end = bytes.count
    var position = scanner.index
    if bytes[position] == JSONByte.minus { position += 1 }
    guard position < end, Self.isDigit(bytes[position]) else { return fail(.invalidNumber, at: start) }
    if bytes[position] == JSONByte.zero {
      position += 1
      // `0` may not be followed by more digits: `012` is not JSON.
      if position < end, Self.isDigit(bytes[position]) { return fail(.invalidNumber, at: start) }
    } else {
      while position < end, Self.isDigit(bytes[position]) { position += 1 }
    }
    if position < end, bytes[position] == JSONByte.dot {
      position += 1
      guard position < end, Self.isDigit(bytes[position]) else { return fail(.invalidNumber, at: start) }
      while position < end, Self.isDigit(bytes[position]) { position += 1 }
    }
    if position < end, bytes[position] | 0x20 == UInt8(ascii: "e") {
      position += 1
      if position < end, bytes[position] == JSONByte.minus || bytes[position] == JSONByte.plus { position += 1 }
      guard position < end, Self.isDigit(bytes[position]) else { return fail(.invalidNumber, at: start) }
      while position < end, Self.isDigit(bytes[position]) { position += 1 }
    }
    scanner.index = position
    entries.append(JSONTape.Entry(kind: .number, flags: 0, start: Int32(start), end: Int32(position), count: 0,
                                  valueEnd: Int32(position)))
    return true
  }

  @inline(__always)
  static func isDigit(_ byte: UInt8) -> Bool { byte &- JSONByte.zero < 10 }
}

/// The parts of a JSON number the grammar allowed: its digits without leading and trailing zeros,
/// and the power of ten they are multiplied by.
extension DecimalNumber {
  /// The largest whole part a decimal can have: ±922,337,203,685,477(.5807).
  static let maximumIntegerPart: UInt64 = 922_337_203_685_477
}

struct JSONNumberParts {
  var isNegative = false
  /// The significant digits as an integer, while there are at most 19 of them.
  var significand: UInt64 = 0
  /// How many significant digits (they may exceed 19; `significand` then holds only the first).
  var digitCount = 0
  /// value = significand × 10^exponent (when `digitCount` ≤ 19), clamped to ±100,000.
  var exponent = 0

  /// Reads a number the scanner accepted.
  init(_ text: Span<UInt8>) {
    var position = 0
    if text[position] == JSONByte.minus {
      isNegative = true
      position += 1
    }
    // Trailing zeros are counted, not added, so that `7500.000` is 75 × 10^2.
    var pendingZeros = 0
    var fractionDigits = 0
    var inFraction = false
    while position < text.count {
      let byte = text[position]
      if byte == JSONByte.dot {
        inFraction = true
      } else if JSONTape.isDigit(byte) {
        if inFraction { fractionDigits += 1 }
        if byte == JSONByte.zero {
          if digitCount > 0 { pendingZeros += 1 }
        } else {
          for _ in 0..<pendingZeros { add(0) }
          pendingZeros = 0
          add(UInt64(byte - JSONByte.zero))
        }
      } else {
        break
      }
      position += 1
    }
    var written = 0
    if position < text.count {
      // The exponent.
      position += 1
      var negative = false
      if text[position] == JSONByte.minus || text[position] == JSONByte.plus {
        negative = text[position] == JSONByte.minus
        position += 1
      }
      while position < text.count {
        written = min(written * 10 + Int(text[position] - JSONByte.zero), 100_000)
        position += 1
      }
      if negative { written = -written }
    }
    exponent = pendingZeros - fractionDigits + written
  }

  private mutating func add(_ digit: UInt64) {
    digitCount += 1
    if digitCount <= 19 { significand = significand * 10 + digit }
  }
}

/// Why a JSON number is not an exact Mizan decimal.
public enum DecimalReadError: Error, Sendable, Equatable {
  /// More than four decimals that are not zeros (`0.00001`, `7500.000000000000001`).
  case tooPrecise
  /// Beyond ±922,337,203,685,477.5807.
  case outOfRange
}

extension DecimalNumber {
  /// The exact value of a JSON number (as the scanner accepted it): trailing zeros after the
  /// fourth decimal are fine (`7500.00000` is 7500), other digits there are not; exponents are
  /// applied exactly (`1.5e3` is 1500).
  public static func reading(json text: Span<UInt8>) -> Result<DecimalNumber, DecimalReadError> {
    if let number = plain(json: text) { return .success(number) }
    let parts = JSONNumberParts(text)
    guard parts.digitCount > 0 else { return .success(.zero) }
    // A number too large is out of range however many decimals it has: its size is the
    // first thing wrong with it.
    if parts.integerPartExceeds(DecimalNumber.maximumIntegerPart) { return .failure(.outOfRange) }
    // scaled = significand × 10^(exponent + 4), which must be a whole number…
    let power = parts.exponent + fractionDigits
    guard power >= 0 else { return .failure(.tooPrecise) }
    // …and fit an Int64.
    guard parts.digitCount <= 19, power <= 19 else { return .failure(.outOfRange) }
    var magnitude = parts.significand
    for _ in 0..<power {
      let (next, overflow) = magnitude.multipliedReportingOverflow(by: 10)
      guard !overflow else { return .failure(.outOfRange) }
      magnitude = next
    }
    if parts.isNegative {
      guard magnitude <= Int64.min.magnitude else { return .failure(.outOfRange) }
      return .success(DecimalNumber(scaled: magnitude == Int64.min.magnitude ? Int64.min : -Int64(magnitude)))
    }
    guard let scaled = Int64(exactly: magnitude) else { return .failure(.outOfRange) }
    return .success(DecimalNumber(scaled: scaled))
  }
}

extension JSONNumberParts {
  /// Whether the number's whole part (its digits before the point) is greater than `limit`.
  func integerPartExceeds(_ limit: UInt64) -> Bool {
    let integerDigits = digitCount + exponent
    guard integerDigits > 0 else { return false }
    let limitDigits = String(limit).count
    if integerDigits != limitDigits { return integerDigits > limitDigits }
    // `significand` holds the first min(digitCount, 19) digits; the whole part is its first
    // `integerDigits` of them, followed by zeros when the exponent is positive.
    let held = min(digitCount, 19)
    var whole = significand
    if held > integerDigits {
      for _ in 0..<(held - integerDigits) { whole /= 10 }
    } else {
      for _ in 0..<(integerDigits - held) { whole *= 10 }
    }
    return whole > limit
  }
}

extension DecimalNumber {
  /// The usual shape of a record's numbers, read directly: digits, and at most four decimals,
  /// without sign or exponent, at most 14 digits before the point (so nothing can overflow);
  /// nil for anything else, which `reading(json:)` reads in full.
  @inlinable
  public static func plain(json text: Span<UInt8>) -> DecimalNumber? {
    var scaled: Int64 = 0
    var position = 0
    while position < text.count {
      let digit = text[position] &- UInt8(ascii: "0")
      guard digit < 10 else { break }
      scaled = scaled &* 10 &+ Int64(digit)
      position += 1
    }
    guard position > 0, position <= 14 else { return nil }
    var decimals = 0
    if position < text.count {
      guard text[position] == UInt8(ascii: "."), text.count - position - 1 <= 4, text.count - position > 1 else {
        return nil
      }
      position += 1
      while position < text.count {
        let digit = text[position] &- UInt8(ascii: "0")
        guard digit < 10 else { return nil }
        scaled = scaled &* 10 &+ Int64(digit)
        decimals += 1
        position += 1
      }
    }
    for _ in decimals..<4 { scaled = scaled &* 10 }
    return DecimalNumber(scaled: scaled)
  }
}

package enum JSONNumbers {
  /// Exact powers of ten as doubles: 10^22 is the largest that a double holds exactly.
  static let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  /// The nearest double to a JSON number the scanner accepted (infinite beyond the range).
  package static func double(_ text: Span<UInt8>) -> Double {
    let parts = JSONNumberParts(text)
    let magnitude: Double
    if parts.digitCount == 0 {
      magnitude = 0
    } else if parts.digitCount <= 15, parts.exponent >= -22, parts.exponent <= 22 {
      // Both operands are exact, so the one rounding of `*` or `/` is the correctly rounded result.
      let significand = Double(parts.significand)
      magnitude = parts.exponent < 0
        ? significand / powersOfTen[-parts.exponent] : significand * powersOfTen[parts.exponent]
    } else {
      let lexeme = String(utf8: text)
      magnitude = (Double(lexeme) ?? .infinity).magnitude
    }
    return parts.isNegative ? -magnitude : magnitude
  }
}
