extension DecimalNumber {
  /// Parses an optional "-", one or more digits, and optionally a decimal point ("." or the Arabic
  /// decimal separator "٫", U+066B) followed by one to four digits. Digits may be ASCII, Arabic-Indic
  /// (U+0660–U+0669) or Extended Arabic-Indic (U+06F0–U+06F9). Returns `nil` for anything else
  /// ("+1", ".5", "1.", "1e3", "1,000", spaces, a fifth decimal) or a value out of range.
  public init?(parsing text: Substring) {
    guard let value = Self.parse(utf8: text.utf8.span) else { return nil }
    self = value
  }

  /// Parses a whole string as `init?(parsing:)` on a substring does.
  public init?(parsing text: String) {
    self.init(parsing: text[...])
  }

  /// The number written in `bytes`, or `nil`: the body of `init?(parsing:)`.
  static func parse(utf8 bytes: Span<UInt8>) -> DecimalNumber? {
    var cursor = DigitCursor()
    let isNegative = cursor.skip(UInt8(ascii: "-"), bytes)
    // Accumulates the magnitude in ten-thousandths; UInt64 also holds the magnitude of Int64.min.
    var magnitude: UInt64 = 0
    var integerDigits = 0
    while let digit = cursor.digit(bytes) {
      guard let next = Self.appending(digit, to: magnitude) else { return nil }
      magnitude = next
      integerDigits += 1
    }
    guard integerDigits > 0 else { return nil }
    var fractionDigits = 0
    if cursor.skip(UInt8(ascii: "."), bytes) || cursor.skip(0xD9, 0xAB, bytes) {
      while let digit = cursor.digit(bytes) {
        fractionDigits += 1
        guard fractionDigits <= Self.fractionDigits, let next = Self.appending(digit, to: magnitude) else {
          return nil
        }
        magnitude = next
      }
      guard fractionDigits > 0 else { return nil }
    }
    guard cursor.isAtEnd(bytes) else { return nil }
    for _ in fractionDigits..<Self.fractionDigits {
      guard let next = Self.appending(0, to: magnitude) else { return nil }
      magnitude = next
    }
    return Self(magnitude: magnitude, isNegative: isNegative)
  }

  /// `magnitude * 10 + digit`, or `nil` once it passes the largest magnitude an `Int64` can hold.
  private static func appending(_ digit: Int, to magnitude: UInt64) -> UInt64? {
    let (tens, overflow) = magnitude.multipliedReportingOverflow(by: 10)
    let next = tens &+ UInt64(digit)
    guard !overflow, next >= tens, next <= Int64.min.magnitude else { return nil }
    return next
  }

  /// The number with this magnitude (in ten-thousandths) and sign, or `nil` when out of range.
  private init?(magnitude: UInt64, isNegative: Bool) {
    if isNegative {
      guard magnitude <= Int64.min.magnitude else { return nil }
      self.init(scaled: magnitude == Int64.min.magnitude ? Int64.min : -Int64(magnitude))
    } else {
      guard let scaled = Int64(exactly: magnitude) else { return nil }
      self.init(scaled: scaled)
    }
  }

  /// The number a `Double` denotes, read from its shortest round-trip decimal text (0.1 is exactly 0.1,
  /// not 0.1000000000000000055…), or `nil` when that text has more than four significant decimals
  /// (0.00001, 1/3), the value is out of range, or it is not finite.
  public init?(exactly value: Double) {
    guard value.isFinite else { return nil }
    // Swift prints the shortest digits that read back as the same Double: "0.1", "1e-05", "1e+16".
    let text = value.description
    guard let parsed = Self.parseShortest(utf8: text.utf8.span) else { return nil }
    self = parsed
  }

  /// Reads Swift's shortest `Double` text (`-`? digits (`.` digits)? (`e` sign? digits)?) exactly.
  private static func parseShortest(utf8 bytes: Span<UInt8>) -> DecimalNumber? {
    var index = 0
    func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }
    let isNegative = peek() == UInt8(ascii: "-")
    if isNegative { index += 1 }
    // The significand's digits as an integer; a Double never prints more than 17 significant digits.
    var significand: UInt64 = 0
    var digitsAfterPoint = 0
    var seenPoint = false
    while let byte = peek(), byte == UInt8(ascii: ".") || byte &- UInt8(ascii: "0") < 10 {
      index += 1
      if byte == UInt8(ascii: ".") {
        seenPoint = true
        continue
      }
      let (tens, overflow) = significand.multipliedReportingOverflow(by: 10)
      guard !overflow else { return nil }
      significand = tens + UInt64(byte &- UInt8(ascii: "0"))
      if seenPoint { digitsAfterPoint += 1 }
    }
    var exponent = 0
    if peek() == UInt8(ascii: "e") {
      index += 1
      let negativeExponent = peek() == UInt8(ascii: "-")
      if negativeExponent || peek() == UInt8(ascii: "+") { index += 1 }
      while let byte = peek(), byte &- UInt8(ascii: "0") < 10, exponent < 10_000 {
        exponent = exponent * 10 + Int(byte &- UInt8(ascii: "0"))
        index += 1
      }
      if negativeExponent { exponent = -exponent }
    }
    guard index == bytes.count else { return nil }
    guard significand != 0 else { return .zero }
    // value = significand × 10^(exponent − digitsAfterPoint); scaled = value × 10^4.
    var power = exponent - digitsAfterPoint + fractionDigits
    while power < 0 {
      guard significand % 10 == 0 else { return nil }
      significand /= 10
      power += 1
    }
    while power > 0 {
      let (tens, overflow) = significand.multipliedReportingOverflow(by: 10)
      guard !overflow else { return nil }
      significand = tens
      power -= 1
    }
    return DecimalNumber(magnitude: significand, isNegative: isNegative)
  }
}
