// Building located errors. Only reached once reading has failed, so the work here (a scan for the line
// and column, a walk of the open containers for the path) costs nothing on the success path.

extension JSONReader.Parser {
  /// An error of `kind` at `offset` (by default the cursor), located by line, column and path.
  func failure(_ kind: JSONReadError.Kind, at offset: Int? = nil) -> JSONReadError {
    let offset = offset ?? index
    let (line, column) = lineAndColumn(of: offset)
    return JSONReadError(kind: kind, offset: offset, line: line, column: column, path: path)
  }

  /// An error for the byte under the cursor, which is not what the grammar allows here.
  ///
  /// A letter is shown with the rest of its word (`NaN`, `True`, `five`), which says more than one letter.
  func unexpectedCharacter(expected: JSONReadError.Expectation) -> JSONReadError {
    var wordEnd = index
    while wordEnd < end, wordEnd - index < 32, Self.isWordByte(bytes[wordEnd], first: wordEnd == index) {
      wordEnd += 1
    }
    let found =
      wordEnd > index
      ? String(decoding: UnsafeRawBufferPointer(rebasing: bytes[index..<wordEnd]), as: UTF8.self)
      : characterDescription(at: index)
    return failure(.unexpectedCharacter(found, expected: expected))
  }

  /// Whether `byte` belongs to a bare word: an ASCII letter, or after the first byte also a digit or `_`.
  static func isWordByte(_ byte: UInt8, first: Bool) -> Bool {
    let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    return isLetter || (!first && (byte == UInt8(ascii: "_") || (byte >= 0x30 && byte <= 0x39)))
  }

  /// The path of the value being read, built from the open containers.
  ///
  /// An array's items run from its `start` to the next open array's `start` (or the end of `elements`),
  /// and an object's current member is the last of its items; objects work the same way in `members`.
  var path: JSONPath {
    var components: [JSONPath.Component] = []
    components.reserveCapacity(stack.count)
    for (level, frame) in stack.enumerated() {
      let inner = stack[(level + 1)...].first { $0.isObject == frame.isObject }
      if frame.isObject {
        let itemsEnd = inner?.start ?? members.count
        let isTopReadingName = level == stack.count - 1 && isReadingName
        if itemsEnd > frame.start, !isTopReadingName { components.append(.key(members[itemsEnd - 1].member.key)) }
      } else {
        components.append(.index((inner?.start ?? elements.count) - frame.start))
      }
    }
    return JSONPath(components)
  }

  /// The 1-based line and column of `offset`; the column counts Unicode scalars (bytes that do not continue
  /// a UTF-8 sequence), which is exact for valid UTF-8 and a fair guess otherwise.
  func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    var position = 0
    let stop = min(max(offset, 0), end)
    while position < stop {
      let byte = bytes[position]
      if byte == JSONReader.Byte.newline {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
      position += 1
    }
    return (line, column)
  }

  /// The character at `offset` as a message shows it: printable ASCII as itself, any other scalar as
  /// `U+XXXX` (so that invisible ones such as U+00A0 can be seen), and a byte that starts no valid UTF-8
  /// sequence as `0xXX`.
  func characterDescription(at offset: Int) -> String {
    guard offset < end else { return "" }
    let byte = bytes[offset]
    if byte >= 0x20 && byte < 0x7F { return String(UnicodeScalar(byte)) }
    guard let length = utf8SequenceLength(at: offset) else { return "0x" + Self.hex(UInt32(byte), width: 2) }
    let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
    let scalar = text.unicodeScalars.first?.value ?? UInt32(byte)
    return "U+" + Self.hex(scalar, width: 4)
  }

  /// `value` in upper-case hexadecimal, zero-padded to `width` digits.
  static func hex(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
