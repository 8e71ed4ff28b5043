import MizanCore

// The text of dates and numbers appended straight to a byte sink, for writers that build output
// without intermediate strings (batch outcomes). Each writes exactly the bytes of its `String` twin.

extension CalendarDate {
  /// Appends the UTF-8 of `iso` ("2024-03-10").
  package func appendISO(to sink: inout ByteSink) {
    sink.reserve(10)
    let (year, month, day) = DateDigits.civil(dayNumber)
    DateDigits.store(year: year, month: month, day: day, at: sink.base + sink.count)
    sink.count += 10
  }

  /// Appends the UTF-8 of `hijriText` ("1445-08-29H", or "—" outside the Umm al-Qura table).
  package func appendHijriText(to sink: inout ByteSink) {
    guard let (year, month, day) = HijriMonthStarts.hijri(dayNumber: dayNumber) else {
      sink.append(literal: "—")
      return
    }
    guard year >= 1000, year <= 9999 else {
      sink.append(utf8: hijriText)
      return
    }
    sink.reserve(11)
    let target = sink.base + sink.count
    DateDigits.store(year: UInt32(year), month: UInt32(month), day: UInt32(day), at: target)
    target[10] = UInt8(ascii: "H")
    sink.count += 11
  }
}

/// Dates' digits written straight into a sink's reserved room. (Through a local pointer: stores
/// through the sink's own pointer would make the compiler reload it after each byte.)
enum DateDigits {
  /// Year, month and day of a day number, as `CalendarDate.components` (Hinnant's `civil_from_days`)
  /// but in unsigned arithmetic, which `CalendarDate`'s range allows (its first day is 306 days
  /// after the algorithm's origin), so that every division is a multiplication.
  @inline(__always)
  static func civil(_ dayNumber: Int) -> (year: UInt32, month: UInt32, day: UInt32) {
    let shifted = UInt32(truncatingIfNeeded: dayNumber &+ 719_468)
    let era = shifted / 146_097
    let dayOfEra = shifted &- era &* 146_097
    let yearOfEra = (dayOfEra &- dayOfEra / 1460 &+ dayOfEra / 36_524 &- dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra &- (365 &* yearOfEra &+ yearOfEra / 4 &- yearOfEra / 100)
    let shiftedMonth = (5 &* dayOfYear &+ 2) / 153
    let day = dayOfYear &- (153 &* shiftedMonth &+ 2) / 5 &+ 1
    let month = shiftedMonth < 10 ? shiftedMonth &+ 3 : shiftedMonth &- 9
    let year = yearOfEra &+ era &* 400 &+ (month <= 2 ? 1 : 0)
    return (year, month, day)
  }

  /// Writes `YYYY-MM-DD` (ten bytes) at `target`; the year must be below 10000.
  @inline(__always)
  static func store(year: UInt32, month: UInt32, day: UInt32, at target: UnsafeMutablePointer<UInt8>) {
    storePair(year / 100, at: target)
    storePair(year % 100, at: target + 2)
    target[4] = UInt8(ascii: "-")
    storePair(month, at: target + 5)
    target[7] = UInt8(ascii: "-")
    storePair(day, at: target + 8)
  }

  /// Writes `value` (0...99) as two digits, copied from a table of all pairs.
  @inline(__always)
  static func storePair(_ value: UInt32, at target: UnsafeMutablePointer<UInt8>) {
    let pair = UnsafeRawPointer(pairs.utf8Start + Int(value) &* 2).loadUnaligned(as: UInt16.self)
    UnsafeMutableRawPointer(target).storeBytes(of: pair, as: UInt16.self)
  }

  /// "00" to "99", one after the other.
  static var pairs: StaticString {
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
  }
}

/// The first day of every month `HijriCalendar` covers, for converting a date with one look-up
/// instead of walking the year's months (outcomes write two Hijri dates each).
enum HijriMonthStarts {
  /// Day numbers of each month's first day, month by month from the first supported year, then
  /// the day after the last month; empty if the calendar did not give them all (then `hijri` defers to it).
  static let days: [Int32] = {
    let years = HijriCalendar.supportedYears
    var starts: [Int32] = []
    for year in years {
      for month in 1...12 {
        guard let date = HijriCalendar.gregorian(fromHijri: year, month: month, day: 1) else { return [] }
        starts.append(Int32(date.dayNumber))
      }
    }
    guard let length = HijriCalendar.monthLength(year: years.upperBound, month: 12),
          let last = HijriCalendar.gregorian(fromHijri: years.upperBound, month: 12, day: length)
    else { return [] }
    starts.append(Int32(last.dayNumber + 1))
    return starts
  }()

  static let firstYear = HijriCalendar.supportedYears.lowerBound

  /// Year, month and day in the Umm al-Qura calendar of the day `dayNumber`, or nil outside the table.
  static func hijri(dayNumber: Int) -> (year: Int, month: Int, day: Int)? {
    let starts = days
    guard starts.count > 1 else {
      guard let date = CalendarDate(dayNumber: dayNumber), let hijri = date.hijri else { return nil }
      return (hijri.year, hijri.month, hijri.day)
    }
    let first = Int(starts[0])
    guard dayNumber >= first, dayNumber < Int(starts[starts.count - 1]) else { return nil }
    // A month averages 29.53 days, so the estimate is at most a month off.
    var index = min((dayNumber - first) * 1000 / 29_531, starts.count - 2)
    while index > 0, Int(starts[index]) > dayNumber { index -= 1 }
    while Int(starts[index + 1]) <= dayNumber { index += 1 }
    return (firstYear + index / 12, index % 12 + 1, dayNumber - Int(starts[index]) + 1)
  }
}

extension DecimalNumber {
  /// Appends the UTF-8 of `description` ("2500", "833.3333", "-0.5").
  package func appendDescription(to sink: inout ByteSink) {
    let magnitude = scaled.magnitude
    let whole = magnitude / UInt64(Self.wholeScale)
    var fraction = magnitude % UInt64(Self.wholeScale)
    if scaled < 0 { sink.append(UInt8(ascii: "-")) }
    sink.appendDecimal(whole)
    guard fraction != 0 else { return }
    // The digits of `wholeScale`'s zeros.
    var width = 4
    while fraction % 10 == 0 {
      fraction /= 10
      width -= 1
    }
    sink.append(UInt8(ascii: "."))
    sink.appendDigits(Int(fraction), width: width)
  }
}
