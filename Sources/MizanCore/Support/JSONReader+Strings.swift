// Strings: a fast path for the common case (ASCII, no escapes) that makes the `String` straight from the
// input, and a careful path that validates UTF-8 and decodes escapes.

extension JSONReader.Parser {
  /// Reads the string whose opening quote is under the cursor and moves past its closing quote.
  mutating func readString() throws(JSONReadError) -> String {
    let contentStart = index + 1
    // A closing quote at or beyond `scanEnd` would make the content longer than the limit.
    let scanEnd = min(end, contentStart + limits.maxStringBytes + 1)
    var position = contentStart
    // Eight bytes at a time while none can end the fast path; the byte loop then finds which one did.
    while position + 8 <= scanEnd {
      let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
      let flagged = Self.bytesNeedingCare(in: word)
      guard flagged == 0 else {
        position += flagged.trailingZeroBitCount >> 3
        break
      }
      position += 8
    }
    while position < scanEnd {
      let byte = bytes[position]
      if byte == Byte.quote {
        index = position + 1
        lastStringWasPlain = true
        return Self.makeString(UnsafeRawBufferPointer(rebasing: bytes[contentStart..<position]))
      }
      if byte == Byte.backslash || byte < 0x20 || byte >= 0x80 { break }
      position += 1
    }
    return try readStringCarefully(from: position, scanEnd: scanEnd)
  }

  /// Continues `readString` from `start`, the first byte that is not plain ASCII, validating UTF-8 and
  /// decoding escapes.
  mutating func readStringCarefully(from start: Int, scanEnd: Int) throws(JSONReadError) -> String {
    lastStringWasPlain = false
    let quoteOffset = index
    let contentStart = index + 1
    // Until the first escape the input bytes are the string; after it, `decoded` holds the string so far
    // and `runStart` marks input bytes not yet copied into it.
    var decoded: [UInt8] = []
    var hasEscapes = false
    var runStart = contentStart
    var position = start
    while position < scanEnd {
      let byte = bytes[position]
      if byte == Byte.quote {
        index = position + 1
        let run = UnsafeRawBufferPointer(rebasing: bytes[runStart..<position])
        guard hasEscapes else { return Self.makeString(run) }
        decoded.append(contentsOf: run)
        return decoded.withUnsafeBytes { Self.makeString($0) }
      } else if byte == Byte.backslash {
        if !hasEscapes {
          hasEscapes = true
          decoded.reserveCapacity(position - contentStart + 32)
        }
        decoded.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<position]))
        position = try readEscape(at: position, quoteOffset: quoteOffset, into: &decoded)
        runStart = position
      } else if byte < 0x20 {
        throw failure(.controlCharacterInString, at: position)
      } else if byte < 0x80 {
        position += 1
      } else {
        guard let length = utf8SequenceLength(at: position) else { throw failure(.invalidUTF8, at: position) }
        position += length
      }
    }
    // Sequences and escapes may step past `scanEnd`, never past `end`.
    if position > contentStart + limits.maxStringBytes {
      throw failure(.stringTooLong(limit: limits.maxStringBytes), at: quoteOffset)
    }
    throw failure(.unexpectedEnd(expected: .endOfString), at: quoteOffset)
  }

  /// The high bit of each byte of `word` (little-endian) that is a quote, a backslash, a control character
  /// or not ASCII; a byte above a flagged one may be flagged falsely, but the lowest flag is always right.
  ///
  /// The classic "has zero byte" test: `(x - 0x01…) & ~x & 0x80…` flags the lowest zero byte of `x`, so
  /// XOR with a repeated byte finds that byte, and subtracting `0x20…` finds bytes below 0x20.
  @inline(__always)
  static func bytesNeedingCare(in word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highBits: UInt64 = 0x8080_8080_8080_8080
    let quotes = word ^ (ones &* UInt64(Byte.quote))
    let backslashes = word ^ (ones &* UInt64(Byte.backslash))
    let belowSpace = word &- ones &* 0x20
    return (((quotes &- ones) | (backslashes &- ones) | belowSpace) & ~word | word) & highBits
  }

  /// A string of `utf8`, which the caller has validated.
  ///
  /// Faster than `String(decoding:as:)` for the short strings records are made of (≈ 70 fewer
  /// instructions each); the standard library validates again, but an ASCII check is cheap.
  @inline(__always)
  static func makeString(_ utf8: UnsafeRawBufferPointer) -> String {
    String(unsafeUninitializedCapacity: utf8.count) { buffer in
      UnsafeMutableRawBufferPointer(buffer).copyMemory(from: utf8)
      return utf8.count
    }
  }

  /// Decodes the escape whose backslash is at `backslash`, appending its UTF-8 to `decoded`; returns the
  /// offset after it.
  func readEscape(at backslash: Int, quoteOffset: Int, into decoded: inout [UInt8]) throws(JSONReadError) -> Int {
    guard backslash + 1 < end else { throw failure(.unexpectedEnd(expected: .endOfString), at: quoteOffset) }
    let simple: UInt8
    switch bytes[backslash + 1] {
    case Byte.quote: simple = Byte.quote
    case Byte.backslash: simple = Byte.backslash
    case Byte.slash: simple = Byte.slash
    case UInt8(ascii: "b"): simple = 0x08
    case UInt8(ascii: "f"): simple = 0x0C
    case UInt8(ascii: "n"): simple = 0x0A
    case UInt8(ascii: "r"): simple = 0x0D
    case UInt8(ascii: "t"): simple = 0x09
    case UInt8(ascii: "u"):
      return try readUnicodeEscape(at: backslash, quoteOffset: quoteOffset, into: &decoded)
    default:
      throw failure(.invalidEscape, at: backslash)
    }
    decoded.append(simple)
    return backslash + 2
  }

  /// Decodes `\uXXXX`, or a `\uD8xx\uDCxx` surrogate pair, at `backslash`; an unpaired surrogate is an
  /// invalid escape because it encodes no Unicode scalar.
  func readUnicodeEscape(at backslash: Int, quoteOffset: Int, into decoded: inout [UInt8]) throws(JSONReadError)
    -> Int
  {
    let first = try hexQuad(at: backslash + 2, escape: backslash, quoteOffset: quoteOffset)
    var next = backslash + 6
    var scalar = first
    switch first {
    case 0xD800...0xDBFF:
      // A high surrogate must be followed at once by `\u` and a low one.
      guard next < end else { throw failure(.unexpectedEnd(expected: .endOfString), at: quoteOffset) }
      guard bytes[next] == Byte.backslash else { throw failure(.invalidEscape, at: backslash) }
      guard next + 1 < end else { throw failure(.unexpectedEnd(expected: .endOfString), at: quoteOffset) }
      guard bytes[next + 1] == UInt8(ascii: "u") else { throw failure(.invalidEscape, at: backslash) }
      let second = try hexQuad(at: next + 2, escape: backslash, quoteOffset: quoteOffset)
      guard (0xDC00...0xDFFF).contains(second) else { throw failure(.invalidEscape, at: backslash) }
      scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
      next += 6
    case 0xDC00...0xDFFF:
      throw failure(.invalidEscape, at: backslash)
    default:
      break
    }
    Self.appendUTF8(of: scalar, to: &decoded)
    return next
  }

  /// The value of the four hexadecimal digits at `start`, part of the escape at `escape`.
  func hexQuad(at start: Int, escape: Int, quoteOffset: Int) throws(JSONReadError) -> UInt32 {
    var value: UInt32 = 0
    for position in start..<start + 4 {
      guard position < end else { throw failure(.unexpectedEnd(expected: .endOfString), at: quoteOffset) }
      let byte = bytes[position]
      let digit: UInt8
      switch byte {
      case Byte.zero...Byte.nine: digit = byte - Byte.zero
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw failure(.invalidEscape, at: escape)
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  /// The length of the well-formed UTF-8 sequence at `offset`, or `nil` if there is none.
  ///
  /// Follows the table in Unicode §3.9 (D92): no overlong forms, no surrogates, nothing above U+10FFFF,
  /// and no sequence cut short by the end of the input.
  func utf8SequenceLength(at offset: Int) -> Int? {
    guard let base = bytes.baseAddress, offset < end else { return nil }
    return UTF8Bytes.sequenceLength(base, at: offset, count: end)
  }

  /// Appends the UTF-8 encoding of `scalar`, which is at most U+10FFFF and not a surrogate.
  static func appendUTF8(of scalar: UInt32, to bytes: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
      bytes.append(UInt8(scalar))
    case 0x80..<0x800:
      bytes.append(UInt8(0xC0 | scalar >> 6))
      bytes.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
      bytes.append(UInt8(0xE0 | scalar >> 12))
      bytes.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      bytes.append(UInt8(0x80 | scalar & 0x3F))
    default:
      bytes.append(UInt8(0xF0 | scalar >> 18 & 0x07))
      bytes.append(UInt8(0x80 | scalar >> 12 & 0x3F))
      bytes.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      bytes.append(UInt8(0x80 | scalar & 0x3F))
    }
  }
}
