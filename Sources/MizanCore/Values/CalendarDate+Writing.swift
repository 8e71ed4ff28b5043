// Dates written straight into a byte buffer, by every writer of Mizan's output.

extension CalendarDate {
  /// Appends `iso` ("2024-03-10").
  package func appendISO(to out: inout ByteBuffer) {
    let (year, month, day) = components
    out.appendDate(year: UInt32(year), month: UInt32(month), day: UInt32(day))
  }

  /// Appends `hijriText` ("1445-08-29H", or "—" outside the Umm al-Qura table).
  package func appendHijriText(to out: inout ByteBuffer) {
    guard let (year, month, day) = HijriMonthStarts.hijri(dayNumber: dayNumber), year >= 1000, year <= 9999 else {
      out.append(utf8: hijriText)
      return
    }
    out.appendDate(year: UInt32(year), month: UInt32(month), day: UInt32(day))
    out.append(UInt8(ascii: "H"))
  }
}

/// The first day of every month `HijriCalendar` covers, for converting a date with one look-up
/// instead of walking the year's months (outcomes write two Hijri dates each).
package enum HijriMonthStarts {
  /// Day numbers of each month's first day, month by month from the first supported year, then
  /// the day after the last month; empty if the calendar did not give them all (then `hijri` defers to it).
  static let days: [Int32] = {
    let years = HijriCalendar.supportedYears
    var starts: [Int32] = []
    for year in years {
      for month in 1...12 {
        guard let date = HijriCalendar.gregorian(fromHijri: year, month: month, day: 1) else { return [] }
        starts.append(Int32(date.dayNumber))
      }
    }
    guard let length = HijriCalendar.monthLength(year: years.upperBound, month: 12),
          let last = HijriCalendar.gregorian(fromHijri: years.upperBound, month: 12, day: length)
    else { return [] }
    starts.append(Int32(last.dayNumber + 1))
    return starts
  }()

  static let firstYear = HijriCalendar.supportedYears.lowerBound

  /// Year, month and day in the Umm al-Qura calendar of the day `dayNumber`, or nil outside the table.
  package static func hijri(dayNumber: Int) -> (year: Int, month: Int, day: Int)? {
    let starts = days
    guard starts.count > 1 else {
      guard let date = CalendarDate(dayNumber: dayNumber), let hijri = date.hijri else { return nil }
      return (hijri.year, hijri.month, hijri.day)
    }
    let first = Int(starts[0])
    guard dayNumber >= first, dayNumber < Int(starts[starts.count - 1]) else { return nil }
    // A month averages 29.53 days, so the estimate is at most a month off.
    var index = min((dayNumber - first) * 1000 / 29_531, starts.count - 2)
    while index > 0, Int(starts[index]) > dayNumber { index -= 1 }
    while Int(starts[index + 1]) <= dayNumber { index += 1 }
    return (firstYear + index / 12, index % 12 + 1, dayNumber - Int(starts[index]) + 1)
  }
}
