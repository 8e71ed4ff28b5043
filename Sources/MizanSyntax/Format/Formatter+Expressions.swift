import MizanCore

extension Formatter {
  /// A piece of a line: fixed text, or an expression whose set literals may be broken.
  enum LinePart {
    /// Written as is.
    case text(String)
    /// Written by `expressionText(_:breakingSetsAt:)`.
    case expression(Expression)
  }

  /// The parts as one line at `indent`; when that line (plus `reserving` columns) is wider than
  /// `lineWidth`, every non-empty set literal in it is written one element per line instead.
  ///
  /// The choice depends only on the flat width, which the broken form parses back to, so the
  /// result is stable under reformatting.
  static func line(_ parts: [LinePart], indent: String, reserving: Int = 0) -> String {
    let flat = indent + parts.map { partText($0, breakingSetsAt: nil) }.joined()
    guard flat.count + reserving > lineWidth else { return flat }
    return indent + parts.map { partText($0, breakingSetsAt: indent) }.joined()
  }

  /// One part's text, with its sets broken at `indent` when one is given.
  static func partText(_ part: LinePart, breakingSetsAt indent: String?) -> String {
    switch part {
    case .text(let text): text
    case .expression(let expression): expressionText(expression, breakingSetsAt: indent)
    }
  }

  /// The expression with as few parentheses as the parser's precedence allows and spaced
  /// operators. With an indentation, set literals are broken over lines at that indentation.
  package static func expressionText(_ expression: Expression, breakingSetsAt indent: String? = nil) -> String {
    switch expression {
    case .literal(let literal, _):
      return literalText(literal)
    case .name(let name):
      return name.name
    case .not(let operand, _):
      return "not " + operandText(operand, atLeast: 3, indent: indent)
    case .negate(let operand, _):
      // `-(-x)` rather than `--x`, which reads as a decrement.
      return "-" + operandText(operand, atLeast: 8, indent: indent)
    case .binary(let op, let left, let right, _):
      // Left-associative: the left operand may share the operator's precedence, the right not.
      return operandText(left, atLeast: op.precedence, indent: indent) + " \(op.rawValue) "
        + operandText(right, atLeast: op.precedence + 1, indent: indent)
    case .membership(let element, let set, let negated, _):
      return operandText(element, atLeast: 4, indent: indent) + (negated ? " not in " : " in ")
        + operandText(set, atLeast: 5, indent: indent)
    case .set(let elements, _):
      return setText(elements, breakingAt: indent)
    case .call(let name, let arguments, _):
      return name.name + "(" + arguments.map { expressionText($0, breakingSetsAt: indent) }.joined(separator: ", ")
        + ")"
    case .quantifier(let quantifier, let list, let body, let filter, _):
      let summand = body.map { expressionText($0, breakingSetsAt: indent) + " of " } ?? ""
      let condition = filter.map { " where " + expressionText($0, breakingSetsAt: indent) } ?? ""
      return quantifier.rawValue + "(" + summand + list.name + condition + ")"
    case .missing:
      return "?"
    }
  }

  /// The operand, in parentheses when it binds more loosely than its position requires.
  static func operandText(_ operand: Expression, atLeast precedence: Int, indent: String?) -> String {
    let text = expressionText(operand, breakingSetsAt: indent)
    return bindingPrecedence(of: operand) >= precedence ? text : "(" + text + ")"
  }

  /// How tightly an expression holds together, on `BinaryOperator.precedence`'s scale: `not`
  /// at 3 (its operand is parsed at 3), membership at 4, unary minus at 7, atoms at 8.
  static func bindingPrecedence(of expression: Expression) -> Int {
    switch expression {
    case .binary(let op, _, _, _): op.precedence
    case .membership: 4
    case .not: 3
    case .negate: 7
    case .literal, .name, .set, .call, .quantifier, .missing: 8
    }
  }

  /// `{a, b}`; broken, each element on its own line one level in, with a trailing comma.
  static func setText(_ elements: [Expression], breakingAt indent: String?) -> String {
    guard let indent, !elements.isEmpty else {
      return "{" + elements.map { expressionText($0, breakingSetsAt: nil) }.joined(separator: ", ") + "}"
    }
    let inner = indent + indentUnit
    let lines = elements.map { inner + expressionText($0, breakingSetsAt: inner) + ",\n" }
    return "{\n" + lines.joined() + indent + "}"
  }

  /// A literal as written: ASCII digits with the unit word, a quoted text, a date as written.
  static func literalText(_ literal: Literal) -> String {
    switch literal {
    case .number(let value, let unit):
      guard let unit else { return value.description }
      // The parser reads `day` as `days`; one day (month, year) reads better in the singular.
      let word = unit != "SAR" && value == DecimalNumber(integer: 1) ? String(unit.dropLast()) : unit
      return value.description + " " + word
    case .text(let value):
      return quoted(value)
    case .bool(let value):
      return value ? "true" : "false"
    case .date(_, let written):
      return written
    }
  }
}
