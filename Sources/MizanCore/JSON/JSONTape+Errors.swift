// Building located errors. Only reached once scanning has failed, so the work here (a scan for the
// line and column, a walk of the open containers for the path) costs nothing on the success path.

extension JSONTape {
  /// The `JSONReadError` of the recorded failure, located by line, column and path (the scanner
  /// stopped where it failed, so its stack still says where that is).
  func error(_ bytes: Span<UInt8>) -> JSONReadError {
    let kind: JSONReadError.Kind
    switch scanner.failure {
    case .none, .trailingContent: kind = .trailingContent
    case .unexpectedEnd(let expected): kind = .unexpectedEnd(expected: expected.expectation)
    case .unexpectedCharacter(let expected): kind = unexpectedCharacter(expected: expected.expectation, bytes)
    case .invalidUTF8: kind = .invalidUTF8
    case .invalidEscape: kind = .invalidEscape
    case .controlCharacterInString: kind = .controlCharacterInString
    case .invalidNumber: kind = .invalidNumber
    case .byteOrderMark: kind = .byteOrderMark
    case .tooLarge: kind = .tooLarge(limit: min(scanner.limits.maxBytes, Int(Int32.max) - 1))
    case .tooDeep: kind = .tooDeep(limit: scanner.limits.maxDepth)
    case .stringTooLong: kind = .stringTooLong(limit: scanner.limits.maxStringBytes)
    case .tooManyMembers: kind = .tooManyMembers(limit: scanner.limits.maxMembers)
    case .duplicateKey(let key): kind = .duplicateKey(decodedString(key, bytes))
    }
    return JSONReadError.located(kind, at: scanner.failureOffset, in: bytes, path: path(bytes))
  }

  /// The found part of an unexpected character, at the failure's offset.
  ///
  /// A letter is shown with the rest of its word (`NaN`, `True`, `five`), which says more than one letter.
  func unexpectedCharacter(expected: JSONReadError.Expectation, _ bytes: Span<UInt8>) -> JSONReadError.Kind {
    let start = scanner.failureOffset
    var wordEnd = start
    while wordEnd < bytes.count, wordEnd - start < 32, Self.isWordByte(bytes[wordEnd], first: wordEnd == start) {
      wordEnd += 1
    }
    let found =
      wordEnd > start
      ? String(utf8: bytes.extracting(start..<wordEnd)) : JSONReadError.characterDescription(at: start, in: bytes)
    return .unexpectedCharacter(found, expected: expected)
  }

  /// Whether `byte` belongs to a bare word: an ASCII letter, or after the first byte also a digit or `_`.
  static func isWordByte(_ byte: UInt8, first: Bool) -> Bool {
    let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    return isLetter || (!first && (byte == UInt8(ascii: "_") || (byte >= 0x30 && byte <= 0x39)))
  }

  /// The path of the value being read, from the open containers: an object's current member (but
  /// not while its next name is being read), an array's current index.
  func path(_ bytes: Span<UInt8>) -> JSONPath {
    var components: [JSONPath.Component] = []
    let frames = openFrames
    for (level, frame) in frames.enumerated() {
      if frame.isObject {
        let isTopReadingName = level == frames.count - 1 && scanner.isReadingName
        if frame.lastKey >= 0, !isTopReadingName { components.append(.key(decodedString(frame.lastKey, bytes))) }
      } else {
        components.append(.index(frame.count))
      }
    }
    return JSONPath(components)
  }
}

extension ScannerState.Expected {
  var expectation: JSONReadError.Expectation {
    switch self {
    case .value: .value
    case .memberName: .memberName
    case .colon: .colon
    case .commaOrEndOfArray: .commaOrEndOfArray
    case .commaOrEndOfObject: .commaOrEndOfObject
    case .endOfString: .endOfString
    case .literalTrue: .literal("true")
    case .literalFalse: .literal("false")
    case .literalNull: .literal("null")
    }
  }
}

extension JSONReadError {
  /// An error of `kind` at `offset` of `bytes`, with its line and column worked out.
  package static func located(_ kind: Kind, at offset: Int, in bytes: Span<UInt8>, path: JSONPath) -> JSONReadError {
    let (line, column) = lineAndColumn(of: offset, in: bytes)
    return JSONReadError(kind: kind, offset: offset, line: line, column: column, path: path)
  }

  /// The 1-based line and column of `offset`; the column counts Unicode scalars (bytes that do not
  /// continue a UTF-8 sequence), which is exact for valid UTF-8 and a fair guess otherwise.
  package static func lineAndColumn(of offset: Int, in bytes: Span<UInt8>) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    let stop = min(max(offset, 0), bytes.count)
    for position in 0..<stop {
      let byte = bytes[position]
      if byte == JSONByte.newline {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return (line, column)
  }

  /// The character at `offset` as a message shows it: printable ASCII as itself, any other scalar as
  /// `U+XXXX` (so that invisible ones such as U+00A0 can be seen), and a byte that starts no valid UTF-8
  /// sequence as `0xXX`.
  static func characterDescription(at offset: Int, in bytes: Span<UInt8>) -> String {
    guard offset < bytes.count else { return "" }
    let byte = bytes[offset]
    if byte >= 0x20 && byte < 0x7F { return String(UnicodeScalar(byte)) }
    guard let length = UTF8Bytes.sequenceLength(in: bytes, at: offset) else { return "0x" + hex(UInt32(byte), width: 2) }
    let text = String(utf8: bytes.extracting(offset..<offset + length))
    let scalar = text.unicodeScalars.first?.value ?? UInt32(byte)
    return "U+" + hex(scalar, width: 4)
  }

  /// `value` in upper-case hexadecimal, zero-padded to `width` digits.
  static func hex(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
