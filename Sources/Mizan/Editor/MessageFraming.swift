/// The base protocol's framing: each message is a header (`Content-Length: N`, other fields
/// ignored) ended by an empty line, then N bytes of JSON.
package struct MessageFraming: Sendable {
  private var buffer: [UInt8] = []
  /// Bytes still to drop of a message too large to keep.
  private var skipping = 0
  /// The largest message kept (a policy file is at most 4 MiB; escaped, a little more).
  package static let maxMessageBytes = 32 << 20

  /// What the reader found instead of a message.
  package enum Problem: Error, Sendable, Equatable {
    /// A header without a `Content-Length` field, or with a length that is not a number.
    case badHeader(String)
    case tooLarge(Int)
  }

  package init() {}

  package mutating func append(_ bytes: some Sequence<UInt8>) {
    buffer.append(contentsOf: bytes)
    if skipping > 0 {
      let dropped = min(skipping, buffer.count)
      buffer.removeFirst(dropped)
      skipping -= dropped
    }
  }

  /// The next whole message's body, a problem with the next header, or nil until more bytes come.
  package mutating func next() -> Result<[UInt8], Problem>? {
    guard skipping == 0, let end = headerEnd() else { return nil }
    let header = String(decoding: buffer[..<end], as: UTF8.self)
    var length: Int?
    for line in header.split(separator: "\r\n") {
      let parts = line.split(separator: ":", maxSplits: 1)
      if parts.count == 2, parts[0].lowercased() == "content-length" {
        length = Int(parts[1].filter { $0 != " " && $0 != "\t" })
      }
    }
    guard let length, length >= 0 else {
      buffer.removeFirst(end + 4)
      return .failure(.badHeader(header))
    }
    guard length <= Self.maxMessageBytes else {
      buffer.removeFirst(end + 4)
      skipping = length
      append([])
      return .failure(.tooLarge(length))
    }
    guard buffer.count >= end + 4 + length else { return nil }
    let body = Array(buffer[(end + 4)..<(end + 4 + length)])
    buffer.removeFirst(end + 4 + length)
    return .success(body)
  }

  /// The offset of the `\r\n\r\n` that ends the header, if it has arrived.
  private func headerEnd() -> Int? {
    guard buffer.count >= 4 else { return nil }
    for index in 0...(buffer.count - 4)
    where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
      return index
    }
    return nil
  }

  /// A body with its header, ready to write.
  package static func framed(_ body: [UInt8]) -> [UInt8] {
    Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
  }
}
