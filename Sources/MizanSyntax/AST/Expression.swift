import MizanCore

/// A literal value as written.
package enum Literal: Hashable, Sendable {
  /// A number with an optional unit word: `4000 SAR`, `14 days`, `5`.
  case number(DecimalNumber, unit: String?)
  case text(String)
  case bool(Bool)
  /// A date; `written` keeps the calendar the administrator used (`1445-08-29H`).
  case date(CalendarDate, written: String)
}

/// What a quantifier asks of a list of members.
package enum Quantifier: String, Hashable, Sendable, CaseIterable {
  /// How many members (that meet the `where`).
  case count
  /// Whether some member meets the `where`.
  case any
  /// Whether every member meets the `where` (true of an empty list).
  case all
  /// The total of an amount over the members (that meet the `where`).
  case sum
}

/// Binary operators, by precedence group.
package enum BinaryOperator: String, Hashable, Sendable {
  case or, and
  case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
  case plus = "+", minus = "-", times = "*", divided = "/"

  /// Higher binds tighter.
  package var precedence: Int {
    switch self {
    case .or: 1
    case .and: 2
    case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: 4
    case .plus, .minus: 5
    case .times, .divided: 6
    }
  }

  package var isComparison: Bool { precedence == 4 }
}

/// An expression of the policy language. Total by construction: no loops, no recursion, no
/// user-defined functions, so evaluation is linear in the size of the tree.
package indirect enum Expression: Hashable, Sendable {
  case literal(Literal, span: SourceSpan)
  /// A fact, parameter, derived value, enumeration value or document name.
  case name(Identifier)
  /// `not e` (precedence 3) or `-e`.
  case not(Expression, span: SourceSpan)
  case negate(Expression, span: SourceSpan)
  case binary(BinaryOperator, Expression, Expression, span: SourceSpan)
  /// `e in set` / `e not in set`.
  case membership(Expression, set: Expression, negated: Bool, span: SourceSpan)
  /// `{a, b, c}`: a set of enumeration values.
  case set([Expression], span: SourceSpan)
  /// A built-in function: `provided(doc)`, `valid(doc)`, `known(fact)`, `whole_years(from, to)`,
  /// `days_between(from, to)`.
  case call(Identifier, [Expression], span: SourceSpan)
  /// A question about a list of members (`count(children where age < 18)`, `any(…)`, `all(…)`,
  /// `sum(monthly_income of members where …)`): `body` is `sum`'s summand, `filter` the `where`;
  /// both are read in the member's scope.
  case quantifier(Quantifier, list: Identifier, body: Expression?, filter: Expression?, span: SourceSpan)
  /// Stands for what could not be parsed, so checking can go on after a syntax error.
  case missing(span: SourceSpan)

  package var span: SourceSpan {
    switch self {
    case .literal(_, let span), .not(_, let span), .negate(_, let span), .binary(_, _, _, let span),
      .membership(_, _, _, let span), .set(_, let span), .call(_, _, let span), .missing(let span),
      .quantifier(_, _, _, _, let span):
      span
    case .name(let identifier): identifier.span
    }
  }
}
