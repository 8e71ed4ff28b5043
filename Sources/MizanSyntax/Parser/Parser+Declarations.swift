import MizanCore

extension Parser {
  mutating func parseFile() -> PolicyFile {
    var header: PolicyHeader?
    var includes: [Include] = []
    var declarations: [Declaration] = []
    var reportedTooManyDeclarations = false
    while !isAtEnd {
      let start = current
      guard start.kind == .identifier else {
        if start.kind != .invalid { report(.unknownDeclaration(start.text), at: start.span) }
        synchronizeToDeclaration()
        continue
      }
      let leading = takeComments(before: start.span.range.lowerBound)
      switch start.text {
      case "policy":
        if let parsed = parseHeader(comments: Comments(leading: leading)) {
          if header == nil { header = parsed } else { report(.duplicateClause("policy"), at: parsed.association.span) }
        }
      case "include":
        if let parsed = parseInclude(comments: Comments(leading: leading)) { includes.append(parsed) }
      default:
        guard let declaration = parseDeclaration(comments: Comments(leading: leading)) else { continue }
        if declarations.count < ParserLimits.maxDeclarations {
          declarations.append(declaration)
        } else if !reportedTooManyDeclarations {
          // Once, at the first declaration past the limit; the rest are parsed (for their syntax
          // errors) but not kept.
          report(.tooManyDeclarations(ParserLimits.maxDeclarations), at: declaration.name.span)
          reportedTooManyDeclarations = true
        }
      }
    }
    let trailing = takeComments(before: Int.max)
    return PolicyFile(source: file, header: header, includes: includes, declarations: declarations,
                      trailingComments: trailing)
  }

  mutating func parseInclude(comments: Comments) -> Include? {
    let keyword = advance()
    guard let path = parseText() else {
      synchronizeToDeclaration()
      return nil
    }
    return Include(path: path, comments: comments, span: span(from: keyword.span))
  }

  /// One of `enum`, `parameter`, `fact`, `document`, `derived`, `condition`, `requirement`,
  /// `committee`, optionally after `override`. Returns nil after reporting when it cannot.
  mutating func parseDeclaration(comments: Comments) -> Declaration? {
    let start = current
    let isOverride = matchWord("override")
    let keyword = current
    guard keyword.kind == .identifier, Parser.declarationKeywords.contains(keyword.text),
      !["policy", "include", "override"].contains(keyword.text)
    else {
      report(.unknownDeclaration(keyword.text), at: keyword.span)
      synchronizeToDeclaration()
      return nil
    }
    advance()
    guard let name = expectIdentifier() else {
      synchronizeToDeclaration()
      return nil
    }
    // `fact birth_date of child: date`: a fact of each member of a kind.
    var owner: Identifier?
    if matchWord("of") {
      owner = expectIdentifier("a member kind")
    }
    var kind: Declaration.Kind
    switch keyword.text {
    case "enum":
      kind = .enumeration(values: [])
    case "parameter":
      let type = parseTypeAnnotation()
      expect(.assign)
      kind = .parameter(type: type, value: parseExpression())
    case "fact":
      kind = .fact(type: parseTypeAnnotation(), provider: nil)
    case "document":
      kind = .document(provider: nil, validity: [])
    case "derived":
      let type = parseTypeAnnotation()
      expect(.assign)
      kind = .derived(type: type, value: parseExpression())
    case "condition":
      expect(.colon)
      let test = parseExpression()
      kind = .condition(test: test, when: parseWhen())
    case "requirement":
      expect(.colon)
      let alternatives = parseAlternatives()
      if matchWord("of"), let list = expectIdentifier("a list of members") {
        let filter = matchWord("where") ? parseExpression() : nil
        kind = .memberRequirement(alternatives: alternatives, list: list, filter: filter, when: parseWhen())
      } else {
        kind = .requirement(alternatives: alternatives, when: parseWhen())
      }
    case "member":
      kind = .member(shownBy: nil)
    case "stage":
      expect(.colon)
      kind = .stage(test: parseExpression())
    case "vocabulary":
      // `vocabulary villages from "data/villages.txt" { … }`
      if !matchWord("from") { reportExpected("`from` and the file of values") }
      guard let path = parseText() else {
        synchronizeToDeclaration()
        return nil
      }
      kind = .vocabulary(file: path)
    default:
      kind = .committee(replyAfter: nil)
    }
    var declaration = Declaration(kind: kind, name: name, labels: nil, provenance: nil, isOverride: isOverride,
                                  comments: comments, span: name.span)
    declaration.owner = owner
    if check(.leftBrace) {
      parseBlock(of: &declaration)
    } else if !atDeclarationStart && !isAtEnd {
      reportExpected("`{`")
      synchronizeToDeclaration()
    }
    declaration.span = span(from: start.span)
    return declaration
  }

  /// `: type`; on error a placeholder type named `?` keeps the declaration.
  mutating func parseTypeAnnotation() -> TypeExpression {
    expect(.colon)
    if matchWord("set") {
      let setSpan = previous.span
      if !matchWord("of") { reportExpected("`of`") }
      guard let element = expectIdentifier("a type") else { return .named(Identifier("?", span: current.span)) }
      return .setOf(element, span: setSpan.merged(with: element.span))
    }
    if matchWord("list") {
      let listSpan = previous.span
      if !matchWord("of") { reportExpected("`of`") }
      guard let member = expectIdentifier("a member kind") else { return .named(Identifier("?", span: current.span)) }
      return .listOf(member, span: listSpan.merged(with: member.span))
    }
    guard let name = expectIdentifier("a type") else { return .named(Identifier("?", span: current.span)) }
    return .named(name)
  }

  mutating func parseWhen() -> Expression? {
    guard matchWord("when") else { return nil }
    return parseExpression()
  }

  /// `a or b or c`: the documents (or facts) any one of which satisfies a requirement.
  mutating func parseAlternatives() -> [Identifier] {
    var alternatives: [Identifier] = []
    repeat {
      guard let name = expectIdentifier("a document or fact name") else { break }
      alternatives.append(name)
    } while matchWord("or")
    return alternatives
  }
}
