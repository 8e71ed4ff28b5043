/// A JSON document indexed in one pass: every value of the document as an entry of a flat array,
/// in document order, pointing at its bytes. The one reader of JSON in Mizan: records, decision
/// log lines, examples, HTTP bodies and language-server messages are all scanned into a tape,
/// then read from it by whatever needs them (the record reader reads typed facts straight from
/// the tape; `JSONReader` builds a `JSONValue` tree from it).
///
/// Scanning checks the whole grammar (RFC 8259), UTF-8 and escapes, and the limits; it builds
/// no strings and converts no numbers. Strings are decoded, and numbers converted (exactly, as
/// decimals, or to doubles), only when read. The entries' storage is kept from document to
/// document, so a batch scans millions of records without allocating.
///
/// Layout: an object's entry is followed by its members, each a key entry then the value's
/// entries; an array's by its elements. A container's `end` is the index just past its last
/// descendant, so a reader skips a whole value in one step.
///
/// Non-copyable: a tape is one reader's scratch space (its entries and the scanner's state,
/// reused from document to document), never shared.
public struct JSONTape: ~Copyable, Sendable {
  public enum Kind: UInt8, Sendable, BitwiseCopyable {
    case object, array, string, number, `true`, `false`, null
  }

  public struct Entry: Sendable, Hashable, BitwiseCopyable {
    public var kind: Kind
    /// For strings: `hasEscapes` and `isNotASCII` bits.
    public var flags: UInt8
    /// The offset of the value's first byte; for strings, of the first byte after the quote.
    public var start: Int32
    /// For strings, the offset of the closing quote; for numbers and literals, of the byte after
    /// the value; for containers, the index of the entry after the container's last descendant.
    public var end: Int32
    /// For containers: how many members or elements.
    public var count: Int32
    /// The offset just past the value's last byte (a string's closing quote, a container's
    /// closing bracket).
    public var valueEnd: Int32 = 0

    @inlinable public static var hasEscapes: UInt8 { 1 }
    @inlinable public static var isNotASCII: UInt8 { 2 }

    /// For a string: whether its bytes between the quotes are its UTF-8 (no escapes).
    @inlinable public var isPlain: Bool { flags & Self.hasEscapes == 0 }
    /// For a scalar: its bytes (a string's without the quotes).
    @inlinable public var byteRange: Range<Int> { Int(start)..<Int(end) }
    /// The value's bytes as written (a string's with its quotes, a container's with its brackets).
    public var valueRange: Range<Int> {
      if case .string = kind { return (Int(start) - 1)..<Int(valueEnd) }
      return Int(start)..<Int(valueEnd)
    }
    /// Whether the value is a container (its `end` is an entry index).
    @inlinable public var isContainer: Bool { kind.rawValue <= Kind.array.rawValue }
  }

  /// The values of the last document scanned, in document order.
  public internal(set) var entries = ElementBuffer<Entry>(capacity: 128)
  /// The scanner's state (`JSONTape+Scanner.swift`), kept so that its storage is reused.
  var scanner = ScannerState()

  public init() {}

  /// How many entries the last document has.
  @inlinable public var count: Int { entries.count }

  /// The entry of the document's value.
  public static let root = 0

  @inlinable @inline(__always) public subscript(index: Int) -> Entry { entries[index] }

  /// The index of the value after the one at `index` (its next sibling, or past its parent's end).
  @inlinable @inline(__always)
  public func next(after index: Int) -> Int {
    let entry = entries[index]
    return entry.isContainer ? Int(entry.end) : index + 1
  }

  /// Calls `body` with each member of the object at `index`: its key entry and value entry.
  @inlinable
  public func forEachMember(of index: Int, _ body: (_ key: Int, _ value: Int) throws -> Void) rethrows {
    var key = index + 1
    for _ in 0..<Int(entries[index].count) {
      try body(key, key + 1)
      key = next(after: key + 1)
    }
  }

  /// Calls `body` with the position and entry of each element of the array at `index`.
  @inlinable
  public func forEachElement(of index: Int, _ body: (_ position: Int, _ element: Int) throws -> Void) rethrows {
    var element = index + 1
    for position in 0..<Int(entries[index].count) {
      try body(position, element)
      element = next(after: element)
    }
  }

  /// The value entry of the member `name` of the object at `index` (the last one of that name), or nil.
  public func member(_ name: String, of index: Int, in bytes: Span<UInt8>) -> Int? {
    var found: Int?
    let utf8 = Array(name.utf8)
    forEachMember(of: index) { key, value in
      if string(key, in: bytes, equals: utf8) { found = value }
    }
    return found
  }
}

// MARK: - Reading values

extension JSONTape {
  /// The string at `index`, decoded (escapes resolved).
  public func string(_ index: Int, in bytes: Span<UInt8>) -> String {
    let entry = entries[index]
    if entry.isPlain {
      return String(utf8: bytes.extracting(entry.byteRange))
    }
    var decoded: [UInt8] = []
    JSONStrings.decode(bytes, entry.byteRange, into: &decoded)
    return String(decoding: decoded, as: UTF8.self)
  }

  /// The UTF-8 of the string at `index`, decoded, appended to `decoded`.
  public func appendString(_ index: Int, in bytes: Span<UInt8>, to decoded: inout [UInt8]) {
    let entry = entries[index]
    if entry.isPlain {
      decoded.append(contentsOf: bytes.extracting(entry.byteRange))
    } else {
      JSONStrings.decode(bytes, entry.byteRange, into: &decoded)
    }
  }

  /// Whether the string at `index` is exactly the UTF-8 `name` (escaped strings never are: names
  /// in records and logs are plain).
  @inline(__always)
  public func string(_ index: Int, in bytes: Span<UInt8>, equals name: [UInt8]) -> Bool {
    let entry = entries[index]
    guard entry.isPlain, Int(entry.end - entry.start) == name.count else { return false }
    let start = Int(entry.start)
    for position in name.indices where bytes[start + position] != name[position] { return false }
    return true
  }

  /// The number at `index` as an exact decimal, or why it cannot be one.
  public func decimal(_ index: Int, in bytes: Span<UInt8>) -> Result<DecimalNumber, DecimalReadError> {
    DecimalNumber.reading(json: bytes.extracting(entries[index].byteRange))
  }

  /// The number at `index` as the nearest double (infinite when out of range).
  public func double(_ index: Int, in bytes: Span<UInt8>) -> Double {
    JSONNumbers.double(bytes.extracting(entries[index].byteRange))
  }
}
