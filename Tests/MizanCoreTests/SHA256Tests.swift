import Testing

@testable import MizanCore

/// FIPS 180-4 vectors and streaming behaviour of the hand-written SHA-256.
struct SHA256Tests {
  /// A published message and its digest.
  struct Vector: Sendable, CustomTestStringConvertible {
    let message: String
    let digest: String
    var testDescription: String { message.isEmpty ? "(empty)" : String(message.prefix(24)) }
  }

  /// The NIST short-message vectors, including the 448-bit and 896-bit two-block messages.
  static let vectors = [
    Vector(message: "", digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    Vector(message: "abc", digest: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    Vector(
      message: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      digest: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    Vector(
      message: "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
        + "mnopqrstnopqrstu",
      digest: "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
    ),
  ]

  @Test("NIST vectors hash to their published digests", arguments: vectors)
  func nistVector(_ vector: Vector) {
    #expect(SHA256.hash(vector.message).hex == vector.digest)
    #expect(SHA256.hash(Array(vector.message.utf8)).hex == vector.digest)
  }

  @Test("a non-contiguous sequence hashes like the same bytes in an array", arguments: vectors)
  func nonContiguousSequence(_ vector: Vector) {
    // `String.UTF8View.lazy.map` offers no contiguous storage, so this takes the byte-at-a-time path.
    let bytes = vector.message.utf8.lazy.map { $0 }
    #expect(SHA256.hash(bytes).hex == vector.digest)
  }

  @Test("one million 'a' fed in uneven chunks across the padding boundaries")
  func millionA() {
    let chunkSizes = [1, 55, 56, 63, 64, 65, 1000, 0, 127, 128, 129]
    let block = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
    var hasher = SHA256()
    var remaining = 1_000_000
    var turn = 0
    while remaining > 0 {
      let size = min(chunkSizes[turn % chunkSizes.count], remaining)
      hasher.update(block[0..<size])
      remaining -= size
      turn += 1
    }
    #expect(hasher.finalize().hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test("streaming a 200-byte message split at every point equals hashing it at once")
  func everySplitPoint() {
    let message = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
    for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 200] {
      let prefix = Array(message[0..<length])
      let expected = SHA256.hash(prefix)
      for split in 0...length {
        var hasher = SHA256()
        hasher.update(prefix[0..<split])
        hasher.update(prefix[split...])
        #expect(hasher.finalize() == expected, "length \(length), split at \(split)")
      }
    }
  }

  @Test("three-way splits of a 200-byte message equal hashing it at once")
  func threeWaySplits() {
    let message = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 91 &+ 5) }
    let expected = SHA256.hash(message)
    for first in stride(from: 0, through: 200, by: 7) {
      for second in stride(from: first, through: 200, by: 13) {
        var hasher = SHA256()
        hasher.update(message[..<first])
        hasher.update(message[first..<second])
        hasher.update(message[second...])
        #expect(hasher.finalize() == expected, "splits at \(first) and \(second)")
      }
    }
  }

  @Test("finalising a copy leaves the original hashing on")
  func copyGivesRunningDigest() {
    var hasher = SHA256()
    hasher.update("ab")
    let snapshot = hasher
    hasher.update("c")
    #expect(snapshot.finalize() == SHA256.hash("ab"))
    #expect(hasher.finalize() == SHA256.hash("abc"))
  }

  @Test("a raw buffer and a non-ASCII string hash as their UTF-8 bytes")
  func rawBufferAndUnicode() {
    let text = "ميزان €😀"
    let bytes = Array(text.utf8)
    let fromBuffer = bytes.withUnsafeBytes { buffer in
      var hasher = SHA256()
      hasher.update(buffer)
      return hasher.finalize()
    }
    #expect(fromBuffer == SHA256.hash(bytes))
    #expect(SHA256.hash(text) == SHA256.hash(bytes))
  }

  @Test("a digest's hex round-trips through init(hex:), in either case")
  func hexRoundTrip() {
    let digest = SHA256.hash("abc")
    #expect(digest.bytes.count == 32)
    #expect(digest.hex.count == 64)
    #expect(digest.description == digest.hex)
    #expect(SHA256Digest(hex: digest.hex) == digest)
    #expect(SHA256Digest(hex: digest.hex.uppercased()) == digest)
    #expect(SHA256Digest(hex: String(repeating: "0", count: 64)) == SHA256Digest.zero)
    #expect(SHA256Digest.zero.bytes == [UInt8](repeating: 0, count: 32))
  }

  @Test(
    "init(hex:) rejects anything but 64 hex digits",
    arguments: [
      "",
      String(repeating: "a", count: 63),
      String(repeating: "a", count: 65),
      String(repeating: "a", count: 62) + "g0",
      String(repeating: "a", count: 62) + " 0",
      " " + String(repeating: "a", count: 63),
      String(repeating: "a", count: 60) + "٣٤",  // 64 UTF-8 bytes, not hex
      String(repeating: "a", count: 62) + "é",  // 64 UTF-8 bytes, not hex
    ]
  )
  func hexRejects(_ text: String) {
    #expect(SHA256Digest(hex: text) == nil)
  }
}
