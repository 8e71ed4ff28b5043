extension Array where Element == UInt8 {
  /// Appends the bytes of a span (arrays append sequences; a span is not one).
  @inline(__always)
  package mutating func append(contentsOf bytes: Span<UInt8>) {
    bytes.withUnsafeBufferPointer { append(contentsOf: $0) }
  }

  /// A new array holding the bytes of a span.
  package init(_ bytes: Span<UInt8>) {
    self = bytes.withUnsafeBufferPointer { Array($0) }
  }
}

extension String {
  /// The text of UTF-8 bytes (invalid sequences repaired, as `String(decoding:as:)` does).
  package init(utf8 bytes: Span<UInt8>) {
    self = bytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
  }
}
