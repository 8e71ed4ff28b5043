import Testing

@testable import MizanCore

/// Umm al-Qura conversion from the generated table, without Foundation.
@Suite("HijriCalendar")
struct HijriCalendarTests {
  @Test(
    "converts the seeds' pairs and known Saudi month starts both ways",
    arguments: [
      (1441, 5, 27, "2020-01-22"), (1442, 7, 13, "2021-02-25"), (1443, 5, 7, "2021-12-11"),
      (1445, 8, 29, "2024-03-10"), (1445, 9, 1, "2024-03-11"), (1445, 10, 1, "2024-04-10"),
      (1446, 1, 1, "2024-07-07"), (1443, 9, 1, "2022-04-02"), (1300, 1, 1, "1882-11-12"),
    ]
  )
  func knownPairs(year: Int, month: Int, day: Int, iso: String) throws {
    let gregorian = try #require(HijriCalendar.gregorian(fromHijri: year, month: month, day: day))
    #expect(gregorian.iso == iso)
    let hijri = try #require(gregorian.hijri)
    #expect((hijri.year, hijri.month, hijri.day) == (year, month, day))
    #expect(HijriDate(year: year, month: month, day: day)?.gregorian == gregorian)
  }

  @Test("every day of the table converts to Hijri and back, one Hijri day after the other")
  func everyDayRoundTrips() throws {
    let first = try #require(CalendarDate(dayNumber: Int(HijriCalendar.firstYearStartDay)))
    let pastLast = try #require(HijriCalendar.yearStartDays.last)
    var failures = 0
    var previous: HijriDate?
    var days = 0
    for dayNumber in first.dayNumber..<Int(pastLast) {
      let date = CalendarDate(uncheckedDayNumber: dayNumber)
      guard let hijri = date.hijri else {
        failures += 1
        continue
      }
      if HijriCalendar.gregorian(fromHijri: hijri.year, month: hijri.month, day: hijri.day) != date {
        failures += 1
      }
      if let previous, !Self.follows(hijri, previous) { failures += 1 }
      previous = hijri
      days += 1
    }
    #expect(failures == 0)
    #expect(first.hijriText == "1300-01-01H")
    #expect(previous?.description == "1600-12-30H")
    #expect(days == 106_665)
  }

  /// Whether `next` is the Hijri day right after `previous`.
  static func follows(_ next: HijriDate, _ previous: HijriDate) -> Bool {
    if let length = HijriCalendar.monthLength(year: previous.year, month: previous.month), previous.day < length {
      return (next.year, next.month, next.day) == (previous.year, previous.month, previous.day + 1)
    }
    if previous.month < 12 { return (next.year, next.month, next.day) == (previous.year, previous.month + 1, 1) }
    return (next.year, next.month, next.day) == (previous.year + 1, 1, 1)
  }

  @Test(
    "rejects days that do not exist and years outside the table",
    arguments: [
      (1445, 8, 30), (1445, 10, 30), (1445, 13, 1), (1445, 0, 1), (1445, 1, 0), (1445, 1, 31), (1445, -1, 1),
      (1299, 12, 29), (1601, 1, 1), (0, 1, 1), (Int.max, 1, 1), (Int.min, 1, 1),
    ]
  )
  func rejects(year: Int, month: Int, day: Int) {
    #expect(HijriCalendar.gregorian(fromHijri: year, month: month, day: day) == nil)
    #expect(HijriDate(year: year, month: month, day: day) == nil)
  }

  @Test("month lengths come from the table: 1445 has 29 days in Sha'ban and 30 in Ramadan")
  func monthLengths() {
    #expect(HijriCalendar.monthLength(year: 1445, month: 8) == 29)
    #expect(HijriCalendar.monthLength(year: 1445, month: 9) == 30)
    #expect(HijriCalendar.monthLength(year: 1445, month: 13) == nil)
    #expect(HijriCalendar.monthLength(year: 1601, month: 1) == nil)
    #expect(HijriCalendar.supportedYears == 1300...1600)
  }

  @Test("Gregorian days outside the table have no Hijri date and print as a dash")
  func outsideTheTable() throws {
    let before = try #require(CalendarDate(year: 1882, month: 11, day: 11))
    let after = try #require(CalendarDate(year: 2174, month: 11, day: 26))
    #expect(before.hijri == nil && before.hijriText == "—")
    #expect(after.hijri == nil && after.hijriText == "—")
    #expect(try #require(before.adding(days: 1)).hijriText == "1300-01-01H")
    #expect(try #require(after.adding(days: -1)).hijriText == "1600-12-30H")
    #expect(CalendarDate.earliest.hijri == nil && CalendarDate.latest.hijri == nil)
  }

  @Test("Hijri dates order by year, month and day and print as YYYY-MM-DDH")
  func hijriDateValue() throws {
    let early = try #require(HijriDate(year: 1441, month: 5, day: 27))
    let late = try #require(HijriDate(year: 1445, month: 8, day: 29))
    #expect(early < late)
    #expect(early.description == "1441-05-27H")
    #expect(late.description == "1445-08-29H")
  }
}
