import MizanCore

// The text of dates and numbers appended straight to a byte sink, for writers that build output
// without intermediate strings (batch outcomes). Each writes exactly the bytes of its `String` twin.

extension CalendarDate {
  /// Appends the UTF-8 of `iso` ("2024-03-10").
  package func appendISO(to sink: inout ByteSink) {
    let (year, month, day) = components
    sink.appendDigits(year, width: 4)
    sink.append(UInt8(ascii: "-"))
    sink.appendDigits(month, width: 2)
    sink.append(UInt8(ascii: "-"))
    sink.appendDigits(day, width: 2)
  }

  /// Appends the UTF-8 of `hijriText` ("1445-08-29H", or "—" outside the Umm al-Qura table).
  package func appendHijriText(to sink: inout ByteSink) {
    guard let hijri else {
      sink.append(literal: "—")
      return
    }
    if hijri.year < 0 { sink.append(UInt8(ascii: "-")) }
    sink.appendDecimal(UInt64(hijri.year.magnitude))
    sink.append(UInt8(ascii: "-"))
    sink.appendDigits(hijri.month, width: 2)
    sink.append(UInt8(ascii: "-"))
    sink.appendDigits(hijri.day, width: 2)
    sink.append(UInt8(ascii: "H"))
  }
}

extension DecimalNumber {
  /// Appends the UTF-8 of `description` ("2500", "833.3333", "-0.5").
  package func appendDescription(to sink: inout ByteSink) {
    let magnitude = scaled.magnitude
    let whole = magnitude / UInt64(Self.scale)
    var fraction = magnitude % UInt64(Self.scale)
    if scaled < 0 { sink.append(UInt8(ascii: "-")) }
    sink.appendDecimal(whole)
    guard fraction != 0 else { return }
    var width = Self.fractionDigits
    while fraction % 10 == 0 {
      fraction /= 10
      width -= 1
    }
    sink.append(UInt8(ascii: "."))
    sink.appendDigits(Int(fraction), width: width)
  }
}
