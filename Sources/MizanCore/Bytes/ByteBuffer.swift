// The unsafe corner (docs/architecture.md): raw pointers, manual allocation and word loads live in
// this folder only, each behind a safe API. Everything outside `Bytes/` works with `[UInt8]`,
// `Span<UInt8>` and the types defined here.

/// A growable byte buffer that owns its memory: what every writer of Mizan's output writes into
/// (canonical outcomes, log lines, CSV rows, HTTP responses).
///
/// Non-copyable, so it has exactly one owner and frees its memory in `deinit`: no "release
/// exactly once" contract, no aliasing copies. An append is a capacity check and a copy, without
/// the uniqueness check and reference counting of `Array.append(contentsOf:)`, which matters to
/// writers that append a few hundred small pieces per output line.
public struct ByteBuffer: ~Copyable {
  /// The bytes; `count` of them written, `capacity` allocated. Never null: `init` allocates.
  @usableFromInline var base: UnsafeMutablePointer<UInt8>
  /// The number of bytes written.
  @usableFromInline var storedCount = 0
  /// The number of bytes written.
  @inlinable public var count: Int { storedCount }
  @usableFromInline var capacity: Int

  /// An empty buffer with room for `capacity` bytes before it grows.
  public init(capacity: Int = 4096) {
    self.capacity = max(capacity, 16)
    base = .allocate(capacity: self.capacity)
  }

  /// A buffer holding a copy of `bytes`.
  public init(_ bytes: [UInt8]) {
    self.init(capacity: bytes.count)
    append(bytes)
  }

  deinit { base.deallocate() }

  public var isEmpty: Bool { count == 0 }

  /// The byte at `index` (`0..<count`); traps outside, like an array.
  public subscript(index: Int) -> UInt8 {
    precondition(index >= 0 && index < count, "ByteBuffer index out of range")
    return base[index]
  }

  /// Forgets what was written, keeping the memory.
  public mutating func removeAll() { storedCount = 0 }

  /// Keeps only the first `newCount` bytes (`newCount` ≤ `count`).
  public mutating func truncate(to newCount: Int) {
    precondition(newCount >= 0 && newCount <= count, "ByteBuffer truncated beyond its end")
    storedCount = newCount
  }

  // MARK: - Appending

  @inlinable @inline(__always)
  public mutating func append(_ byte: UInt8) {
    if count == capacity { grow(toHold: count + 1) }
    base[count] = byte
    storedCount += 1
  }

  /// Appends the bytes of a span.
  @inlinable @inline(__always)
  public mutating func append(_ bytes: Span<UInt8>) {
    bytes.withUnsafeBufferPointer { append($0) }
  }

  /// Appends the bytes of an array.
  @inlinable @inline(__always)
  public mutating func append(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { append($0) }
  }

  /// Appends the bytes of an array slice.
  public mutating func append(_ bytes: ArraySlice<UInt8>) {
    bytes.withUnsafeBufferPointer { append($0) }
  }

  /// Appends the UTF-8 of a literal.
  @inlinable @inline(__always)
  public mutating func append(literal: StaticString) {
    append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }

  /// Appends the UTF-8 of a string.
  public mutating func append(utf8 text: String) {
    var text = text
    text.withUTF8 { append($0) }
  }

  /// Appends the UTF-8 of a substring.
  public mutating func append(utf8 text: Substring) {
    var text = text
    text.withUTF8 { append($0) }
  }

  /// Appends another buffer's bytes, all of them or those in `range`.
  public mutating func append(_ other: borrowing ByteBuffer, range: Range<Int>? = nil) {
    let range = range ?? 0..<other.count
    precondition(range.lowerBound >= 0 && range.upperBound <= other.count, "ByteBuffer range out of bounds")
    append(UnsafeBufferPointer(start: other.base + range.lowerBound, count: range.count))
  }

  /// Appends `count` copies of `byte`.
  public mutating func append(repeating byte: UInt8, count repetitions: Int) {
    guard repetitions > 0 else { return }
    reserve(repetitions)
    (base + count).initialize(repeating: byte, count: repetitions)
    storedCount += repetitions
  }

  @inlinable @inline(__always)
  mutating func append(_ source: UnsafeBufferPointer<UInt8>) {
    guard let start = source.baseAddress, source.count > 0 else { return }
    let length = source.count
    reserve(length)
    let target = base + count
    // Short pieces (most of an outcome's) are copied by two overlapping 8-byte moves.
    if length >= 8, length <= 16 {
      let raw = UnsafeRawPointer(start)
      let head = raw.loadUnaligned(as: UInt64.self)
      let tail = raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
      UnsafeMutableRawPointer(target).storeBytes(of: head, as: UInt64.self)
      UnsafeMutableRawPointer(target).storeBytes(of: tail, toByteOffset: length - 8, as: UInt64.self)
    } else {
      // A source never overlaps the buffer's own memory: a plain copy.
      target.initialize(from: start, count: length)
    }
    storedCount += length
  }

  /// Makes room for `extra` more bytes.
  @inlinable @inline(__always)
  public mutating func reserve(_ extra: Int) {
    if count + extra > capacity { grow(toHold: count + extra) }
  }

  @usableFromInline @inline(never)
  mutating func grow(toHold minimum: Int) {
    let newCapacity = max(minimum, capacity * 2)
    let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newBase.initialize(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }

  // MARK: - Numbers and dates, written in place

  /// Appends an unsigned integer in decimal.
  @inlinable
  public mutating func appendDecimal(_ value: UInt64) {
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
      Self.storePair(UInt32(truncatingIfNeeded: rest % 100), at: target + position)
      rest /= 100
    }
    if position == 1 { target[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest) }
    storedCount += digits
  }

  /// Appends a signed integer in decimal.
  public mutating func appendDecimal(_ value: Int) {
    if value < 0 { append(UInt8(ascii: "-")) }
    appendDecimal(UInt64(value.magnitude))
  }

  /// Appends `value` (which must fit) as exactly `width` digits, zero-padded.
  public mutating func appendDigits(_ value: Int, width: Int) {
    reserve(width)
    var rest = value
    var position = count + width - 1
    while position >= count {
      base[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
      rest /= 10
      position -= 1
    }
    storedCount += width
  }

  /// Appends `YYYY-MM-DD` (the year below 10000), as dates are written everywhere.
  @inlinable
  public mutating func appendDate(year: UInt32, month: UInt32, day: UInt32) {
    reserve(10)
    let target = base + count
    Self.storePair(year / 100, at: target)
    Self.storePair(year % 100, at: target + 2)
    target[4] = UInt8(ascii: "-")
    Self.storePair(month, at: target + 5)
    target[7] = UInt8(ascii: "-")
    Self.storePair(day, at: target + 8)
    storedCount += 10
  }

  /// Writes `value` (0...99) as two digits, copied from a table of all pairs.
  @inlinable @inline(__always)
  static func storePair(_ value: UInt32, at target: UnsafeMutablePointer<UInt8>) {
    let pair = UnsafeRawPointer(pairs.utf8Start + Int(value) &* 2).loadUnaligned(as: UInt16.self)
    UnsafeMutableRawPointer(target).storeBytes(of: pair, as: UInt16.self)
  }

  /// "00" to "99", one after the other.
  @inlinable
  static var pairs: StaticString {
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
  }

  // MARK: - Reading

  /// Calls `body` with the bytes written so far (or those in `range`).
  public func withSpan<Result, Failure: Error>(
    _ range: Range<Int>? = nil, _ body: (Span<UInt8>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    let range = range ?? 0..<count
    precondition(range.lowerBound >= 0 && range.upperBound <= count, "ByteBuffer range out of bounds")
    let span = Span(_unsafeElements: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
    return try body(span)
  }

  /// The bytes written so far, copied into an array.
  public var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

  /// The bytes in `range`, copied into an array.
  public func array(_ range: Range<Int>) -> [UInt8] {
    precondition(range.lowerBound >= 0 && range.upperBound <= count, "ByteBuffer range out of bounds")
    return Array(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
  }

  /// The bytes written so far as text (invalid UTF-8 is repaired, as `String(decoding:as:)` does).
  public var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

  /// Whether the bytes written equal `other`.
  public func elementsEqual(_ other: [UInt8]) -> Bool {
    other.count == count && other.withUnsafeBufferPointer { $0.elementsEqual(UnsafeBufferPointer(start: base, count: count)) }
  }

  /// Lends the written bytes to the system-call wrappers of this folder.
  func withUnsafeBytes<Result>(_ range: Range<Int>, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
    body(UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count))
  }
}

/// A buffer is sent between threads whole (the batch's workers hand their output to the writer
/// thread); being non-copyable, it has one owner at a time.
extension ByteBuffer: @unchecked Sendable {}
