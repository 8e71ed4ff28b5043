import MizanCore

extension Parser {
  /// Skips to the next top-level declaration keyword at the start of a line (jlox's
  /// `synchronize`), or to the first line after the bad declaration's block, so one bad
  /// declaration does not hide the errors after it (a misspelt keyword on the next one included).
  mutating func synchronizeToDeclaration() {
    var depth = 0
    var closedBlock = false
    repeat {
      switch current.kind {
      case .leftBrace:
        depth += 1
      case .rightBrace:
        depth = max(0, depth - 1)
        closedBlock = closedBlock || depth == 0
      default:
        break
      }
      advance()
    } while !isAtEnd && !(current.startsLine && (atDeclarationStart || (closedBlock && depth == 0)))
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

extension Parser {
  /// Reports a clause word the block does not accept, with the nearest allowed one, and
  /// skips to the next clause.
  mutating func reportUnknownClause(_ word: Token, in declaration: String, allowed: [String]) {
    let help = Suggestions.nearest(to: word.text, among: allowed).map {
      LocalizedText(ar: "هل تقصد `\($0)`؟", en: "did you mean `\($0)`?")
    } ?? LocalizedText(ar: "البنود المسموحة: \(allowed.joined(separator: "، "))",
                       en: "allowed clauses: \(allowed.joined(separator: ", "))")
    report(.unknownClause(word.text, in: declaration), at: word.span, help: help)
    index -= 1
    synchronizeToClause()
  }
}
