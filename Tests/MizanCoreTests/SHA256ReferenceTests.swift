import Testing

@testable import MizanCore

/// The unrolled SHA-256 against the plain reference transcription and against digests recorded from
/// coreutils `sha256sum`, on pseudo-random messages of every length around the block and padding boundaries.
struct SHA256ReferenceTests {
  /// SplitMix64, so that the test messages are the same on every run and can be regenerated outside Swift
  /// (the `sha256sum` digests below were made from the same sequence).
  struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
      state &+= 0x9e37_79b9_7f4a_7c15
      var z = state
      z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
      z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
      return z ^ (z >> 31)
    }

    /// A value in 0..<bound, for bounds far below 2^64 where the modulo bias does not matter here.
    mutating func below(_ bound: Int) -> Int {
      Int(truncatingIfNeeded: next() % UInt64(bound))
    }

    /// `count` bytes: the top byte of each output.
    mutating func bytes(_ count: Int) -> [UInt8] {
      (0..<count).map { _ in UInt8(truncatingIfNeeded: next() >> 56) }
    }
  }

  /// Feeds `message` in random-sized pieces (empty ones included), alternating slice and raw-buffer input.
  static func hashInPieces(_ message: [UInt8], random: inout SplitMix64, maxPiece: Int) -> SHA256Digest {
    var hasher = SHA256()
    var offset = 0
    var turn = 0
    while offset < message.count {
      let size = min(random.below(maxPiece + 1), message.count - offset)
      let piece = message[offset..<(offset + size)]
      if turn % 2 == 0 {
        hasher.update(piece)
      } else {
        piece.withUnsafeBytes { hasher.update($0) }
      }
      offset += size
      turn += 1
    }
    return hasher.finalize()
  }

  @Test("every length 0…300, whole and in random pieces, matches the reference")
  func everyLengthAgainstReference() {
    var random = SplitMix64(state: 0x5eed)
    for length in 0...300 {
      let message = random.bytes(length)
      let expected = ReferenceSHA256.hash(message)
      #expect(SHA256.hash(message) == expected, "length \(length), whole")
      // Small pieces keep data in the pending block; large ones mix pending bytes with whole blocks.
      for maxPiece in [3, 17, 70, 150] {
        #expect(
          SHA256ReferenceTests.hashInPieces(message, random: &random, maxPiece: maxPiece) == expected,
          "length \(length), pieces up to \(maxPiece)"
        )
      }
      // The byte-at-a-time path for sequences without contiguous storage.
      #expect(SHA256.hash(message.lazy.map { $0 }) == expected, "length \(length), non-contiguous")
    }
  }

  @Test("long messages in random pieces match the reference")
  func longMessagesAgainstReference() {
    var random = SplitMix64(state: 0x10_0000)
    for length in [1_000, 6_000, 6_143, 65_537, 100_003] {
      let message = random.bytes(length)
      let expected = ReferenceSHA256.hash(message)
      #expect(SHA256.hash(message) == expected, "length \(length), whole")
      #expect(
        SHA256ReferenceTests.hashInPieces(message, random: &random, maxPiece: 1_000) == expected,
        "length \(length), pieces"
      )
    }
  }

  @Test("a copy taken mid-stream finalises to the reference digest of its prefix")
  func copiesAgainstReference() {
    var random = SplitMix64(state: 0xc0b1)
    let message = random.bytes(700)
    var hasher = SHA256()
    var offset = 0
    while offset < message.count {
      let size = min(random.below(130), message.count - offset)
      hasher.update(message[offset..<(offset + size)])
      offset += size
      let snapshot = hasher
      #expect(snapshot.finalize() == ReferenceSHA256.hash(message[..<offset]), "prefix \(offset)")
    }
    #expect(hasher.finalize() == ReferenceSHA256.hash(message))
  }

  /// Message lengths and the digests `sha256sum` printed for the SplitMix64 bytes seeded with the length.
  static let recorded: [(length: Int, digest: String)] = [
    (1, "7da59d0dfbe21f43e842e8afb43e12a6445bbac07c2fc26984c71d0de3f99c9c"),
    (55, "f88be9bddd432296eda737d8c8b1b3ef3d3fde168c37368c60fb841dd22eaffd"),
    (56, "e1785ab134b162231025ac2ce16590739d00c8784df4c3ca4dfec27c9bd455a1"),
    (63, "a03ef1b0b8f57e4a6f977cac467ed41ad7e0f363c43d0aa438f77a5b365600c9"),
    (64, "4863c42d004b71de5b18e0d12b342e9ba3a965739b51f8c030a64d1e55f902fe"),
    (65, "becb294d01526e1b9d7d2031e9c72f7e7ab6ee990f141f91bcb5282d26b25f90"),
    (119, "1c487a725eea8dad2adf0ca4e95f3886ea6a6888fbb16f64aa4c3d600a1cb4f2"),
    (120, "94a90f5f2246a386d0d14ac81cddef2e9b317f755da8067fc94a29d3aae530cb"),
    (300, "c78dbbd8fcf04bf9951d6950026f82b067f2a771086b3375a52229a0eff3121a"),
    (6000, "3ad5949e9bdb48b93025fda4c098c981e3f30d7a656f4427a100e2275102cd06"),
  ]

  @Test("digests recorded from sha256sum")
  func recordedDigests() {
    for (length, digest) in SHA256ReferenceTests.recorded {
      var random = SplitMix64(state: UInt64(length))
      let message = random.bytes(length)
      #expect(SHA256.hash(message).hex == digest, "length \(length)")
      #expect(ReferenceSHA256.hash(message).hex == digest, "reference, length \(length)")
    }
  }
}
