/// Kleene's three-valued logic: what the engine knows about a condition.
///
/// A fact the record lacks makes a condition `unknown`, not false: the applicant may still
/// supply it. `false ∧ unknown = false`, which is why `ineligible` wins over `incomplete`.
public enum Truth: String, Hashable, Sendable, CaseIterable {
  case `true`
  case `false`
  case unknown

  public init(_ value: Bool) { self = value ? .true : .false }

  public static func && (lhs: Truth, rhs: @autoclosure () -> Truth) -> Truth {
    if lhs == .false { return .false }
    let right = rhs()
    if right == .false { return .false }
    return lhs == .true && right == .true ? .true : .unknown
  }

  public static func || (lhs: Truth, rhs: @autoclosure () -> Truth) -> Truth {
    if lhs == .true { return .true }
    let right = rhs()
    if right == .true { return .true }
    return lhs == .false && right == .false ? .false : .unknown
  }

  public static prefix func ! (value: Truth) -> Truth {
    switch value {
    case .true: .false
    case .false: .true
    case .unknown: .unknown
    }
  }
}
