/// Conversion between Gregorian dates and the Umm al-Qura Hijri calendar, the official calendar of
/// Saudi Arabia, without Foundation at run time.
///
/// The conversion reads a table of month lengths (`HijriCalendar+Generated.swift`) generated from
/// Foundation's `Calendar(identifier: .islamicUmmAlQura)` in UTC by `Scripts/generate-hijri-table.swift`
/// and kept current by `HijriTableTests`. The table covers exactly the years ICU tabulates, 1300–1600 AH
/// (1882-11-12 ... 2174-11-25); outside them ICU, and so Foundation, falls back to the arithmetic
/// (civil) Islamic calendar, which is not Umm al-Qura, so Mizan reports those dates as out of range
/// instead of guessing.
///
/// CAUTION: public because policies and records name Hijri dates.
public enum HijriCalendar {
  /// The Hijri years the table covers; conversions outside them return `nil`.
  public static var supportedYears: ClosedRange<Int> {
    firstYear...(firstYear + monthLengthBits.count - 1)
  }

  /// Day numbers (days since 1970-01-01) of 1 Muharram of each supported year, followed by the day after
  /// the last supported year ends, so year `firstYear + i` spans `yearStartDays[i]..<yearStartDays[i + 1]`.
  static let yearStartDays: [Int32] = {
    var starts: [Int32] = []
    starts.reserveCapacity(monthLengthBits.count + 1)
    var start = firstYearStartDay
    for bits in monthLengthBits {
      starts.append(Int32(start))
      // Every month has at least 29 days; each set bit adds the 30th day of one month.
      start += 12 * 29 + (bits & 0xFFF).nonzeroBitCount
    }
    starts.append(Int32(start))
    return starts
  }()

  /// The number of days (29 or 30) of `month` in Hijri `year`, or `nil` outside the table or 1...12.
  public static func monthLength(year: Int, month: Int) -> Int? {
    guard supportedYears ~= year, 1...12 ~= month else { return nil }
    return length(ofMonth: month, bits: monthLengthBits[year - firstYear])
  }

  /// The Gregorian day of Hijri `year-month-day`, or `nil` when there is no such day (month 13, day 0,
  /// day 30 of a 29-day month) or the year is outside `supportedYears`.
  public static func gregorian(fromHijri year: Int, month: Int, day: Int) -> CalendarDate? {
    guard supportedYears ~= year, 1...12 ~= month, day >= 1 else { return nil }
    let bits = monthLengthBits[year - firstYear]
    guard day <= length(ofMonth: month, bits: bits) else { return nil }
    let start = Int(yearStartDays[year - firstYear])
    return CalendarDate(dayNumber: start + daysBefore(month: month, bits: bits) + day - 1)
  }

  /// The Hijri day of `date`, or `nil` when it falls outside the supported years.
  public static func hijri(from date: CalendarDate) -> HijriDate? {
    let dayNumber = date.dayNumber
    let starts = yearStartDays
    guard let first = starts.first, let end = starts.last, Int(first) <= dayNumber, dayNumber < Int(end) else {
      return nil
    }
    // A Hijri year averages 10631/30 days, so the estimate is at most one year off either way.
    var index = min((dayNumber - Int(first)) * 30 / 10_631, starts.count - 2)
    while Int(starts[index]) > dayNumber { index -= 1 }
    while Int(starts[index + 1]) <= dayNumber { index += 1 }
    let bits = monthLengthBits[index]
    var remaining = dayNumber - Int(starts[index])
    var month = 1
    while month < 12 {
      let length = length(ofMonth: month, bits: bits)
      if remaining < length { break }
      remaining -= length
      month += 1
    }
    return HijriDate(uncheckedYear: firstYear + index, month: month, day: remaining + 1)
  }

  /// The length of `month` (1...12) in a year whose lengths are `bits` (ICU's order: bit 11 is month 1).
  @inline(__always)
  static func length(ofMonth month: Int, bits: UInt16) -> Int {
    (bits >> (12 - month)) & 1 == 1 ? 30 : 29
  }

  /// The days in the months before `month` (1...12) of a year whose lengths are `bits`.
  @inline(__always)
  static func daysBefore(month: Int, bits: UInt16) -> Int {
    // Months 1..<month are bits 11 down to 13 - month, the bits left after shifting out the rest.
    29 * (month - 1) + ((bits & 0xFFF) >> (13 - month)).nonzeroBitCount
  }
}

extension CalendarDate {
  /// This day in the Umm al-Qura calendar, or `nil` outside `HijriCalendar.supportedYears`.
  public var hijri: HijriDate? { HijriCalendar.hijri(from: self) }

  /// This day as Hijri text, "1445-08-29H", or "—" when it is outside the Umm al-Qura table.
  public var hijriText: String { hijri?.description ?? "—" }
}
