extension CalendarDate {
  /// The date `months` calendar months later (earlier when negative): the same day of the month,
  /// or the month's last day when it is shorter (31 January + 1 month = 29 February 2024;
  /// 31 March − 1 month = 29 February 2024; 29 February 2024 + 12 months = 28 February 2025).
  /// `nil` outside 0001...9999.
  public func adding(months: Int) -> CalendarDate? {
    let (year, month, day) = components
    let (total, overflow) = (year * 12 + (month - 1)).addingReportingOverflow(months)
    guard !overflow else { return nil }
    let newYear = total >= 0 ? total / 12 : (total - 11) / 12
    let newMonth = total - newYear * 12 + 1
    guard (1...9999).contains(newYear) else { return nil }
    return CalendarDate(year: newYear, month: newMonth, day: min(day, Self.daysIn(month: newMonth, of: newYear)))
  }

  /// Whole Hijri (Umm al-Qura) years from this date to `other`, counted as an age is: a year is
  /// reached on the same Hijri month and day; someone born on the 30th of a month reaches it on
  /// the 1st of the next month in a year whose month has 29 days. `nil` when either date lies
  /// outside the Umm al-Qura table (1300–1600 AH); negated when `other` is earlier.
  public func wholeHijriYears(to other: CalendarDate) -> Int? {
    if other < self { return other.wholeHijriYears(to: self).map { -$0 } }
    guard let start = HijriCalendar.hijri(from: self), let end = HijriCalendar.hijri(from: other) else { return nil }
    // (month, day) compared in order: day 30 is reached only once the next month begins when
    // the month has 29 days, since (m, 29) < (m, 30) <= (m + 1, 1).
    let reached = end.month > start.month || (end.month == start.month && end.day >= start.day)
    return end.year - start.year - (reached ? 0 : 1)
  }
}
