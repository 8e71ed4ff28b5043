/// Reads JSON documents from bytes, strictly by RFC 8259, without Foundation.
///
/// Used for applicant records and decision-log lines, so it must be total: any input, however broken,
/// ends in a value or in a `JSONReadError` that says what went wrong and where (byte offset, line and
/// column, JSON path). Beyond RFC 8259 it refuses a duplicate member name in one object (a record must
/// mean one thing) and a leading byte-order mark, and it enforces `JSONLimits`.
package enum JSONReader {
  /// Reads the one JSON value that `bytes` holds.
  package static func read(
    _ bytes: UnsafeRawBufferPointer,
    limits: JSONLimits = .default
  ) throws(JSONReadError) -> JSONValue {
    var parser = Parser(bytes: bytes, limits: limits)
    return try parser.readDocument()
  }

  /// Reads the one JSON value that `bytes` holds.
  package static func read(_ bytes: [UInt8], limits: JSONLimits = .default) throws(JSONReadError) -> JSONValue {
    // `withUnsafeBytes` only rethrows untyped errors, so the typed error travels inside a `Result`.
    let result = bytes.withUnsafeBytes { buffer in
      Result { () throws(JSONReadError) in try read(buffer, limits: limits) }
    }
    return try result.get()
  }

  /// Reads the one JSON value that `text` holds, from its UTF-8 bytes.
  package static func read(_ text: String, limits: JSONLimits = .default) throws(JSONReadError) -> JSONValue {
    var text = text
    let result = text.withUTF8 { buffer in
      Result { () throws(JSONReadError) in try read(UnsafeRawBufferPointer(buffer), limits: limits) }
    }
    return try result.get()
  }
}

extension JSONReader {
  /// The bytes the grammar names.
  enum Byte {
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

  /// An array or object the reader has opened and not yet closed.
  ///
  /// The reader keeps these on an explicit stack rather than recursing, so nesting costs heap, not call
  /// stack, and the stack doubles as the JSON path when an error is reported.
  struct Frame {
    /// Whether this is an object (members) rather than an array (elements).
    let isObject: Bool
    /// Where this container's items begin in the parser's `elements` or `members`.
    let start: Int
    /// The names of a large object, kept once a linear search for duplicates would be slow.
    var keySet: Set<String>?
  }

  /// The state of reading one document: the input, a cursor into it, and the open containers.
  struct Parser {
    /// The whole input.
    let bytes: UnsafeRawBufferPointer
    /// `bytes.count`, the offset just past the input.
    let end: Int
    /// The caller's limits, made non-negative and, for strings, no larger than the input.
    let limits: JSONLimits
    /// The offset of the next byte to read.
    var index = 0
    /// The open arrays and objects, outermost first.
    var stack: [Frame] = []
    /// The elements of all open arrays, innermost last. One shared buffer, moved out at `]`, costs one
    /// allocation per array instead of one per doubling of its size.
    var elements: [JSONValue] = []
    /// The members of all open objects, innermost last; a member's value is `null` until it has been read.
    var members: [PendingMember] = []
    /// Whether the innermost object's next member name is being read (so the path ends at the object).
    var isReadingName = false
    /// Whether the string last read was plain ASCII without escapes, so that its input bytes are its UTF-8.
    var lastStringWasPlain = false

    /// A parser at the start of `bytes`.
    init(bytes: UnsafeRawBufferPointer, limits: JSONLimits) {
      self.bytes = bytes
      self.end = bytes.count
      var limits = limits
      limits.maxBytes = max(0, limits.maxBytes)
      limits.maxDepth = max(0, limits.maxDepth)
      // Bounded by the input so that `start + maxStringBytes + 1` cannot overflow.
      limits.maxStringBytes = max(0, min(limits.maxStringBytes, bytes.count))
      limits.maxMembers = max(0, limits.maxMembers)
      self.limits = limits
    }
  }
}

extension JSONReader.Parser {
  typealias Byte = JSONReader.Byte

  /// Reads the document's single value and checks that only whitespace follows it.
  mutating func readDocument() throws(JSONReadError) -> JSONValue {
    guard end <= limits.maxBytes else { throw failure(.tooLarge(limit: limits.maxBytes), at: limits.maxBytes) }
    if end >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { throw failure(.byteOrderMark, at: 0) }
    var value = JSONValue.null
    // One pass of this loop reads a scalar or an empty container, or opens a container and goes on to its
    // first item; the inner loop then hands the finished value to its container and closes what ends.
    readingValue: while true {
      skipWhitespace()
      guard index < end else { throw failure(.unexpectedEnd(expected: .value)) }
      switch bytes[index] {
      case Byte.quote:
        value = .string(try readString())
      case Byte.openBrace:
        try checkDepth()
        index += 1
        skipWhitespace()
        if index < end, bytes[index] == Byte.closeBrace {
          index += 1
          value = .object([])
        } else {
          openContainer(isObject: true)
          try readMemberName()
          continue readingValue
        }
      case Byte.openBracket:
        try checkDepth()
        index += 1
        skipWhitespace()
        if index < end, bytes[index] == Byte.closeBracket {
          index += 1
          value = .array([])
        } else {
          openContainer(isObject: false)
          try checkElementCount()
          continue readingValue
        }
      case UInt8(ascii: "t"):
        try readLiteral("true")
        value = .bool(true)
      case UInt8(ascii: "f"):
        try readLiteral("false")
        value = .bool(false)
      case UInt8(ascii: "n"):
        try readLiteral("null")
        value = .null
      case Byte.minus, Byte.zero...Byte.nine:
        value = .number(try readNumber())
      default:
        throw unexpectedCharacter(expected: .value)
      }

      while !stack.isEmpty {
        skipWhitespace()
        let isObject = stack[stack.count - 1].isObject
        let start = stack[stack.count - 1].start
        guard index < end else {
          throw failure(.unexpectedEnd(expected: isObject ? .commaOrEndOfObject : .commaOrEndOfArray))
        }
        let byte = bytes[index]
        if isObject {
          guard byte == Byte.comma || byte == Byte.closeBrace else {
            throw unexpectedCharacter(expected: .commaOrEndOfObject)
          }
          // `swap` moves the value in; an assignment would copy it (a retain now, a release later).
          swap(&members[members.count - 1].member.value, &value)
          index += 1
          guard byte == Byte.closeBrace else {
            try readMemberName()
            continue readingValue
          }
          value = .object(takeMembers(from: start))
        } else {
          // The element is added only once it is known to be followed by `,` or `]`, so that an error
          // here names its index.
          guard byte == Byte.comma || byte == Byte.closeBracket else {
            throw unexpectedCharacter(expected: .commaOrEndOfArray)
          }
          elements.append(.null)
          swap(&elements[elements.count - 1], &value)
          index += 1
          guard byte == Byte.closeBracket else {
            try checkElementCount()
            continue readingValue
          }
          value = .array(takeElements(from: start))
        }
        stack.removeLast()
      }
      skipWhitespace()
      guard index == end else { throw failure(.trailingContent) }
      return value
    }
  }

  /// Moves past JSON whitespace: space, tab, line feed and carriage return.
  @inline(__always)
  mutating func skipWhitespace() {
    while index < end {
      let byte = bytes[index]
      guard byte == Byte.space || byte == Byte.newline || byte == Byte.carriageReturn || byte == Byte.tab else {
        return
      }
      index += 1
    }
  }

  /// Refuses to open another container at the maximum depth; called before anything is pushed.
  func checkDepth() throws(JSONReadError) {
    guard stack.count < limits.maxDepth else { throw failure(.tooDeep(limit: limits.maxDepth)) }
  }

  /// Pushes a new innermost container, its items starting at the end of the shared buffers.
  mutating func openContainer(isObject: Bool) {
    if stack.isEmpty {
      // Sized for a typical record, so that the buffers rarely grow, yet small enough (under 1 KB) for
      // malloc's fast per-thread cache; a document that is one scalar never gets here.
      stack.reserveCapacity(8)
      elements.reserveCapacity(16)
      members.reserveCapacity(16)
    }
    stack.append(JSONReader.Frame(isObject: isObject, start: isObject ? members.count : elements.count))
  }

  /// Refuses another element in the innermost array once it holds the maximum number.
  mutating func checkElementCount() throws(JSONReadError) {
    let start = stack.last?.start ?? 0
    guard elements.count - start < limits.maxMembers else {
      skipWhitespace()
      throw failure(.tooManyMembers(limit: limits.maxMembers))
    }
  }

  /// Reads the literal `word` (`true`, `false` or `null`) whose first byte is under the cursor.
  ///
  /// A mismatch is reported at the start of the word, and shows the whole word found (`five`, `nil`).
  mutating func readLiteral(_ word: StaticString) throws(JSONReadError) {
    let start = index
    let wordBytes = UnsafeRawBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
    for byte in wordBytes {
      guard index < end else { throw failure(.unexpectedEnd(expected: .literal(word.description))) }
      guard bytes[index] == byte else {
        index = start
        throw unexpectedCharacter(expected: .value)
      }
      index += 1
    }
  }
}
