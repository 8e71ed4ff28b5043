import MizanCore

/// A fixed list of names, looked up by the bytes of a JSON string without making a `String`: how
/// a record's field names, fact names, document types and enumeration values are matched.
///
/// An open-addressing table keyed by a hash of a name's length and first and last eight bytes
/// (one or two loads): a lookup is a hash, usually one probe, and a comparison of those words —
/// and of the bytes between them, for the few names longer than sixteen bytes.
package final class NameTable: Sendable {
  package let names: [String]
  private let bytes: [[UInt8]]
  private let lengths: [Int]
  private let heads: [UInt64]
  private let tails: [UInt64]
  /// Name indices by hash, -1 where empty; a power of two at least twice the names.
  private let slots: [Int32]
  private let mask: Int

  package init(_ names: [String]) {
    self.names = names
    let bytes = names.map { Array($0.utf8) }
    self.bytes = bytes
    lengths = bytes.map(\.count)
    heads = bytes.map { Self.head(of: $0[...]) }
    tails = bytes.map { Self.head(of: $0.suffix(8)) }
    var size = 4
    while size < names.count * 2 { size *= 2 }
    mask = size - 1
    var slots = [Int32](repeating: -1, count: size)
    for index in names.indices {
      var slot = Self.hash(length: lengths[index], head: heads[index], tail: tails[index]) & mask
      // A name given twice keeps its first index.
      while slots[slot] >= 0 && names[Int(slots[slot])] != names[index] { slot = (slot + 1) & mask }
      if slots[slot] < 0 { slots[slot] = Int32(index) }
    }
    self.slots = slots
  }

  package var count: Int { names.count }

  /// The index of the name the string at tape entry `key` spells, or nil.
  @inline(__always)
  package func index(of key: JSONTape.Entry, in text: Span<UInt8>) -> Int? {
    guard key.isPlain else { return indexOfEscaped(key, in: text) }
    let start = Int(key.start)
    let end = Int(key.end)
    let length = end - start
    let head = UTF8Bytes.word(in: text, at: start, end: end)
    let tail = length > 8 ? UTF8Bytes.word(in: text, at: end - 8, end: end) : head
    var slot = Self.hash(length: length, head: head, tail: tail) & mask
    while true {
      let candidate = Int(slots[slot])
      guard candidate >= 0 else { return nil }
      if lengths[candidate] == length, heads[candidate] == head, tails[candidate] == tail,
        length <= 16 || middle(of: candidate, equals: text, start: start)
      {
        return candidate
      }
      slot = (slot + 1) & mask
    }
  }

  /// Whether bytes 8 up to the last eight of name `index` equal those of the text at `start`.
  private func middle(of index: Int, equals text: Span<UInt8>, start: Int) -> Bool {
    let name = bytes[index]
    for position in 8..<(name.count - 8) where text[start + position] != name[position] { return false }
    return true
  }

  /// A name written with escapes (`"n\u0061me"`), decoded first: rare, so not fast.
  private func indexOfEscaped(_ key: JSONTape.Entry, in text: Span<UInt8>) -> Int? {
    var decoded: [UInt8] = []
    JSONStrings.decode(text, key.byteRange, into: &decoded)
    return bytes.firstIndex(of: decoded)
  }

  @inline(__always)
  private static func hash(length: Int, head: UInt64, tail: UInt64) -> Int {
    let mixed = (head &* 0x9E37_79B9_7F4A_7C15) ^ (tail &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(truncatingIfNeeded: length)
    return Int(truncatingIfNeeded: mixed >> 32)
  }

  /// The first eight bytes of `name` as a little-endian word, zero-padded.
  private static func head(of name: ArraySlice<UInt8>) -> UInt64 {
    var word: UInt64 = 0
    for (position, byte) in name.prefix(8).enumerated() { word |= UInt64(byte) << (8 * UInt64(position)) }
    return word
  }
}
