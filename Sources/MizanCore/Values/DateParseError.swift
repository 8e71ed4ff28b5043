/// Why a text is not a date Mizan accepts (`CalendarDate.parse(_:)`).
///
/// CAUTION: public because record and policy diagnostics report it; adding a case is a breaking change.
public enum DateParseError: Error, Hashable, Sendable {
  /// The text is not `YYYY-MM-DD` or `YYYY-MM-DDH` (wrong length, separator, digit or suffix).
  case malformed

  /// The text is well formed but names no Gregorian day (2024-02-30, 2023-02-29, 2024-13-01, 0000-01-01).
  case noSuchGregorianDay(year: Int, month: Int, day: Int)

  /// The text is well formed but names no Umm al-Qura day (month 13, day 0, or day 30 of a 29-day month).
  case noSuchHijriDay(year: Int, month: Int, day: Int)

  /// The Hijri year is outside the years the Umm al-Qura table covers (`HijriCalendar.supportedYears`).
  case hijriOutOfRange(year: Int)

  /// The message in English: lowercase, no final period, what was expected and what was found.
  public var english: String {
    switch self {
    case .malformed:
      "expected a date written YYYY-MM-DD (Gregorian) or YYYY-MM-DDH (Hijri, Umm al-Qura)"
    case .noSuchGregorianDay(let year, let month, let day):
      "no such Gregorian day: \(Self.text(year, month, day))"
    case .noSuchHijriDay(let year, let month, let day):
      if let length = HijriCalendar.monthLength(year: year, month: month), day == 30 {
        "no such Hijri day: \(Self.text(year, month, day))H (month \(month) of \(year) has \(length) days)"
      } else {
        "no such Hijri day: \(Self.text(year, month, day))H"
      }
    case .hijriOutOfRange(let year):
      "Hijri year \(year) is outside the Umm al-Qura years supported, \(Self.supportedYearsText)"
    }
  }

  /// The message in Arabic.
  public var arabic: String {
    switch self {
    case .malformed:
      "يُتوقع تاريخ بالصيغة YYYY-MM-DD (ميلادي) أو YYYY-MM-DDH (هجري، أم القرى)"
    case .noSuchGregorianDay(let year, let month, let day):
      "لا يوجد يوم ميلادي بهذا التاريخ: \(Self.text(year, month, day))"
    case .noSuchHijriDay(let year, let month, let day):
      if let length = HijriCalendar.monthLength(year: year, month: month), day == 30 {
        "لا يوجد يوم هجري بهذا التاريخ: \(Self.text(year, month, day))H (الشهر \(month) من سنة \(year) عدد أيامه \(length))"
      } else {
        "لا يوجد يوم هجري بهذا التاريخ: \(Self.text(year, month, day))H"
      }
    case .hijriOutOfRange(let year):
      "السنة الهجرية \(year) خارج سنوات تقويم أم القرى المدعومة \(Self.supportedYearsText)"
    }
  }

  /// The message in both languages.
  public var localized: LocalizedText { LocalizedText(ar: arabic, en: english) }

  /// `YYYY-MM-DD` with zero padding, for quoting the parsed fields back.
  private static func text(_ year: Int, _ month: Int, _ day: Int) -> String {
    func padded(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
  }

  /// The supported Hijri years as "1300–1600".
  private static var supportedYearsText: String {
    "\(HijriCalendar.supportedYears.lowerBound)–\(HijriCalendar.supportedYears.upperBound)"
  }
}
