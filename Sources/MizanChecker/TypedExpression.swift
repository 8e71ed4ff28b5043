import MizanCore
import MizanSyntax

/// A checked expression: every name resolved to a slot, every operator typed. Only the
/// checker builds these, so the evaluator never meets an unknown name or a type error.
package indirect enum TypedExpression: Hashable, Sendable {
  case constant(Value, span: SourceSpan)
  /// A fact from the record, by slot (index into `CheckedPolicy.facts`).
  case fact(Int, span: SourceSpan)
  /// A derived value, by index into `CheckedPolicy.derived` (topologically ordered).
  case derived(Int, span: SourceSpan)
  /// A parameter, by index; kept (not folded) so traces can name it.
  case parameter(Int, span: SourceSpan)
  case not(TypedExpression, span: SourceSpan)
  case negate(TypedExpression, span: SourceSpan)
  case and(TypedExpression, TypedExpression, span: SourceSpan)
  case or(TypedExpression, TypedExpression, span: SourceSpan)
  case compare(BinaryOperator, TypedExpression, TypedExpression, span: SourceSpan)
  case arithmetic(BinaryOperator, TypedExpression, TypedExpression, result: ValueType, span: SourceSpan)
  case member(TypedExpression, set: TypedExpression, negated: Bool, span: SourceSpan)
  /// `provided(doc)`: a document of that type is in the record (valid or not).
  case provided(document: Int, span: SourceSpan)
  /// `valid(doc)`: a document of that type is in the record and meets its validity rules.
  case valid(document: Int, span: SourceSpan)
  /// `known(fact)`: the record gives the fact.
  case known(fact: Int, span: SourceSpan)
  /// `whole_years(from, to)`: completed years, as for an age.
  case wholeYears(TypedExpression, TypedExpression, span: SourceSpan)
  /// `days_between(from, to)`.
  case daysBetween(TypedExpression, TypedExpression, span: SourceSpan)
  /// `whole_hijri_years(from, to)`: completed Umm al-Qura years, as for an age.
  case wholeHijriYears(TypedExpression, TypedExpression, span: SourceSpan)
  /// A field of the document being judged (`holder` in `valid if holder == orphan …`).
  case documentField(Int, span: SourceSpan)
  /// `text in vocabulary` (or `not in`): the text is one of the vocabulary's values.
  case inVocabulary(TypedExpression, vocabulary: Int, negated: Bool, span: SourceSpan)
  /// `is_citizen(id)`: the `saudi_id` is a citizen's (first digit 1).
  case isCitizen(TypedExpression, span: SourceSpan)
  /// The result of condition `index` (rules that refer to rules: `when income_within_limit`).
  case conditionResult(Int, span: SourceSpan)
  /// `complete(requirement)`: requirement `index`'s item is provided or not required.
  case requirementComplete(Int, span: SourceSpan)
  /// A fact of the member a quantifier is looking at: slot `slot` of member kind `kind`.
  case memberFact(kind: Int, slot: Int, span: SourceSpan)
  /// `count`, `any`, `all` or `sum` over the members of list fact `list` (of member kind
  /// `kind`), `filter` and `body` read in each member's scope.
  case quantifier(Quantifier, list: Int, kind: Int, filter: TypedExpression?, body: TypedExpression?, span: SourceSpan)
  /// `date + months` or `date - months` (either order for `+`): calendar months, the day of the
  /// month kept or the month's last day taken.
  case shiftMonths(TypedExpression, months: TypedExpression, subtract: Bool, span: SourceSpan)

  package var span: SourceSpan {
    switch self {
    case .constant(_, let span), .fact(_, let span), .derived(_, let span), .parameter(_, let span),
      .not(_, let span), .negate(_, let span), .and(_, _, let span), .or(_, _, let span),
      .compare(_, _, _, let span), .arithmetic(_, _, _, _, let span), .member(_, _, _, let span),
      .provided(_, let span), .valid(_, let span), .known(_, let span), .wholeYears(_, _, let span),
      .daysBetween(_, _, let span), .wholeHijriYears(_, _, let span), .shiftMonths(_, _, _, let span),
      .memberFact(_, _, let span), .quantifier(_, _, _, _, _, let span), .conditionResult(_, let span),
      .requirementComplete(_, let span), .isCitizen(_, let span), .inVocabulary(_, _, _, let span),
      .documentField(_, let span):
      span
    }
  }
}

extension TypedExpression {
  /// The operands, in order: what a walk over the tree visits next.
  package var children: [TypedExpression] {
    switch self {
    case .constant, .fact, .derived, .parameter, .provided, .valid, .known, .memberFact, .conditionResult,
      .requirementComplete, .documentField:
      []
    case .quantifier(_, _, _, let filter, let body, _): [filter, body].compactMap { $0 }
    case .not(let inner, _), .negate(let inner, _), .isCitizen(let inner, _), .inVocabulary(let inner, _, _, _): [inner]
    case .and(let left, let right, _), .or(let left, let right, _), .compare(_, let left, let right, _),
      .arithmetic(_, let left, let right, _, _), .member(let left, let right, _, _),
      .wholeYears(let left, let right, _), .daysBetween(let left, let right, _),
      .wholeHijriYears(let left, let right, _), .shiftMonths(let left, let right, _, _):
      [left, right]
    }
  }
}
