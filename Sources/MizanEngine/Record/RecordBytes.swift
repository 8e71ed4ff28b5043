import MizanCore

/// Reading a record's bytes a word at a time, for the fast path (`RecordScan` and the scan
/// decoder). Every function is told how many bytes the line has and reads no byte past them.
package enum RecordBytes {
  /// Eight bytes at `offset`, the first in the low byte; the caller checked that they are there.
  @inline(__always)
  static func word(_ base: UnsafeRawPointer, at offset: Int) -> UInt64 {
    UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
  }

  /// `DecimalNumber.scale` and `.fractionDigits` as constants the optimiser folds (the library's
  /// are computed once, behind an accessor); the agreement tests would see them differ.
  static let decimalScale: Int64 = 10_000
  static let decimalFractionDigits = 4

  /// What a fraction of `digits` decimals (0...4) is multiplied by to become `decimalScale`ths.
  @inline(__always)
  static func fractionScale(digits: Int) -> Int64 {
    switch digits {
    case 1: 1000
    case 2: 100
    case 3: 10
    default: 1
    }
  }

  /// The low `length` bytes of a word set (`length` 0...8).
  @inline(__always)
  static func lowBytes(_ length: Int) -> UInt64 {
    length >= 8 ? ~0 : (1 << (UInt64(truncatingIfNeeded: length) &* 8)) &- 1
  }


  /// The `length` (at most 16) bytes at `offset` as two little-endian words, zero beyond
  /// `length`: how names are compared with constants.
  @inline(__always)
  static func prefixWords(_ base: UnsafeRawPointer, at offset: Int, length: Int, count: Int) -> (UInt64, UInt64) {
    guard offset + 16 <= count else { return prefixWordsNearEnd(base, at: offset, length: length) }
    let first = word(base, at: offset)
    let second = word(base, at: offset + 8)
    return length >= 8 ? (first, second & lowBytes(length - 8)) : (first & lowBytes(length), 0)
  }

  // Kept out of line: inlined, its setup would run on every call of its callers.
  @inline(never)
  private static func prefixWordsNearEnd(_ base: UnsafeRawPointer, at offset: Int, length: Int) -> (UInt64, UInt64) {
    var words: (UInt64, UInt64) = (0, 0)
    for index in 0..<min(length, 16) {
      let byte = UInt64(base.load(fromByteOffset: offset + index, as: UInt8.self))
      if index < 8 {
        words.0 |= byte << (index * 8)
      } else {
        words.1 |= byte << ((index - 8) * 8)
      }
    }
    return words
  }

  /// Whether ten bytes are `YYYY-MM-DD` in ASCII digits: `first` their first eight, `last` the
  /// other two (in its low bytes).
  @inline(__always)
  static func isISODate(_ first: UInt64, _ last: UInt64) -> Bool {
    // Bytes 0-3 and 5-6 of `first` are digits, 4 and 7 hyphens. The first day digit stands in
    // for hyphen 7 in `digits`; a byte is a digit when its high nibble is 3 and adding 6 keeps
    // it so (no byte can carry: the first test leaves each at most 0x3F).
    let digits = first & 0x00FF_FF00_FFFF_FFFF | last << 56
    let highNibbles: UInt64 = 0xF0F0_F000_F0F0_F0F0
    let threes: UInt64 = 0x3030_3000_3030_3030
    let sixes: UInt64 = 0x0606_0600_0606_0606
    return first & 0xFF00_00FF_0000_0000 == 0x2D00_002D_0000_0000 && digits & highNibbles == threes
      && (digits &+ sixes) & highNibbles == threes && (last >> 8) &- 0x30 < 10
  }

  /// The date the `end - start` bytes at `start` spell, as `CalendarDate.parse` reads it: the
  /// dates a `MonthTable` does not read (Hijri, Arabic digits), and what is no date.
  static func parsedDate(_ base: UnsafeRawPointer, from start: Int, to end: Int) -> CalendarDate? {
    let text = UnsafeBufferPointer(start: (base + start).assumingMemoryBound(to: UInt8.self), count: end - start)
    guard case .success(let date) = CalendarDate.parse(utf8: text) else { return nil }
    return date
  }

  /// The string of the `end - start` bytes at `start`, which the scan checked are well-formed
  /// UTF-8 without escapes.
  @inline(__always)
  static func string(_ base: UnsafeRawPointer, from start: Int, to end: Int) -> String {
    String(unsafeUninitializedCapacity: end - start) { buffer in
      UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(start: base + start, count: end - start))
      return end - start
    }
  }

}

/// The first day and the length of months already seen, by the bytes `YYYY-MM-`: most dates of a
/// batch fall in a few months, and a date in one is then read with a lookup instead of calendar
/// arithmetic.
package struct MonthTable: Sendable {
  private struct Entry: Sendable {
    /// `YYYY-MM-` as a little-endian word; 0 (no such bytes) for an empty entry.
    var key: UInt64 = 0
    var firstDay: Int32 = 0
    var days: Int32 = 0
  }

  /// 1,024 entries: enough for the months of birth dates of a lifetime and of documents.
  private var entries = [Entry](repeating: Entry(), count: 1024)

  /// The date of the ten bytes at `offset` when they are `YYYY-MM-DD` (ASCII digits) and that
  /// day exists; nil otherwise (the caller then asks `CalendarDate.parse`).
  @inline(__always)
  mutating func date(_ base: UnsafeRawPointer, at offset: Int) -> CalendarDate? {
    let first = RecordBytes.word(base, at: offset)
    let last = UInt64(UInt16(littleEndian: base.loadUnaligned(fromByteOffset: offset + 8, as: UInt16.self)))
    guard RecordBytes.isISODate(first, last) else { return nil }
    let slot = Int(truncatingIfNeeded: (first &* 0x9E37_79B9_7F4A_7C15) >> 54)
    var entry = entries[slot]
    if entry.key != first {
      guard let month = Self.month(first) else { return nil }
      entry = month
      entries[slot] = month
    }
    let day = Int(truncatingIfNeeded: (last & 0x0F) &* 10 &+ (last >> 8) & 0x0F)
    guard day >= 1, day <= Int(entry.days) else { return nil }
    return CalendarDate(dayNumber: Int(entry.firstDay) + day - 1)
  }

  /// The month whose `YYYY-MM-` is `first`, or nil when there is none (month 13, year 0).
  private static func month(_ first: UInt64) -> Entry? {
    func digit(_ byte: Int) -> Int { Int(truncatingIfNeeded: (first >> (byte * 8)) & 0x0F) }
    let year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)
    let month = digit(5) * 10 + digit(6)
    guard let start = CalendarDate(year: year, month: month, day: 1) else { return nil }
    return Entry(key: first, firstDay: Int32(start.dayNumber), days: Int32(CalendarDate.daysIn(month: month, of: year)))
  }
}

/// A policy's names (facts, document types, enumeration values) as little-endian words, to find
/// the one a record's bytes spell by comparing words rather than bytes.
package struct ByteNames: Sendable {
  private struct Entry: Sendable {
    var length: Int
    /// Where the name's words start in `words` (the name zero-padded to whole words).
    var wordStart: Int
    /// The first index with the same name: lookups give the first declared, as the checked
    /// policy's do.
    var first: Int
    /// The name's last eight bytes (the whole name, zero-padded, when shorter).
    var last: UInt64
  }

  private var entries: [Entry] = []
  private var words: [UInt64] = []

  init(_ names: [[UInt8]]) {
    func word(_ bytes: ArraySlice<UInt8>) -> UInt64 {
      var word: UInt64 = 0
      for (index, byte) in bytes.enumerated() { word |= UInt64(byte) << (index * 8) }
      return word
    }
    for (index, name) in names.enumerated() {
      let wordStart = words.count
      for start in stride(from: 0, to: name.count, by: 8) {
        words.append(word(name[start..<min(start + 8, name.count)]))
      }
      entries.append(Entry(length: name.count, wordStart: wordStart, first: names.firstIndex(of: name) ?? index,
                           last: word(name[max(0, name.count - 8)...])))
    }
  }

  /// The index of the first name that the bytes `start..<end` spell (of a line of `count` bytes at
  /// `base`), trying `hint` first: records mostly list names in the order they are declared, and
  /// one that leaves a name out goes on in order.
  @inline(__always)
  func index(from start: Int, to end: Int, in base: UnsafeRawPointer, count: Int, hint: Int) -> Int? {
    let length = end &- start
    let last = lastWord(from: start, to: end, in: base, count: count)
    var index = hint < entries.count ? hint : 0
    for _ in 0..<entries.count {
      if matches(index, length: length, last: last, from: start, in: base) { return entries[index].first }
      index = index &+ 1 == entries.count ? 0 : index &+ 1
    }
    return nil
  }

  /// The first index in `range` whose name the bytes `start..<end` spell.
  @inline(__always)
  func firstIndex(in range: Range<Int>, from start: Int, to end: Int, in base: UnsafeRawPointer, count: Int) -> Int? {
    let last = lastWord(from: start, to: end, in: base, count: count)
    for index in range where matches(index, length: end &- start, last: last, from: start, in: base) { return index }
    return nil
  }

  /// The last eight bytes of `start..<end` (all of them, zero-padded, when fewer), as `Entry.last`.
  @inline(__always)
  private func lastWord(from start: Int, to end: Int, in base: UnsafeRawPointer, count: Int) -> UInt64 {
    let length = end &- start
    if length >= 8 { return RecordBytes.word(base, at: end &- 8) }
    if start &+ 8 <= count { return RecordBytes.word(base, at: start) & RecordBytes.lowBytes(length) }
    return RecordBytes.prefixWords(base, at: start, length: length, count: count).0
  }

  /// Whether name `index` is the `length` bytes at `start`, whose last word is `last`: the length
  /// and last word first (they tell most names apart), then the words before the last.
  @inline(__always)
  private func matches(_ index: Int, length: Int, last: UInt64, from start: Int, in base: UnsafeRawPointer) -> Bool {
    let entry = entries[index]
    guard entry.length == length, entry.last == last else { return false }
    var offset = 0
    var wordIndex = entry.wordStart
    while offset &+ 8 < length {
      guard RecordBytes.word(base, at: start &+ offset) == words[wordIndex] else { return false }
      offset &+= 8
      wordIndex &+= 1
    }
    return true
  }
}
