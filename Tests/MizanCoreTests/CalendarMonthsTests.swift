import Testing

@testable import MizanCore

@Suite("Calendar months and Hijri years")
struct CalendarMonthsTests {
  static func date(_ text: String) -> CalendarDate {
    guard case .success(let date) = CalendarDate.parse(text) else { fatalError("bad test date \(text)") }
    return date
  }

  @Test("adding months keeps the day, or takes the month's last day when it is shorter", arguments: [
    ("2024-01-15", 1, "2024-02-15"), ("2024-01-31", 1, "2024-02-29"), ("2023-01-31", 1, "2023-02-28"),
    ("2024-03-31", -1, "2024-02-29"), ("2024-02-29", 12, "2025-02-28"), ("2024-02-29", 48, "2028-02-29"),
    ("2024-05-31", -3, "2024-02-29"), ("2024-12-15", 1, "2025-01-15"), ("2025-01-15", -1, "2024-12-15"),
    ("2024-03-10", -3, "2023-12-10"), ("2024-03-10", 0, "2024-03-10"), ("2024-08-31", -6, "2024-02-29"),
  ])
  func addingMonths(start: String, months: Int, expected: String) {
    #expect(Self.date(start).adding(months: months)?.iso == expected)
  }

  @Test("months beyond 0001–9999 give nil, not a crash")
  func outOfRange() {
    #expect(Self.date("9999-12-01").adding(months: 1) == nil)
    #expect(Self.date("0001-01-31").adding(months: -1) == nil)
    #expect(Self.date("2024-01-01").adding(months: Int.max) == nil)
    #expect(Self.date("2024-01-01").adding(months: Int.min) == nil)
    #expect(Self.date("9999-11-30").adding(months: 1)?.iso == "9999-12-30")
  }

  @Test("whole Hijri years: reached on the same Hijri month and day, one day before is a year less", arguments: [
    // 1445-08-29H is 2024-03-10; 1446-08-29H is 2025-02-28.
    ("1445-08-29H", "1446-08-29H", 1), ("1445-08-29H", "1446-08-28H", 0), ("1445-08-29H", "1445-08-29H", 0),
    ("1430-01-01H", "1445-12-29H", 15), ("1430-01-01H", "1446-01-01H", 16),
    ("1446-08-29H", "1445-08-29H", -1),
  ])
  func wholeHijriYears(from: String, to: String, expected: Int) {
    #expect(Self.date(from).wholeHijriYears(to: Self.date(to)) == expected)
  }

  @Test("Hijri and Gregorian ages differ near a birthday: about 11 days a year")
  func hijriRunsAhead() throws {
    let born = Self.date("2006-04-01")
    let on = Self.date("2024-03-10")
    #expect(born.wholeYears(to: on) == 17)
    #expect(born.wholeHijriYears(to: on) == 18)
  }

  @Test("outside the Umm al-Qura table the Hijri age is unknown")
  func outsideTable() {
    #expect(Self.date("1800-01-01").wholeHijriYears(to: Self.date("2024-01-01")) == nil)
  }
}
