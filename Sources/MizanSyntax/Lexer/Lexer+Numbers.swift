import MizanCore

extension Lexer {
  /// The script a digit was written in; one number must not mix them.
  enum DigitScript { case latin, arabicIndic, extendedArabicIndic }

  /// The value, byte length and script of the digit at `offset`: ASCII `0-9`, Arabic-Indic
  /// `٠-٩` (U+0660…) or Extended Arabic-Indic `۰-۹` (U+06F0…).
  static func digitValue(in bytes: [UInt8], at offset: Int) -> (value: Int, length: Int, script: DigitScript)? {
    guard offset < bytes.count else { return nil }
    let byte = bytes[offset]
    if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
      return (Int(byte - UInt8(ascii: "0")), 1, .latin)
    }
    guard offset + 1 < bytes.count else { return nil }
    let second = bytes[offset + 1]
    if byte == 0xD9, second >= 0xA0, second <= 0xA9 { return (Int(second - 0xA0), 2, .arabicIndic) }
    if byte == 0xDB, second >= 0xB0, second <= 0xB9 { return (Int(second - 0xB0), 2, .extendedArabicIndic) }
    return nil
  }

  /// Reads a run of digits from `offset`, returning them as ASCII and the scripts seen.
  mutating func readDigits(into text: inout String, scripts: inout Set<DigitScript>) -> Int {
    var count = 0
    while let digit = Lexer.digitValue(in: bytes, at: offset) {
      text.append(Character(Unicode.Scalar(UInt8(digit.value) + UInt8(ascii: "0"))))
      scripts.insert(digit.script)
      offset += digit.length
      count += 1
    }
    return count
  }

  /// A number (`4000`, `1.5`) or a date (`2024-01-15`, `1445-08-29H`). Token text is the
  /// ASCII form, whatever digits were written, so `٤٠٠٠` and `4000` mean the same.
  mutating func lexNumberOrDate(startsLine: Bool) {
    let start = offset
    var text = ""
    var scripts: Set<DigitScript> = []
    let leading = readDigits(into: &text, scripts: &scripts)
    var kind = TokenKind.number
    if leading == 4, looksLikeDateTail() {
      kind = .date
      for _ in 0..<2 {
        offset += 1
        text.append("-")
        _ = readDigits(into: &text, scripts: &scripts)
      }
      if offset < bytes.count, bytes[offset] == UInt8(ascii: "H"),
        !(offset + 1 < bytes.count && Lexer.isIdentifierByte(bytes[offset + 1]))
      {
        offset += 1
        text.append("H")
      }
    } else if offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "."),
      Lexer.digitValue(in: bytes, at: offset + 1) != nil
    {
      offset += 1
      text.append(".")
      _ = readDigits(into: &text, scripts: &scripts)
    }
    if scripts.count > 1 {
      report(.mixedDigits, start..<offset)
    }
    tokens.append(Token(kind: kind, text: text, span: span(start..<offset), startsLine: startsLine))
  }

  /// After four digits: `-DD-DD` (any digit script) makes a date rather than a subtraction.
  func looksLikeDateTail() -> Bool {
    var probe = offset
    for _ in 0..<2 {
      guard probe < bytes.count, bytes[probe] == UInt8(ascii: "-") else { return false }
      probe += 1
      var digits = 0
      while let digit = Lexer.digitValue(in: bytes, at: probe) {
        probe += digit.length
        digits += 1
      }
      guard digits == 2 else { return false }
    }
    return true
  }
}
