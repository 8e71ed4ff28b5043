/// Why and where `JSONReader` stopped: the first problem in the document, located by byte offset, by line and
/// column, and by JSON path.
package struct JSONReadError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What was wrong with the document.
  package enum Kind: Sendable, Equatable {
    /// The input ended while `expected` was still needed; `.endOfString` means an unterminated string.
    case unexpectedEnd(expected: Expectation)
    /// A character (shown as itself, as `U+XXXX`, or as `0xXX` for a byte that is not UTF-8) where
    /// `expected` was needed.
    case unexpectedCharacter(String, expected: Expectation)
    /// Bytes inside a string that are not well-formed UTF-8.
    case invalidUTF8
    /// A backslash escape JSON does not define, or a `\u` surrogate without its pair.
    case invalidEscape
    /// A raw control character (U+0000 to U+001F) inside a string; JSON requires it escaped.
    case controlCharacterInString
    /// A number outside JSON's grammar: leading zeros, a bare `-`, `1.`, `1e`.
    case invalidNumber
    /// A number whose magnitude is too large for a double.
    case numberOutOfRange
    /// A second member with this name in one object; records must be unambiguous.
    case duplicateKey(String)
    /// Something other than whitespace after the document's value.
    case trailingContent
    /// The document is longer than `limit` bytes.
    case tooLarge(limit: Int)
    /// Arrays and objects nest deeper than `limit` levels.
    case tooDeep(limit: Int)
    /// A string or member name is longer than `limit` bytes.
    case stringTooLong(limit: Int)
    /// An array or object has more than `limit` elements or members.
    case tooManyMembers(limit: Int)
    /// The document starts with a UTF-8 byte-order mark, which RFC 8259 forbids.
    case byteOrderMark
  }

  /// What the reader was looking for when the input ended or held something else.
  package enum Expectation: Sendable, Equatable {
    /// Any JSON value.
    case value
    /// A member name, in double quotes.
    case memberName
    /// The `:` after a member name.
    case colon
    /// `,` or the `]` that closes an array.
    case commaOrEndOfArray
    /// `,` or the `}` that closes an object.
    case commaOrEndOfObject
    /// The `"` that closes a string.
    case endOfString
    /// The rest of the literal `true`, `false` or `null`.
    case literal(String)
  }

  /// What was wrong.
  package let kind: Kind
  /// The byte offset of the problem in the input; for an unterminated or too long string, its opening quote.
  package let offset: Int
  /// The 1-based line of `offset`; lines end at `\n`.
  package let line: Int
  /// The 1-based column of `offset`, counting Unicode scalars from the start of its line.
  package let column: Int
  /// Where in the document the reader was: the value being read, or the member whose name was just read.
  package let path: JSONPath

  /// An error of the given kind at a located place.
  package init(kind: Kind, offset: Int, line: Int, column: Int, path: JSONPath) {
    self.kind = kind
    self.offset = offset
    self.line = line
    self.column = column
    self.path = path
  }

  /// The error in English: `facts.household_size (1:57): unterminated string`.
  package var description: String { "\(path) (\(line):\(column)): \(reason)" }

  /// The error in Arabic, located the same way as `description`.
  package var messageArabic: String { "\(path) (\(line):\(column)): \(reasonArabic)" }
}
