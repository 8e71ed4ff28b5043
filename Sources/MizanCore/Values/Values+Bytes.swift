// The text of dates and numbers appended straight to a byte buffer, for writers that build output
// without intermediate strings (batch outcomes). Each writes exactly the bytes of its `String` twin.

extension CalendarDate {
  /// Appends the UTF-8 of `iso` ("2024-03-10").
  package func appendISO(to buffer: inout [UInt8]) {
    let (year, month, day) = components
    appendDigits(year, width: 4, to: &buffer)
    buffer.append(UInt8(ascii: "-"))
    appendDigits(month, width: 2, to: &buffer)
    buffer.append(UInt8(ascii: "-"))
    appendDigits(day, width: 2, to: &buffer)
  }

  /// Appends the UTF-8 of `hijriText` ("1445-08-29H", or "—" outside the Umm al-Qura table).
  package func appendHijriText(to buffer: inout [UInt8]) {
    guard let hijri else {
      buffer.append(contentsOf: "—".utf8)
      return
    }
    appendDecimal(UInt64(hijri.year.magnitude), negative: hijri.year < 0, to: &buffer)
    buffer.append(UInt8(ascii: "-"))
    appendDigits(hijri.month, width: 2, to: &buffer)
    buffer.append(UInt8(ascii: "-"))
    appendDigits(hijri.day, width: 2, to: &buffer)
    buffer.append(UInt8(ascii: "H"))
  }
}

extension DecimalNumber {
  /// Appends the UTF-8 of `description` ("2500", "833.3333", "-0.5").
  package func appendDescription(to buffer: inout [UInt8]) {
    let magnitude = scaled.magnitude
    let whole = magnitude / UInt64(Self.scale)
    var fraction = magnitude % UInt64(Self.scale)
    appendDecimal(whole, negative: scaled < 0, to: &buffer)
    guard fraction != 0 else { return }
    var width = Self.fractionDigits
    while fraction % 10 == 0 {
      fraction /= 10
      width -= 1
    }
    buffer.append(UInt8(ascii: "."))
    appendDigits(Int(fraction), width: width, to: &buffer)
  }
}

/// Appends `value` as exactly `width` digits, zero-padded (the value must fit).
@inline(__always)
private func appendDigits(_ value: Int, width: Int, to buffer: inout [UInt8]) {
  var divisor = 1
  for _ in 1..<max(width, 1) { divisor *= 10 }
  var rest = value
  while divisor > 0 {
    buffer.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: (rest / divisor) % 10))
    rest %= divisor
    divisor /= 10
  }
}

/// Appends an unsigned integer in decimal, with a leading `-` when `negative`.
private func appendDecimal(_ value: UInt64, negative: Bool, to buffer: inout [UInt8]) {
  if negative { buffer.append(UInt8(ascii: "-")) }
  var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
               UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
    (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  var count = 0
  var rest = value
  withUnsafeMutableBytes(of: &digits) { storage in
    repeat {
      storage[count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
      rest /= 10
      count += 1
    } while rest > 0
    for index in stride(from: count - 1, through: 0, by: -1) { buffer.append(storage[index]) }
  }
}
