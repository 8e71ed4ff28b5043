// The SHA-256 implementation as it stood before the compression function was unrolled: a plain,
// round-by-round transcription of FIPS 180-4, kept as an independent reference the optimised hasher is
// checked against on many lengths and splits.

@testable import MizanCore

/// The reference SHA-256 hasher (FIPS 180-4); see the file comment.
///
/// Feed bytes with `update(_:)` in any number of pieces, then call `finalize()` once. The hasher is a value
/// with no heap storage, so copying it before `finalize()` gives the digest of everything fed so far while
/// the original keeps going.
struct ReferenceSHA256 {
  /// The eight working hash words H0…H7, initialised to the first 32 bits of the fractional parts of the
  /// square roots of the first eight primes.
  private var h0: UInt32 = 0x6a09_e667
  private var h1: UInt32 = 0xbb67_ae85
  private var h2: UInt32 = 0x3c6e_f372
  private var h3: UInt32 = 0xa54f_f53a
  private var h4: UInt32 = 0x510e_527f
  private var h5: UInt32 = 0x9b05_688c
  private var h6: UInt32 = 0x1f83_d9ab
  private var h7: UInt32 = 0x5be0_cd19
  /// Bytes that do not yet fill a block: a fixed 64-byte tuple, so that a hasher never allocates.
  private var pending: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
  /// How many bytes of `pending` are in use (always below 64 between calls).
  private var pendingCount = 0
  /// Total message length in bytes, needed for the final padding.
  private var length: UInt64 = 0

  /// A hasher that has seen no bytes.
  init() {}

  /// Feeds bytes to the hasher.
  ///
  /// Contiguous collections (`[UInt8]`, `ArraySlice<UInt8>`, `Data`, buffer pointers, a `String`'s UTF-8 view)
  /// are hashed straight from their storage; any other sequence is copied through a 64-byte block.
  mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
      update(UnsafeRawBufferPointer(buffer))
    }
    if done != nil { return }
    for byte in bytes {
      length &+= 1
      appendPending(byte)
    }
  }

  /// Feeds the bytes of a raw buffer to the hasher.
  mutating func update(_ buffer: UnsafeRawBufferPointer) {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return }
    length &+= UInt64(buffer.count)
    var offset = 0
    if pendingCount > 0 {
      let take = min(64 - pendingCount, buffer.count)
      let start = pendingCount
      withUnsafeMutableBytes(of: &pending) { block in
        block.baseAddress?.advanced(by: start).copyMemory(from: base, byteCount: take)
      }
      pendingCount += take
      offset = take
      guard pendingCount == 64 else { return }
      compressPending()
    }
    let wholeBlocks = (buffer.count - offset) / 64
    if wholeBlocks > 0 {
      compress(base + offset, blocks: wholeBlocks)
      offset += wholeBlocks * 64
    }
    let rest = buffer.count - offset
    if rest > 0 {
      withUnsafeMutableBytes(of: &pending) { block in
        block.baseAddress?.copyMemory(from: base + offset, byteCount: rest)
      }
      pendingCount = rest
    }
  }

  /// Feeds the UTF-8 bytes of a string to the hasher.
  mutating func update(_ string: String) {
    var text = string
    // `withUTF8` may first make the string native and contiguous; it then hands out its storage directly.
    text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
  }

  /// Pads the message and returns its digest.
  ///
  /// Consuming: the hasher is finished. To keep hashing after taking an intermediate digest, finalise a copy.
  consuming func finalize() -> SHA256Digest {
    let bitLength = length &* 8
    // Padding is a single 1 bit, zeros up to 56 mod 64, then the 64-bit big-endian bit length.
    appendPending(0x80)
    while pendingCount != 56 {
      appendPending(0)
    }
    for shift in stride(from: 56, through: 0, by: -8) {
      appendPending(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
    }
    var bytes = [UInt8]()
    bytes.reserveCapacity(32)
    for word in [h0, h1, h2, h3, h4, h5, h6, h7] {
      bytes.append(UInt8(truncatingIfNeeded: word >> 24))
      bytes.append(UInt8(truncatingIfNeeded: word >> 16))
      bytes.append(UInt8(truncatingIfNeeded: word >> 8))
      bytes.append(UInt8(truncatingIfNeeded: word))
    }
    return SHA256Digest(validatedBytes: bytes)
  }

  /// The digest of a byte sequence, in one call.
  static func hash<Bytes: Sequence>(_ bytes: Bytes) -> SHA256Digest where Bytes.Element == UInt8 {
    var hasher = ReferenceSHA256()
    hasher.update(bytes)
    return hasher.finalize()
  }

  /// The digest of a string's UTF-8 bytes, in one call.
  static func hash(_ string: String) -> SHA256Digest {
    var hasher = ReferenceSHA256()
    hasher.update(string)
    return hasher.finalize()
  }

  // MARK: - Blocks

  /// Adds one byte to the pending block, compressing it when full.
  ///
  /// Does not count the byte into `length`: `update` counts input, while `finalize` uses this for padding.
  private mutating func appendPending(_ byte: UInt8) {
    let index = pendingCount
    withUnsafeMutableBytes(of: &pending) { $0[index] = byte }
    pendingCount += 1
    if pendingCount == 64 {
      compressPending()
    }
  }

  /// Compresses the full pending block and empties it.
  private mutating func compressPending() {
    var block = pending
    withUnsafeBytes(of: &block) { raw in
      if let base = raw.baseAddress {
        compress(base, blocks: 1)
      }
    }
    pendingCount = 0
  }

  /// Runs the compression function over `blocks` consecutive 64-byte blocks starting at `base`.
  private mutating func compress(_ base: UnsafeRawPointer, blocks: Int) {
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
      ReferenceSHA256.roundConstants.withUnsafeBufferPointer { constants in
        var block = base
        for _ in 0..<blocks {
          for t in 0..<16 {
            schedule[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t * 4, as: UInt32.self))
          }
          for t in 16..<64 {
            let w15 = schedule[t - 15]
            let w2 = schedule[t - 2]
            let s0 = w15.rotatedRight(7) ^ w15.rotatedRight(18) ^ (w15 >> 3)
            let s1 = w2.rotatedRight(17) ^ w2.rotatedRight(19) ^ (w2 >> 10)
            schedule[t] = schedule[t - 16] &+ s0 &+ schedule[t - 7] &+ s1
          }
          var a = h0
          var b = h1
          var c = h2
          var d = h3
          var e = h4
          var f = h5
          var g = h6
          var h = h7
          for t in 0..<64 {
            let sum1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
            let choice = (e & f) ^ (~e & g)
            let temp1 = h &+ sum1 &+ choice &+ constants[t] &+ schedule[t]
            let sum0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let temp2 = sum0 &+ majority
            h = g
            g = f
            f = e
            e = d &+ temp1
            d = c
            c = b
            b = a
            a = temp1 &+ temp2
          }
          h0 &+= a
          h1 &+= b
          h2 &+= c
          h3 &+= d
          h4 &+= e
          h5 &+= f
          h6 &+= g
          h7 &+= h
          block += 64
        }
      }
    }
  }

  /// The round constants K0…K63: the first 32 bits of the fractional parts of the cube roots of the first
  /// 64 primes.
  private static let roundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]
}

extension UInt32 {
  /// The value rotated right by `count` bits (0 < count < 32).
  @inline(__always)
  fileprivate func rotatedRight(_ count: UInt32) -> UInt32 {
    (self >> count) | (self << (32 - count))
  }
}
