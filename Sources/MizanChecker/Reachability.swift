import MizanCore
import MizanSyntax

extension Checker {
  /// Warns about conditions that can never hold and rules whose `when` can never hold:
  /// constants after folding, and tests whose bounds on one fact contradict, within the values
  /// its declared type allows (`household_size > 10 and household_size < 3`, `household_size < 0`,
  /// `channel == interview and channel == website`).
  mutating func checkReachability(_ policy: CheckedPolicy) {
    let context = constraintContext(for: policy)
    for condition in policy.conditions {
      if let when = condition.when, neverHolds(when, in: context) {
        report(.ruleNeverApplies, at: when.span,
               notes: [DiagnosticNote(LocalizedText(ar: "القاعدة `\(condition.name)`", en: "rule `\(condition.name)`"),
                                      at: condition.described.span)])
      } else if neverHolds(condition.test, in: context) {
        report(.conditionAlwaysFalse, at: condition.test.span,
               notes: [DiagnosticNote(LocalizedText(ar: "القاعدة `\(condition.name)`", en: "rule `\(condition.name)`"),
                                      at: condition.described.span)])
      }
    }
    for requirement in policy.requirements {
      if let when = requirement.when, neverHolds(when, in: context) {
        report(.ruleNeverApplies, at: when.span,
               notes: [DiagnosticNote(LocalizedText(ar: "القاعدة `\(requirement.name)`", en: "rule `\(requirement.name)`"),
                                      at: requirement.described.span)])
      }
    }
  }

  /// The analysis of `policy`'s expressions, folding constants as the checker does.
  func constraintContext(for policy: CheckedPolicy) -> ConstraintContext {
    let snapshot = self
    return ConstraintContext(policy: policy, fold: { snapshot.fold($0) })
  }

  /// True when no record can make the expression true.
  func neverHolds(_ expression: TypedExpression, in context: ConstraintContext) -> Bool {
    fold(expression) == .bool(false) || context.conjunctions(of: expression).isEmpty
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
    case .notEqual: .notEqual
    default: nil
    }
  }
}
