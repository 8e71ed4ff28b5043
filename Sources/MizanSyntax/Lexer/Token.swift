import MizanCore

/// The kinds of token in a policy file.
package enum TokenKind: Hashable, Sendable {
  case identifier
  /// A number, ASCII or Arabic-Indic digits, optional fraction: `4000`, `٤٠٠٠`, `1.5`.
  case number
  /// A Gregorian `2024-01-15` or Hijri `1445-08-29H` date.
  case date
  /// A double-quoted string; the token's `text` holds the decoded value.
  case string
  case leftBrace, rightBrace, leftParen, rightParen, comma, colon
  case assign, equal, notEqual, less, lessEqual, greater, greaterEqual
  case plus, minus, star, slash
  /// Something the lexer could not read; it has already reported why.
  case invalid
  case endOfFile
}

/// One token, with its span and whether it is the first on its line (used for recovery).
package struct Token: Sendable {
  package let kind: TokenKind
  /// The source text, except for strings, where it is the decoded value.
  package let text: String
  package let span: SourceSpan
  package let startsLine: Bool

  package func isWord(_ word: String) -> Bool { kind == .identifier && text == word }
}

/// A `#` comment, kept so the formatter can put it back.
package struct Comment: Hashable, Sendable {
  package let text: String
  package let span: SourceSpan
  /// True when code precedes the comment on its line.
  package let isTrailing: Bool
}

extension TokenKind {
  /// How the token is named in "expected …, found …" messages.
  package var displayName: String {
    switch self {
    case .identifier: "a name"
    case .number: "a number"
    case .date: "a date"
    case .string: "a text in quotes"
    case .leftBrace: "`{`"
    case .rightBrace: "`}`"
    case .leftParen: "`(`"
    case .rightParen: "`)`"
    case .comma: "`,`"
    case .colon: "`:`"
    case .assign: "`=`"
    case .equal: "`==`"
    case .notEqual: "`!=`"
    case .less: "`<`"
    case .lessEqual: "`<=`"
    case .greater: "`>`"
    case .greaterEqual: "`>=`"
    case .plus: "`+`"
    case .minus: "`-`"
    case .star: "`*`"
    case .slash: "`/`"
    case .invalid: "an invalid character"
    case .endOfFile: "the end of the file"
    }
  }
}
