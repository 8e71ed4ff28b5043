/// Byte-level tests on UTF-8 text shared by the JSON reader and every writer, so that all of them
/// accept, and escape, exactly the same strings. The word-at-a-time scans read eight bytes per
/// step: the reason this lives in the unsafe corner.
public enum UTF8Bytes {
  /// The length of the well-formed UTF-8 sequence at `offset` of `bytes`, or nil if there is none:
  /// Unicode §3.9 (D92, Table 3-7) — no overlong forms, no surrogates, nothing above U+10FFFF,
  /// and no sequence cut short by the end of the bytes.
  @inlinable @inline(__always)
  public static func sequenceLength(in bytes: Span<UInt8>, at offset: Int) -> Int? {
    guard offset < bytes.count else { return nil }
    let lead = bytes[offset]
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
    guard offset + length <= bytes.count, (low...high).contains(bytes[offset + 1]) else { return nil }
    for position in offset + 2..<offset + length where bytes[position] & 0xC0 != 0x80 {
      return nil
    }
    return length
  }

  /// The high bit of each byte of `word` (little-endian) that JSON must escape in a string: a
  /// quote, a backslash or a control character. Bytes above the lowest flagged one may be
  /// flagged falsely (a borrow runs upwards), so only "none" and "the lowest" are exact.
  @inlinable @inline(__always)
  public static func escapedBytes(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let belowSpace = (word &- ones &* 0x20) & ~word & highs
    let quote = word ^ (ones &* 0x22)
    let backslash = word ^ (ones &* 0x5C)
    let hasQuote = (quote &- ones) & ~quote & highs
    let hasBackslash = (backslash &- ones) & ~backslash & highs
    return belowSpace | hasQuote | hasBackslash
  }

  /// `escapedBytes` plus every byte that is not ASCII (the start or part of a longer sequence).
  @inlinable @inline(__always)
  public static func specialBytes(_ word: UInt64) -> UInt64 {
    (word & 0x8080_8080_8080_8080) | escapedBytes(word)
  }

  /// The offset of the first byte in `start..<end` that is a quote, a backslash, a control
  /// character or not ASCII, or the offset where fewer than eight bytes remain before `end` (the
  /// caller looks at those one by one). Reads eight bytes at a time.
  @inlinable @inline(__always)
  public static func firstSpecialByte(in bytes: Span<UInt8>, from start: Int, to end: Int) -> Int {
    precondition(start >= 0 && end <= bytes.count, "scan beyond the bytes")
    return bytes.withUnsafeBytes { raw in
      var position = start
      while position + 8 <= end {
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
        let special = specialBytes(word)
        if special != 0 { return position + special.trailingZeroBitCount >> 3 }
        position += 8
      }
      return position
    }
  }

  /// Whether some byte of `bytes` is a quote, a backslash or a control character: whether the
  /// text needs escaping inside a JSON string.
  @inlinable @inline(__always)
  public static func needsEscaping(_ bytes: Span<UInt8>) -> Bool {
    bytes.withUnsafeBytes { raw in
      var position = 0
      while position + 8 <= raw.count {
        if escapedBytes(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))) != 0 {
          return true
        }
        position += 8
      }
      while position < raw.count {
        let byte = raw[position]
        if byte < 0x20 || byte == 0x22 || byte == 0x5C { return true }
        position += 1
      }
      return false
    }
  }

  /// The first eight bytes at `offset` as a little-endian word, zero-padded past `end` (for
  /// matching names as words): one load and a mask when eight bytes are there to load.
  @inlinable @inline(__always)
  public static func word(in bytes: Span<UInt8>, at offset: Int, end: Int) -> UInt64 {
    precondition(offset >= 0 && end <= bytes.count && offset <= end, "word beyond the bytes")
    let length = min(8, end - offset)
    if offset + 8 <= bytes.count {
      let word = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
      return length == 8 ? word : word & ((1 << (UInt64(length) &* 8)) &- 1)
    }
    var word: UInt64 = 0
    for position in 0..<length { word |= UInt64(bytes[offset + position]) << (8 * UInt64(position)) }
    return word
  }
}
