import MizanCore
import MizanSyntax

extension Checker {
  /// Whether two types may be compared. Numbers must share a unit (counts and plain numbers
  /// are both dimensionless); only numbers and dates are ordered.
  func comparable(_ left: ValueType, _ right: ValueType, ordered: Bool) -> Bool {
    switch (left, right) {
    case (.number(let l), .number(let r)): return l == r || (l.isDimensionless && r.isDimensionless)
    case (.date, .date): return true
    case (.text, .text), (.bool, .bool), (.saudiID, .saudiID): return !ordered
    case (.enumeration(let l), .enumeration(let r)): return !ordered && l == r
    default: return false
    }
  }

  /// The type of `left op right`, or nil when the units do not allow it.
  func arithmeticResult(_ op: BinaryOperator, _ left: ValueType, _ right: ValueType) -> ValueType? {
    switch (left, right) {
    case (.number(let l), .number(let r)):
      switch op {
      case .plus, .minus:
        if l == r { return .number(l) }
        return l.isDimensionless && r.isDimensionless ? .number(.plain) : nil
      case .times:
        if l.isDimensionless && r.isDimensionless { return .number(l == .count && r == .count ? .count : .plain) }
        if l.isDimensionless { return .number(r) }
        if r.isDimensionless { return .number(l) }
        return nil
      case .divided:
        if r.isDimensionless { return .number(l == .count ? .plain : l) }
        return l == r ? .number(.plain) : nil
      default: return nil
      }
    case (.date, .number(.days)) where op == .plus || op == .minus: return .date
    case (.number(.days), .date) where op == .plus: return .date
    case (.date, .number(.months)) where op == .plus || op == .minus: return .date
    case (.number(.months), .date) where op == .plus: return .date
    case (.date, .date) where op == .minus: return .number(.days)
    default: return nil
    }
  }

  /// A value of `found` may stand where `expected` is declared. A plain whole number fits a
  /// count; nothing else changes unit silently.
  func isAssignable(_ found: ValueType, to expected: ValueType) -> Bool {
    if found == expected { return true }
    if case .number(let f) = found, case .number(let e) = expected {
      return f.isDimensionless && e.isDimensionless
    }
    return false
  }

  mutating func reportIncompatible(_ operation: String, _ left: ValueType, _ right: ValueType,
                                   left leftExpression: Expression, right rightExpression: Expression,
                                   span: SourceSpan) {
    let bothNumbers: Bool
    if case .number = left, case .number = right { bothNumbers = true } else { bothNumbers = false }
    if case .date = left, case .number(let unit) = right, unit.isDimensionless {
      report(.unitMismatch(operation, left.localizedName, right.localizedName), at: span,
             help: daysHelp(rightExpression))
    } else if bothNumbers {
      let help = unitHelp(expected: left, found: right, expression: rightExpression)
        ?? unitHelp(expected: right, found: left, expression: leftExpression)
      report(.unitMismatch(operation, left.localizedName, right.localizedName), at: span, help: help)
    } else {
      report(.typeMismatch(expected: left.localizedName, found: right.localizedName), at: rightExpression.span)
    }
  }

  /// "write `14 days`" when a plain number literal is added to a date.
  func daysHelp(_ expression: Expression) -> LocalizedText? {
    guard case .literal(.number(let value, nil), _) = expression else { return nil }
    return LocalizedText(ar: "اكتب `\(value) days`", en: "write `\(value) days`")
  }

  /// "write `4000 SAR`" when a plain number literal stands where money or days are needed.
  func unitHelp(expected: ValueType, found: ValueType, expression: Expression) -> LocalizedText? {
    guard case .number(let unit) = expected, unit == .money || unit == .days,
      case .literal(.number(let value, nil), _) = expression
    else { return nil }
    let word = unit == .money ? "SAR" : "days"
    return LocalizedText(ar: "اكتب `\(value) \(word)`", en: "write `\(value) \(word)`")
  }
}
