/// A day in the proleptic Gregorian calendar, from 0001-01-01 to 9999-12-31, with no time or time zone.
///
/// Stored as a day number (days since 1970-01-01), so comparison, hashing and day arithmetic are integer
/// operations. Year, month and day are computed with Howard Hinnant's `civil_from_days` and
/// `days_from_civil` algorithms (http://howardhinnant.github.io/date_algorithms.html), not Foundation,
/// so evaluation stays pure and fast.
///
/// CAUTION: public because outcomes and diagnostics carry dates; keep the surface small.
public struct CalendarDate: Hashable, Comparable, Sendable {
  /// Days since 1970-01-01 (negative before it). Always within `CalendarDate.supportedDayNumbers`.
  @usableFromInline let storedDayNumber: Int32

  /// The day numbers of 0001-01-01 and 9999-12-31, the only days a `CalendarDate` can hold.
  public static let supportedDayNumbers: ClosedRange<Int> = -719_162...2_932_896

  /// The first representable day, 0001-01-01.
  public static let earliest = CalendarDate(uncheckedDayNumber: -719_162)

  /// The last representable day, 9999-12-31.
  public static let latest = CalendarDate(uncheckedDayNumber: 2_932_896)

  /// Days since 1970-01-01 (negative before it).
  public var dayNumber: Int { Int(storedDayNumber) }

  /// The day with this day number, or `nil` outside 0001-01-01...9999-12-31.
  public init?(dayNumber: Int) {
    guard Self.supportedDayNumbers.contains(dayNumber) else { return nil }
    storedDayNumber = Int32(dayNumber)
  }

  /// Wraps a day number the caller has already checked against `supportedDayNumbers`.
  @usableFromInline
  init(uncheckedDayNumber: Int) {
    storedDayNumber = Int32(truncatingIfNeeded: uncheckedDayNumber)
  }

  /// The day `year-month-day`, or `nil` when there is no such day (month 13, 30 February,
  /// 29 February in a common year) or the year is outside 1...9999.
  public init?(year: Int, month: Int, day: Int) {
    guard 1...9999 ~= year, 1...12 ~= month, day >= 1, day <= Self.daysIn(month: month, of: year) else {
      return nil
    }
    self.init(uncheckedDayNumber: Self.dayNumber(year: year, month: month, day: day))
  }

  /// Whether `year` has a 29 February (Gregorian rule: every 4th year, except centuries not divisible by 400).
  @inlinable
  public static func isLeap(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  /// The number of days in `month` (1...12) of `year`; 0 for a month outside 1...12.
  @inlinable
  public static func daysIn(month: Int, of year: Int) -> Int {
    switch month {
    case 1, 3, 5, 7, 8, 10, 12: 31
    case 4, 6, 9, 11: 30
    case 2: isLeap(year) ? 29 : 28
    default: 0
    }
  }

  // MARK: - Hinnant's algorithms

  /// Days since 1970-01-01 of a valid civil date (`days_from_civil`).
  @inlinable
  static func dayNumber(year: Int, month: Int, day: Int) -> Int {
    // The year is counted from March so that 29 February is the last day of the shifted year.
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// Year, month and day of this date (`civil_from_days`). Use it instead of reading `year`, `month`
  /// and `day` separately when more than one is needed.
  public var components: (year: Int, month: Int, day: Int) {
    let shifted = dayNumber + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }

  /// The Gregorian year, 1...9999.
  public var year: Int { components.year }

  /// The month, 1...12.
  public var month: Int { components.month }

  /// The day of the month, 1...31.
  public var day: Int { components.day }

  // MARK: - Arithmetic

  /// The date `days` days later (earlier when negative), or `nil` when it falls outside 0001...9999.
  public func adding(days: Int) -> CalendarDate? {
    let (sum, overflow) = dayNumber.addingReportingOverflow(days)
    return overflow ? nil : CalendarDate(dayNumber: sum)
  }

  /// The number of days from this date to `other`: positive when `other` is later.
  public func days(to other: CalendarDate) -> Int {
    other.dayNumber - dayNumber
  }

  /// Whole years from this date to `other`, counted as an age is: someone born on this date has
  /// `wholeYears(to: today)` years on `today`.
  ///
  /// A year is reached on the same month and day. Someone born on 29 February reaches a new year on
  /// 1 March in common years (2000-02-29 → 2001-02-28 is 0 years, → 2001-03-01 is 1 year). When `other` is
  /// earlier the result is the negated count from `other` to this date.
  public func wholeYears(to other: CalendarDate) -> Int {
    if other < self { return -other.wholeYears(to: self) }
    let start = components
    let end = other.components
    // Comparing (month, day) lexicographically makes 29 February reached only once March begins
    // in a common year, since (2, 28) < (2, 29) <= (3, 1).
    let reached = end.month > start.month || (end.month == start.month && end.day >= start.day)
    return end.year - start.year - (reached ? 0 : 1)
  }

  /// Orders dates chronologically.
  public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
    lhs.storedDayNumber < rhs.storedDayNumber
  }
}

extension CalendarDate: CustomStringConvertible {
  /// The date as ISO 8601 text, `YYYY-MM-DD` (for example "2024-03-10").
  public var iso: String {
    var text = ByteBuffer(capacity: 10)
    appendISO(to: &text)
    return text.string
  }

  /// The ISO 8601 text of the date, as `iso`.
  public var description: String { iso }
}
