import Foundation
import Mizan

/// The only place the CLI reads the clock: for log timestamps (recorded, never compared) and
/// "in force today". The engine never reads it.
enum WallClock {
  /// ISO 8601 UTC, to the second (`2024-03-10T08:15:00Z`). Written from the seconds since the
  /// epoch, not with `ISO8601DateFormatter`, which builds an ICU formatter on every use and was
  /// measured at a third of the server's time when logging.
  static var timestamp: String { timestamp(secondsSinceEpoch: Int(Date().timeIntervalSince1970.rounded(.down))) }

  static func timestamp(secondsSinceEpoch seconds: Int) -> String {
    let (days, within) = day(ofSecondsSinceEpoch: seconds)
    let date = CalendarDate(dayNumber: days)?.iso ?? "1970-01-01"
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(date)T\(two(within / 3600)):\(two(within / 60 % 60)):\(two(within % 60))Z"
  }

  /// The day number (days since 1970-01-01, as `CalendarDate` counts) of a moment given in seconds
  /// since the epoch, and the seconds into that day; before the epoch too.
  static func day(ofSecondsSinceEpoch seconds: Int) -> (dayNumber: Int, secondOfDay: Int) {
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    return (days, seconds - days * 86_400)
  }
}

/// "Today" for the command line: `MIZAN_TODAY` when set (tests, rehearsals), otherwise the wall
/// clock's date in Saudi Arabia (UTC+3, no daylight saving), where the policies apply. Only
/// the command line asks; the engine never reads the clock.
enum Today {
  static let environmentVariable = "MIZAN_TODAY"

  /// Today's date, or a usage error when `MIZAN_TODAY` is not a date.
  static func date() throws(UsageError) -> CalendarDate {
    if let text = ProcessInfo.processInfo.environment[environmentVariable], !text.isEmpty {
      switch CalendarDate.parse(text) {
      case .success(let date): return date
      case .failure(let error): throw UsageError(message: "`\(environmentVariable)`: \(error.english)")
      }
    }
    let seconds = Int(Date().timeIntervalSince1970.rounded(.down)) + 3 * 3600
    guard let today = CalendarDate(dayNumber: WallClock.day(ofSecondsSinceEpoch: seconds).dayNumber) else {
      throw UsageError(message: "the system clock is outside 0001-01-01...9999-12-31; set \(environmentVariable)")
    }
    return today
  }
}
