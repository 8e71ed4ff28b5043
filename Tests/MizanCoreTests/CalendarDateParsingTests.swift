import Testing

@testable import MizanCore

/// `CalendarDate.parse`: the two accepted shapes, three digit scripts, and each error.
@Suite("CalendarDate.parse")
struct CalendarDateParsingTests {
  @Test(
    "accepts YYYY-MM-DD and YYYY-MM-DDH in ASCII, Arabic-Indic and Extended Arabic-Indic digits",
    arguments: [
      ("2024-03-10", "2024-03-10"), ("٢٠٢٤-٠٣-١٠", "2024-03-10"), ("۲۰۲۴-۰۳-۱۰", "2024-03-10"),
      ("20٢4-0۳-10", "2024-03-10"), ("2024-02-29", "2024-02-29"), ("0001-01-01", "0001-01-01"),
      ("9999-12-31", "9999-12-31"), ("1445-08-29H", "2024-03-10"), ("١٤٤٥-٠٨-٢٩H", "2024-03-10"),
      ("۱۴۴۵-۰۸-۲۹H", "2024-03-10"), ("1441-05-27H", "2020-01-22"), ("1300-01-01H", "1882-11-12"),
    ]
  )
  func accepts(text: String, iso: String) {
    #expect((try? CalendarDate.parse(text).get())?.iso == iso)
    #expect((try? CalendarDate.parse(text[...]).get())?.iso == iso)
  }

  @Test(
    "rejects anything but the two shapes as malformed",
    arguments: [
      "", "2024-3-10", "2024-03-1", "24-03-10", "02024-03-10", "2024-03-10T00:00", "2024/03/10", "2024-03-10 ",
      " 2024-03-10", "2024-03-10h", "2024-03-10Hx", "2024-03-10هـ", "2024_03_10", "2024-03-1a", "+024-03-10",
      "-024-03-10", "2024-03-10\n", "2024‐03‐10", "١٤٤٥-٠٨-٢٩ H", "2024-03-10HH", "２０２４-03-10",
      "2024-03-10\u{0}", "2024--03-10",
    ]
  )
  func malformed(text: String) {
    #expect(CalendarDate.parse(text) == .failure(.malformed))
  }

  @Test(
    "well-formed Gregorian text naming no day is reported with its fields",
    arguments: [(2024, 2, 30), (2023, 2, 29), (2024, 13, 1), (2024, 0, 10), (2024, 4, 31), (0, 1, 1), (2024, 1, 0)]
  )
  func noSuchGregorianDay(year: Int, month: Int, day: Int) {
    let text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    #expect(CalendarDate.parse(text) == .failure(.noSuchGregorianDay(year: year, month: month, day: day)))
  }

  @Test(
    "Hijri text naming no day, or a year outside the table, gets its own error",
    arguments: [
      ("1445-13-01H", DateParseError.noSuchHijriDay(year: 1445, month: 13, day: 1)),
      ("1445-08-30H", .noSuchHijriDay(year: 1445, month: 8, day: 30)),
      ("1445-00-10H", .noSuchHijriDay(year: 1445, month: 0, day: 10)),
      ("1445-08-00H", .noSuchHijriDay(year: 1445, month: 8, day: 0)),
      ("1445-08-31H", .noSuchHijriDay(year: 1445, month: 8, day: 31)),
      ("1700-13-01H", .noSuchHijriDay(year: 1700, month: 13, day: 1)),
      ("1700-01-01H", .hijriOutOfRange(year: 1700)),
      ("1299-12-29H", .hijriOutOfRange(year: 1299)),
      ("1601-01-01H", .hijriOutOfRange(year: 1601)),
    ]
  )
  func hijriErrors(text: String, error: DateParseError) {
    #expect(CalendarDate.parse(text) == .failure(error))
  }

  @Test("every error has an English and an Arabic message")
  func messages() {
    let errors: [DateParseError] = [
      .malformed, .noSuchGregorianDay(year: 2024, month: 2, day: 30), .noSuchHijriDay(year: 1445, month: 8, day: 30),
      .noSuchHijriDay(year: 1445, month: 13, day: 1), .hijriOutOfRange(year: 1700),
    ]
    for error in errors {
      #expect(!error.english.isEmpty && !error.arabic.isEmpty)
      #expect(error.localized[.english] == error.english && error.localized[.arabic] == error.arabic)
    }
    #expect(DateParseError.malformed.english.contains("YYYY-MM-DD"))
    #expect(DateParseError.noSuchGregorianDay(year: 2024, month: 2, day: 30).english.contains("2024-02-30"))
    #expect(
      DateParseError.noSuchHijriDay(year: 1445, month: 8, day: 30).english
        == "no such Hijri day: 1445-08-30H (month 8 of 1445 has 29 days)")
    #expect(DateParseError.hijriOutOfRange(year: 1700).english.contains("1300–1600"))
  }

  /// `value` in decimal, zero-padded to `width` digits.
  func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
