import MizanCore

extension Parser {
  /// Units a number literal may carry.
  static let unitWords: Set<String> = ["SAR", "days", "day", "months", "month", "years", "year"]

  /// Parses an expression by precedence climbing. Depth is counted before every recursion and
  /// for every operator a chain adds (`a + b + c` is a tree two levels deep, which the loop below
  /// builds without recursing), so hostile nesting, or a chain of a million `+`, yields an error,
  /// never a stack overflow in the passes that walk the tree.
  mutating func parseExpression(minimumPrecedence: Int = 1) -> Expression {
    if expressionDepth == 0 { abandonedExpression = false }
    guard expressionDepth < ParserLimits.maxExpressionDepth else {
      return tooDeep()
    }
    expressionDepth += 1
    // One level for this call and one for each operator the loop puts above `left`.
    var levels = 1
    defer { expressionDepth -= levels }
    var left = parsePrefix()
    while !abandonedExpression {
      let isMembership = checkWord("in") || (checkWord("not") && peek().isWord("in"))
      let op = isMembership ? nil : binaryOperator(current)
      if isMembership {
        guard minimumPrecedence <= 4 else { break }
      } else {
        guard let op, op.precedence >= minimumPrecedence else { break }
      }
      guard expressionDepth < ParserLimits.maxExpressionDepth else { return tooDeep() }
      expressionDepth += 1
      levels += 1
      if let op {
        advance()
        let right = parseExpression(minimumPrecedence: op.precedence + 1)
        left = .binary(op, left, right, span: left.span.merged(with: right.span))
      } else {
        let negated = matchWord("not")
        advance()
        let set = parseExpression(minimumPrecedence: 5)
        left = .membership(left, set: set, negated: negated, span: left.span.merged(with: set.span))
      }
    }
    return left
  }

  func binaryOperator(_ token: Token) -> BinaryOperator? {
    switch token.kind {
    case .identifier where token.text == "and": .and
    case .identifier where token.text == "or": .or
    case .equal: .equal
    case .notEqual: .notEqual
    case .less: .less
    case .lessEqual: .lessEqual
    case .greater: .greater
    case .greaterEqual: .greaterEqual
    case .plus: .plus
    case .minus: .minus
    case .star: .times
    case .slash: .divided
    default: nil
    }
  }

  mutating func tooDeep() -> Expression {
    let start = current.span
    report(.expressionTooDeep, at: start)
    // Abandon the whole expression: skip to its end and let every enclosing level unwind
    // without expecting its closing token, so one error is reported, not 64.
    skipAbandonedExpression()
    abandonedExpression = true
    return .missing(span: start)
  }

  /// Skips the rest of an expression: until its open brackets are closed, then up to the block's
  /// `{`, a `when`, a `}` or the next line, whichever comes first.
  mutating func skipAbandonedExpression() {
    var open = openBrackets
    while !isAtEnd, !atDeclarationStart {
      switch current.kind {
      case .leftParen:
        open += 1
      case .leftBrace:
        if open == 0 { return }
        open += 1
      case .rightParen, .rightBrace:
        if open == 0 { return }
        open -= 1
      default:
        if open == 0, current.startsLine || current.isWord("when") { return }
      }
      advance()
    }
  }

  mutating func parsePrefix() -> Expression {
    let start = current
    if matchWord("not") {
      let operand = parseExpression(minimumPrecedence: 3)
      return .not(operand, span: start.span.merged(with: operand.span))
    }
    if match(.minus) {
      let operand = parseExpression(minimumPrecedence: 7)
      return .negate(operand, span: start.span.merged(with: operand.span))
    }
    return parsePrimary()
  }

  mutating func parsePrimary() -> Expression {
    let token = current
    switch token.kind {
    case .number:
      advance()
      var unit: String?
      if check(.identifier), Parser.unitWords.contains(current.text) {
        // One spelling per unit in the tree: `day` is `days`, `year` is `years`.
        let word = advance().text
        unit = word == "SAR" ? "SAR" : Period(amount: 0, word: word)?.unit.rawValue
      }
      // The unit is read first even for a bad number, so that it is not reported again as a stray word.
      guard let value = DecimalNumber(parsing: Substring(token.text)) else {
        report(.invalidNumber(token.text), at: token.span)
        return .missing(span: token.span)
      }
      return .literal(.number(value, unit: unit), span: span(from: token.span))
    case .date:
      advance()
      guard let literal = dateLiteral(token) else { return .missing(span: token.span) }
      return .literal(literal, span: token.span)
    case .string:
      guard let text = parseText() else { return .missing(span: token.span) }
      return .literal(.text(text.value), span: text.span)
    case .leftParen:
      advance()
      openBrackets += 1
      let inner = parseExpression()
      openBrackets -= 1
      if !abandonedExpression { expect(.rightParen) }
      return inner
    case .leftBrace:
      return parseSetLiteral()
    case .identifier where token.text == "true" || token.text == "false":
      advance()
      return .literal(.bool(token.text == "true"), span: token.span)
    case .identifier where !["and", "or", "in", "when"].contains(token.text):
      advance()
      let name = Identifier(token.text, span: token.span)
      guard check(.leftParen) else { return .name(name) }
      if let quantifier = Quantifier(rawValue: name.name) { return parseQuantifier(quantifier, name) }
      return parseCall(name)
    default:
      reportExpected("an expression")
      // Skip the stray token, but not one an enclosing construct is waiting for.
      let awaited: [TokenKind] = [.endOfFile, .rightBrace, .leftBrace, .rightParen, .comma]
      if !awaited.contains(token.kind), !token.isWord("when"), !atDeclarationStart {
        advance()
      }
      return .missing(span: token.span)
    }
  }

  /// `count(list [where e])`, `any(list where e)`, `all(list where e)`, `sum(e of list [where e])`.
  mutating func parseQuantifier(_ quantifier: Quantifier, _ keyword: Identifier) -> Expression {
    advance()
    openBrackets += 1
    defer { openBrackets -= 1 }
    var body: Expression?
    if quantifier == .sum {
      body = parseExpression()
      guard !abandonedExpression else { return .missing(span: span(from: keyword.span)) }
      if !matchWord("of") { reportExpected("`of` and a list (`sum(monthly_income of members)`)") }
    }
    guard let list = expectIdentifier("a list fact") else { return .missing(span: span(from: keyword.span)) }
    var filter: Expression?
    if matchWord("where") { filter = parseExpression() }
    if !abandonedExpression { expect(.rightParen) }
    return .quantifier(quantifier, list: list, body: body, filter: filter, span: span(from: keyword.span))
  }

  mutating func parseCall(_ name: Identifier) -> Expression {
    advance()
    openBrackets += 1
    var arguments: [Expression] = []
    if !check(.rightParen) {
      repeat {
        arguments.append(parseExpression())
      } while !abandonedExpression && match(.comma)
    }
    openBrackets -= 1
    if !abandonedExpression { expect(.rightParen) }
    return .call(name, arguments, span: span(from: name.span))
  }

  mutating func parseSetLiteral() -> Expression {
    let open = advance()
    openBrackets += 1
    var elements: [Expression] = []
    if !check(.rightBrace) {
      repeat {
        if check(.rightBrace) { break }  // a trailing comma is harmless in a long list
        elements.append(parseExpression())
      } while !abandonedExpression && match(.comma)
    }
    openBrackets -= 1
    if !abandonedExpression { expect(.rightBrace) }
    return .set(elements, span: span(from: open.span))
  }
}
