import MizanCore
import MizanSyntax

/// A band: the values of one numeric slot for which a rule applies (its `when`), or for which
/// one alternative of an `or` can hold.
struct Band {
  /// The ranges, sorted and merged.
  var ranges: [NumberRange]
  /// Where the band is written (the `when`, or the alternative).
  var span: SourceSpan
  /// The rule it belongs to, for notes.
  var rule: String
}

extension Checker {
  /// Numeric bands on one fact that leave a hole or overlap:
  /// - rules of one kind (and, for requirements, asking for the same documents) whose `when`s
  ///   each test only the same number: a value in a hole between the bands gets none of the
  ///   rules, a value in two bands gets both;
  /// - alternatives of an `or` that each bound the same number and test something else too
  ///   (`(income <= 1500 SAR and …) or (income >= 1501 SAR and …)`): a value in a hole between
  ///   them satisfies none. A hole in a plain range (`size < 2 or size > 10`) is deliberate.
  /// Holes are reported only between bands, never below the lowest or above the highest.
  mutating func warnBandGapsAndOverlaps(_ policy: CheckedPolicy, _ context: ConstraintContext) {
    var families: [String: (slot: ConstraintSlot, bands: [Band])] = [:]
    var familyOrder: [String] = []
    func add(_ kind: String, _ key: String, _ when: TypedExpression, rule: String) {
      guard let (slot, ranges) = whenBand(when, context) else { return }
      let familyKey = "\(kind) \(slot) \(key)"
      if families[familyKey] == nil {
        families[familyKey] = (slot, [])
        familyOrder.append(familyKey)
      }
      families[familyKey]?.bands.append(Band(ranges: ranges, span: when.span, rule: rule))
    }
    for condition in policy.conditions {
      if let when = condition.when { add("condition", "", when, rule: condition.name) }
    }
    for requirement in policy.requirements {
      if let when = requirement.when { add("requirement", "\(requirement.alternatives)", when, rule: requirement.name) }
    }
    for key in familyOrder {
      guard let family = families[key], family.bands.count >= 2 else { continue }
      reportOverlaps(family.bands, slot: family.slot, context)
      reportGaps(family.bands, slot: family.slot, context, inOr: false)
    }
    var expressions = policy.conditions.flatMap { [$0.test] + ($0.when.map { [$0] } ?? []) }
    expressions += policy.requirements.compactMap(\.when)
    for expression in expressions {
      for chain in orChains(in: expression) { reportOrGaps(chain, context) }
    }
  }

  /// The ranges of a `when` that tests one numeric slot and nothing else.
  func whenBand(_ when: TypedExpression, _ context: ConstraintContext) -> (ConstraintSlot, [NumberRange])? {
    let conjunctions = context.conjunctions(of: when)
    guard let slot = conjunctions.first?.constraints.keys.first else { return nil }
    var ranges: [NumberRange] = []
    for conjunction in conjunctions {
      guard conjunction.constraints.count == 1, case .range(let range)? = conjunction.constraints[slot] else {
        return nil
      }
      ranges.append(range)
    }
    return (slot, merged(ranges, step: step(of: slot, context)))
  }

  func step(of slot: ConstraintSlot, _ context: ConstraintContext) -> Int128 {
    if case .number(_, let step, _, _) = context.domain(of: slot) { return step }
    return 1
  }

  /// Sorted ranges, with those that overlap or touch (no value between them) joined.
  func merged(_ ranges: [NumberRange], step: Int128) -> [NumberRange] {
    var result: [NumberRange] = []
    for range in ranges.filter({ !$0.isEmpty }).sorted(by: { $0.lower < $1.lower }) {
      if let last = result.last, range.lower <= last.upper + step {
        result[result.count - 1].upper = max(last.upper, range.upper)
      } else {
        result.append(range)
      }
    }
    return result
  }

  /// Each pair of bands that share a value: both rules apply there.
  mutating func reportOverlaps(_ bands: [Band], slot: ConstraintSlot, _ context: ConstraintContext) {
    let step = step(of: slot, context)
    for second in bands.indices {
      for first in 0..<second {
        let shared = bands[first].ranges.flatMap { a in bands[second].ranges.map { a.intersection($0) } }
          .filter { !$0.isEmpty }
        guard let overlap = shared.first else { continue }
        let name = context.name(of: slot)
        let witness = context.valueText(ConstraintContext.witness(in: overlap, step: step), slot)
        let extent = context.describe(.range(overlap), of: slot)
        report(.bandOverlap(bands[first].rule, bands[second].rule, slot: name, witness: witness),
               at: bands[second].span,
               notes: [DiagnosticNote(LocalizedText(ar: "الشريحتان تشتركان في `\(name)` \(extent.arabic)",
                                                    en: "both bands hold for `\(name)` \(extent.english)"),
                                      at: bands[first].span)])
      }
    }
  }

  /// Every hole between the bands' ranges, with a value in it that no band covers.
  mutating func reportGaps(_ bands: [Band], slot: ConstraintSlot, _ context: ConstraintContext, inOr: Bool) {
    let step = step(of: slot, context)
    let covered = merged(bands.flatMap(\.ranges), step: step)
    for (below, above) in zip(covered, covered.dropFirst()) {
      let hole = NumberRange(lower: below.upper + step, upper: above.lower - step)
      guard let before = bands.first(where: { $0.ranges.contains { $0.upper == below.upper } }),
        let after = bands.first(where: { $0.ranges.contains { $0.lower == above.lower } })
      else { continue }
      let name = context.name(of: slot)
      let witness = context.valueText(ConstraintContext.witness(in: hole, step: step), slot)
      let from = context.valueText(below.upper, slot)
      let to = context.valueText(above.lower, slot)
      let message = DiagnosticMessage.bandGap(inOr ? nil : (before.rule, after.rule), slot: name, above: from,
                                              below: to, witness: witness)
      let ends = LocalizedText(ar: "الشريحة التي تنتهي عند \(from)", en: "the band that ends at \(from)")
      var notes = [DiagnosticNote(ends, at: before.span)]
      if inOr {
        let starts = LocalizedText(ar: "الشريحة التي تبدأ عند \(to)", en: "the band that starts at \(to)")
        notes.append(DiagnosticNote(starts, at: after.span))
      }
      report(message, at: inOr ? after.span.merged(with: before.span) : after.span, notes: notes)
    }
  }

  // MARK: - Alternatives of an `or`

  /// The alternatives of every `or` in the expression (nested `or`s flattened), outermost first.
  func orChains(in expression: TypedExpression) -> [[TypedExpression]] {
    func flatten(_ expression: TypedExpression) -> [TypedExpression] {
      if case .or(let left, let right, _) = expression { return flatten(left) + flatten(right) }
      return [expression]
    }
    switch expression {
    case .or:
      let alternatives = flatten(expression)
      return [alternatives] + alternatives.flatMap { orChains(in: $0) }
    case .and(let left, let right, _):
      return orChains(in: left) + orChains(in: right)
    default:
      return []
    }
  }

  /// Alternatives that select cases by one number (each bounds it, and some test more): a hole
  /// between them is a value for which no alternative can hold.
  mutating func reportOrGaps(_ alternatives: [TypedExpression], _ context: ConstraintContext) {
    let forms = alternatives.map { context.conjunctions(of: $0) }
    guard forms.allSatisfy({ !$0.isEmpty }), forms.contains(where: { $0.contains { $0.constraints.count > 1 } }) else {
      return
    }
    let slots = Set(forms.flatMap { $0.flatMap(\.constraints.keys) }).sorted { "\($0)" < "\($1)" }
    for slot in slots {
      guard case .number = context.domain(of: slot) else { continue }
      var bands: [Band] = []
      for (alternative, form) in zip(alternatives, forms) {
        var ranges: [NumberRange] = []
        for conjunction in form {
          guard case .range(let range)? = conjunction.constraints[slot] else { break }
          ranges.append(range)
        }
        guard ranges.count == form.count else { break }
        bands.append(Band(ranges: merged(ranges, step: step(of: slot, context)), span: alternative.span, rule: ""))
      }
      guard bands.count == alternatives.count else { continue }
      reportGaps(bands, slot: slot, context, inOr: true)
    }
  }
}
