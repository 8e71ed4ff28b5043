import MizanCore
import MizanSyntax

extension Checker {
  /// The policy-wide analyses of `docs/analysis.md`, run on a policy without errors: conditions
  /// that can never be false, pairs of conditions no record satisfies together, numeric bands
  /// with a gap or an overlap, documents the version declares and never requires. Interval
  /// reasoning over the facts' declared types; no solver.
  mutating func analyze(_ policy: CheckedPolicy) {
    let context = constraintContext(for: policy)
    warnAlwaysTrueConditions(policy, context)
    warnContradictions(policy, context)
    warnBandGapsAndOverlaps(policy, context)
    warnUnrequiredDocuments(policy)
  }

  /// How much pairing of conditions `mizan check` does before it stops looking for
  /// contradictions: each pair costs the product of its conjunction counts (at least 1). Real
  /// policies need a few thousand; the bound keeps a hostile or generated file (hundreds of
  /// conditions of many alternatives) to a fraction of a second instead of minutes.
  static let maximumContradictionWork = 250_000

  // MARK: - Conditions

  /// A condition that can never be false never makes an application ineligible: usually a bound
  /// the type already guarantees (`household_size >= 0`) or a list that holds every value.
  mutating func warnAlwaysTrueConditions(_ policy: CheckedPolicy, _ context: ConstraintContext) {
    for condition in policy.conditions {
      if let when = condition.when, neverHolds(when, in: context) { continue }
      guard context.conjunctions(ofCondition: condition, negated: true).isEmpty else { continue }
      report(.conditionAlwaysTrue, at: condition.test.span,
             notes: [DiagnosticNote(LocalizedText(ar: "القاعدة `\(condition.name)`", en: "rule `\(condition.name)`"),
                                    at: condition.described.span)])
    }
  }

  /// Two conditions that no record satisfies together: every application fails one of them.
  /// Pairs where one condition alone can never hold are already reported on their own. Only
  /// pairs that test a common slot can contradict (slots are independent). The pairing stops,
  /// with a note saying so, once it has done `maximumContradictionWork`.
  mutating func warnContradictions(_ policy: CheckedPolicy, _ context: ConstraintContext) {
    let forms = policy.conditions.map { context.conjunctions(ofCondition: $0) }
    let slots = forms.map { Set($0.flatMap(\.constraints.keys)) }
    let pairs = policy.conditions.count * (policy.conditions.count - 1) / 2
    var work = 0
    var paired = 0
    for second in policy.conditions.indices {
      for first in 0..<second {
        work += max(1, forms[first].count * forms[second].count)
        guard work <= Self.maximumContradictionWork else {
          report(.contradictionsNotAllChecked(checked: paired, of: pairs), at: policy.conditions[second].test.span)
          return
        }
        paired += 1
        guard !forms[first].isEmpty, !forms[second].isEmpty, !slots[first].isDisjoint(with: slots[second]) else {
          continue
        }
        guard context.product(forms[first], forms[second]).isEmpty else { continue }
        let a = policy.conditions[first]
        let b = policy.conditions[second]
        var notes: [DiagnosticNote] = []
        if forms[first].count == 1, forms[second].count == 1,
          let (slot, left, right) = conflictingSlot(forms[first][0], forms[second][0])
        {
          let name = context.name(of: slot)
          let needsA = context.describe(left, of: slot)
          let needsB = context.describe(right, of: slot)
          notes.append(DiagnosticNote(LocalizedText(ar: "`\(a.name)` يتطلب `\(name)` \(needsA.arabic)",
                                                    en: "`\(a.name)` needs `\(name)` \(needsA.english)"),
                                      at: a.test.span))
          notes.append(DiagnosticNote(LocalizedText(ar: "`\(b.name)` يتطلب `\(name)` \(needsB.arabic)",
                                                    en: "`\(b.name)` needs `\(name)` \(needsB.english)"),
                                      at: b.test.span))
        } else {
          notes.append(DiagnosticNote(LocalizedText(ar: "القاعدة `\(a.name)`", en: "rule `\(a.name)`"),
                                      at: a.test.span))
        }
        report(.conditionsContradict(a.name, b.name), at: b.test.span, notes: notes)
      }
    }
  }

  /// The first slot both conjunctions constrain whose values do not meet, with each side's values.
  func conflictingSlot(_ a: Conjunction, _ b: Conjunction) -> (ConstraintSlot, ValueSet, ValueSet)? {
    for (slot, left) in a.constraints.sorted(by: { "\($0.key)" < "\($1.key)" }) {
      if let right = b.constraints[slot], left.intersection(right).isEmpty { return (slot, left, right) }
    }
    return nil
  }

  // MARK: - Documents

  /// A document declared in the version file itself that no requirement names and no rule tests
  /// (`provided(doc)`, `valid(doc)`). Documents from included files are left alone: the shared
  /// vocabulary of `common/documents.mizan` declares every canonical type so that records may
  /// carry any of them, and each association requires only some.
  mutating func warnUnrequiredDocuments(_ policy: CheckedPolicy) {
    guard let versionFile = policy.files.first?.source else { return }
    var used: Set<Int> = []
    for requirement in policy.requirements {
      for case .document(let index) in requirement.alternatives { used.insert(index) }
    }
    var expressions = policy.conditions.flatMap { [$0.test] + ($0.when.map { [$0] } ?? []) }
    expressions += policy.requirements.compactMap(\.when)
    expressions += policy.derived.map(\.expression)
    for expression in expressions { collectDocuments(in: expression, into: &used) }
    for (index, document) in policy.documents.enumerated()
    where document.described.span.file === versionFile && !used.contains(index) {
      report(.unrequiredDocument(document.name), at: document.described.span,
             help: LocalizedText(ar: "اطلبه في متطلب (`requirement …: \(document.name)`) أو احذف تعريفه",
                                 en: "require it (`requirement …: \(document.name)`) or remove the declaration"))
    }
  }

  func collectDocuments(in expression: TypedExpression, into used: inout Set<Int>) {
    switch expression {
    case .provided(let document, _), .valid(let document, _): used.insert(document)
    default: for child in expression.children { collectDocuments(in: child, into: &used) }
    }
  }
}
