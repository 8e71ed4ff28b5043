/// A forward position in UTF-8 bytes that reads decimal digits written in ASCII (0–9), Arabic-Indic
/// (U+0660–U+0669) or Extended Arabic-Indic (U+06F0–U+06F9), the three scripts Mizan accepts in dates
/// and numbers.
///
/// Works on bytes so that parsing allocates nothing: an ASCII digit is one byte, the two
/// Arabic-Indic forms are two bytes each (`D9 A0`…`D9 A9` and `DB B0`…`DB B9`). The bytes are
/// passed to each call (a span cannot be stored).
struct DigitCursor {
  /// The offset of the next unread byte.
  private(set) var offset = 0

  /// Whether every byte has been read.
  func isAtEnd(_ bytes: Span<UInt8>) -> Bool { offset == bytes.count }

  /// Reads one digit in any of the three scripts, or reads nothing and returns `nil`.
  @inline(__always)
  mutating func digit(_ bytes: Span<UInt8>) -> Int? {
    guard offset < bytes.count else { return nil }
    let lead = bytes[offset]
    if lead &- UInt8(ascii: "0") < 10 {
      offset += 1
      return Int(lead &- UInt8(ascii: "0"))
    }
    guard lead == 0xD9 || lead == 0xDB, offset + 1 < bytes.count else { return nil }
    let trail = bytes[offset + 1]
    // U+0660 is D9 A0 and U+06F0 is DB B0: both blocks are ten consecutive continuation bytes.
    let value = trail &- (lead == 0xD9 ? 0xA0 : 0xB0)
    guard value < 10 else { return nil }
    offset += 2
    return Int(value)
  }

  /// Reads exactly `count` digits as one number, or returns `nil` (the position is then unspecified).
  @inline(__always)
  mutating func number(digits count: Int, _ bytes: Span<UInt8>) -> Int? {
    var value = 0
    for _ in 0..<count {
      guard let next = digit(bytes) else { return nil }
      value = value * 10 + next
    }
    return value
  }

  /// Reads `byte` if it is next and reports whether it did.
  @inline(__always)
  mutating func skip(_ byte: UInt8, _ bytes: Span<UInt8>) -> Bool {
    guard offset < bytes.count, bytes[offset] == byte else { return false }
    offset += 1
    return true
  }

  /// Reads the two-byte UTF-8 sequence `lead trail` if it is next and reports whether it did.
  mutating func skip(_ lead: UInt8, _ trail: UInt8, _ bytes: Span<UInt8>) -> Bool {
    guard offset + 1 < bytes.count, bytes[offset] == lead, bytes[offset + 1] == trail else { return false }
    offset += 2
    return true
  }
}
