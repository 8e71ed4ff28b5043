/// The notes the evaluator attaches to trace steps. Outcomes carry them in English (they are part
/// of the canonical outcome, logged and replayed byte for byte); reports in Arabic show them
/// through `arabic(_:)`, so both wordings are kept here, side by side.
package enum TraceNote {
  private static let divisionByZeroPrefix = "division by zero at "
  private static let outOfRangePrefix = "arithmetic out of range at "
  private static let unknownSuffix = ": the result is unknown"

  /// An arithmetic step divided by zero at `location` (`raabigh/2024-01-15.mizan:70:36`).
  static func divisionByZero(at location: String) -> String { divisionByZeroPrefix + location + unknownSuffix }

  /// An arithmetic step overflowed, or a date left the calendar, at `location`.
  static func outOfRange(at location: String) -> String { outOfRangePrefix + location + unknownSuffix }

  /// The Arabic of a note `divisionByZero` or `outOfRange` wrote; nil for any other text.
  package static func arabic(_ english: String) -> String? {
    guard english.hasSuffix(unknownSuffix) else { return nil }
    for (prefix, arabic) in [(divisionByZeroPrefix, "قسمة على صفر عند "), (outOfRangePrefix, "حساب خارج النطاق عند ")]
    where english.hasPrefix(prefix) {
      let location = english.dropFirst(prefix.count).dropLast(unknownSuffix.count)
      return arabic + location + ": النتيجة غير معروفة"
    }
    return nil
  }
}
