/// Why a value has no RFC 8785 canonical form.
package enum CanonicalJSONError: Error, Equatable, Sendable {
  /// A number is NaN or infinite, which JSON cannot express.
  case nonFiniteNumber
}

extension JSONValue {
  /// The RFC 8785 (JSON Canonicalization Scheme) text of the value: the bytes that get hashed and signed.
  ///
  /// Members are sorted by the UTF-16 code units of their keys, there is no whitespace, strings escape only
  /// what JSON requires, and numbers are written as ECMAScript's `Number.prototype.toString` writes them.
  /// Total: a NaN or infinite number is written as `null` (use `canonicalBytes()` to reject it instead),
  /// and an object with duplicate keys keeps every member, equal keys in their original order.
  package var canonicalText: String {
    var buffer = [UInt8]()
    buffer.reserveCapacity(128)
    writeCanonical(into: &buffer)
    return String(decoding: buffer, as: UTF8.self)
  }

  /// Appends the UTF-8 bytes of `canonicalText` to `buffer`, without building a `String`.
  ///
  /// Like `canonicalText`, writes `null` for a NaN or infinite number.
  package func writeCanonical(into buffer: inout [UInt8]) {
    _ = CanonicalJSONWriter.write(self, into: &buffer)
  }

  /// The UTF-8 bytes of `canonicalText`, or an error if the value holds a NaN or infinite number.
  package func canonicalBytes() throws(CanonicalJSONError) -> [UInt8] {
    var buffer = [UInt8]()
    buffer.reserveCapacity(128)
    guard CanonicalJSONWriter.write(self, into: &buffer) else { throw .nonFiniteNumber }
    return buffer
  }
}

/// The RFC 8785 serialiser behind `JSONValue.canonicalText`; its string and number writers also
/// serve writers that produce canonical text without building a `JSONValue` (batch outcomes).
///
/// Each function appends to a caller's buffer and returns false if it had to write `null` for a non-finite
/// number, so that the throwing and the total entry points share one pass. It recurses once per level of
/// nesting, so its stack use is bounded by whatever depth limit the code that built the value enforced.
package enum CanonicalJSONWriter {
  /// Appends the canonical form of `value`; false if a non-finite number was written as `null`.
  static func write(_ value: JSONValue, into buffer: inout [UInt8]) -> Bool {
    switch value {
    case .null:
      buffer.append(contentsOf: "null".utf8)
      return true
    case .bool(let flag):
      buffer.append(contentsOf: (flag ? "true" : "false").utf8)
      return true
    case .number(let number):
      return writeNumber(number, into: &buffer)
    case .string(let text):
      writeString(text, into: &buffer)
      return true
    case .array(let elements):
      var allFinite = true
      buffer.append(UInt8(ascii: "["))
      for (position, element) in elements.enumerated() {
        if position > 0 { buffer.append(UInt8(ascii: ",")) }
        allFinite = write(element, into: &buffer) && allFinite
      }
      buffer.append(UInt8(ascii: "]"))
      return allFinite
    case .object(let members):
      var allFinite = true
      buffer.append(UInt8(ascii: "{"))
      for (position, index) in sortedOrder(of: members).enumerated() {
        if position > 0 { buffer.append(UInt8(ascii: ",")) }
        writeString(members[index].key, into: &buffer)
        buffer.append(UInt8(ascii: ":"))
        allFinite = write(members[index].value, into: &buffer) && allFinite
      }
      buffer.append(UInt8(ascii: "}"))
      return allFinite
    }
  }

  // MARK: - Members

  /// Member indices in RFC 8785 order: by the keys' UTF-16 code units, equal keys in source order.
  ///
  /// The sort breaks ties by index because the standard library does not promise a stable sort. Members that
  /// are already in order (as in text this writer produced) are detected first and not sorted.
  static func sortedOrder(of members: [JSONMember]) -> [Int] {
    var isSorted = true
    for index in members.indices.dropFirst() where keyOrder(members[index - 1].key, members[index].key) > 0 {
      isSorted = false
      break
    }
    if isSorted { return Array(members.indices) }
    return members.indices.sorted { left, right in
      let order = keyOrder(members[left].key, members[right].key)
      return order != 0 ? order < 0 : left < right
    }
  }

  /// Compares two keys by their UTF-16 code units: negative, zero or positive.
  ///
  /// UTF-16 order is Unicode scalar order (which is UTF-8 byte order) except that a scalar from U+10000 up,
  /// written with surrogates D800–DBFF, sorts before one in U+E000–U+FFFF: so the RFC puts U+1F600 before
  /// U+FB33. The keys' UTF-8 bytes are compared and that one case, told apart by lead bytes (F0–F4 against
  /// EE–EF), is reversed, which spares building UTF-16 arrays.
  package static func keyOrder(_ left: String, _ right: String) -> Int {
    let fast = left.utf8.withContiguousStorageIfAvailable { leftBytes in
      right.utf8.withContiguousStorageIfAvailable { rightBytes in
        utf16Order(utf8: leftBytes, rightBytes)
      }
    }
    if let order = fast ?? nil { return order }
    // Strings without contiguous UTF-8 (bridged ones) are compared unit by unit.
    for (leftUnit, rightUnit) in zip(left.utf16, right.utf16) where leftUnit != rightUnit {
      return leftUnit < rightUnit ? -1 : 1
    }
    let leftCount = left.utf16.count
    let rightCount = right.utf16.count
    return leftCount == rightCount ? 0 : (leftCount < rightCount ? -1 : 1)
  }

  /// The UTF-16 order of two well-formed UTF-8 strings, found from their bytes.
  private static func utf16Order(utf8 left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Int {
    for index in 0..<min(left.count, right.count) {
      let leftByte = left[index]
      let rightByte = right[index]
      if leftByte == rightByte { continue }
      // The bytes before are equal, so a lead byte here starts a scalar in both strings.
      if leftByte >= 0xf0, rightByte == 0xee || rightByte == 0xef { return -1 }
      if rightByte >= 0xf0, leftByte == 0xee || leftByte == 0xef { return 1 }
      return leftByte < rightByte ? -1 : 1
    }
    return left.count == right.count ? 0 : (left.count < right.count ? -1 : 1)
  }

  // MARK: - Strings

  /// Appends a quoted string, escaped as ECMAScript's `JSON.stringify` escapes it (RFC 8785 §3.2.2.2).
  ///
  /// Only `"`, `\` and the C0 controls are escaped; every other character, U+007F and U+2028 included, is
  /// written as its UTF-8 bytes. Runs of plain bytes are copied in bulk.
  package static func writeString(_ text: String, into buffer: inout [UInt8]) {
    let written: Void? = text.utf8.withContiguousStorageIfAvailable { writeString(utf8: $0, into: &buffer) }
    guard written == nil else { return }
    // Strings without contiguous UTF-8 (bridged ones) are made native first.
    var copy = text
    copy.withUTF8 { writeString(utf8: $0, into: &buffer) }
  }

  /// Appends well-formed UTF-8 text as a quoted, escaped string, as `writeString(_:into:)` does.
  package static func writeString(utf8: UnsafeBufferPointer<UInt8>, into buffer: inout [UInt8]) {
    buffer.append(UInt8(ascii: "\""))
    var runStart = 0
    // Most text needs no escape at all: eight bytes at a time up to the first that may.
    var clean = 0
    if let base = UnsafeRawPointer(utf8.baseAddress) {
      while clean + 8 <= utf8.count {
        let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: clean, as: UInt64.self))
        guard !mayNeedEscape(word) else { break }
        clean += 8
      }
    }
    for index in clean..<utf8.count {
      let byte = utf8[index]
      guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
      buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
      appendEscape(for: byte, into: &buffer)
      runStart = index + 1
    }
    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
    buffer.append(UInt8(ascii: "\""))
  }

  /// Whether any byte of `word` may be a quote, a backslash or a control character (never false
  /// when one is; sometimes true when none is).
  @inline(__always)
  package static func mayNeedEscape(_ word: UInt64) -> Bool { UTF8Bytes.escapedBytes(word) != 0 }

  /// Appends the escape for a quote, a backslash or a control byte: the short form where JSON has one,
  /// otherwise `\u00` and two lowercase hex digits.
  package static func appendEscape(for byte: UInt8, into buffer: inout [UInt8]) {
    buffer.append(UInt8(ascii: "\\"))
    switch byte {
    case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
    case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
    case 0x08: buffer.append(UInt8(ascii: "b"))
    case 0x0c: buffer.append(UInt8(ascii: "f"))
    case 0x0a: buffer.append(UInt8(ascii: "n"))
    case 0x0d: buffer.append(UInt8(ascii: "r"))
    case 0x09: buffer.append(UInt8(ascii: "t"))
    default:
      buffer.append(contentsOf: "u00".utf8)
      buffer.append(lowercaseHexDigits[Int(byte >> 4)])
      buffer.append(lowercaseHexDigits[Int(byte & 0x0f)])
    }
  }

  /// The ASCII hex digits RFC 8785 uses in `\u00XX` escapes (lowercase, as `JSON.stringify` writes them).
  private static let lowercaseHexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  // MARK: - Numbers

  /// Appends a number as ECMAScript's `Number::toString` writes it (RFC 8785 §3.2.2.3); a NaN or infinite
  /// number is written as `null` and reported by returning false.
  @discardableResult
  package static func writeNumber(_ number: Double, into buffer: inout [UInt8]) -> Bool {
    guard number.isFinite else {
      buffer.append(contentsOf: "null".utf8)
      return false
    }
    // Both zeros print as "0": ECMAScript drops the sign of -0.
    if number == 0 {
      buffer.append(UInt8(ascii: "0"))
      return true
    }
    if number < 0 { buffer.append(UInt8(ascii: "-")) }
    let magnitude = number.magnitude
    // Below 2^53 every integer is exactly representable, so its shortest digits are the integer itself.
    // (Integrality is tested by converting, not with `rounded()`, which would need libm at link time.)
    if magnitude < 9_007_199_254_740_992 {
      let integer = UInt64(magnitude)
      if Double(integer) == magnitude {
        appendInteger(integer, into: &buffer)
        return true
      }
    }
    let (digits, pointPosition) = shortestDigits(of: magnitude)
    appendECMAScriptLayout(digits: digits, pointPosition: pointPosition, into: &buffer)
    return true
  }

  /// Appends the decimal digits of an integer.
  private static func appendInteger(_ value: UInt64, into buffer: inout [UInt8]) {
    // The digits are made last first into a fixed buffer (20 holds any UInt64), then copied in order.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var position = 20
      var rest = value
      repeat {
        position -= 1
        digits[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
        rest /= 10
      } while rest > 0
      buffer.append(contentsOf: UnsafeBufferPointer(rebasing: digits[position..<20]))
    }
  }

  /// The shortest round-trip decimal digits of a positive finite number, without leading or trailing zeros,
  /// and where the decimal point goes: the value is `0.d₁d₂…dₖ × 10^pointPosition` (ECMAScript's n).
  ///
  /// Swift's `description` already yields the shortest digits that round-trip, and the closest of them, as
  /// ECMAScript requires; only its layout ("1e-07", "100.0", "1.2e+20") differs, so the digits and the
  /// exponent are read back out of it.
  static func shortestDigits(of magnitude: Double) -> (digits: [UInt8], pointPosition: Int) {
    var digits = [UInt8]()
    digits.reserveCapacity(17)
    var pointPosition: Int? = nil
    var exponent = 0
    var exponentSign = 1
    var inExponent = false
    for character in magnitude.description.utf8 {
      switch character {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        if inExponent {
          exponent = exponent * 10 + Int(character - UInt8(ascii: "0"))
        } else {
          digits.append(character)
        }
      case UInt8(ascii: "."):
        pointPosition = digits.count
      case UInt8(ascii: "e"), UInt8(ascii: "E"):
        if pointPosition == nil { pointPosition = digits.count }
        inExponent = true
      case UInt8(ascii: "-"):
        exponentSign = -1
      default:
        break
      }
    }
    var position = (pointPosition ?? digits.count) + exponentSign * exponent
    let leadingZeros = digits.prefix(while: { $0 == UInt8(ascii: "0") }).count
    if leadingZeros > 0 {
      digits.removeFirst(leadingZeros)
      position -= leadingZeros
    }
    while digits.last == UInt8(ascii: "0") {
      digits.removeLast()
    }
    return (digits, position)
  }

  /// Lays digits out as ECMAScript's `Number::toString` does: a plain integer up to 21 digits, a plain decimal
  /// down to 1e-6, otherwise the exponent form with an explicit sign ("1e+21", "1.5e-7").
  private static func appendECMAScriptLayout(digits: [UInt8], pointPosition n: Int, into buffer: inout [UInt8]) {
    let k = digits.count
    if k <= n, n <= 21 {
      buffer.append(contentsOf: digits)
      buffer.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: n - k))
    } else if 0 < n, n <= 21 {
      buffer.append(contentsOf: digits[0..<n])
      buffer.append(UInt8(ascii: "."))
      buffer.append(contentsOf: digits[n...])
    } else if -6 < n, n <= 0 {
      buffer.append(contentsOf: "0.".utf8)
      buffer.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -n))
      buffer.append(contentsOf: digits)
    } else {
      guard let first = digits.first else { return }
      buffer.append(first)
      if k > 1 {
        buffer.append(UInt8(ascii: "."))
        buffer.append(contentsOf: digits[1...])
      }
      let exponent = n - 1
      buffer.append(UInt8(ascii: "e"))
      buffer.append(UInt8(ascii: exponent < 0 ? "-" : "+"))
      appendInteger(UInt64(exponent.magnitude), into: &buffer)
    }
  }
}
