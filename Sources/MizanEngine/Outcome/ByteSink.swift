import MizanCore

/// A growable byte buffer for writers that append many small pieces (a batch outcome is a few
/// hundred of them): an append is a bounds check and a copy, without the uniqueness and capacity
/// bookkeeping of `Array.append(contentsOf:)`, and without reference counting.
///
/// It owns unmanaged memory: whoever makes one calls `release()` exactly once, when done, and
/// does not use it (or a copy of it) afterwards. Copies share the memory, so only one copy may
/// be written to.
package struct ByteSink {
  var base: UnsafeMutablePointer<UInt8>
  /// The number of bytes written.
  package internal(set) var count = 0
  var capacity: Int

  package init(capacity: Int = 1 << 12) {
    self.capacity = max(capacity, 16)
    base = .allocate(capacity: self.capacity)
  }

  /// Frees the memory. The sink must not be used afterwards.
  package mutating func release() {
    base.deallocate()
    capacity = 0
    count = 0
  }

  /// Forgets what was written, keeping the memory.
  package mutating func removeAll() { count = 0 }

  /// The bytes written so far (valid until the next append or `release`).
  package var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

  /// The bytes written so far, copied.
  package var array: [UInt8] { Array(bytes) }

  @inline(__always)
  package mutating func append(_ byte: UInt8) {
    if count == capacity { grow(toHold: count + 1) }
    base[count] = byte
    count += 1
  }

  @inline(__always)
  package mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress else { return }
    append(source, count: bytes.count)
  }

  /// Appends `length` bytes from `source`.
  @inline(__always)
  mutating func append(_ source: UnsafePointer<UInt8>, count length: Int) {
    reserve(length)
    let target = base + count
    // Short pieces (most of an outcome's) are copied by two overlapping 8-byte moves, longer ones
    // by memmove.
    if length >= 8, length <= 16 {
      let raw = UnsafeRawPointer(source)
      let head = raw.loadUnaligned(as: UInt64.self)
      let tail = raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
      UnsafeMutableRawPointer(target).storeBytes(of: head, as: UInt64.self)
      UnsafeMutableRawPointer(target).storeBytes(of: tail, toByteOffset: length - 8, as: UInt64.self)
    } else {
      // Sources never overlap the sink's own memory: a plain copy, without memmove's checks.
      target.initialize(from: source, count: length)
    }
    count += length
  }

  /// Makes room for `extra` more bytes, so that the caller may then write them with `store`.
  @inline(__always)
  mutating func reserve(_ extra: Int) {
    if count + extra > capacity { grow(toHold: count + extra) }
  }

  /// Appends the UTF-8 of a literal.
  @inline(__always)
  package mutating func append(literal: StaticString) {
    append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }

  /// Appends bytes held in an array.
  @inline(__always)
  package mutating func append(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { append($0) }
  }

  /// Appends the UTF-8 of a string.
  package mutating func append(utf8 text: String) {
    if text.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil { append(Array(text.utf8)) }
  }

  /// Appends a byte sink's contents.
  package mutating func append(_ other: ByteSink) { append(other.bytes) }


  mutating func grow(toHold minimum: Int) {
    let newCapacity = max(minimum, capacity * 2)
    let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newBase.update(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }
}

extension ByteSink {
  /// Appends `text` as a quoted JSON string, escaped as `CanonicalJSONWriter` escapes it.
  package mutating func appendJSONString(_ text: String) {
    var text = text
    text.withUTF8 { appendJSONString(utf8: $0) }
  }

  /// Appends well-formed UTF-8 text as a quoted JSON string, escaped as `CanonicalJSONWriter` escapes it.
  package mutating func appendJSONString(utf8: UnsafeBufferPointer<UInt8>) {
    // Most texts (ids, names) need no escaping: they are copied whole with their quotes.
    if let source = utf8.baseAddress, !Self.mayNeedEscape(source, count: utf8.count) {
      append(UInt8(ascii: "\""))
      append(source, count: utf8.count)
      append(UInt8(ascii: "\""))
      return
    }
    append(UInt8(ascii: "\""))
    appendJSONStringContent(utf8: utf8)
    append(UInt8(ascii: "\""))
  }

  /// Whether some of the `count` bytes at `source` is `"`, `\\` or a control character.
  static func mayNeedEscape(_ source: UnsafePointer<UInt8>, count: Int) -> Bool {
    let raw = UnsafeRawPointer(source)
    guard count >= 8 else {
      for index in 0..<count {
        let byte = source[index]
        if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
      }
      return false
    }
    var index = 0
    while index + 8 <= count {
      if CanonicalJSONWriter.mayNeedEscape(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))) {
        return true
      }
      index += 8
    }
    // The rest as the last eight bytes, overlapping bytes already checked.
    return index < count
      && CanonicalJSONWriter.mayNeedEscape(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)))
  }

  /// Appends `text` escaped as inside a JSON string, without the quotes.
  package mutating func appendJSONStringContent(_ text: String) {
    var text = text
    text.withUTF8 { appendJSONStringContent(utf8: $0) }
  }

  /// Appends well-formed UTF-8 text escaped as inside a JSON string, without the quotes: only `"`,
  /// `\` and control characters are escaped, runs of other bytes copied whole.
  package mutating func appendJSONStringContent(utf8: UnsafeBufferPointer<UInt8>) {
    var clean = 0
    if let base = UnsafeRawPointer(utf8.baseAddress) {
      while clean + 8 <= utf8.count {
        let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: clean, as: UInt64.self))
        guard !CanonicalJSONWriter.mayNeedEscape(word) else { break }
        clean += 8
      }
    }
    var runStart = 0
    for index in clean..<utf8.count {
      let byte = utf8[index]
      guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
      append(UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
      var escape: [UInt8] = []
      CanonicalJSONWriter.appendEscape(for: byte, into: &escape)
      append(escape)
      runStart = index + 1
    }
    append(UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
  }

  /// Appends the sink `text`'s bytes as a quoted JSON string.
  package mutating func appendJSONString(_ text: ByteSink) { appendJSONString(utf8: text.bytes) }

  /// Appends a number as `CanonicalJSONWriter.writeNumber` writes it.
  package mutating func appendJSONNumber(_ number: Double) {
    // Whole numbers below 2^53 (counts, most amounts) are their own digits.
    if number > 0, number < 9_007_199_254_740_992, let integer = UInt64(exactly: number) {
      appendDecimal(integer)
      return
    }
    var text: [UInt8] = []
    CanonicalJSONWriter.writeNumber(number, into: &text)
    append(text)
  }

  /// Appends an unsigned integer in decimal.
  package mutating func appendDecimal(_ value: UInt64) {
    var digits = 1
    var bound: UInt64 = 10
    while digits < 20, value >= bound {
      digits += 1
      bound = bound &* 10
    }
    reserve(digits)
    // Two digits per division, from the right.
    let target = base + count
    var rest = value
    var position = digits
    while position >= 2 {
      position -= 2
      DateDigits.storePair(UInt32(truncatingIfNeeded: rest % 100), at: target + position)
      rest /= 100
    }
    if position == 1 { target[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest) }
    count += digits
  }

  /// Appends `value` as exactly `width` (at most 8) digits, zero-padded (the value must fit).
  package mutating func appendDigits(_ value: Int, width: Int) {
    if count + width > capacity { grow(toHold: count + width) }
    var rest = value
    var position = count + width - 1
    while position >= count {
      base[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
      rest /= 10
      position -= 1
    }
    count += width
  }
}
