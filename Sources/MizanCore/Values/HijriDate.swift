/// A day in the Umm al-Qura Hijri calendar, within the years of `HijriCalendar.supportedYears`.
///
/// Every value names a real Umm al-Qura day: the only ways to make one are the validating initializer
/// and `HijriCalendar.hijri(from:)`.
///
/// CAUTION: public because outcomes and explanations show Hijri dates.
public struct HijriDate: Hashable, Comparable, Sendable {
  /// The Hijri year (AH).
  public let year: Int
  /// The month, 1 (Muharram) ... 12 (Dhu al-Hijjah).
  public let month: Int
  /// The day of the month, 1...29 or 1...30 as the Umm al-Qura table says.
  public let day: Int

  /// The Umm al-Qura day `year-month-day`, or `nil` when there is no such day or the year is outside
  /// `HijriCalendar.supportedYears`.
  public init?(year: Int, month: Int, day: Int) {
    guard let length = HijriCalendar.monthLength(year: year, month: month), 1...length ~= day else { return nil }
    self.init(uncheckedYear: year, month: month, day: day)
  }

  /// Wraps components the caller has already validated against the table.
  init(uncheckedYear year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// The same day in the Gregorian calendar.
  public var gregorian: CalendarDate {
    // A validated HijriDate is always in the table, so the fallback is never taken.
    HijriCalendar.gregorian(fromHijri: year, month: month, day: day) ?? .earliest
  }

  /// Orders Hijri dates chronologically (year, then month, then day).
  public static func < (lhs: HijriDate, rhs: HijriDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }
}

extension HijriDate: CustomStringConvertible {
  /// The date as Mizan writes Hijri dates, `YYYY-MM-DDH` (for example "1445-08-29H").
  public var description: String {
    let month = self.month < 10 ? "0\(self.month)" : "\(self.month)"
    let day = self.day < 10 ? "0\(self.day)" : "\(self.day)"
    return "\(year)-\(month)-\(day)H"
  }
}
