import MizanCore

/// A record read straight from its bytes, without building a `JSONValue` tree: the fast path of
/// batch evaluation.
///
/// It accepts only the plain shape records usually have: the envelope fields, `facts` with
/// scalar values, `documents` with scalar fields, strings without escapes, numbers without sign
/// or exponent, envelope and document field names known and given once, dates where a date must
/// be. Anything else (including every malformed record) makes `scan` return false, and the
/// caller reads the record with `JSONReader` and `RecordDecoder`, which accept or reject it and
/// say why: so the fast path never changes what is accepted, nor any message.
///
/// Fact names depend on the policy, which is chosen only after the envelope is read: the scan
/// keeps each fact's name as a range of the bytes, and `RecordDecoder.decode(_:envelope:in:plan:into:)`
/// looks them up. So an unknown fact, or a fact given twice, passes the scan and makes that
/// decode return false.
///
/// What can be read without the policy is read here, once: dates of the envelope and documents
/// become `CalendarDate`s and numbers become their scaled value, so the decoder does not walk the
/// bytes a second time.
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

  /// A fact's value (or the channel's): its token and, for a number, its value.
  package struct Scalar: Sendable {
    package var token: Token
    /// For numbers: the value times `DecimalNumber.scale` (only numbers that fit are accepted).
    package var scaled: Int64 = 0
    /// For strings of the form `YYYY-MM-DD`: the date, read while the bytes are at hand (nil for
    /// any other string, or no such day: the decoder then asks `CalendarDate.parse`).
    package var date: CalendarDate?
  }

  /// One member of `facts`: the bytes of its name, and its value.
  package struct Fact: Sendable {
    package var keyStart: Int
    package var keyEnd: Int
    package var value: Scalar
  }

  /// One element of `documents`, its dates read; `number` and `note` were checked to be strings
  /// or `null`, which is all the decoder asks of them.
  package struct Document: Sendable {
    /// The bytes of `type` (a string, always given).
    package var typeStart: Int
    package var typeEnd: Int
    package var expiresOn: CalendarDate?
    package var dated: CalendarDate?
    package var signedOn: CalendarDate?
    package var issuedOn: CalendarDate?
  }

  /// Non-empty strings (the envelope needs them so).
  package var applicationID: Token?
  package var association: Token?
  package var submittedOn: CalendarDate?
  package var channel: Scalar?
  /// The record's facts are the first `factCount`: the storage is kept from record to record
  /// and overwritten (clearing and appending cost more than reading the record).
  package private(set) var facts: [Fact] = []
  package private(set) var factCount = 0
  /// The record's documents are the first `documentCount`, as facts.
  package private(set) var documents: [Document] = []
  package private(set) var documentCount = 0
  /// Months whose dates this scan has read, kept from record to record.
  private var months = MonthTable()

  package init() {}

  /// Reads `bytes`; false when the record is not of the plain shape (or not valid JSON).
  package mutating func scan(_ bytes: UnsafeRawBufferPointer, limits: JSONLimits = .default) -> Bool {
    applicationID = nil
    association = nil
    submittedOn = nil
    channel = nil
    factCount = 0
    documentCount = 0
    // Depth 3 is the deepest the plain shape goes (record, `documents`, a document).
    guard bytes.count <= limits.maxBytes, limits.maxDepth >= 3, let base = bytes.baseAddress else { return false }
    var cursor = ScanCursor(base: base, count: bytes.count, maxStringBytes: min(limits.maxStringBytes, bytes.count))
    guard cursor.skip(UInt8(ascii: "{")) else { return false }
    var seen: UInt8 = 0
    repeat {
      guard cursor.skip(UInt8(ascii: "\"")), let field = cursor.envelopeField(), seen & (1 << field) == 0,
        cursor.skip(UInt8(ascii: ":"))
      else { return false }
      seen |= 1 << field
      switch field {
      case 0:
        guard let token = cursor.nonEmptyString() else { return false }
        applicationID = token
      case 1:
        guard let token = cursor.nonEmptyString() else { return false }
        association = token
      case 2:
        guard cursor.skip(UInt8(ascii: "\"")), let date = cursor.date(months: &months) else { return false }
        submittedOn = date
      case 3:
        guard let value = cursor.scalar() else { return false }
        channel = value
      case 4:
        guard scanFacts(&cursor, limits: limits) else { return false }
      default:
        guard scanDocuments(&cursor, limits: limits) else { return false }
      }
    } while cursor.skip(UInt8(ascii: ","))
    return cursor.skip(UInt8(ascii: "}")) && cursor.isAtEnd()
  }

  private mutating func scanFacts(_ cursor: inout ScanCursor, limits: JSONLimits) -> Bool {
    guard cursor.skip(UInt8(ascii: "{")) else { return false }
    if cursor.skip(UInt8(ascii: "}")) { return true }
    repeat {
      // Fact names are ASCII; any other name is unknown, which the full decoder reports.
      guard factCount < limits.maxMembers, cursor.skip(UInt8(ascii: "\"")) else { return false }
      let keyStart = cursor.index
      guard let key = cursor.stringEnd(), key.isASCII, cursor.skip(UInt8(ascii: ":")), var value = cursor.scalar()
      else { return false }
      if value.token.kind == .string, value.token.end - value.token.start == 10 {
        value.date = months.date(cursor.base, at: value.token.start)
      }
      let fact = Fact(keyStart: keyStart, keyEnd: key.end, value: value)
      if factCount < facts.count {
        facts[factCount] = fact
      } else {
        facts.append(fact)
      }
      factCount += 1
    } while cursor.skip(UInt8(ascii: ","))
    return cursor.skip(UInt8(ascii: "}"))
  }

  private mutating func scanDocuments(_ cursor: inout ScanCursor, limits: JSONLimits) -> Bool {
    guard cursor.skip(UInt8(ascii: "[")) else { return false }
    if cursor.skip(UInt8(ascii: "]")) { return true }
    let maxCount = min(RecordDecoder.maxDocuments, limits.maxMembers)
    repeat {
      guard documentCount < maxCount, cursor.skip(UInt8(ascii: "{")) else { return false }
      var document = Document(typeStart: 0, typeEnd: 0)
      // Bit 0 is `type` (required); the other fields are optional, each given at most once.
      var seen: UInt8 = 0
      repeat {
        guard cursor.skip(UInt8(ascii: "\"")), let field = cursor.documentField(), seen & (1 << field) == 0,
          cursor.skip(UInt8(ascii: ":"))
        else { return false }
        seen |= 1 << field
        switch field {
        case 0:
          guard cursor.skip(UInt8(ascii: "\"")) else { return false }
          document.typeStart = cursor.index
          guard let type = cursor.stringEnd() else { return false }
          document.typeEnd = type.end
        case 1, 2, 3, 4:
          let date: CalendarDate?
          if cursor.skipNull() {
            date = nil
          } else {
            guard cursor.skip(UInt8(ascii: "\"")), let read = cursor.date(months: &months) else { return false }
            date = read
          }
          switch field {
          case 1: document.expiresOn = date
          case 2: document.dated = date
          case 3: document.signedOn = date
          default: document.issuedOn = date
          }
        default:
          if !cursor.skipNull() {
            guard cursor.skip(UInt8(ascii: "\"")), cursor.stringEnd() != nil else { return false }
          }
        }
      } while cursor.skip(UInt8(ascii: ","))
      guard seen & 1 != 0, cursor.skip(UInt8(ascii: "}")) else { return false }
      if documentCount < documents.count {
        documents[documentCount] = document
      } else {
        documents.append(document)
      }
      documentCount += 1
    } while cursor.skip(UInt8(ascii: ","))
    return cursor.skip(UInt8(ascii: "]"))
  }
}

/// A position in the bytes of one record, with the few readers the plain shape needs. Every read
/// is checked against `count`: a word is loaded only where eight bytes are left.
private struct ScanCursor {
  let base: UnsafeRawPointer
  let count: Int
  let maxStringBytes: Int
  var index = 0

  init(base: UnsafeRawPointer, count: Int, maxStringBytes: Int) {
    self.base = base
    self.count = count
    self.maxStringBytes = maxStringBytes
  }

  @inline(__always)
  func byte(at offset: Int) -> UInt8 {
    base.load(fromByteOffset: offset, as: UInt8.self)
  }

  /// Moves past whitespace and `byte`, if `byte` is next.
  @inline(__always)
  mutating func skip(_ byte: UInt8) -> Bool {
    // Records rarely have whitespace between tokens: the first byte usually decides.
    if index < count, self.byte(at: index) == byte {
      index += 1
      return true
    }
    return skipAfterWhitespace(byte)
  }

  private mutating func skipAfterWhitespace(_ byte: UInt8) -> Bool {
    skipWhitespace()
    guard index < count, self.byte(at: index) == byte else { return false }
    index += 1
    return true
  }

  mutating func skipWhitespace() {
    while index < count {
      let byte = byte(at: index)
      guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
      index += 1
    }
  }

  /// Whether only whitespace is left.
  mutating func isAtEnd() -> Bool {
    skipWhitespace()
    return index == count
  }

  /// Moves past `null`, if it is next.
  @inline(__always)
  mutating func skipNull() -> Bool {
    if index < count, byte(at: index) <= 0x20 { skipWhitespace() }
    guard index + 4 <= count, base.loadUnaligned(fromByteOffset: index, as: UInt32.self) == Self.null else {
      return false
    }
    index += 4
    return true
  }

  /// "null", "true" and "fals" as little-endian words.
  static let null = UInt32(littleEndian: 0x6C6C_756E)
  static let `true` = UInt32(littleEndian: 0x6575_7274)
  static let fals = UInt32(littleEndian: 0x736C_6166)

  /// The end of the string whose content starts at `index` (its opening quote just skipped), and
  /// whether it is all ASCII; moves past the closing quote. Nil for escapes, control characters,
  /// ill-formed UTF-8 or a string longer than the limit.
  @inline(__always)
  mutating func stringEnd() -> (end: Int, isASCII: Bool)? {
    // Eight bytes at a time while none is a quote, a backslash, a control character or not
    // ASCII; the first such byte is mostly the closing quote.
    let position = UTF8Bytes.firstSpecialByte(base, from: index, count: count)
    if position < count, byte(at: position) == UInt8(ascii: "\""), position - index <= maxStringBytes {
      index = position + 1
      return (position, true)
    }
    return stringEndCarefully(from: position)
  }

  /// `stringEnd` from `position` on, a byte at a time, validating UTF-8.
  private mutating func stringEndCarefully(from start: Int) -> (end: Int, isASCII: Bool)? {
    var position = start
    var isASCII = true
    while position < count {
      let byte = byte(at: position)
      if byte == UInt8(ascii: "\"") {
        guard position - index <= maxStringBytes else { return nil }
        index = position + 1
        return (position, isASCII)
      }
      if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
      if byte < 0x80 {
        position += 1
      } else {
        isASCII = false
        guard let length = UTF8Bytes.sequenceLength(base, at: position, count: count) else { return nil }
        position += length
      }
    }
    return nil
  }

  /// A non-empty string's token.
  @inline(__always)
  mutating func nonEmptyString() -> RecordScan.Token? {
    guard skip(UInt8(ascii: "\"")) else { return nil }
    let start = index
    guard let string = stringEnd(), string.end > start else { return nil }
    return RecordScan.Token(kind: .string, start: start, end: string.end, isASCII: string.isASCII)
  }

  /// The date in the string whose content starts at `index`: `YYYY-MM-DD` read here, any other
  /// form by `CalendarDate.parse` (which decides what is a date). Nil when it is not one.
  @inline(__always)
  mutating func date(months: inout MonthTable) -> CalendarDate? {
    let start = index
    if start + 11 <= count, byte(at: start + 10) == UInt8(ascii: "\""), maxStringBytes >= 10,
      let date = months.date(base, at: start)
    {
      index = start + 11
      return date
    }
    guard let string = stringEnd() else { return nil }
    return RecordBytes.parsedDate(base, from: start, to: string.end)
  }

  /// A string, a number without sign or exponent that a `DecimalNumber` holds exactly (at most
  /// 15 digits, 4 of them decimals), `true`, `false` or `null`.
  @inline(__always)
  mutating func scalar() -> RecordScan.Scalar? {
    if index < count, byte(at: index) == UInt8(ascii: "\"") {
      index += 1
      let start = index
      guard let string = stringEnd() else { return nil }
      return RecordScan.Scalar(token: RecordScan.Token(kind: .string, start: start, end: string.end,
                                                       isASCII: string.isASCII))
    }
    return nonString()
  }

  private mutating func nonString() -> RecordScan.Scalar? {
    skipWhitespace()
    guard index < count else { return nil }
    let start = index
    let kind: RecordScan.Token.Kind
    switch byte(at: index) {
    case UInt8(ascii: "\""):
      return scalar()
    case UInt8(ascii: "0")...UInt8(ascii: "9"):
      return number()
    case UInt8(ascii: "t"):
      guard index + 4 <= count, base.loadUnaligned(fromByteOffset: index, as: UInt32.self) == Self.true else {
        return nil
      }
      index += 4
      kind = .true
    case UInt8(ascii: "f"):
      guard index + 5 <= count, base.loadUnaligned(fromByteOffset: index, as: UInt32.self) == Self.fals,
        byte(at: index + 4) == UInt8(ascii: "e")
      else { return nil }
      index += 5
      kind = .false
    case UInt8(ascii: "n"):
      guard skipNull() else { return nil }
      kind = .null
    default:
      // A sign is left to the full decoder (negative amounts are errors; -0 is rare), as are
      // arrays and objects.
      return nil
    }
    return RecordScan.Scalar(token: RecordScan.Token(kind: kind, start: start, end: index, isASCII: true))
  }

  /// `(0 | [1-9][0-9]*) (\.[0-9]+)?`, at most 15 digits of which at most 4 decimals, read as
  /// `DecimalNumber(exactly:)` reads the double JSON gives it (such a number survives the round
  /// trip through a double). Longer numbers and exponents are left to the full reader.
  private mutating func number() -> RecordScan.Scalar? {
    let start = index
    var position = index &+ 1
    var whole = Int64(byte(at: index) &- UInt8(ascii: "0"))
    if whole != 0 {
      // Wrapping: a number too long to hold is refused below, once its digits are counted.
      while position < count, case let digit = byte(at: position) &- UInt8(ascii: "0"), digit < 10 {
        whole = whole &* 10 &+ Int64(digit)
        position &+= 1
      }
    }
    let integerDigits = position &- start
    var fraction: Int64 = 0
    var fractionDigits = 0
    if position < count, byte(at: position) == UInt8(ascii: ".") {
      position &+= 1
      while position < count, case let digit = byte(at: position) &- UInt8(ascii: "0"), digit < 10 {
        fraction = fraction &* 10 &+ Int64(digit)
        fractionDigits &+= 1
        position &+= 1
      }
      guard fractionDigits > 0 else { return nil }
    }
    // A digit after a leading zero is not JSON; an exponent is left to the full reader.
    if position < count, case let next = byte(at: position), next &- UInt8(ascii: "0") < 10 || next | 0x20 == UInt8(ascii: "e") {
      return nil
    }
    // Up to 15 digits `whole` and `fraction` hold exactly; a whole part beyond
    // `Int64.max / scale` would overflow when scaled.
    guard integerDigits &+ fractionDigits <= 15, fractionDigits <= RecordBytes.decimalFractionDigits,
      whole <= Int64.max / RecordBytes.decimalScale
    else { return nil }
    let (sum, overflow) = (whole * RecordBytes.decimalScale)
      .addingReportingOverflow(fraction * RecordBytes.fractionScale(digits: fractionDigits))
    guard !overflow else { return nil }
    index = position
    return RecordScan.Scalar(token: RecordScan.Token(kind: .number, start: start, end: position, isASCII: true),
                             scaled: sum)
  }


  /// The index in `RecordDecoder.envelopeFields` of the name that starts at `index` (its opening
  /// quote skipped), moving past its closing quote; nil for any other name.
  ///
  /// The name and its closing quote are compared with constants: the name's bytes as
  /// little-endian words (a test checks them against the names), picked by the first letter.
  @inline(__always)
  mutating func envelopeField() -> Int? {
    guard index + 16 <= count else { return envelopeFieldNearEnd() }
    let first = RecordBytes.word(base, at: index)
    let field: Int
    let length: Int
    switch UInt8(truncatingIfNeeded: first) {
    case UInt8(ascii: "a"):
      let second = RecordBytes.word(base, at: index + 8)
      if Self.matches(first, second, 0x7461_6369_6C70_7061, 0x0022_6469_5F6E_6F69, length: 15) {
        (field, length) = (0, 15)  // application_id"
      } else if Self.matches(first, second, 0x7461_6963_6F73_7361, 0x0000_0000_226E_6F69, length: 12) {
        (field, length) = (1, 12)  // association"
      } else {
        return envelopeFieldNearEnd()
      }
    case UInt8(ascii: "s"):
      guard Self.matches(first, RecordBytes.word(base, at: index + 8), 0x6574_7469_6D62_7573,
                         0x0000_0022_6E6F_5F64, length: 13)
      else { return envelopeFieldNearEnd() }
      (field, length) = (2, 13)  // submitted_on"
    case UInt8(ascii: "c"):
      guard first == 0x226C_656E_6E61_6863 else { return envelopeFieldNearEnd() }
      (field, length) = (3, 8)  // channel"
    case UInt8(ascii: "f"):
      guard Self.matches(first, 0, 0x0000_2273_7463_6166, 0, length: 6) else { return envelopeFieldNearEnd() }
      (field, length) = (4, 6)  // facts"
    case UInt8(ascii: "d"):
      guard Self.matches(first, RecordBytes.word(base, at: index + 8), 0x746E_656D_7563_6F64,
                         0x0000_0000_0000_2273, length: 10)
      else { return envelopeFieldNearEnd() }
      (field, length) = (5, 10)  // documents"
    default:
      return envelopeFieldNearEnd()
    }
    index += length
    return field
  }

  /// The index in `RecordDecoder.documentFields` of the name that starts at `index`, as
  /// `envelopeField`.
  @inline(__always)
  mutating func documentField() -> Int? {
    guard index + 16 <= count else { return documentFieldNearEnd() }
    let first = RecordBytes.word(base, at: index)
    let field: Int
    let length: Int
    switch UInt8(truncatingIfNeeded: first) {
    case UInt8(ascii: "t"):
      guard Self.matches(first, 0, 0x0000_0022_6570_7974, 0, length: 5) else { return documentFieldNearEnd() }
      (field, length) = (0, 5)  // type"
    case UInt8(ascii: "e"):
      guard Self.matches(first, RecordBytes.word(base, at: index + 8), 0x5F73_6572_6970_7865,
                         0x0000_0000_0022_6E6F, length: 11)
      else { return documentFieldNearEnd() }
      (field, length) = (1, 11)  // expires_on"
    case UInt8(ascii: "d"):
      guard Self.matches(first, 0, 0x0000_2264_6574_6164, 0, length: 6) else { return documentFieldNearEnd() }
      (field, length) = (2, 6)  // dated"
    case UInt8(ascii: "s"):
      guard Self.matches(first, RecordBytes.word(base, at: index + 8), 0x6F5F_6465_6E67_6973,
                         0x0000_0000_0000_226E, length: 10)
      else { return documentFieldNearEnd() }
      (field, length) = (3, 10)  // signed_on"
    case UInt8(ascii: "i"):
      guard Self.matches(first, RecordBytes.word(base, at: index + 8), 0x6F5F_6465_7573_7369,
                         0x0000_0000_0000_226E, length: 10)
      else { return documentFieldNearEnd() }
      (field, length) = (4, 10)  // issued_on"
    case UInt8(ascii: "n"):
      if Self.matches(first, 0, 0x0022_7265_626D_756E, 0, length: 7) {
        (field, length) = (5, 7)  // number"
      } else if Self.matches(first, 0, 0x0000_0022_6574_6F6E, 0, length: 5) {
        (field, length) = (6, 5)  // note"
      } else {
        return documentFieldNearEnd()
      }
    default:
      return documentFieldNearEnd()
    }
    index += length
    return field
  }

  /// Whether the words at a name's start are the `length` (1...16) bytes of `pattern`.
  @inline(__always)
  static func matches(_ first: UInt64, _ second: UInt64, _ pattern0: UInt64, _ pattern1: UInt64, length: Int) -> Bool {
    if length <= 8 { return first & RecordBytes.lowBytes(length) == pattern0 }
    return first == pattern0 && second & RecordBytes.lowBytes(length - 8) == pattern1
  }

  /// `envelopeField` where fewer than 16 bytes are left, or the name is not one of the usual
  /// spelling: the name is read as a string, then compared.
  private mutating func envelopeFieldNearEnd() -> Int? {
    let start = index
    guard let key = stringEnd(), key.end - start <= 16 else { return nil }
    let (first, second) = RecordBytes.prefixWords(base, at: start, length: key.end - start, count: count)
    switch (key.end - start, first, second) {
    case (14, 0x7461_6369_6C70_7061, 0x0000_6469_5F6E_6F69): return 0  // application_id
    case (11, 0x7461_6963_6F73_7361, 0x0000_0000_006E_6F69): return 1  // association
    case (12, 0x6574_7469_6D62_7573, 0x0000_0000_6E6F_5F64): return 2  // submitted_on
    case (7, 0x006C_656E_6E61_6863, 0): return 3  // channel
    case (5, 0x0000_0073_7463_6166, 0): return 4  // facts
    case (9, 0x746E_656D_7563_6F64, 0x0000_0000_0000_0073): return 5  // documents
    default: return nil
    }
  }

  private mutating func documentFieldNearEnd() -> Int? {
    let start = index
    guard let key = stringEnd(), key.end - start <= 16 else { return nil }
    let (first, second) = RecordBytes.prefixWords(base, at: start, length: key.end - start, count: count)
    switch (key.end - start, first, second) {
    case (4, 0x0000_0000_6570_7974, 0): return 0  // type
    case (10, 0x5F73_6572_6970_7865, 0x0000_0000_0000_6E6F): return 1  // expires_on
    case (5, 0x0000_0064_6574_6164, 0): return 2  // dated
    case (9, 0x6F5F_6465_6E67_6973, 0x0000_0000_0000_006E): return 3  // signed_on
    case (9, 0x6F5F_6465_7573_7369, 0x0000_0000_0000_006E): return 4  // issued_on
    case (6, 0x0000_7265_626D_756E, 0): return 5  // number
    case (4, 0x0000_0000_6574_6F6E, 0): return 6  // note
    default: return nil
    }
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

  /// The token's bytes.
  @inline(__always)
  package static func slice(_ token: Token, in bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end])
  }
}
