import MizanCore
import MizanSyntax

/// The meaning of the language's operators on values, shared by the checker (to fold
/// constants) and the evaluator, so that both always agree.
package enum Operations {
  /// `left op right` for arithmetic; nil on division by zero or overflow (the evaluator
  /// turns that into `unknown`, never a crash).
  package static func arithmetic(_ op: BinaryOperator, _ left: Value, _ right: Value) -> Value? {
    switch (left, right) {
    case (.number(let l), .number(let r)):
      return arithmetic(op, l, r).map(Value.number)
    case (.date(let date), .number(let days)), (.number(let days), .date(let date)):
      guard let whole = days.wholeValue else { return nil }
      return date.adding(days: op == .minus ? -whole : whole).map(Value.date)
    case (.date(let l), .date(let r)) where op == .minus:
      return .number(DecimalNumber(integer: r.days(to: l)))
    default:
      return nil
    }
  }

  /// `date + months` (`- months` with `subtract`); nil when the months are not whole or the date
  /// falls outside 0001...9999.
  package static func shifting(_ date: Value, months: Value, subtract: Bool) -> Value? {
    guard case .date(let start) = date, case .number(let count) = months, let whole = count.wholeValue else {
      return nil
    }
    return start.adding(months: subtract ? -whole : whole).map(Value.date)
  }

  /// `left op right` on two numbers (what `arithmetic` does for them, without `Value`s: the
  /// evaluator's numeric fast path calls this directly).
  package static func arithmetic(_ op: BinaryOperator, _ left: DecimalNumber, _ right: DecimalNumber) -> DecimalNumber? {
    switch op {
    case .plus: left.adding(right)
    case .minus: left.subtracting(right)
    case .times: left.multiplied(by: right)
    case .divided: left.divided(by: right)
    default: nil
    }
  }

  /// `left op right` for comparisons of two values of comparable types.
  package static func compare(_ op: BinaryOperator, _ left: Value, _ right: Value) -> Bool {
    switch op {
    case .equal: return left == right
    case .notEqual: return left != right
    default: break
    }
    switch (left, right) {
    case (.number(let l), .number(let r)): return compare(op, l, r)
    case (.date(let l), .date(let r)): return compare(op, l, r)
    default: return false
    }
  }

  /// `left op right` on two values of one ordered type (numbers, dates).
  package static func compare<Ordered: Comparable>(_ op: BinaryOperator, _ left: Ordered, _ right: Ordered) -> Bool {
    switch op {
    case .equal: left == right
    case .notEqual: left != right
    case .less: left < right
    case .lessEqual: left <= right
    case .greater: left > right
    case .greaterEqual: left >= right
    default: false
    }
  }

  /// Membership of an interned enumeration value in a set.
  package static func contains(_ set: Value, _ element: Value) -> Bool {
    guard case .set(let bits) = set, case .enumeration(let index) = element else { return false }
    return contains(bits: bits, index)
  }

  /// Membership of the enumeration value at `index` in the set `bits`.
  package static func contains(bits: UInt64, _ index: Int) -> Bool {
    index >= 0 && index < 64 && bits & (1 << UInt64(index)) != 0
  }
}

extension Checker {
  /// The value of an expression that does not depend on the record, or nil.
  func fold(_ expression: TypedExpression) -> Value? {
    switch expression {
    case .constant(let value, _): return value
    case .parameter(let index, _): return index < parameterValues.count ? parameterValues[index] : nil
    case .negate(let inner, _):
      guard case .number(let value)? = fold(inner) else { return nil }
      return DecimalNumber(integer: 0).subtracting(value).map(Value.number)
    case .not(let inner, _):
      guard case .bool(let value)? = fold(inner) else { return nil }
      return .bool(!value)
    case .and(let left, let right, _):
      let l = fold(left)
      let r = fold(right)
      if l == .bool(false) || r == .bool(false) { return .bool(false) }
      if l == .bool(true), r == .bool(true) { return .bool(true) }
      return nil
    case .or(let left, let right, _):
      let l = fold(left)
      let r = fold(right)
      if l == .bool(true) || r == .bool(true) { return .bool(true) }
      if l == .bool(false), r == .bool(false) { return .bool(false) }
      return nil
    case .compare(let op, let left, let right, _):
      guard let l = fold(left), let r = fold(right) else { return nil }
      return .bool(Operations.compare(op, l, r))
    case .arithmetic(let op, let left, let right, _, _):
      guard let l = fold(left), let r = fold(right) else { return nil }
      return Operations.arithmetic(op, l, r)
    case .shiftMonths(let date, let months, let subtract, _):
      guard let d = fold(date), let m = fold(months) else { return nil }
      return Operations.shifting(d, months: m, subtract: subtract)
    case .member(let element, let set, let negated, _):
      guard let e = fold(element), let s = fold(set) else { return nil }
      return .bool(Operations.contains(s, e) != negated)
    default:
      return nil
    }
  }
}
