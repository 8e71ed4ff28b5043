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
    var scanner = JSONScanner(limits: limits, rejectsDuplicateKeys: rejectingDuplicateKeys)
    // The entries' storage moves into the scanner and back, so it is reused, never copied.
    swap(&scanner.entries, &entries)
    defer { swap(&scanner.entries, &entries) }
    try scanner.scanDocument(bytes)
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
/// an error is reported.
struct JSONScanner {
  /// An array or object opened and not yet closed.
  struct Frame {
    let isObject: Bool
    /// The container's entry.
    let entry: Int
    /// Members so far (objects), or elements completed (arrays: the index of the one being read).
    var count: Int = 0
    /// The entry of the last member's key, or -1.
    var lastKey: Int = -1
    /// The names of a large object, once a linear search for duplicates would be slow.
    var keySet: Set<String>?
  }

  let limits: JSONLimits
  let rejectsDuplicateKeys: Bool
  var entries: [JSONTape.Entry] = []
  var stack: [Frame] = []
  var index = 0
  /// Whether the innermost object's next member name is being read (so the path ends at the object).
  var isReadingName = false

  init(limits: JSONLimits, rejectsDuplicateKeys: Bool) {
    var limits = limits
    limits.maxBytes = max(0, limits.maxBytes)
    limits.maxDepth = max(0, limits.maxDepth)
    limits.maxStringBytes = max(0, limits.maxStringBytes)
    limits.maxMembers = max(0, limits.maxMembers)
    self.limits = limits
    self.rejectsDuplicateKeys = rejectsDuplicateKeys
  }

  mutating func scanDocument(_ bytes: Span<UInt8>) throws(JSONReadError) {
    entries.removeAll(keepingCapacity: true)
    stack.removeAll(keepingCapacity: true)
    index = 0
    isReadingName = false
    let end = bytes.count
    guard end <= limits.maxBytes, end < Int(Int32.max) else {
      throw failure(.tooLarge(limit: min(limits.maxBytes, Int(Int32.max) - 1)), at: min(limits.maxBytes, end), bytes)
    }
    if end >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { throw failure(.byteOrderMark, at: 0, bytes) }
    // One pass of this loop reads a scalar or an empty container, or opens a container and goes on to its
    // first item; the inner loop then closes what ends and moves to the next item.
    readingValue: while true {
      skipWhitespace(bytes)
      guard index < end else { throw failure(.unexpectedEnd(expected: .value), bytes) }
      switch bytes[index] {
      case JSONByte.quote:
        try scanString(bytes)
      case JSONByte.openBrace:
        try checkDepth(bytes)
        let start = index
        index += 1
        skipWhitespace(bytes)
        entries.append(JSONTape.Entry(kind: .object, flags: 0, start: Int32(start), end: 0, count: 0))
        if index < end, bytes[index] == JSONByte.closeBrace {
          index += 1
          entries[entries.count - 1].end = Int32(entries.count)
          entries[entries.count - 1].valueEnd = Int32(index)
        } else {
          stack.append(Frame(isObject: true, entry: entries.count - 1))
          try readMemberName(bytes)
          continue readingValue
        }
      case JSONByte.openBracket:
        try checkDepth(bytes)
        let start = index
        index += 1
        skipWhitespace(bytes)
        entries.append(JSONTape.Entry(kind: .array, flags: 0, start: Int32(start), end: 0, count: 0))
        if index < end, bytes[index] == JSONByte.closeBracket {
          index += 1
          entries[entries.count - 1].end = Int32(entries.count)
          entries[entries.count - 1].valueEnd = Int32(index)
        } else {
          stack.append(Frame(isObject: false, entry: entries.count - 1))
          try checkElementCount(bytes)
          continue readingValue
        }
      case UInt8(ascii: "t"):
        try scanLiteral("true", kind: .true, bytes)
      case UInt8(ascii: "f"):
        try scanLiteral("false", kind: .false, bytes)
      case UInt8(ascii: "n"):
        try scanLiteral("null", kind: .null, bytes)
      case JSONByte.minus, JSONByte.zero...JSONByte.nine:
        try scanNumber(bytes)
      default:
        throw unexpectedCharacter(expected: .value, bytes)
      }

      while !stack.isEmpty {
        skipWhitespace(bytes)
        let top = stack.count - 1
        let isObject = stack[top].isObject
        guard index < end else {
          throw failure(.unexpectedEnd(expected: isObject ? .commaOrEndOfObject : .commaOrEndOfArray), bytes)
        }
        let byte = bytes[index]
        if isObject {
          guard byte == JSONByte.comma || byte == JSONByte.closeBrace else {
            throw unexpectedCharacter(expected: .commaOrEndOfObject, bytes)
          }
          index += 1
          if byte == JSONByte.comma {
            try readMemberName(bytes)
            continue readingValue
          }
        } else {
          // The element counts once it is known to be followed by `,` or `]`, so that an error
          // here names its index.
          guard byte == JSONByte.comma || byte == JSONByte.closeBracket else {
            throw unexpectedCharacter(expected: .commaOrEndOfArray, bytes)
          }
          index += 1
          stack[top].count += 1
          if byte == JSONByte.comma {
            try checkElementCount(bytes)
            continue readingValue
          }
        }
        let frame = stack.removeLast()
        entries[frame.entry].end = Int32(entries.count)
        entries[frame.entry].count = Int32(frame.count)
        entries[frame.entry].valueEnd = Int32(index)
      }
      skipWhitespace(bytes)
      guard index == end else { throw failure(.trailingContent, bytes) }
      return
    }
  }

  /// Moves past JSON whitespace: space, tab, line feed and carriage return.
  @inline(__always)
  mutating func skipWhitespace(_ bytes: Span<UInt8>) {
    while index < bytes.count {
      let byte = bytes[index]
      guard byte == JSONByte.space || byte == JSONByte.newline || byte == JSONByte.carriageReturn
        || byte == JSONByte.tab
      else { return }
      index += 1
    }
  }

  /// Refuses to open another container at the maximum depth; called before anything is pushed.
  func checkDepth(_ bytes: Span<UInt8>) throws(JSONReadError) {
    guard stack.count < limits.maxDepth else { throw failure(.tooDeep(limit: limits.maxDepth), bytes) }
  }

  /// Refuses another element in the innermost array once it holds the maximum number.
  mutating func checkElementCount(_ bytes: Span<UInt8>) throws(JSONReadError) {
    guard let top = stack.last, top.count >= limits.maxMembers else { return }
    skipWhitespace(bytes)
    throw failure(.tooManyMembers(limit: limits.maxMembers), bytes)
  }

  /// Scans the literal `word` (`true`, `false` or `null`) whose first byte is under the cursor.
  /// A mismatch is reported at the start of the word and shows the whole word found (`nil`).
  mutating func scanLiteral(_ word: StaticString, kind: JSONTape.Kind, _ bytes: Span<UInt8>) throws(JSONReadError) {
    let start = index
    let length = word.utf8CodeUnitCount
    for position in 0..<length {
      guard index < bytes.count else { throw failure(.unexpectedEnd(expected: .literal(word.description)), bytes) }
      guard bytes[index] == Self.byte(of: word, at: position) else {
        index = start
        throw unexpectedCharacter(expected: .value, bytes)
      }
      index += 1
    }
    entries.append(JSONTape.Entry(kind: kind, flags: 0, start: Int32(start), end: Int32(index), count: 0,
                                  valueEnd: Int32(index)))
  }

  static func byte(of word: StaticString, at position: Int) -> UInt8 {
    word.withUTF8Buffer { $0[position] }
  }

  /// Reads a member name and its colon into the innermost open object.
  mutating func readMemberName(_ bytes: Span<UInt8>) throws(JSONReadError) {
    isReadingName = true
    skipWhitespace(bytes)
    guard index < bytes.count else { throw failure(.unexpectedEnd(expected: .memberName), bytes) }
    guard bytes[index] == JSONByte.quote else { throw unexpectedCharacter(expected: .memberName, bytes) }
    let top = stack.count - 1
    guard stack[top].count < limits.maxMembers else {
      throw failure(.tooManyMembers(limit: limits.maxMembers), bytes)
    }
    let nameOffset = index
    try scanString(bytes)
    let key = entries.count - 1
    let isNew = rejectsDuplicateKeys ? isNewName(key, in: top, bytes) : true
    // Counted before the duplicate check so that the error's path names the repeated member.
    stack[top].count += 1
    stack[top].lastKey = key
    isReadingName = false
    guard isNew else { throw failure(.duplicateKey(decodedString(key, bytes)), at: nameOffset, bytes) }
    skipWhitespace(bytes)
    guard index < bytes.count else { throw failure(.unexpectedEnd(expected: .colon), bytes) }
    guard bytes[index] == JSONByte.colon else { throw unexpectedCharacter(expected: .colon, bytes) }
    index += 1
  }

  /// The largest object whose names are checked by a linear scan; larger ones use a set.
  static let linearScanLimit = 12

  /// Whether the key at entry `key` differs from every earlier name of the object of frame `top`.
  ///
  /// Names compare as Swift strings (canonical equivalence), as `JSONValue`'s subscript looks
  /// them up, so two spellings a lookup could not tell apart are duplicates too; plain ASCII
  /// names compare as bytes, which is the same for them.
  mutating func isNewName(_ key: Int, in top: Int, _ bytes: Span<UInt8>) -> Bool {
    let count = stack[top].count
    if count >= Self.linearScanLimit {
      if stack[top].keySet == nil {
        var names = Set<String>()
        var position = stack[top].entry + 1
        while position < key {
          names.insert(decodedString(position, bytes))
          position = nextSibling(after: position + 1)
        }
        stack[top].keySet = names
      }
      let name = decodedString(key, bytes)
      return stack[top].keySet?.insert(name).inserted ?? true
    }
    let new = entries[key]
    var position = stack[top].entry + 1
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

  /// The entry after the value at `index` and its descendants. Only for closed values: an open
  /// container's `end` is not set yet.
  func nextSibling(after index: Int) -> Int {
    let entry = entries[index]
    return entry.kind == .object || entry.kind == .array ? Int(entry.end) : index + 1
  }

  /// The string at entry `index`, decoded.
  func decodedString(_ index: Int, _ bytes: Span<UInt8>) -> String {
    var decoded: [UInt8] = []
    JSONStrings.decode(bytes, entries[index].byteRange, into: &decoded)
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
