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
package struct JSONTape: Sendable {
  package enum Kind: UInt8, Sendable {
    case object, array, string, number, `true`, `false`, null
  }

  package struct Entry: Sendable, Hashable {
    package var kind: Kind
    /// For strings: `hasEscapes` and `isNotASCII` bits.
    package var flags: UInt8
    /// The offset of the value's first byte; for strings, of the first byte after the quote.
    package var start: Int32
    /// For strings, the offset of the closing quote; for numbers and literals, of the byte after
    /// the value; for containers, the index of the entry after the container's last descendant.
    package var end: Int32
    /// For containers: how many members or elements.
    package var count: Int32
    /// The offset just past the value's last byte (a string's closing quote, a container's
    /// closing bracket).
    package var valueEnd: Int32 = 0

    package static let hasEscapes: UInt8 = 1
    package static let isNotASCII: UInt8 = 2

    /// For a string: whether its bytes between the quotes are its UTF-8 (no escapes).
    package var isPlain: Bool { flags & Self.hasEscapes == 0 }
    /// For a scalar: its bytes (a string's without the quotes).
    package var byteRange: Range<Int> { Int(start)..<Int(end) }
    /// The value's bytes as written (a string's with its quotes, a container's with its brackets).
    package var valueRange: Range<Int> { (kind == .string ? Int(start) - 1 : Int(start))..<Int(valueEnd) }
  }

  package internal(set) var entries: [Entry] = []

  package init() {}

  /// The entry of the document's value.
  package static let root = 0

  package subscript(index: Int) -> Entry { entries[index] }

  /// The index of the value after the one at `index` (its next sibling, or past its parent's end).
  @inline(__always)
  package func next(after index: Int) -> Int {
    let entry = entries[index]
    return entry.kind == .object || entry.kind == .array ? Int(entry.end) : index + 1
  }

  /// The members of the object at `index`: each member's key entry and value entry.
  package func members(of index: Int) -> MemberSequence { MemberSequence(tape: self, object: index) }

  /// The elements of the array at `index`: each element's entry.
  package func elements(of index: Int) -> ElementSequence { ElementSequence(tape: self, array: index) }

  package struct MemberSequence: Sequence {
    let tape: JSONTape
    let object: Int

    package struct Iterator: IteratorProtocol {
      let tape: JSONTape
      var position: Int
      var remaining: Int

      package mutating func next() -> (key: Int, value: Int)? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        let key = position
        position = tape.next(after: key + 1)
        return (key, key + 1)
      }
    }

    package func makeIterator() -> Iterator {
      Iterator(tape: tape, position: object + 1, remaining: Int(tape.entries[object].count))
    }
  }

  package struct ElementSequence: Sequence {
    let tape: JSONTape
    let array: Int

    package struct Iterator: IteratorProtocol {
      let tape: JSONTape
      var position: Int
      var remaining: Int

      package mutating func next() -> Int? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        let element = position
        position = tape.next(after: element)
        return element
      }
    }

    package func makeIterator() -> Iterator {
      Iterator(tape: tape, position: array + 1, remaining: Int(tape.entries[array].count))
    }
  }
}

// MARK: - Reading values

extension JSONTape {
  /// The string at `index`, decoded (escapes resolved).
  package func string(_ index: Int, in bytes: Span<UInt8>) -> String {
    let entry = entries[index]
    if entry.isPlain {
      return String(utf8: bytes.extracting(entry.byteRange))
    }
    var decoded: [UInt8] = []
    JSONStrings.decode(bytes, entry.byteRange, into: &decoded)
    return String(decoding: decoded, as: UTF8.self)
  }

  /// The UTF-8 of the string at `index`, decoded, appended to `decoded`.
  package func appendString(_ index: Int, in bytes: Span<UInt8>, to decoded: inout [UInt8]) {
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
  package func string(_ index: Int, in bytes: Span<UInt8>, equals name: [UInt8]) -> Bool {
    let entry = entries[index]
    guard entry.isPlain, Int(entry.end - entry.start) == name.count else { return false }
    let start = Int(entry.start)
    for position in name.indices where bytes[start + position] != name[position] { return false }
    return true
  }

  /// The number at `index` as an exact decimal, or why it cannot be one.
  package func decimal(_ index: Int, in bytes: Span<UInt8>) -> Result<DecimalNumber, DecimalReadError> {
    DecimalNumber.reading(json: bytes.extracting(entries[index].byteRange))
  }

  /// The number at `index` as the nearest double (infinite when out of range).
  package func double(_ index: Int, in bytes: Span<UInt8>) -> Double {
    JSONNumbers.double(bytes.extracting(entries[index].byteRange))
  }
}
