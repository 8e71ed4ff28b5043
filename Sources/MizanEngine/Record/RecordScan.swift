import MizanCore

/// A record read straight from its bytes into the positions of its fields, without building a
/// `JSONValue` tree: the fast path of batch evaluation.
///
/// It accepts only the plain shape records usually have: the envelope fields, `facts` with
/// scalar values, `documents` with scalar fields, strings without escapes, numbers without
/// exponent, every name known and given once. Anything else (including every malformed record)
/// makes `scan` return false, and the caller reads the record with `JSONReader` and
/// `RecordDecoder`, which accept or reject it and say why: so the fast path never changes what
/// is accepted, nor any message.
package struct RecordScan {
  /// A scalar's position: a string's content (without quotes), a number's text, or a literal.
  package struct Token: Sendable {
    package enum Kind: UInt8, Sendable {
      case string, number, `true`, `false`, null
    }

    package var kind: Kind
    package var start: Int
    package var end: Int
    /// For strings: every byte is ASCII.
    package var isASCII: Bool
  }

  /// One member of `facts`.
  package struct Member: Sendable {
    package var key: Token
    package var value: Token
  }

  /// One element of `documents`.
  package struct Document: Sendable {
    package var type: Token?
    package var expiresOn: Token?
    package var dated: Token?
    package var signedOn: Token?
    package var issuedOn: Token?
    package var number: Token?
    package var note: Token?
  }

  package var applicationID: Token?
  package var association: Token?
  package var submittedOn: Token?
  package var channel: Token?
  package var hasFacts = false
  package var facts: [Member] = []
  package var hasDocuments = false
  package var documents: [Document] = []

  package init() {}

  /// Reads `bytes`; false when the record is not of the plain shape (or not valid JSON).
  package mutating func scan(_ bytes: UnsafeRawBufferPointer, limits: JSONLimits = .default) -> Bool {
    applicationID = nil
    association = nil
    submittedOn = nil
    channel = nil
    hasFacts = false
    facts.removeAll(keepingCapacity: true)
    hasDocuments = false
    documents.removeAll(keepingCapacity: true)
    guard bytes.count <= limits.maxBytes else { return false }
    var cursor = Cursor(bytes: bytes, maxStringBytes: min(limits.maxStringBytes, bytes.count))
    guard cursor.skip(UInt8(ascii: "{")) else { return false }
    var seen: UInt8 = 0
    if cursor.skip(UInt8(ascii: "}")) { return cursor.isAtEnd() }
    repeat {
      guard let key = cursor.string(), cursor.skip(UInt8(ascii: ":")) else { return false }
      let field = Cursor.envelopeField(key, in: bytes)
      guard field >= 0, seen & (1 << field) == 0 else { return false }
      seen |= 1 << field
      switch field {
      case 4:
        hasFacts = true
        guard scanFacts(&cursor, limits: limits) else { return false }
      case 5:
        hasDocuments = true
        guard scanDocuments(&cursor) else { return false }
      default:
        guard let token = cursor.scalar() else { return false }
        switch field {
        case 0: applicationID = token
        case 1: association = token
        case 2: submittedOn = token
        default: channel = token
        }
      }
    } while cursor.skip(UInt8(ascii: ","))
    return cursor.skip(UInt8(ascii: "}")) && cursor.isAtEnd()
  }

  private mutating func scanFacts(_ cursor: inout Cursor, limits: JSONLimits) -> Bool {
    guard cursor.skip(UInt8(ascii: "{")) else { return false }
    if cursor.skip(UInt8(ascii: "}")) { return true }
    repeat {
      guard facts.count < limits.maxMembers, let key = cursor.string(), key.isASCII, cursor.skip(UInt8(ascii: ":")),
        let value = cursor.scalar()
      else { return false }
      facts.append(Member(key: key, value: value))
    } while cursor.skip(UInt8(ascii: ","))
    return cursor.skip(UInt8(ascii: "}"))
  }

  private mutating func scanDocuments(_ cursor: inout Cursor) -> Bool {
    guard cursor.skip(UInt8(ascii: "[")) else { return false }
    if cursor.skip(UInt8(ascii: "]")) { return true }
    repeat {
      guard documents.count < RecordDecoder.maxDocuments, cursor.skip(UInt8(ascii: "{")) else { return false }
      var document = Document()
      if !cursor.skip(UInt8(ascii: "}")) {
        var seen: UInt8 = 0
        repeat {
          guard let key = cursor.string(), cursor.skip(UInt8(ascii: ":")), let value = cursor.scalar() else {
            return false
          }
          let field = Cursor.documentField(key, in: cursor.bytes)
          guard field >= 0, seen & (1 << field) == 0 else { return false }
          seen |= 1 << field
          switch field {
          case 0: document.type = value
          case 1: document.expiresOn = value
          case 2: document.dated = value
          case 3: document.signedOn = value
          case 4: document.issuedOn = value
          case 5: document.number = value
          default: document.note = value
          }
        } while cursor.skip(UInt8(ascii: ","))
        guard cursor.skip(UInt8(ascii: "}")) else { return false }
      }
      documents.append(document)
    } while cursor.skip(UInt8(ascii: ","))
    return cursor.skip(UInt8(ascii: "]"))
  }
}

/// A position in the bytes of one record, with the few token readers the plain shape needs.
private struct Cursor {
  let bytes: UnsafeRawBufferPointer
  let maxStringBytes: Int
  var index = 0

  init(bytes: UnsafeRawBufferPointer, maxStringBytes: Int) {
    self.bytes = bytes
    self.maxStringBytes = maxStringBytes
  }

  @inline(__always)
  mutating func skipWhitespace() {
    while index < bytes.count {
      let byte = bytes[index]
      guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
      index += 1
    }
  }

  /// Moves past whitespace and `byte`, if `byte` is next.
  @inline(__always)
  mutating func skip(_ byte: UInt8) -> Bool {
    skipWhitespace()
    guard index < bytes.count, bytes[index] == byte else { return false }
    index += 1
    return true
  }

  /// Whether only whitespace is left.
  mutating func isAtEnd() -> Bool {
    skipWhitespace()
    return index == bytes.count
  }

  /// A string without escapes or control characters, of well-formed UTF-8.
  mutating func string() -> RecordScan.Token? {
    skipWhitespace()
    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
    let start = index + 1
    var position = start
    var isASCII = true
    // Eight bytes at a time while none is a quote, a backslash, a control character or not ASCII.
    if let base = bytes.baseAddress {
      while position + 8 <= bytes.count {
        let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt64.self))
        let special = Self.specialBytes(word)
        guard special == 0 else {
          // The lowest flag is exact: the byte loop starts at the quote (or whatever ends the run).
          position += special.trailingZeroBitCount >> 3
          break
        }
        position += 8
      }
    }
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        guard position - start <= maxStringBytes else { return nil }
        index = position + 1
        return RecordScan.Token(kind: .string, start: start, end: position, isASCII: isASCII)
      }
      if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
      if byte < 0x80 {
        position += 1
      } else {
        isASCII = false
        guard let length = utf8SequenceLength(at: position) else { return nil }
        position += length
      }
    }
    return nil
  }

  /// The high bit of each byte of `word` (little-endian) that is a quote, a backslash, a control
  /// character or not ASCII; bytes above the lowest flagged one may be flagged falsely.
  @inline(__always)
  static func specialBytes(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let belowSpace = (word &- ones &* 0x20) & ~word & highs
    let quote = word ^ (ones &* 0x22)
    let backslash = word ^ (ones &* 0x5C)
    let hasQuote = (quote &- ones) & ~quote & highs
    let hasBackslash = (backslash &- ones) & ~backslash & highs
    return (word & highs) | belowSpace | hasQuote | hasBackslash
  }

  /// A string, a plain number (no exponent, at most 15 digits), `true`, `false` or `null`.
  mutating func scalar() -> RecordScan.Token? {
    skipWhitespace()
    guard index < bytes.count else { return nil }
    switch bytes[index] {
    case UInt8(ascii: "\""):
      return string()
    case UInt8(ascii: "t"):
      return literal("true", .true)
    case UInt8(ascii: "f"):
      return literal("false", .false)
    case UInt8(ascii: "n"):
      return literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return number()
    default:
      return nil
    }
  }

  private mutating func literal(_ word: StaticString, _ kind: RecordScan.Token.Kind) -> RecordScan.Token? {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count else { return nil }
    for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return nil }
    let start = index
    index += count
    return RecordScan.Token(kind: kind, start: start, end: index, isASCII: true)
  }

  /// `-? (0 | [1-9][0-9]*) (\.[0-9]+)?`; a number with an exponent is left to the full reader.
  private mutating func number() -> RecordScan.Token? {
    let start = index
    var position = index
    if bytes[position] == UInt8(ascii: "-") { position += 1 }
    let digitsStart = position
    while position < bytes.count, bytes[position] &- UInt8(ascii: "0") < 10 { position += 1 }
    let integerDigits = position - digitsStart
    guard integerDigits > 0, integerDigits == 1 || bytes[digitsStart] != UInt8(ascii: "0") else { return nil }
    if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
      position += 1
      let fractionStart = position
      while position < bytes.count, bytes[position] &- UInt8(ascii: "0") < 10 { position += 1 }
      guard position > fractionStart else { return nil }
    }
    if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") { return nil }
    index = position
    return RecordScan.Token(kind: .number, start: start, end: position, isASCII: true)
  }

  /// The length of the well-formed UTF-8 sequence at `offset` (Unicode Table 3-7), or nil.
  private func utf8SequenceLength(at offset: Int) -> Int? {
    let lead = bytes[offset]
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    let length: Int
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED:
      length = 3
      high = 0x9F
    case 0xF0:
      length = 4
      low = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4:
      length = 4
      high = 0x8F
    default: return nil
    }
    guard offset + length <= bytes.count, (low...high).contains(bytes[offset + 1]) else { return nil }
    for position in offset + 2..<offset + length where bytes[position] & 0xC0 != 0x80 { return nil }
    return length
  }

  /// The index of an envelope field name in `RecordDecoder.envelopeFields`, or -1. The names
  /// differ in length, so the length says which one to compare.
  static func envelopeField(_ key: RecordScan.Token, in bytes: UnsafeRawBufferPointer) -> Int {
    let (index, name): (Int, StaticString) =
      switch key.end - key.start {
      case 14: (0, "application_id")
      case 11: (1, "association")
      case 12: (2, "submitted_on")
      case 7: (3, "channel")
      case 5: (4, "facts")
      case 9: (5, "documents")
      default: (-1, "")
      }
    return index >= 0 && RecordScan.equals(key, name, in: bytes) ? index : -1
  }

  /// The index of a document field name in `RecordDecoder.documentFields`, or -1.
  static func documentField(_ key: RecordScan.Token, in bytes: UnsafeRawBufferPointer) -> Int {
    let length = key.end - key.start
    guard length >= 4 else { return -1 }
    let (index, name): (Int, StaticString) =
      switch (length, bytes[key.start]) {
      case (4, UInt8(ascii: "t")): (0, "type")
      case (10, _): (1, "expires_on")
      case (5, _): (2, "dated")
      case (9, UInt8(ascii: "s")): (3, "signed_on")
      case (9, UInt8(ascii: "i")): (4, "issued_on")
      case (6, _): (5, "number")
      case (4, UInt8(ascii: "n")): (6, "note")
      default: (-1, "")
      }
    return index >= 0 && RecordScan.equals(key, name, in: bytes) ? index : -1
  }
}

extension RecordScan {
  /// Whether a token's bytes are exactly `name`.
  @inline(__always)
  package static func equals(_ token: Token, _ name: [UInt8], in bytes: UnsafeRawBufferPointer) -> Bool {
    guard token.end - token.start == name.count else { return false }
    for offset in 0..<name.count where bytes[token.start + offset] != name[offset] { return false }
    return true
  }

  /// Whether a token's bytes are exactly `name`.
  @inline(__always)
  static func equals(_ token: Token, _ name: StaticString, in bytes: UnsafeRawBufferPointer) -> Bool {
    let count = name.utf8CodeUnitCount
    guard token.end - token.start == count else { return false }
    for offset in 0..<count where bytes[token.start + offset] != name.utf8Start[offset] { return false }
    return true
  }

  /// The token's bytes.
  @inline(__always)
  package static func slice(_ token: Token, in bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end])
  }
}
