import Foundation
import Mizan

/// The only place the CLI reads the clock: for log timestamps (recorded, never compared) and
/// "in force today". The engine never reads it.
enum WallClock {
  /// ISO 8601 UTC, to the second.
  static var timestamp: String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date())
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
    let seconds = Date().timeIntervalSince1970 + 3 * 3600
    let dayNumber = Int((seconds / 86_400).rounded(.down))
    guard let today = CalendarDate(dayNumber: dayNumber) else {
      throw UsageError(message: "the system clock is outside 0001-01-01...9999-12-31; set \(environmentVariable)")
    }
    return today
  }
}
