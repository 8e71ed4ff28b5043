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
  public var canonicalText: String {
    var buffer = ByteBuffer(capacity: 256)
    writeCanonical(into: &buffer)
    return buffer.string
  }

  /// Appends the canonical bytes to `buffer`; like `canonicalText`, writes `null` for a NaN or infinite number.
  package func writeCanonical(into buffer: inout ByteBuffer) {
    _ = CanonicalJSONWriter.write(self, into: &buffer)
  }

  /// Appends the canonical bytes to an array.
  package func writeCanonical(into bytes: inout [UInt8]) {
    var buffer = ByteBuffer(capacity: 256)
    writeCanonical(into: &buffer)
    bytes.append(contentsOf: buffer.array)
  }

  /// The UTF-8 bytes of `canonicalText`, or an error if the value holds a NaN or infinite number.
  package func canonicalBytes() throws(CanonicalJSONError) -> [UInt8] {
    var buffer = ByteBuffer(capacity: 256)
    guard CanonicalJSONWriter.write(self, into: &buffer) else { throw .nonFiniteNumber }
    return buffer.array
  }
}

/// The RFC 8785 serialiser: JSON values, and the strings, numbers and key order that every writer
/// of canonical bytes shares (the outcome writer, log lines, tapes written back canonically).
///
/// Each function appends to a caller's buffer. It recurses once per level of nesting, so its stack use
/// is bounded by whatever depth limit the code that built the value enforced.
package enum CanonicalJSONWriter {
  /// Appends the canonical form of `value`; false if a non-finite number was written as `null`.
  static func write(_ value: JSONValue, into buffer: inout ByteBuffer) -> Bool {
    switch value {
    case .null:
      buffer.append(literal: "null")
      return true
    case .bool(let flag):
      buffer.append(literal: flag ? "true" : "false")
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
      for (position, index) in sortedOrder(of: members.map(\.key)).enumerated() {
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

  /// Indices of `keys` in RFC 8785 order: by the keys' UTF-16 code units, equal keys in source order.
  ///
  /// The sort breaks ties by index because the standard library does not promise a stable sort. Keys that
  /// are already in order (as in text this writer produced) are detected first and not sorted.
  package static func sortedOrder(of keys: [String]) -> [Int] {
    var isSorted = true
    for index in keys.indices.dropFirst() where keyOrder(keys[index - 1], keys[index]) > 0 {
      isSorted = false
      break
    }
    if isSorted { return Array(keys.indices) }
    return keys.indices.sorted { left, right in
      let order = keyOrder(keys[left], keys[right])
      return order != 0 ? order < 0 : left < right
    }
  }

  /// Compares two keys by their UTF-16 code units: negative, zero or positive.
  package static func keyOrder(_ left: String, _ right: String) -> Int {
    utf16Order(Array(left.utf8), Array(right.utf8))
  }

  /// The UTF-16 order of two well-formed UTF-8 strings, found from their bytes.
  ///
  /// UTF-16 order is Unicode scalar order (which is UTF-8 byte order) except that a scalar from U+10000 up,
  /// written with surrogates D800–DBFF, sorts before one in U+E000–U+FFFF: so the RFC puts U+1F600 before
  /// U+FB33. The keys' UTF-8 bytes are compared and that one case, told apart by lead bytes (F0–F4 against
  /// EE–EF), is reversed, which spares building UTF-16 arrays.
  package static func utf16Order(_ left: [UInt8], _ right: [UInt8]) -> Int {
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
  /// written as its UTF-8 bytes.
  package static func writeString(_ text: String, into buffer: inout ByteBuffer) {
    var text = text
    text.withUTF8 { utf8 in writeString(utf8: utf8.span, into: &buffer) }
  }

  /// Appends well-formed UTF-8 text as a quoted, escaped string.
  @inline(__always)
  package static func writeString(utf8: Span<UInt8>, into buffer: inout ByteBuffer) {
    buffer.append(UInt8(ascii: "\""))
    writeStringContent(utf8: utf8, into: &buffer)
    buffer.append(UInt8(ascii: "\""))
  }

  /// Appends well-formed UTF-8 text escaped as inside a JSON string, without the quotes. Most text
  /// (ids, names) needs no escape at all and is copied whole.
  @inline(__always)
  package static func writeStringContent(utf8: Span<UInt8>, into buffer: inout ByteBuffer) {
    guard UTF8Bytes.needsEscaping(utf8) else {
      buffer.append(utf8)
      return
    }
    var runStart = 0
    for index in utf8.indices {
      let byte = utf8[index]
      guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
      buffer.append(utf8.extracting(runStart..<index))
      appendEscape(for: byte, into: &buffer)
      runStart = index + 1
    }
    buffer.append(utf8.extracting(runStart..<utf8.count))
  }

  /// Appends `text` escaped as inside a JSON string, without the quotes.
  package static func writeStringContent(_ text: String, into buffer: inout ByteBuffer) {
    var text = text
    text.withUTF8 { utf8 in writeStringContent(utf8: utf8.span, into: &buffer) }
  }

  /// Appends the escape for a quote, a backslash or a control byte: the short form where JSON has one,
  /// otherwise `\u00` and two lowercase hex digits.
  package static func appendEscape(for byte: UInt8, into buffer: inout ByteBuffer) {
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
      buffer.append(literal: "u00")
      buffer.append(lowercaseHexDigits[Int(byte >> 4)])
      buffer.append(lowercaseHexDigits[Int(byte & 0x0f)])
    }
  }

  /// The ASCII hex digits RFC 8785 uses in `\u00XX` escapes (lowercase, as `JSON.stringify` writes them).
  private static let lowercaseHexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  // MARK: - Numbers

  /// Appends an exact decimal: its shortest text ("2500", "833.3333", "-0.5"), which is what
  /// ECMAScript writes for the same value whenever a double holds it exactly (up to 15
  /// significant digits), and the exact value beyond.
  package static func writeDecimal(_ number: DecimalNumber, into buffer: inout ByteBuffer) {
    let magnitude = number.scaled.magnitude
    let scale = UInt64(DecimalNumber.scale)
    let whole = magnitude / scale
    var fraction = magnitude % scale
    if number.scaled < 0 { buffer.append(UInt8(ascii: "-")) }
    buffer.appendDecimal(whole)
    guard fraction != 0 else { return }
    var width = DecimalNumber.fractionDigits
    while fraction % 10 == 0 {
      fraction /= 10
      width -= 1
    }
    buffer.append(UInt8(ascii: "."))
    buffer.appendDigits(Int(fraction), width: width)
  }

  /// Appends a number as ECMAScript's `Number::toString` writes it (RFC 8785 §3.2.2.3); a NaN or infinite
  /// number is written as `null` and reported by returning false.
  @discardableResult
  package static func writeNumber(_ number: Double, into buffer: inout ByteBuffer) -> Bool {
    guard number.isFinite else {
      buffer.append(literal: "null")
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
        buffer.appendDecimal(integer)
        return true
      }
    }
    let (digits, pointPosition) = shortestDigits(of: magnitude)
    appendECMAScriptLayout(digits: digits, pointPosition: pointPosition, into: &buffer)
    return true
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
  private static func appendECMAScriptLayout(digits: [UInt8], pointPosition n: Int, into buffer: inout ByteBuffer) {
    let k = digits.count
    if k <= n, n <= 21 {
      buffer.append(digits)
      buffer.append(repeating: UInt8(ascii: "0"), count: n - k)
    } else if 0 < n, n <= 21 {
      buffer.append(digits[0..<n])
      buffer.append(UInt8(ascii: "."))
      buffer.append(digits[n...])
    } else if -6 < n, n <= 0 {
      buffer.append(literal: "0.")
      buffer.append(repeating: UInt8(ascii: "0"), count: -n)
      buffer.append(digits)
    } else {
      guard let first = digits.first else { return }
      buffer.append(first)
      if k > 1 {
        buffer.append(UInt8(ascii: "."))
        buffer.append(digits[1...])
      }
      let exponent = n - 1
      buffer.append(UInt8(ascii: "e"))
      buffer.append(UInt8(ascii: exponent < 0 ? "-" : "+"))
      buffer.appendDecimal(UInt64(exponent.magnitude))
    }
  }
}

// MARK: - Tapes written back canonically

extension JSONTape {
  /// Appends the value at `index` as canonical JSON: members sorted, strings re-escaped, and
  /// numbers written exactly (as `CanonicalJSONWriter.writeDecimal` writes them when they are
  /// Mizan decimals, as ECMAScript writes the nearest double otherwise). What the decision log
  /// stores of a record: the record as given, in one canonical spelling.
  package func writeCanonical(_ index: Int, in bytes: Span<UInt8>, into buffer: inout ByteBuffer) {
    let entry = entries[index]
    switch entry.kind {
    case .null: buffer.append(literal: "null")
    case .true: buffer.append(literal: "true")
    case .false: buffer.append(literal: "false")
    case .string:
      if entry.isPlain {
        CanonicalJSONWriter.writeString(utf8: bytes.extracting(entry.byteRange), into: &buffer)
      } else {
        var decoded: [UInt8] = []
        appendString(index, in: bytes, to: &decoded)
        CanonicalJSONWriter.writeString(utf8: decoded.span, into: &buffer)
      }
    case .number:
      switch decimal(index, in: bytes) {
      case .success(let number): CanonicalJSONWriter.writeDecimal(number, into: &buffer)
      case .failure: CanonicalJSONWriter.writeNumber(double(index, in: bytes), into: &buffer)
      }
    case .array:
      buffer.append(UInt8(ascii: "["))
      var element = index + 1
      for position in 0..<Int(entry.count) {
        if position > 0 { buffer.append(UInt8(ascii: ",")) }
        writeCanonical(element, in: bytes, into: &buffer)
        element = next(after: element)
      }
      buffer.append(UInt8(ascii: "]"))
    case .object:
      var keys: [[UInt8]] = []
      var values: [Int] = []
      var key = index + 1
      for _ in 0..<Int(entry.count) {
        var name: [UInt8] = []
        appendString(key, in: bytes, to: &name)
        keys.append(name)
        values.append(key + 1)
        key = next(after: key + 1)
      }
      let order = keys.indices.sorted { left, right in
        let order = CanonicalJSONWriter.utf16Order(keys[left], keys[right])
        return order != 0 ? order < 0 : left < right
      }
      buffer.append(UInt8(ascii: "{"))
      for (position, member) in order.enumerated() {
        if position > 0 { buffer.append(UInt8(ascii: ",")) }
        let key = keys[member]
        CanonicalJSONWriter.writeString(utf8: key.span, into: &buffer)
        buffer.append(UInt8(ascii: ":"))
        writeCanonical(values[member], in: bytes, into: &buffer)
      }
      buffer.append(UInt8(ascii: "}"))
    }
  }
}
