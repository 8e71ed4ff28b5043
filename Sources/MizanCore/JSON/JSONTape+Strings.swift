// Strings: scanned (validated) once by the scanner, decoded on demand from their bytes.

extension JSONTape {
  /// Scans the string whose opening quote is under the cursor, appends its entry and moves past
  /// its closing quote. Validates UTF-8 and escapes; decodes nothing.
  mutating func scanString(_ bytes: Span<UInt8>) -> Bool {
    let quoteOffset = scanner.index
    let contentStart = scanner.index + 1
    // A closing quote at or beyond `scanEnd` would make the content longer than the limit.
    let scanEnd = min(bytes.count, contentStart + scanner.limits.maxStringBytes + 1)
    var flags: UInt8 = 0
    var position = contentStart
    while true {
      // Runs of plain ASCII are skipped eight bytes at a time.
      position = UTF8Bytes.firstSpecialByte(in: bytes, from: position, to: scanEnd)
      guard position < scanEnd else { break }
      let byte = bytes[position]
      if byte == JSONByte.quote {
        scanner.index = position + 1
        entries.append(JSONTape.Entry(kind: .string, flags: flags, start: Int32(contentStart), end: Int32(position),
                                      count: 0, valueEnd: Int32(scanner.index)))
        return true
      } else if byte == JSONByte.backslash {
        flags |= JSONTape.Entry.hasEscapes
        guard let next = skipEscape(at: position, quoteOffset: quoteOffset, bytes) else { return false }
        position = next
      } else if byte < 0x20 {
        return fail(.controlCharacterInString, at: position)
      } else if byte < 0x80 {
        position += 1
      } else {
        guard let length = UTF8Bytes.sequenceLength(in: bytes, at: position) else {
          return fail(.invalidUTF8, at: position)
        }
        flags |= JSONTape.Entry.isNotASCII
        position += length
      }
    }
    // Sequences and escapes may step past `scanEnd`, never past the end.
    if position > contentStart + scanner.limits.maxStringBytes { return fail(.stringTooLong, at: quoteOffset) }
    return fail(.unexpectedEnd(.endOfString), at: quoteOffset)
  }

  /// Checks the escape whose backslash is at `backslash`; the offset after it, or nil (failed).
  mutating func skipEscape(at backslash: Int, quoteOffset: Int, _ bytes: Span<UInt8>) -> Int? {
    guard backslash + 1 < bytes.count else { return endOfString(quoteOffset) }
    switch bytes[backslash + 1] {
    case JSONByte.quote, JSONByte.backslash, JSONByte.slash, UInt8(ascii: "b"), UInt8(ascii: "f"),
      UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
      return backslash + 2
    case UInt8(ascii: "u"):
      guard let first = hexQuad(at: backslash + 2, escape: backslash, quoteOffset: quoteOffset, bytes) else {
        return nil
      }
      switch first {
      case 0xD800...0xDBFF:
        // A high surrogate must be followed at once by `\u` and a low one.
        let next = backslash + 6
        guard next < bytes.count else { return endOfString(quoteOffset) }
        guard bytes[next] == JSONByte.backslash else { return invalidEscape(backslash) }
        guard next + 1 < bytes.count else { return endOfString(quoteOffset) }
        guard bytes[next + 1] == UInt8(ascii: "u") else { return invalidEscape(backslash) }
        guard let second = hexQuad(at: next + 2, escape: backslash, quoteOffset: quoteOffset, bytes) else {
          return nil
        }
        guard (0xDC00...0xDFFF).contains(second) else { return invalidEscape(backslash) }
        return next + 6
      case 0xDC00...0xDFFF:
        return invalidEscape(backslash)
      default:
        return backslash + 6
      }
    default:
      return invalidEscape(backslash)
    }
  }

  /// The value of the four hexadecimal digits at `start`, part of the escape at `escape`; nil (failed).
  mutating func hexQuad(at start: Int, escape: Int, quoteOffset: Int, _ bytes: Span<UInt8>) -> UInt32? {
    var value: UInt32 = 0
    for position in start..<start + 4 {
      guard position < bytes.count else { return endOfString(quoteOffset).map(UInt32.init) }
      guard let digit = JSONStrings.hexValue(bytes[position]) else { return invalidEscape(escape).map(UInt32.init) }
      value = value << 4 | digit
    }
    return value
  }

  private mutating func endOfString(_ quoteOffset: Int) -> Int? {
    _ = fail(.unexpectedEnd(.endOfString), at: quoteOffset)
    return nil
  }

  private mutating func invalidEscape(_ backslash: Int) -> Int? {
    _ = fail(.invalidEscape, at: backslash)
    return nil
  }
}

/// Decoding the strings a scan validated.
package enum JSONStrings {
  /// Appends the UTF-8 of the string whose content (between the quotes) is `range` of `bytes`,
  /// escapes resolved. The scanner has validated it: malformed escapes cannot occur.
  package static func decode(_ bytes: Span<UInt8>, _ range: Range<Int>, into decoded: inout [UInt8]) {
    var position = range.lowerBound
    var runStart = position
    while position < range.upperBound {
      guard bytes[position] == JSONByte.backslash else {
        position += 1
        continue
      }
      decoded.append(contentsOf: bytes.extracting(runStart..<position))
      let kind = bytes[position + 1]
      switch kind {
      case UInt8(ascii: "b"): decoded.append(0x08)
      case UInt8(ascii: "f"): decoded.append(0x0C)
      case UInt8(ascii: "n"): decoded.append(0x0A)
      case UInt8(ascii: "r"): decoded.append(0x0D)
      case UInt8(ascii: "t"): decoded.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = quad(bytes, at: position + 2)
        position += 6
        if (0xD800...0xDBFF).contains(scalar) {
          let low = quad(bytes, at: position + 2)
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          position += 6
        }
        appendUTF8(of: scalar, to: &decoded)
        runStart = position
        continue
      default: decoded.append(kind)
      }
      position += 2
      runStart = position
    }
    decoded.append(contentsOf: bytes.extracting(runStart..<range.upperBound))
  }

  static func quad(_ bytes: Span<UInt8>, at start: Int) -> UInt32 {
    var value: UInt32 = 0
    for position in start..<start + 4 { value = value << 4 | (hexValue(bytes[position]) ?? 0) }
    return value
  }

  @inline(__always)
  static func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case JSONByte.zero...JSONByte.nine: UInt32(byte - JSONByte.zero)
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  /// Appends the UTF-8 encoding of `scalar`, which is at most U+10FFFF and not a surrogate.
  package static func appendUTF8(of scalar: UInt32, to bytes: inout [UInt8]) {
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
