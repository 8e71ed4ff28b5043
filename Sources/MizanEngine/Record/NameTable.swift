import MizanCore

/// A fixed list of names, looked up by the bytes of a JSON string without making a `String`: how
/// a record's field names, fact names, document types and enumeration values are matched.
///
/// A name is compared by its length and first eight bytes (one word) before the rest, and the
/// search starts at a hint (the index after the last match), because records usually list
/// fields in the order the schema or the policy declares them.
package struct NameTable: Sendable {
  package let names: [String]
  private let bytes: [[UInt8]]
  private let lengths: [Int]
  private let heads: [UInt64]

  package init(_ names: [String]) {
    self.names = names
    bytes = names.map { Array($0.utf8) }
    lengths = bytes.map(\.count)
    heads = bytes.map(Self.head(of:))
  }

  package var count: Int { names.count }

  /// The index of the name the string at tape entry `key` spells, or nil.
  @inline(__always)
  package func index(of key: JSONTape.Entry, in text: Span<UInt8>, hint: Int = 0) -> Int? {
    guard key.isPlain else { return indexOfEscaped(key, in: text) }
    let start = Int(key.start)
    let length = Int(key.end) - start
    let head = UTF8Bytes.word(in: text, at: start, end: Int(key.end))
    let total = lengths.count
    guard total > 0 else { return nil }
    var candidate = hint < total && hint >= 0 ? hint : 0
    for _ in 0..<total {
      if lengths[candidate] == length, heads[candidate] == head, rest(of: candidate, equal: text, start: start) {
        return candidate
      }
      candidate = candidate + 1 == total ? 0 : candidate + 1
    }
    return nil
  }

  /// Whether the bytes after the first eight of name `index` equal those at `start + 8`.
  @inline(__always)
  private func rest(of index: Int, equal text: Span<UInt8>, start: Int) -> Bool {
    let name = bytes[index]
    guard name.count > 8 else { return true }
    for position in 8..<name.count where text[start + position] != name[position] { return false }
    return true
  }

  /// A name written with escapes (`"n\u0061me"`), decoded first: rare, so not fast.
  private func indexOfEscaped(_ key: JSONTape.Entry, in text: Span<UInt8>) -> Int? {
    var decoded: [UInt8] = []
    JSONStrings.decode(text, key.byteRange, into: &decoded)
    return bytes.firstIndex(of: decoded)
  }

  private static func head(of name: [UInt8]) -> UInt64 {
    var word: UInt64 = 0
    for (position, byte) in name.prefix(8).enumerated() { word |= UInt64(byte) << (8 * UInt64(position)) }
    return word
  }
}
