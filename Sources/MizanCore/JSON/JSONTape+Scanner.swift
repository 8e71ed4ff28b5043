extension JSONTape {
  /// Scans the one JSON value `bytes` holds into this tape (replacing what it held), or throws the
  /// first problem, located by byte offset, line and column, and JSON path.
  ///
  /// Beyond RFC 8259 it refuses a leading byte-order mark and enforces `limits`. With
  /// `rejectingDuplicateKeys`, a second member of the same name in one object is an error (a
  /// record must mean one thing); readers that know their fields (the record reader) find
  /// duplicates themselves, for free, and leave this off.
  package mutating func scan(_ bytes: Span<UInt8>, limits: JSONLimits = .default,
                             rejectingDuplicateKeys: Bool = false) throws(JSONReadError) {
    scanner.configure(limits: limits, rejectsDuplicateKeys: rejectingDuplicateKeys)
    guard scanDocument(bytes) else { throw error(bytes) }
  }

  /// Scans `bytes` into a new tape.
  package static func scanning(_ bytes: [UInt8], limits: JSONLimits = .default,
                               rejectingDuplicateKeys: Bool = false) throws(JSONReadError) -> JSONTape {
    var tape = JSONTape()
    try tape.scan(bytes.span, limits: limits, rejectingDuplicateKeys: rejectingDuplicateKeys)
    return tape
  }
}

/// The bytes the grammar names.
enum JSONByte {
  static let quote = UInt8(ascii: "\"")
  static let backslash = UInt8(ascii: "\\")
  static let slash = UInt8(ascii: "/")
  static let comma = UInt8(ascii: ",")
  static let colon = UInt8(ascii: ":")
  static let openBracket = UInt8(ascii: "[")
  static let closeBracket = UInt8(ascii: "]")
  static let openBrace = UInt8(ascii: "{")
  static let closeBrace = UInt8(ascii: "}")
  static let minus = UInt8(ascii: "-")
  static let plus = UInt8(ascii: "+")
  static let dot = UInt8(ascii: ".")
  static let zero = UInt8(ascii: "0")
  static let nine = UInt8(ascii: "9")
  static let space = UInt8(ascii: " ")
  static let tab = UInt8(ascii: "\t")
  static let newline = UInt8(ascii: "\n")
  static let carriageReturn = UInt8(ascii: "\r")
}

/// The state of scanning one document. Containers are kept on an explicit stack rather than by
/// recursing, so nesting costs heap, not call stack, and the stack doubles as the JSON path when
/// an error is reported. The innermost container is kept apart (`top`), so that reading a member
/// or an element touches no array but the entries'.
struct ScannerState: Sendable {
  /// An array or object opened and not yet closed.
  struct Frame: Sendable {
    var isObject: Bool
    /// The container's entry.
    var entry: Int
    /// Members so far (objects), or elements completed (arrays: the index of the one being read).
    var count: Int = 0
    /// The entry of the last member's key, or -1.
    var lastKey: Int = -1
  }

  var limits = JSONLimits.default
  var rejectsDuplicateKeys = false
  /// The containers around `top`, outermost first.
  var outer: [Frame] = []
  /// The innermost open container, when `depth > 0`.
  var top = Frame(isObject: false, entry: -1)
  var depth = 0
  var index = 0
  /// Whether the innermost object's next member name is being read (so the path ends at the object).
  var isReadingName = false
  /// The names of large objects, by their entry, once a linear search for duplicates would be slow.
  var keySets: [Int: Set<String>] = [:]
  /// What went wrong and where, once a step returned false (built into a `JSONReadError` by
  /// `error(_:)` only then: the hot paths carry no error payload).
  var failure = Failure.none
  var failureOffset = 0

  /// The first problem found, in few bytes.
  enum Failure: Sendable {
    case none
    case unexpectedEnd(Expected)
    case unexpectedCharacter(Expected)
    case invalidUTF8, invalidEscape, controlCharacterInString, invalidNumber, trailingContent, byteOrderMark
    case tooLarge, tooDeep, stringTooLong, tooManyMembers
    /// The key at this entry repeats an earlier one.
    case duplicateKey(Int)
  }

  /// What was expected, as `JSONReadError.Expectation` without payloads.
  enum Expected: Sendable {
    case value, memberName, colon, commaOrEndOfArray, commaOrEndOfObject, endOfString
    case literalTrue, literalFalse, literalNull
  }

  mutating func configure(limits: JSONLimits, rejectsDuplicateKeys: Bool) {
    var limits = limits
    limits.maxBytes = max(0, limits.maxBytes)
    limits.maxDepth = max(0, limits.maxDepth)
    limits.maxStringBytes = max(0, limits.maxStringBytes)
    limits.maxMembers = max(0, limits.maxMembers)
    self.limits = limits
    self.rejectsDuplicateKeys = rejectsDuplicateKeys
  }

}

extension JSONTape {
  /// Records the first problem and gives false, so that a failing step is `return fail(…)`.
  @inline(never)
  mutating func fail(_ problem: ScannerState.Failure, at offset: Int? = nil) -> Bool {
    scanner.failure = problem
    scanner.failureOffset = offset ?? scanner.index
    return false
  }

  /// Every open container, outermost first (for the path of an error).
  var openFrames: [ScannerState.Frame] { scanner.depth == 0 ? [] : scanner.outer + [scanner.top] }

  /// Opens a container whose entry was just appended.
  @inline(__always)
  mutating func open(isObject: Bool) {
    if scanner.depth > 0 { scanner.outer.append(scanner.top) }
    scanner.top = ScannerState.Frame(isObject: isObject, entry: entries.count - 1)
    scanner.depth += 1
  }

  /// Closes the innermost container at the cursor (just past its bracket).
  @inline(__always)
  mutating func close() {
    entries[scanner.top.entry].end = Int32(entries.count)
    entries[scanner.top.entry].count = Int32(scanner.top.count)
    entries[scanner.top.entry].valueEnd = Int32(scanner.index)
    scanner.depth -= 1
    if scanner.depth > 0 { scanner.top = scanner.outer.removeLast() }
  }

  /// Scans the document; false (with the failure recorded) at the first problem.
  mutating func scanDocument(_ bytes: Span<UInt8>) -> Bool {
    entries.removeAll()
    scanner.outer.removeAll(keepingCapacity: true)
    scanner.depth = 0
    scanner.index = 0
    scanner.isReadingName = false
    scanner.failure = .none
    if !scanner.keySets.isEmpty { scanner.keySets.removeAll() }
    let end = bytes.count
    guard end <= scanner.limits.maxBytes, end < Int(Int32.max) else {
      return fail(.tooLarge, at: min(scanner.limits.maxBytes, end))
    }
    if end >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return fail(.byteOrderMark, at: 0) }
    // One pass of this loop reads a scalar or an empty container, or opens a container and goes on to its
    // first item; the inner loop then closes what ends and moves to the next item.
    readingValue: while true {
      skipWhitespace(bytes)
      guard scanner.index < end else { return fail(.unexpectedEnd(.value)) }
      switch bytes[scanner.index] {
      case JSONByte.quote:
        guard scanString(bytes) else { return false }
      case JSONByte.openBrace:
        guard scanner.depth < scanner.limits.maxDepth else { return fail(.tooDeep) }
        let start = scanner.index
        scanner.index += 1
        skipWhitespace(bytes)
        entries.append(JSONTape.Entry(kind: .object, flags: 0, start: Int32(start), end: 0, count: 0))
        if scanner.index < end, bytes[scanner.index] == JSONByte.closeBrace {
          scanner.index += 1
          entries[entries.count - 1].end = Int32(entries.count)
          entries[entries.count - 1].valueEnd = Int32(scanner.index)
        } else {
          open(isObject: true)
          guard readMemberName(bytes) else { return false }
          continue readingValue
        }
      case JSONByte.openBracket:
        guard scanner.depth < scanner.limits.maxDepth else { return fail(.tooDeep) }
        let start = scanner.index
        scanner.index += 1
        skipWhitespace(bytes)
        entries.append(JSONTape.Entry(kind: .array, flags: 0, start: Int32(start), end: 0, count: 0))
        if scanner.index < end, bytes[scanner.index] == JSONByte.closeBracket {
          scanner.index += 1
          entries[entries.count - 1].end = Int32(entries.count)
          entries[entries.count - 1].valueEnd = Int32(scanner.index)
        } else {
          open(isObject: false)
          guard checkElementCount(bytes) else { return false }
          continue readingValue
        }
      case UInt8(ascii: "t"):
        guard scanLiteral(0x6575_7274, length: 4, kind: .true, expected: .literalTrue, bytes) else { return false }
      case UInt8(ascii: "f"):
        guard scanLiteral(0x65_736C_6166, length: 5, kind: .false, expected: .literalFalse, bytes) else { return false }
      case UInt8(ascii: "n"):
        guard scanLiteral(0x6C6C_756E, length: 4, kind: .null, expected: .literalNull, bytes) else { return false }
      case JSONByte.minus, JSONByte.zero...JSONByte.nine:
        guard scanNumber(bytes) else { return false }
      default:
        return fail(.unexpectedCharacter(.value))
      }

      while scanner.depth > 0 {
        skipWhitespace(bytes)
        guard scanner.index < end else {
          return fail(.unexpectedEnd(scanner.top.isObject ? .commaOrEndOfObject : .commaOrEndOfArray))
        }
        let byte = bytes[scanner.index]
        if scanner.top.isObject {
          guard byte == JSONByte.comma || byte == JSONByte.closeBrace else {
            return fail(.unexpectedCharacter(.commaOrEndOfObject))
          }
          scanner.index += 1
          if byte == JSONByte.comma {
            guard readMemberName(bytes) else { return false }
            continue readingValue
          }
        } else {
          // The element counts once it is known to be followed by `,` or `]`, so that an error
          // here names its index.
          guard byte == JSONByte.comma || byte == JSONByte.closeBracket else {
            return fail(.unexpectedCharacter(.commaOrEndOfArray))
          }
          scanner.index += 1
          scanner.top.count += 1
          if byte == JSONByte.comma {
            guard checkElementCount(bytes) else { return false }
            continue readingValue
          }
        }
        close()
      }
      skipWhitespace(bytes)
      guard scanner.index == end else { return fail(.trailingContent) }
      return true
    }
  }

  /// Moves past JSON whitespace: space, tab, line feed and carriage return.
  @inline(__always)
  mutating func skipWhitespace(_ bytes: Span<UInt8>) {
    while scanner.index < bytes.count {
      let byte = bytes[scanner.index]
      guard byte == JSONByte.space || byte == JSONByte.newline || byte == JSONByte.carriageReturn
        || byte == JSONByte.tab
      else { return }
      scanner.index += 1
    }
  }

  /// Refuses another element in the innermost array once it holds the maximum number.
  @inline(__always)
  mutating func checkElementCount(_ bytes: Span<UInt8>) -> Bool {
    guard scanner.top.count >= scanner.limits.maxMembers else { return true }
    skipWhitespace(bytes)
    return fail(.tooManyMembers)
  }

  /// Scans the literal whose `length` bytes are `word` (little-endian: `true`, `false`, `null`),
  /// first byte under the cursor. A mismatch is reported at the start of the word.
  mutating func scanLiteral(_ word: UInt64, length: Int, kind: JSONTape.Kind, expected: ScannerState.Expected,
                            _ bytes: Span<UInt8>) -> Bool {
    let start = scanner.index
    for position in 0..<length {
      guard scanner.index < bytes.count else { return fail(.unexpectedEnd(expected)) }
      guard UInt64(bytes[scanner.index]) == (word >> (8 * UInt64(position))) & 0xFF else {
        scanner.index = start
        return fail(.unexpectedCharacter(.value))
      }
      scanner.index += 1
    }
    entries.append(JSONTape.Entry(kind: kind, flags: 0, start: Int32(start), end: Int32(scanner.index), count: 0,
                                  valueEnd: Int32(scanner.index)))
    return true
  }

  /// Reads a member name and its colon into the innermost open object.
  @inline(__always)
  mutating func readMemberName(_ bytes: Span<UInt8>) -> Bool {
    scanner.isReadingName = true
    skipWhitespace(bytes)
    guard scanner.index < bytes.count else { return fail(.unexpectedEnd(.memberName)) }
    guard bytes[scanner.index] == JSONByte.quote else { return fail(.unexpectedCharacter(.memberName)) }
    guard scanner.top.count < scanner.limits.maxMembers else { return fail(.tooManyMembers) }
    let nameOffset = scanner.index
    guard scanString(bytes) else { return false }
    let key = entries.count - 1
    let isNew = scanner.rejectsDuplicateKeys ? isNewName(key, bytes) : true
    // Counted before the duplicate check so that the error's path names the repeated member.
    scanner.top.count += 1
    scanner.top.lastKey = key
    scanner.isReadingName = false
    guard isNew else { return fail(.duplicateKey(key), at: nameOffset) }
    skipWhitespace(bytes)
    guard scanner.index < bytes.count else { return fail(.unexpectedEnd(.colon)) }
    guard bytes[scanner.index] == JSONByte.colon else { return fail(.unexpectedCharacter(.colon)) }
    scanner.index += 1
    return true
  }

  /// The largest object whose names are checked by a linear scan; larger ones use a set.
  static let linearScanLimit = 12

  /// Whether the key at entry `key` differs from every earlier name of the innermost object.
  ///
  /// Names compare as Swift strings (canonical equivalence), as `JSONValue`'s subscript looks
  /// them up, so two spellings a lookup could not tell apart are duplicates too; plain ASCII
  /// names compare as bytes, which is the same for them.
  mutating func isNewName(_ key: Int, _ bytes: Span<UInt8>) -> Bool {
    if scanner.top.count >= Self.linearScanLimit {
      var names = scanner.keySets[scanner.top.entry] ?? {
        var names = Set<String>()
        var position = scanner.top.entry + 1
        while position < key {
          names.insert(decodedString(position, bytes))
          position = nextSibling(after: position + 1)
        }
        return names
      }()
      let isNew = names.insert(decodedString(key, bytes)).inserted
      scanner.keySets[scanner.top.entry] = names
      return isNew
    }
    let new = entries[key]
    var position = scanner.top.entry + 1
    while position < key {
      let old = entries[position]
      if old.flags == 0, new.flags == 0 {
        if old.end - old.start == new.end - new.start,
          bytes.extracting(old.byteRange).elementsEqual(bytes.extracting(new.byteRange))
        {
          return false
        }
      } else if decodedString(position, bytes) == decodedString(key, bytes) {
        return false
      }
      position = nextSibling(after: position + 1)
    }
    return true
  }

  /// The entry after the value at `position` and its descendants. Only for closed values: an open
  /// container's `end` is not set yet.
  func nextSibling(after position: Int) -> Int {
    let entry = entries[position]
    return entry.isContainer ? Int(entry.end) : position + 1
  }

  /// The string at entry `position`, decoded.
  func decodedString(_ position: Int, _ bytes: Span<UInt8>) -> String {
    var decoded: [UInt8] = []
    JSONStrings.decode(bytes, entries[position].byteRange, into: &decoded)
    return String(decoding: decoded, as: UTF8.self)
  }
}

private extension Span<UInt8> {
  func elementsEqual(_ other: Span<UInt8>) -> Bool {
    guard count == other.count else { return false }
    for position in indices where self[position] != other[position] { return false }
    return true
  }
}
