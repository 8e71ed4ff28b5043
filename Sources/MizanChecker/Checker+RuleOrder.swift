import MizanCore
import MizanSyntax

/// Rules that refer to rules (`when income_within_limit`, `when complete(field_visit)`): the
/// order they are decided in, and the cycles that would leave none.
extension Checker {
  /// Conditions and requirements in an order where each comes after the rules it refers to,
  /// declaration order otherwise; a cycle is reported (and its rules left in declaration order).
  mutating func orderRules(conditions: [CheckedCondition], requirements: [CheckedRequirement]) -> [RuleReference] {
    let rules = conditions.indices.map { RuleReference.condition($0) } + requirements.indices.map { RuleReference.requirement($0) }
    func expressions(_ rule: RuleReference) -> [TypedExpression] {
      switch rule {
      case .condition(let index): [conditions[index].test, conditions[index].when].compactMap { $0 }
      case .requirement(let index): [requirements[index].when].compactMap { $0 }
      }
    }
    func described(_ rule: RuleReference) -> Described {
      switch rule {
      case .condition(let index): conditions[index].described
      case .requirement(let index): requirements[index].described
      }
    }
    func references(_ expression: TypedExpression) -> [RuleReference] {
      switch expression {
      case .conditionResult(let index, _) where index < conditions.count: [.condition(index)]
      case .requirementComplete(let index, _) where index < requirements.count: [.requirement(index)]
      default: expression.children.flatMap(references)
      }
    }
    var order: [RuleReference] = []
    var state: [RuleReference: Int] = [:]  // 1 visiting, 2 done
    var stack: [RuleReference] = []
    var reported: Set<RuleReference> = []
    func visit(_ rule: RuleReference) {
      if state[rule] == 2 { return }
      if state[rule] == 1 {
        // A cycle: the rules on the stack from `rule` on.
        let cycle = Array(stack.drop { $0 != rule })
        guard !cycle.contains(where: reported.contains) else { return }
        reported.formUnion(cycle)
        let names = (cycle + [rule]).map { described($0).name }
        report(.circularRules(names), at: described(rule).span,
               help: LocalizedText(ar: "اكسر الحلقة: ليختبر أحدها المعلومات نفسها بدل القاعدة الأخرى",
                                   en: "break the cycle: let one of them test the facts themselves instead of the other rule"))
        return
      }
      state[rule] = 1
      stack.append(rule)
      for expression in expressions(rule) {
        for dependency in references(expression) { visit(dependency) }
      }
      stack.removeLast()
      state[rule] = 2
      order.append(rule)
    }
    rules.forEach(visit)
    return order
  }
}

extension DiagnosticMessage {
  static func ruleOutsideRules(_ name: String) -> DiagnosticMessage {
    DiagnosticMessage("check.ruleOutsideRules", .error,
                      ar: "`\(name)` قاعدة: يشير إليها شرط أو متطلب فقط، لا قيمة مشتقة ولا معامل (تُحسب قبل القواعد)",
                      en: "`\(name)` is a rule: only a condition or a requirement may refer to it, not a derived value or a parameter (they are computed before any rule)")
  }

  static func circularRules(_ cycle: [String]) -> DiagnosticMessage {
    DiagnosticMessage("check.circularRules", .error,
                      ar: "قواعد يعتمد بعضها على بعض في حلقة: \(cycle.joined(separator: " ← "))",
                      en: "rules that depend on each other in a cycle: \(cycle.joined(separator: " → "))")
  }
}
