import MizanCore
import MizanSyntax

/// What a constraint can talk about: a fact or derived value, whether a document is provided
/// or valid, whether a fact is known.
enum ConstraintSlot: Hashable {
  case fact(Int)
  case derived(Int)
  case provided(Int)
  case valid(Int)
  case known(Int)
}

/// A closed range of numbers in ten-thousandths (`DecimalNumber.scaled`), both ends multiples of
/// the slot's step. `Int128` so that stepping past either end of `Int64` cannot overflow.
struct NumberRange: Hashable {
  var lower: Int128
  var upper: Int128

  var isEmpty: Bool { lower > upper }

  func intersection(_ other: NumberRange) -> NumberRange {
    NumberRange(lower: max(lower, other.lower), upper: min(upper, other.upper))
  }
}

/// The values a slot may take, as far as the analysis can tell.
enum ValueSet: Hashable {
  /// Numbers (dates are not modelled).
  case range(NumberRange)
  /// Enumeration values or booleans (bit 0 `false`, bit 1 `true`), as a bit set.
  case members(UInt64)
  /// Exactly these texts.
  case texts(Set<String>)
  /// Any text but these.
  case allTextsBut(Set<String>)

  var isEmpty: Bool {
    switch self {
    case .range(let range): range.isEmpty
    case .members(let bits): bits == 0
    case .texts(let texts): texts.isEmpty
    case .allTextsBut: false
    }
  }

  func intersection(_ other: ValueSet) -> ValueSet {
    switch (self, other) {
    case (.range(let a), .range(let b)): .range(a.intersection(b))
    case (.members(let a), .members(let b)): .members(a & b)
    case (.texts(let a), .texts(let b)): .texts(a.intersection(b))
    case (.texts(let a), .allTextsBut(let b)), (.allTextsBut(let b), .texts(let a)): .texts(a.subtracting(b))
    case (.allTextsBut(let a), .allTextsBut(let b)): .allTextsBut(a.union(b))
    default: self
    }
  }
}

/// What an `and` of simple tests requires of each slot it mentions. A slot it does not mention
/// may take any value of its type.
struct Conjunction: Hashable {
  var constraints: [ConstraintSlot: ValueSet] = [:]
  /// Some slot has no value left: no record satisfies the conjunction.
  var isEmpty = false
}

/// The domain of one slot: which values a record can give it, by its declared type.
enum SlotDomain {
  /// Numbers from `lower` to `upper`, multiples of `step` ten-thousandths (10,000 for whole
  /// numbers). Counts and days in a record are whole and not negative; money is not negative.
  case number(NumberKind, step: Int128, lower: Int128, upper: Int128)
  /// An enumeration of `count` values.
  case enumeration(name: String, count: Int)
  case boolean
  case text
  /// Dates and sets: not modelled.
  case other

  var full: ValueSet? {
    switch self {
    case .number(_, _, let lower, let upper): .range(NumberRange(lower: lower, upper: upper))
    case .enumeration(_, let count): .members(count >= 64 ? UInt64.max : (UInt64(1) << UInt64(count)) - 1)
    case .boolean: .members(0b11)
    case .text: .allTextsBut([])
    case .other: nil
    }
  }
}

/// Turns typed expressions into sets of conjunctions (disjunctive normal form) over slots, with
/// each slot's values limited by its declared type. Sound in one direction: a record that makes
/// an expression true satisfies one of its conjunctions; a test the analysis does not model
/// constrains nothing. So "no conjunction is satisfiable" proves the expression never holds.
struct ConstraintContext {
  let policy: CheckedPolicy
  /// The value of an expression that does not depend on the record (the checker's folding).
  let fold: (TypedExpression) -> Value?
  /// Beyond this many conjunctions an expression is treated as unconstrained.
  static let maximumConjunctions = 256

  static let wholeStep = Int128(DecimalNumber.scale)
  static let smallest = Int128(Int64.min)
  static let largest = Int128(Int64.max)

  // MARK: - Slots

  func slot(of expression: TypedExpression) -> ConstraintSlot? {
    switch expression {
    case .fact(let index, _): .fact(index)
    case .derived(let index, _): .derived(index)
    case .provided(let document, _): .provided(document)
    case .valid(let document, _): .valid(document)
    case .known(let fact, _): .known(fact)
    default: nil
    }
  }

  func type(of slot: ConstraintSlot) -> ValueType? {
    switch slot {
    case .fact(let index): index < policy.facts.count ? policy.facts[index].type : nil
    case .derived(let index): index < policy.derived.count ? policy.derived[index].type : nil
    case .provided, .valid, .known: .bool
    }
  }

  func domain(of slot: ConstraintSlot) -> SlotDomain {
    guard let type = type(of: slot) else { return .other }
    switch type {
    case .number(let kind):
      guard case .fact = slot else {
        // A derived number may be negative (a difference) or fractional (a count divided).
        return .number(kind, step: 1, lower: Self.smallest, upper: Self.largest)
      }
      switch kind {
      case .count, .days, .months: return .number(kind, step: Self.wholeStep, lower: 0, upper: Self.largest)
      case .money: return .number(kind, step: 1, lower: 0, upper: Self.largest)
      case .plain: return .number(kind, step: 1, lower: Self.smallest, upper: Self.largest)
      }
    case .enumeration(let name):
      return .enumeration(name: name, count: policy.enumeration(named: name)?.values.count ?? 64)
    case .bool: return .boolean
    case .text: return .text
    case .date, .setOf, .listOf, .saudiID: return .other
    }
  }

  /// The slot as the policy names it: `monthly_income`, `provided(national_id)`.
  func name(of slot: ConstraintSlot) -> String {
    switch slot {
    case .fact(let index): index < policy.facts.count ? policy.facts[index].name : "?"
    case .derived(let index): index < policy.derived.count ? policy.derived[index].name : "?"
    case .provided(let document): "provided(\(documentName(document)))"
    case .valid(let document): "valid(\(documentName(document)))"
    case .known(let fact): "known(\(fact < policy.facts.count ? policy.facts[fact].name : "?"))"
    }
  }

  func documentName(_ index: Int) -> String { index < policy.documents.count ? policy.documents[index].name : "?" }

  // MARK: - Normal form

  /// The conjunctions of `expression` (or of its negation), without the empty ones. `[]` means
  /// it never holds; `[Conjunction()]` that nothing is known against it.
  func conjunctions(of expression: TypedExpression, negated: Bool = false) -> [Conjunction] {
    switch expression {
    case .not(let inner, _):
      return conjunctions(of: inner, negated: !negated)
    case .and(let left, let right, _):
      return negated ? union(conjunctions(of: left, negated: true), conjunctions(of: right, negated: true))
        : product(conjunctions(of: left), conjunctions(of: right))
    case .or(let left, let right, _):
      return negated ? product(conjunctions(of: left, negated: true), conjunctions(of: right, negated: true))
        : union(conjunctions(of: left), conjunctions(of: right))
    default:
      if case .bool(let value)? = fold(expression) { return value != negated ? [Conjunction()] : [] }
      return (atom(expression, negated: negated) ?? [Conjunction()]).filter { !$0.isEmpty }
    }
  }

  /// The conjunctions of `not when or test`: what a condition with a `when` requires.
  func conjunctions(ofCondition condition: CheckedCondition, negated: Bool = false) -> [Conjunction] {
    guard let when = condition.when else { return conjunctions(of: condition.test, negated: negated) }
    if negated { return product(conjunctions(of: when), conjunctions(of: condition.test, negated: true)) }
    return union(conjunctions(of: when, negated: true), conjunctions(of: condition.test))
  }

  func union(_ a: [Conjunction], _ b: [Conjunction]) -> [Conjunction] {
    if a.contains(where: { $0.constraints.isEmpty }) || b.contains(where: { $0.constraints.isEmpty }) {
      return [Conjunction()]
    }
    let all = a + b
    return all.count > Self.maximumConjunctions ? [Conjunction()] : all
  }

  func product(_ a: [Conjunction], _ b: [Conjunction]) -> [Conjunction] {
    guard a.count * b.count <= Self.maximumConjunctions else {
      // Too many cases to follow: keep only the smaller side, which still over-approximates.
      return a.count <= b.count ? a : b
    }
    var result: [Conjunction] = []
    for left in a {
      for right in b {
        var merged = left
        for (slot, values) in right.constraints { constrain(&merged, slot, values) }
        if !merged.isEmpty { result.append(merged) }
      }
    }
    return result
  }

  /// Narrows `slot` in `conjunction` to `values` (and to the slot's domain).
  func constrain(_ conjunction: inout Conjunction, _ slot: ConstraintSlot, _ values: ValueSet) {
    let current = conjunction.constraints[slot] ?? domain(of: slot).full ?? values
    let narrowed = current.intersection(values)
    conjunction.constraints[slot] = narrowed
    if narrowed.isEmpty { conjunction.isEmpty = true }
  }

  /// One test on one slot, as conjunctions (`x != 5` gives two); nil when it is not a test the
  /// analysis models.
  func atom(_ expression: TypedExpression, negated: Bool) -> [Conjunction]? {
    switch expression {
    case .compare(let op, let left, let right, _):
      if let slot = slot(of: left), let value = fold(right) {
        return comparison(slot, negated ? op.negatedComparison : op, value)
      }
      if let slot = slot(of: right), let value = fold(left), let flipped = op.flipped {
        return comparison(slot, negated ? flipped.negatedComparison : flipped, value)
      }
      return nil
    case .member(let element, let set, let isNegated, _):
      guard let slot = slot(of: element), case .set(let bits)? = fold(set),
        case .members(let all)? = domain(of: slot).full
      else { return nil }
      let chosen = isNegated != negated ? all & ~bits : bits & all
      return [single(slot, .members(chosen))]
    case .fact, .derived, .provided, .valid, .known:
      guard let slot = slot(of: expression), case .boolean = domain(of: slot) else { return nil }
      return [single(slot, .members(negated ? 0b01 : 0b10))]
    default:
      return nil
    }
  }

  func single(_ slot: ConstraintSlot, _ values: ValueSet) -> Conjunction {
    var conjunction = Conjunction()
    constrain(&conjunction, slot, values)
    return conjunction
  }

  /// `slot op value` as conjunctions; nil when the slot and value are not a modelled pair.
  func comparison(_ slot: ConstraintSlot, _ op: BinaryOperator?, _ value: Value) -> [Conjunction]? {
    guard let op else { return nil }
    let domain = domain(of: slot)
    switch (domain, value) {
    case (.number(_, let step, _, _), .number(let number)):
      let v = Int128(number.scaled)
      let top = Self.largest
      let bottom = Self.smallest
      func range(_ lower: Int128, _ upper: Int128) -> Conjunction {
        single(slot, .range(NumberRange(lower: lower, upper: upper)))
      }
      switch op {
      case .equal: return [range(Self.alignUp(v, step), Self.alignDown(v, step))].filter { !$0.isEmpty }
      case .notEqual: return [range(bottom, Self.alignUp(v, step) - step), range(Self.alignDown(v, step) + step, top)]
        .filter { !$0.isEmpty }
      case .less: return [range(bottom, Self.alignUp(v, step) - step)].filter { !$0.isEmpty }
      case .lessEqual: return [range(bottom, Self.alignDown(v, step))].filter { !$0.isEmpty }
      case .greater: return [range(Self.alignDown(v, step) + step, top)].filter { !$0.isEmpty }
      case .greaterEqual: return [range(Self.alignUp(v, step), top)].filter { !$0.isEmpty }
      default: return nil
      }
    case (.enumeration, .enumeration(let index)) where op == .equal || op == .notEqual:
      guard index >= 0, index < 64 else { return nil }
      return members(slot, domain, bit: UInt64(1) << UInt64(index), equal: op == .equal)
    case (.boolean, .bool(let flag)) where op == .equal || op == .notEqual:
      return members(slot, domain, bit: flag ? 0b10 : 0b01, equal: op == .equal)
    case (.text, .text(let text)) where op == .equal || op == .notEqual:
      return [single(slot, op == .equal ? .texts([text]) : .allTextsBut([text]))]
    default:
      return nil
    }
  }

  /// `slot == value` (or `!=`) for an enumeration or boolean slot, as a bit set.
  func members(_ slot: ConstraintSlot, _ domain: SlotDomain, bit: UInt64, equal: Bool) -> [Conjunction]? {
    guard case .members(let all)? = domain.full else { return nil }
    return [single(slot, .members(equal ? bit & all : all & ~bit))].filter { !$0.isEmpty }
  }

  // MARK: - Whole numbers and steps

  static func floorDivision(_ value: Int128, _ step: Int128) -> Int128 {
    let quotient = value / step
    return value % step != 0 && (value < 0) != (step < 0) ? quotient - 1 : quotient
  }

  /// The largest multiple of `step` at or below `value`.
  static func alignDown(_ value: Int128, _ step: Int128) -> Int128 { floorDivision(value, step) * step }

  /// The smallest multiple of `step` at or above `value`.
  static func alignUp(_ value: Int128, _ step: Int128) -> Int128 {
    let down = alignDown(value, step)
    return down == value ? value : down + step
  }
}

extension BinaryOperator {
  /// The comparison that holds exactly when this one does not (`<` and `>=`).
  var negatedComparison: BinaryOperator? {
    switch self {
    case .less: .greaterEqual
    case .lessEqual: .greater
    case .greater: .lessEqual
    case .greaterEqual: .less
    case .equal: .notEqual
    case .notEqual: .equal
    default: nil
    }
  }
}
