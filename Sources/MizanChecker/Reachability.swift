import MizanCore
import MizanSyntax

extension Checker {
  /// Warns about conditions that can never hold and rules whose `when` can never hold:
  /// constants after folding, and `and`-chains whose numeric bounds on one fact contradict
  /// (`household_size > 10 and household_size < 3`).
  mutating func checkReachability(_ policy: CheckedPolicy) {
    for condition in policy.conditions {
      if let when = condition.when, neverHolds(when) {
        report(.ruleNeverApplies, at: when.span,
               notes: [DiagnosticNote(LocalizedText(ar: "القاعدة `\(condition.name)`", en: "rule `\(condition.name)`"),
                                      at: condition.described.span)])
      } else if neverHolds(condition.test) {
        report(.conditionAlwaysFalse, at: condition.test.span,
               notes: [DiagnosticNote(LocalizedText(ar: "القاعدة `\(condition.name)`", en: "rule `\(condition.name)`"),
                                      at: condition.described.span)])
      }
    }
    for requirement in policy.requirements {
      if let when = requirement.when, neverHolds(when) {
        report(.ruleNeverApplies, at: when.span,
               notes: [DiagnosticNote(LocalizedText(ar: "القاعدة `\(requirement.name)`", en: "rule `\(requirement.name)`"),
                                      at: requirement.described.span)])
      }
    }
  }

  /// True when no record can make the expression true.
  func neverHolds(_ expression: TypedExpression) -> Bool {
    if fold(expression) == .bool(false) { return true }
    var bounds: [Slot: Interval] = [:]
    for conjunct in conjuncts(of: expression) {
      guard let (slot, interval) = bound(from: conjunct) else { continue }
      let merged = (bounds[slot] ?? .unbounded).intersection(interval)
      if merged.isEmpty { return true }
      bounds[slot] = merged
    }
    return false
  }

  func conjuncts(of expression: TypedExpression) -> [TypedExpression] {
    if case .and(let left, let right, _) = expression { return conjuncts(of: left) + conjuncts(of: right) }
    return [expression]
  }

  /// `fact op constant` (either way round) as an interval on the fact.
  func bound(from expression: TypedExpression) -> (Slot, Interval)? {
    guard case .compare(let op, let left, let right, _) = expression else { return nil }
    if let slot = Slot(left), case .number(let value)? = fold(right) { return (slot, Interval(op, value)) }
    if let slot = Slot(right), case .number(let value)? = fold(left), let flipped = op.flipped {
      return (slot, Interval(flipped, value))
    }
    return nil
  }
}

/// A fact or derived value an interval can talk about.
enum Slot: Hashable {
  case fact(Int), derived(Int)

  init?(_ expression: TypedExpression) {
    switch expression {
    case .fact(let index, _): self = .fact(index)
    case .derived(let index, _): self = .derived(index)
    default: return nil
    }
  }
}

/// A set of numbers `lower … upper`, each end open or closed or absent.
struct Interval {
  var lower: (value: DecimalNumber, closed: Bool)?
  var upper: (value: DecimalNumber, closed: Bool)?

  static let unbounded = Interval(lower: nil, upper: nil)

  init(lower: (value: DecimalNumber, closed: Bool)?, upper: (value: DecimalNumber, closed: Bool)?) {
    self.lower = lower
    self.upper = upper
  }

  init(_ op: BinaryOperator, _ value: DecimalNumber) {
    switch op {
    case .less: self.init(lower: nil, upper: (value, false))
    case .lessEqual: self.init(lower: nil, upper: (value, true))
    case .greater: self.init(lower: (value, false), upper: nil)
    case .greaterEqual: self.init(lower: (value, true), upper: nil)
    case .equal: self.init(lower: (value, true), upper: (value, true))
    default: self = .unbounded
    }
  }

  func intersection(_ other: Interval) -> Interval {
    func tighterLower(_ a: (value: DecimalNumber, closed: Bool)?, _ b: (value: DecimalNumber, closed: Bool)?)
      -> (value: DecimalNumber, closed: Bool)?
    {
      guard let a else { return b }
      guard let b else { return a }
      if a.value != b.value { return a.value > b.value ? a : b }
      return (a.value, a.closed && b.closed)
    }
    func tighterUpper(_ a: (value: DecimalNumber, closed: Bool)?, _ b: (value: DecimalNumber, closed: Bool)?)
      -> (value: DecimalNumber, closed: Bool)?
    {
      guard let a else { return b }
      guard let b else { return a }
      if a.value != b.value { return a.value < b.value ? a : b }
      return (a.value, a.closed && b.closed)
    }
    return Interval(lower: tighterLower(lower, other.lower), upper: tighterUpper(upper, other.upper))
  }

  var isEmpty: Bool {
    guard let lower, let upper else { return false }
    if lower.value > upper.value { return true }
    return lower.value == upper.value && !(lower.closed && upper.closed)
  }
}

extension BinaryOperator {
  /// The operator with its operands swapped (`3 < x` is `x > 3`).
  var flipped: BinaryOperator? {
    switch self {
    case .less: .greater
    case .lessEqual: .greaterEqual
    case .greater: .less
    case .greaterEqual: .lessEqual
    case .equal: .equal
    default: nil
    }
  }
}
