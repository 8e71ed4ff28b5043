import Testing

@testable import MizanCore

/// Gregorian dates: validation, Hinnant's conversions, arithmetic, ages, text and parsing.
@Suite("CalendarDate")
struct CalendarDateTests {
  /// Builds a date known to exist, recording a test failure instead of trapping when it does not.
  func date(_ year: Int, _ month: Int, _ day: Int) throws -> CalendarDate {
    try #require(CalendarDate(year: year, month: month, day: day))
  }

  @Test(
    "validates month lengths and leap years",
    arguments: [
      (2024, 2, 29, true), (2023, 2, 29, false), (2024, 2, 30, false), (2024, 13, 1, false),
      (2024, 0, 1, false), (2024, 1, 0, false), (2024, 1, 31, true), (2024, 4, 31, false),
      (2000, 2, 29, true), (1900, 2, 29, false), (2100, 2, 29, false), (2400, 2, 29, true),
      (1, 1, 1, true), (9999, 12, 31, true), (0, 12, 31, false), (10_000, 1, 1, false),
    ]
  )
  func validation(year: Int, month: Int, day: Int, exists: Bool) {
    #expect((CalendarDate(year: year, month: month, day: day) != nil) == exists)
  }

  @Test(
    "day numbers count from 1970-01-01",
    arguments: [
      (1970, 1, 1, 0), (1969, 12, 31, -1), (2000, 3, 1, 11_017), (2024, 3, 10, 19_792),
      (1, 1, 1, -719_162), (9999, 12, 31, 2_932_896),
    ]
  )
  func dayNumbers(year: Int, month: Int, day: Int, dayNumber: Int) throws {
    let value = try date(year, month, day)
    #expect(value.dayNumber == dayNumber)
    #expect(value.components == (year, month, day))
    #expect((value.year, value.month, value.day) == (year, month, day))
  }

  @Test("every representable day converts to its components and back, one day after the other")
  func everyDayRoundTrips() {
    var failures = 0
    var previous = CalendarDate.earliest.components
    #expect(previous == (1, 1, 1))
    for dayNumber in (CalendarDate.supportedDayNumbers.lowerBound + 1)...CalendarDate.supportedDayNumbers.upperBound {
      let current = CalendarDate(uncheckedDayNumber: dayNumber).components
      let expected =
        previous.day < CalendarDate.daysIn(month: previous.month, of: previous.year)
        ? (previous.year, previous.month, previous.day + 1)
        : previous.month < 12 ? (previous.year, previous.month + 1, 1) : (previous.year + 1, 1, 1)
      if current != expected
        || CalendarDate(year: current.year, month: current.month, day: current.day)?.dayNumber != dayNumber
      {
        failures += 1
      }
      previous = current
    }
    #expect(failures == 0)
    #expect(previous == (9999, 12, 31))
  }

  @Test("dates outside 0001...9999 are not representable")
  func range() {
    #expect(CalendarDate(dayNumber: -719_163) == nil)
    #expect(CalendarDate(dayNumber: 2_932_897) == nil)
    #expect(CalendarDate(dayNumber: 0)?.iso == "1970-01-01")
    #expect(CalendarDate.earliest.iso == "0001-01-01")
    #expect(CalendarDate.latest.iso == "9999-12-31")
  }

  @Test(
    "adding days crosses months, leap days and years",
    arguments: [
      ("2023-12-31", 1, "2024-01-01"), ("2024-01-01", -1, "2023-12-31"), ("2024-02-28", 1, "2024-02-29"),
      ("2024-02-28", 366, "2025-02-28"), ("2023-02-28", 1, "2023-03-01"), ("2024-03-10", -19_792, "1970-01-01"),
      ("2020-01-22", 3650, "2030-01-19"), ("2024-03-10", 0, "2024-03-10"), ("1999-12-31", 1, "2000-01-01"),
    ]
  )
  func addingDays(start: String, days: Int, end: String) throws {
    let from = try CalendarDate.parse(start).get()
    let to = try #require(from.adding(days: days))
    #expect(to.iso == end)
    #expect(from.days(to: to) == days)
    #expect(to.days(to: from) == -days)
  }

  @Test("adding days beyond 0001...9999 or Int's range gives nil")
  func addingDaysOutOfRange() {
    #expect(CalendarDate.latest.adding(days: 1) == nil)
    #expect(CalendarDate.earliest.adding(days: -1) == nil)
    #expect(CalendarDate.earliest.adding(days: Int.max) == nil)
    #expect(CalendarDate.latest.adding(days: Int.min) == nil)
    #expect(CalendarDate.earliest.adding(days: 3_652_058) == CalendarDate.latest)
  }

  @Test(
    "whole years count like an age, 29 February reached on 1 March in common years",
    arguments: [
      ("2000-02-29", "2001-02-28", 0), ("2000-02-29", "2001-03-01", 1), ("2000-02-29", "2004-02-28", 3),
      ("2000-02-29", "2004-02-29", 4), ("1990-05-15", "2024-05-14", 33), ("1990-05-15", "2024-05-15", 34),
      ("2024-03-10", "2024-03-10", 0), ("2023-12-31", "2024-01-01", 0), ("2024-05-15", "1990-05-15", -34),
      ("2001-03-01", "2000-02-29", -1), ("0001-01-01", "9999-12-31", 9998),
    ]
  )
  func wholeYears(from: String, to: String, years: Int) throws {
    let start = try CalendarDate.parse(from).get()
    let end = try CalendarDate.parse(to).get()
    #expect(start.wholeYears(to: end) == years)
  }

  @Test("dates order and print as ISO 8601")
  func orderingAndText() throws {
    let early = try date(2020, 1, 22)
    let late = try date(2024, 3, 10)
    #expect(early < late)
    #expect(late.description == "2024-03-10")
    #expect(try date(5, 6, 7).iso == "0005-06-07")
    #expect(Set([early, late, try date(2020, 1, 22)]).count == 2)
  }
}
