import MizanCore

extension Parser {
  /// Skips to the next top-level declaration keyword at the start of a line (jlox's
  /// `synchronize`), so one bad declaration does not hide the errors after it.
  mutating func synchronizeToDeclaration() {
    advance()
    while !isAtEnd {
      if current.startsLine, current.kind == .identifier, Parser.declarationKeywords.contains(current.text) {
        return
      }
      advance()
    }
  }

  /// Inside a block: skips to the next token that starts a line (the next clause) or to `}`.
  mutating func synchronizeToClause() {
    advance()
    while !isAtEnd, !current.startsLine, !check(.rightBrace) { advance() }
  }

  /// True when the current token looks like the start of the next declaration, which means
  /// a block was left unclosed.
  var atDeclarationStart: Bool {
    current.startsLine && current.kind == .identifier && Parser.declarationKeywords.contains(current.text)
  }
}
