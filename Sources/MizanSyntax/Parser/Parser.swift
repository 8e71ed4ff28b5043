import MizanCore

/// A recursive-descent parser that recovers at declaration and clause boundaries, so one run
/// reports every syntax error of a file.
package struct Parser {
  let file: SourceFile
  var tokens: [Token]
  var index = 0
  var comments: [Comment]
  var commentIndex = 0
  var expressionDepth = 0
  /// Set when an expression was too deep to parse; enclosing levels then stop quietly.
  var abandonedExpression = false
  /// The `(` and `{` of the expression being parsed that are not closed yet, so an abandoned
  /// expression can be skipped to its end and no further.
  var openBrackets = 0
  package internal(set) var diagnostics: [Diagnostic] = []

  /// Words that start a top-level declaration; recovery stops at them.
  package static let declarationKeywords: Set<String> = [
    "policy", "include", "override", "enum", "parameter", "fact", "document", "derived", "condition",
    "requirement", "committee", "member", "stage", "vocabulary",
  ]

  init(file: SourceFile, lexer: Lexer) {
    self.file = file
    self.tokens = lexer.tokens
    self.comments = lexer.comments
    self.diagnostics = lexer.diagnostics
  }

  /// Parses one file. The result is always a file, possibly partial; `diagnostics` says
  /// whether it may be trusted.
  package static func parse(_ file: SourceFile) -> (file: PolicyFile, diagnostics: [Diagnostic]) {
    guard file.bytes.count <= ParserLimits.maxPolicyBytes else {
      let empty = PolicyFile(source: file, header: nil, includes: [], declarations: [], trailingComments: [])
      let span = SourceSpan(file: file, range: 0..<0)
      return (empty, [Diagnostic(.policyTooLarge, at: span)])
    }
    var parser = Parser(file: file, lexer: Lexer.tokenize(file))
    let policy = parser.parseFile()
    return (policy, parser.diagnostics)
  }

  // MARK: - Tokens

  var current: Token { tokens[index] }
  var previous: Token { tokens[max(0, index - 1)] }
  var isAtEnd: Bool { current.kind == .endOfFile }

  func peek(_ distance: Int = 1) -> Token { tokens[min(index + distance, tokens.count - 1)] }

  @discardableResult
  mutating func advance() -> Token {
    let token = current
    if !isAtEnd { index += 1 }
    return token
  }

  func check(_ kind: TokenKind) -> Bool { current.kind == kind }
  func checkWord(_ word: String) -> Bool { current.isWord(word) }

  mutating func match(_ kind: TokenKind) -> Bool {
    guard check(kind) else { return false }
    advance()
    return true
  }

  mutating func matchWord(_ word: String) -> Bool {
    guard checkWord(word) else { return false }
    advance()
    return true
  }

  /// Consumes a token of `kind`, or reports what was expected and leaves the position alone.
  @discardableResult
  mutating func expect(_ kind: TokenKind, _ what: String? = nil) -> Token? {
    if check(kind) { return advance() }
    reportExpected(what ?? kind.displayName)
    return nil
  }

  mutating func expectIdentifier(_ what: String = "a name") -> Identifier? {
    guard check(.identifier) else {
      reportExpected(what)
      return nil
    }
    let token = advance()
    return Identifier(token.text, span: token.span)
  }

  mutating func reportExpected(_ what: String) {
    // An invalid token was already reported by the lexer; one message per place is enough, so
    // a construct that gives up where an inner one already complained stays quiet.
    guard current.kind != .invalid, diagnostics.last?.span?.range.lowerBound != current.span.range.lowerBound else {
      return
    }
    report(.expected(what, found: describe(current)), at: current.span)
  }

  func describe(_ token: Token) -> String {
    switch token.kind {
    case .identifier: "`\(token.text)`"
    case .string: "a text in quotes"
    case .number, .date: "`\(token.text)`"
    default: token.kind.displayName
    }
  }

  mutating func report(_ message: DiagnosticMessage, at span: SourceSpan, help: LocalizedText? = nil) {
    diagnostics.appendCapped(Diagnostic(message, at: span, help: help))
  }

  func span(from start: SourceSpan) -> SourceSpan {
    SourceSpan(file: file, range: start.range.lowerBound..<max(start.range.lowerBound, previous.span.range.upperBound))
  }

  // MARK: - Comments

  /// Takes the comments that stand before `offset` and have not been placed yet.
  mutating func takeComments(before offset: Int) -> [String] {
    var taken: [String] = []
    while commentIndex < comments.count, comments[commentIndex].span.range.lowerBound < offset {
      taken.append(comments[commentIndex].text)
      commentIndex += 1
    }
    return taken
  }
}
