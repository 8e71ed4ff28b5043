import MizanCore

/// Turns a policy file's bytes into tokens and comments, reporting what it cannot read and
/// carrying on, so that one run shows every problem.
package struct Lexer {
  let file: SourceFile
  let bytes: [UInt8]
  var offset = 0
  var sawCodeOnLine = false
  package internal(set) var tokens: [Token] = []
  package internal(set) var comments: [Comment] = []
  package internal(set) var diagnostics: [Diagnostic] = []

  package init(file: SourceFile) {
    self.file = file
    self.bytes = file.bytes
  }

  /// Lexes the whole file.
  package static func tokenize(_ file: SourceFile) -> Lexer {
    var lexer = Lexer(file: file)
    lexer.run()
    return lexer
  }

  mutating func run() {
    skipByteOrderMark()
    while true {
      skipWhitespace()
      guard offset < bytes.count else { break }
      let byte = bytes[offset]
      if byte == UInt8(ascii: "#") {
        lexComment()
      } else {
        lexToken(startingWith: byte)
      }
    }
    tokens.append(Token(kind: .endOfFile, text: "", span: span(bytes.count..<bytes.count), startsLine: true))
  }

  mutating func skipByteOrderMark() {
    guard bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { return }
    report(.byteOrderMark, 0..<3)
    offset = 3
  }

  mutating func skipWhitespace() {
    while offset < bytes.count {
      switch bytes[offset] {
      case UInt8(ascii: "\n"):
        sawCodeOnLine = false
        offset += 1
      case UInt8(ascii: "\r"):
        if offset + 1 < bytes.count, bytes[offset + 1] != UInt8(ascii: "\n") {
          report(.loneCarriageReturn, offset..<offset + 1)
        }
        offset += 1
      case UInt8(ascii: " "), UInt8(ascii: "\t"):
        offset += 1
      default:
        return
      }
    }
  }

  mutating func lexComment() {
    let start = offset
    while offset < bytes.count, bytes[offset] != UInt8(ascii: "\n") {
      // Comments are not fingerprinted, so what a reviewer reads in one must be what is there.
      if bytes[offset] == UInt8(ascii: "\r"), offset + 1 < bytes.count, bytes[offset + 1] != UInt8(ascii: "\n") {
        report(.loneCarriageReturn, offset..<offset + 1)
      }
      if let control = Lexer.bidiControl(in: bytes, at: offset) {
        report(.bidiControl(control, in: "comment"), offset..<offset + 3)
      }
      offset += 1
    }
    var end = offset
    // Blanks at the end of a comment mean nothing; dropping them here lets the formatter drop
    // them without the tree changing.
    let blanks: [UInt8] = [UInt8(ascii: "\r"), UInt8(ascii: " "), UInt8(ascii: "\t")]
    while end > start, blanks.contains(bytes[end - 1]) { end -= 1 }
    let text = String(decoding: bytes[start..<end], as: UTF8.self)
    comments.append(Comment(text: text, span: span(start..<end), isTrailing: sawCodeOnLine))
  }

  mutating func lexToken(startingWith byte: UInt8) {
    let start = offset
    let startsLine = !sawCodeOnLine
    sawCodeOnLine = true
    func emit(_ kind: TokenKind, length: Int) {
      offset = start + length
      let text = String(decoding: bytes[start..<offset], as: UTF8.self)
      tokens.append(Token(kind: kind, text: text, span: span(start..<offset), startsLine: startsLine))
    }
    let next: UInt8 = offset + 1 < bytes.count ? bytes[offset + 1] : 0
    switch byte {
    case UInt8(ascii: "{"): emit(.leftBrace, length: 1)
    case UInt8(ascii: "}"): emit(.rightBrace, length: 1)
    case UInt8(ascii: "("): emit(.leftParen, length: 1)
    case UInt8(ascii: ")"): emit(.rightParen, length: 1)
    case UInt8(ascii: ","): emit(.comma, length: 1)
    case UInt8(ascii: ":"): emit(.colon, length: 1)
    case UInt8(ascii: "+"): emit(.plus, length: 1)
    case UInt8(ascii: "-"): emit(.minus, length: 1)
    case UInt8(ascii: "*"): emit(.star, length: 1)
    case UInt8(ascii: "/"): emit(.slash, length: 1)
    case UInt8(ascii: "="): next == UInt8(ascii: "=") ? emit(.equal, length: 2) : emit(.assign, length: 1)
    case UInt8(ascii: "<"): next == UInt8(ascii: "=") ? emit(.lessEqual, length: 2) : emit(.less, length: 1)
    case UInt8(ascii: ">"): next == UInt8(ascii: "=") ? emit(.greaterEqual, length: 2) : emit(.greater, length: 1)
    case UInt8(ascii: "!") where next == UInt8(ascii: "="): emit(.notEqual, length: 2)
    case UInt8(ascii: "\""): lexString(startsLine: startsLine)
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
      var end = offset + 1
      while end < bytes.count, Lexer.isIdentifierByte(bytes[end]) { end += 1 }
      emit(.identifier, length: end - start)
    default:
      if Lexer.digitValue(in: bytes, at: offset) != nil {
        lexNumberOrDate(startsLine: startsLine)
      } else {
        lexInvalid(startsLine: startsLine)
      }
    }
  }

  /// Reports an unreadable character once, covering the whole run of them.
  mutating func lexInvalid(startsLine: Bool) {
    let start = offset
    let length = Lexer.scalarLength(in: bytes, at: offset)
    offset += length
    let text = String(decoding: bytes[start..<offset], as: UTF8.self)
    tokens.append(Token(kind: .invalid, text: text, span: span(start..<offset), startsLine: startsLine))
    if length == 0 || text.unicodeScalars.first == "\u{FFFD}" {
      report(.invalidUTF8, start..<max(offset, start + 1))
      if length == 0 { offset += 1 }
    } else {
      // An invisible character is named by its code point, `U+0007`, rather than printed.
      let scalar = text.unicodeScalars.first.map { $0.properties.generalCategory }
      let isVisible = ![.control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .unassigned,
                        .privateUse, .surrogate].contains(scalar)
      // A look-alike (a Cyrillic `о` in `incоme`) is named by its code point and name too.
      let named = text.unicodeScalars.map(Lexer.describe).joined(separator: " ")
      let shown = isVisible && text.utf8.count == 1 ? "`\(text)`" : isVisible ? "`\(text)` (\(named))" : named
      report(.unexpectedCharacter(shown), start..<offset,
             help: text.utf8.count > 1 && isVisible
               ? LocalizedText(ar: "الأسماء تُكتب بحروف ASCII اللاتينية والأرقام و_", en: "names are written in ASCII letters, digits and _")
               : nil)
    }
  }

  /// `U+043E CYRILLIC SMALL LETTER O`: a character named so that it cannot be mistaken.
  static func describe(_ scalar: Unicode.Scalar) -> String {
    "U+" + hex(scalar.value) + (scalar.properties.name.map { " " + $0 } ?? "")
  }

  /// The bidirectional embedding, override or isolate whose UTF-8 starts at `offset`
  /// (U+202A–U+202E, U+2066–U+2069: the controls that reorder what follows them), or nil.
  static func bidiControl(in bytes: [UInt8], at offset: Int) -> Unicode.Scalar? {
    guard offset + 2 < bytes.count, bytes[offset] == 0xE2 else { return nil }
    let second = bytes[offset + 1]
    let third = bytes[offset + 2]
    guard (second == 0x80 && (0xAA...0xAE).contains(third)) || (second == 0x81 && (0xA6...0xA9).contains(third)) else {
      return nil
    }
    let value = 0x2000 + (UInt32(second & 0x3F) << 6) + UInt32(third & 0x3F)
    return Unicode.Scalar(value)
  }

  /// `value` in upper-case hexadecimal, at least four digits.
  static func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }

  static func isIdentifierByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
      true
    default: false
    }
  }

  /// The length of the UTF-8 scalar at `offset`, or 0 when the bytes there are not valid UTF-8.
  static func scalarLength(in bytes: [UInt8], at offset: Int) -> Int {
    let lead = bytes[offset]
    let length: Int
    switch lead {
    case 0x00...0x7F: return 1
    case 0xC2...0xDF: length = 2
    case 0xE0...0xEF: length = 3
    case 0xF0...0xF4: length = 4
    default: return 0
    }
    guard offset + length <= bytes.count else { return 0 }
    for index in offset + 1..<offset + length where bytes[index] & 0xC0 != 0x80 { return 0 }
    let decoded = String(decoding: bytes[offset..<offset + length], as: UTF8.self)
    return decoded.unicodeScalars.first == "\u{FFFD}" ? 0 : length
  }

  func span(_ range: Range<Int>) -> SourceSpan { SourceSpan(file: file, range: range) }

  mutating func report(_ message: DiagnosticMessage, _ range: Range<Int>, help: LocalizedText? = nil) {
    // A run of bad bytes, or of characters that start no token, is one problem: the report of
    // the previous one grows to cover it (keeping its message, which names the first).
    let runs = [DiagnosticMessage.invalidUTF8.id, DiagnosticID("syntax.unexpectedCharacter")]
    if runs.contains(message.id), let last = diagnostics.last, last.id == message.id,
      let lastRange = last.span?.range, lastRange.upperBound == range.lowerBound
    {
      diagnostics[diagnostics.count - 1] = Diagnostic(last.message, at: span(lastRange.lowerBound..<range.upperBound))
      return
    }
    diagnostics.appendCapped(Diagnostic(message, at: span(range), help: help))
  }
}
