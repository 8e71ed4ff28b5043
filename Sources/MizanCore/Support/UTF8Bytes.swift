/// Byte-level tests on UTF-8 text shared by the JSON reader, the canonical writer and the batch's
/// record scan, so that every path accepts, and escapes, exactly the same strings. Inlinable: the
/// scan calls them once per eight bytes of every record, from another module.
package enum UTF8Bytes {
  /// The length of the well-formed UTF-8 sequence at `offset` of the `count` bytes at `base`, or
  /// nil if there is none: Unicode §3.9 (D92, Table 3-7) — no overlong forms, no surrogates,
  /// nothing above U+10FFFF, and no sequence cut short by the end of the bytes.
  @inlinable @inline(__always)
  package static func sequenceLength(_ base: UnsafeRawPointer, at offset: Int, count: Int) -> Int? {
    let lead = base.load(fromByteOffset: offset, as: UInt8.self)
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    let length: Int
    switch lead {
    case 0x00...0x7F: return 1
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED:
      length = 3
      high = 0x9F
    case 0xF0:
      length = 4
      low = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4:
      length = 4
      high = 0x8F
    default: return nil
    }
    guard offset + length <= count, (low...high).contains(base.load(fromByteOffset: offset + 1, as: UInt8.self))
    else { return nil }
    for position in offset + 2..<offset + length
    where base.load(fromByteOffset: position, as: UInt8.self) & 0xC0 != 0x80 {
      return nil
    }
    return length
  }

  /// The high bit of each byte of `word` (little-endian) that JSON must escape in a string: a
  /// quote, a backslash or a control character. Bytes above the lowest flagged one may be
  /// flagged falsely (a borrow runs upwards), so only "none" and "the lowest" are exact.
  @inlinable @inline(__always)
  package static func escapedBytes(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let belowSpace = (word &- ones &* 0x20) & ~word & highs
    let quote = word ^ (ones &* 0x22)
    let backslash = word ^ (ones &* 0x5C)
    let hasQuote = (quote &- ones) & ~quote & highs
    let hasBackslash = (backslash &- ones) & ~backslash & highs
    return belowSpace | hasQuote | hasBackslash
  }

  /// The offset of the first byte from `start` on that is a quote, a backslash, a control
  /// character or not ASCII, or the offset where fewer than eight bytes remain before `count`
  /// (the caller looks at those one by one). Reads eight bytes at a time.
  package static func firstSpecialByte(_ base: UnsafeRawPointer, from start: Int, count: Int) -> Int {
    var position = start
    while position + 8 <= count {
      let special = specialBytes(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt64.self)))
      if special != 0 { return position + special.trailingZeroBitCount >> 3 }
      position += 8
    }
    return position
  }

  /// `escapedBytes` plus every byte that is not ASCII (the start or part of a longer sequence).
  @inlinable @inline(__always)
  package static func specialBytes(_ word: UInt64) -> UInt64 {
    (word & 0x8080_8080_8080_8080) | escapedBytes(word)
  }
}
