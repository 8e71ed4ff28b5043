import MizanCore
import MizanSyntax

/// How the analysis shows values and constraints to an administrator: `1500 SAR`, `≤ 1500 SAR`,
/// `one of interview, website`; and which value it picks as a witness.
extension ConstraintContext {
  /// A number of the slot's kind with its unit: `1500.5 SAR`, `14 days`, `3`.
  func valueText(_ scaled: Int128, _ slot: ConstraintSlot) -> String {
    let clamped = Int64(clamping: scaled)
    let number = DecimalNumber(scaled: clamped).description
    guard case .number(let kind, _, _, _) = domain(of: slot) else { return number }
    switch kind {
    case .money: return number + " SAR"
    case .days: return number + (number == "1" ? " day" : " days")
    case .months: return number + (number == "1" ? " month" : " months")
    case .count, .plain: return number
    }
  }

  /// What a set of values allows, as a short phrase: `≤ 1500 SAR`, `from 2 to 4`,
  /// `= "rabigh"`, `one of interview, website`.
  func describe(_ values: ValueSet, of slot: ConstraintSlot) -> LocalizedText {
    switch values {
    case .range(let range):
      guard case .number(_, let step, let lowest, let highest) = domain(of: slot) else { return .same("?") }
      if range.isEmpty { return LocalizedText(ar: "لا قيمة", en: "no value") }
      if range.lower == range.upper { return .same("= " + valueText(range.lower, slot)) }
      let lower = boundText(range.lower, step: -step, slot: slot, closed: "≥", open: ">")
      let upper = boundText(range.upper, step: step, slot: slot, closed: "≤", open: "<")
      switch (range.lower <= lowest, range.upper >= highest) {
      case (true, true): return LocalizedText(ar: "أي قيمة", en: "any value")
      case (true, false): return .same(upper)
      case (false, true): return .same(lower)
      case (false, false):
        return LocalizedText(ar: "من \(valueText(range.lower, slot)) إلى \(valueText(range.upper, slot))",
                             en: "from \(valueText(range.lower, slot)) to \(valueText(range.upper, slot))")
      }
    case .members(let bits):
      let names = memberNames(bits, of: slot)
      if names.count == 1 { return .same("= " + names[0]) }
      if names.isEmpty { return LocalizedText(ar: "لا قيمة", en: "no value") }
      return LocalizedText(ar: "إحدى القيم " + names.joined(separator: "، "),
                           en: "one of " + names.joined(separator: ", "))
    case .texts(let texts):
      let quoted = texts.sorted().map { "\"\($0)\"" }
      if quoted.count == 1 { return .same("= " + quoted[0]) }
      if quoted.isEmpty { return LocalizedText(ar: "لا قيمة", en: "no value") }
      return LocalizedText(ar: "إحدى القيم " + quoted.joined(separator: "، "),
                           en: "one of " + quoted.joined(separator: ", "))
    case .allTextsBut(let texts):
      let quoted = texts.sorted().map { "\"\($0)\"" }
      if quoted.isEmpty { return LocalizedText(ar: "أي قيمة", en: "any value") }
      return .same("≠ " + quoted.joined(separator: ", "))
    }
  }

  /// `≤ 1500 SAR` for a closed bound, or `< 1500 SAR` when the next value past it is rounder
  /// (money below 1500 is `≤ 1499.9999`, shown as `< 1500`).
  func boundText(_ value: Int128, step: Int128, slot: ConstraintSlot, closed: String, open: String) -> String {
    let next = value + step
    if Self.decimals(next) < Self.decimals(value) { return open + " " + valueText(next, slot) }
    return closed + " " + valueText(value, slot)
  }

  /// How many decimals a scaled number needs (0 to 4).
  static func decimals(_ scaled: Int128) -> Int {
    var value = scaled.magnitude
    var places = 4
    while places > 0, value % 10 == 0 {
      value /= 10
      places -= 1
    }
    return places
  }

  /// The names of the enumeration or boolean values in `bits`.
  func memberNames(_ bits: UInt64, of slot: ConstraintSlot) -> [String] {
    switch domain(of: slot) {
    case .boolean:
      return (bits & 0b01 != 0 ? ["false"] : []) + (bits & 0b10 != 0 ? ["true"] : [])
    case .enumeration(let name, let count):
      let values = policy.enumeration(named: name)?.values ?? []
      return (0..<min(count, 64)).filter { bits & (UInt64(1) << UInt64($0)) != 0 }
        .map { $0 < values.count ? values[$0] : String($0) }
    default:
      return []
    }
  }

  /// A value of `range` a person would pick: the roundest one; among a few such values the
  /// middle one (1500.5 between 1500 and 1501 SAR), among many the least (1501 above 1500).
  static func witness(in range: NumberRange, step: Int128) -> Int128 {
    var unit = Int128(DecimalNumber.scale)
    while unit >= step, unit >= 1 {
      let first = alignUp(range.lower, unit)
      if first <= range.upper {
        let last = alignDown(range.upper, unit)
        guard (last - first) / unit < 10 else { return first }
        return min(max(alignDown((range.lower + range.upper) / 2, unit), first), last)
      }
      unit /= 10
    }
    return range.lower
  }
}
