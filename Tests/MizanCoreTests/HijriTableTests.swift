import Foundation
import Testing

@testable import MizanCore

/// Keeps `HijriCalendar+Generated.swift` equal to what Foundation's Umm al-Qura calendar says.
///
/// When a test here fails after a toolchain update, regenerate the table with
/// `swift Scripts/generate-hijri-table.swift > Sources/MizanCore/Values/HijriCalendar+Generated.swift`.
@Suite("Hijri table")
struct HijriTableTests {
  /// Foundation's Umm al-Qura calendar in UTC, so that a date is the midnight starting its day.
  static let ummAlQura = utcCalendar(.islamicUmmAlQura)

  /// Foundation's arithmetic Islamic calendar, what ICU falls back to outside its Umm al-Qura table.
  static let civil = utcCalendar(.islamicCivil)

  /// A calendar of `identifier` in UTC.
  static func utcCalendar(_ identifier: Calendar.Identifier) -> Calendar {
    var calendar = Calendar(identifier: identifier)
    calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
    return calendar
  }

  /// Day number of the first day of `year`/`month` in `calendar` (month 13 is next year's first month).
  static func firstDay(_ calendar: Calendar, year: Int, month: Int) -> Int? {
    guard let date = calendar.date(from: DateComponents(year: year, month: month, day: 1)) else { return nil }
    return Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
  }

  @Test("the generated table equals Foundation's month lengths for every supported year")
  func tableMatchesFoundation() throws {
    let years = HijriCalendar.supportedYears
    #expect(Self.firstDay(Self.ummAlQura, year: years.lowerBound, month: 1) == HijriCalendar.firstYearStartDay)
    var recomputed: [UInt16] = []
    for year in years {
      var bits: UInt16 = 0
      for month in 1...12 {
        let start = try #require(Self.firstDay(Self.ummAlQura, year: year, month: month))
        let next = try #require(Self.firstDay(Self.ummAlQura, year: year, month: month + 1))
        #expect(next - start == 29 || next - start == 30, "\(year)-\(month) has \(next - start) days")
        if next - start == 30 { bits |= 1 << (12 - month) }
      }
      recomputed.append(bits)
    }
    let mismatches = zip(years, zip(recomputed, HijriCalendar.monthLengthBits)).filter { $0.1.0 != $0.1.1 }
    #expect(recomputed.count == HijriCalendar.monthLengthBits.count)
    #expect(mismatches.isEmpty, "years differing from Foundation: \(mismatches.map(\.0)); regenerate the table")
  }

  @Test("every day of the table converts as Foundation converts it")
  func everyDayMatchesFoundation() throws {
    let first = HijriCalendar.firstYearStartDay
    let pastLast = Int(try #require(HijriCalendar.yearStartDays.last))
    var differing = 0
    var firstDiffering: [Int] = []
    for dayNumber in first..<pastLast {
      let instant = Date(timeIntervalSince1970: Double(dayNumber) * 86_400)
      let expected = Self.ummAlQura.dateComponents([.year, .month, .day], from: instant)
      let actual = CalendarDate(uncheckedDayNumber: dayNumber).hijri
      if actual?.year != expected.year || actual?.month != expected.month || actual?.day != expected.day {
        differing += 1
        if firstDiffering.count < 5 { firstDiffering.append(dayNumber) }
      }
    }
    #expect(differing == 0, "\(differing) days differ, the first with day numbers \(firstDiffering)")
  }

  @Test("outside the table Foundation is arithmetic, so the table covers all of its Umm al-Qura data")
  func tableEndsWhereICUDataEnds() {
    let years = HijriCalendar.supportedYears
    let outside =
      Array((years.lowerBound - 20)..<years.lowerBound) + Array((years.upperBound + 1)...(years.upperBound + 20))
    let nonArithmetic = outside.filter { year in
      (1...13).contains { month in
        Self.firstDay(Self.ummAlQura, year: year, month: month) != Self.firstDay(Self.civil, year: year, month: month)
      }
    }
    #expect(nonArithmetic.isEmpty, "Foundation has Umm al-Qura data for \(nonArithmetic): widen the generated range")
  }
}
