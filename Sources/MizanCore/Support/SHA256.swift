/// A streaming SHA-256 hasher (FIPS 180-4), written by hand because the toolchain ships no digest on Linux.
///
/// Feed bytes with `update(_:)` in any number of pieces, then call `finalize()` once. The hasher is a value
/// with no heap storage, so copying it before `finalize()` gives the digest of everything fed so far while
/// the original keeps going.
package struct SHA256 {
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
  package init() {}

  /// Feeds bytes to the hasher.
  ///
  /// Contiguous collections (`[UInt8]`, `ArraySlice<UInt8>`, `Data`, buffer pointers, a `String`'s UTF-8 view)
  /// are hashed straight from their storage; any other sequence is copied through a 64-byte block.
  package mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
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
  package mutating func update(_ buffer: UnsafeRawBufferPointer) {
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
  package mutating func update(_ string: String) {
    var text = string
    // `withUTF8` may first make the string native and contiguous; it then hands out its storage directly.
    text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
  }

  /// Pads the message and returns its digest.
  ///
  /// Consuming: the hasher is finished. To keep hashing after taking an intermediate digest, finalise a copy.
  package consuming func finalize() -> SHA256Digest {
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
  package static func hash<Bytes: Sequence>(_ bytes: Bytes) -> SHA256Digest where Bytes.Element == UInt8 {
    var hasher = SHA256()
    hasher.update(bytes)
    return hasher.finalize()
  }

  /// The digest of a string's UTF-8 bytes, in one call.
  package static func hash(_ string: String) -> SHA256Digest {
    var hasher = SHA256()
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
  ///
  /// Fully unrolled so that the round constants become immediates and the eight working variables are
  /// rotated by renaming (each round writes only `d` and `h` of its argument list) rather than by seven moves.
  /// The message schedule lives in sixteen locals used as a rolling window: round t ≥ 16 overwrites the word
  /// of round t − 16, which nothing reads again. No memory is touched per block but the input and the
  /// spilled schedule words, and there are no bounds checks to elide.
  private mutating func compress(_ base: UnsafeRawPointer, blocks: Int) {
    var block = base
    for _ in 0..<blocks {
      var w0 = SHA256.word(block, 0)
      var w1 = SHA256.word(block, 1)
      var w2 = SHA256.word(block, 2)
      var w3 = SHA256.word(block, 3)
      var w4 = SHA256.word(block, 4)
      var w5 = SHA256.word(block, 5)
      var w6 = SHA256.word(block, 6)
      var w7 = SHA256.word(block, 7)
      var w8 = SHA256.word(block, 8)
      var w9 = SHA256.word(block, 9)
      var w10 = SHA256.word(block, 10)
      var w11 = SHA256.word(block, 11)
      var w12 = SHA256.word(block, 12)
      var w13 = SHA256.word(block, 13)
      var w14 = SHA256.word(block, 14)
      var w15 = SHA256.word(block, 15)
      var a = h0
      var b = h1
      var c = h2
      var d = h3
      var e = h4
      var f = h5
      var g = h6
      var h = h7
      // b ^ c of the next round is a ^ b of this one; carrying it saves an operation in every Maj.
      var bc = b ^ c

      // Rounds 0…15 use the message words as they are; from 16 on, each first extends the schedule by one word.
      round(a, b, c, &d, e, f, g, &h, &bc, 0x428a_2f98, w0)
      round(h, a, b, &c, d, e, f, &g, &bc, 0x7137_4491, w1)
      round(g, h, a, &b, c, d, e, &f, &bc, 0xb5c0_fbcf, w2)
      round(f, g, h, &a, b, c, d, &e, &bc, 0xe9b5_dba5, w3)
      round(e, f, g, &h, a, b, c, &d, &bc, 0x3956_c25b, w4)
      round(d, e, f, &g, h, a, b, &c, &bc, 0x59f1_11f1, w5)
      round(c, d, e, &f, g, h, a, &b, &bc, 0x923f_82a4, w6)
      round(b, c, d, &e, f, g, h, &a, &bc, 0xab1c_5ed5, w7)
      round(a, b, c, &d, e, f, g, &h, &bc, 0xd807_aa98, w8)
      round(h, a, b, &c, d, e, f, &g, &bc, 0x1283_5b01, w9)
      round(g, h, a, &b, c, d, e, &f, &bc, 0x2431_85be, w10)
      round(f, g, h, &a, b, c, d, &e, &bc, 0x550c_7dc3, w11)
      round(e, f, g, &h, a, b, c, &d, &bc, 0x72be_5d74, w12)
      round(d, e, f, &g, h, a, b, &c, &bc, 0x80de_b1fe, w13)
      round(c, d, e, &f, g, h, a, &b, &bc, 0x9bdc_06a7, w14)
      round(b, c, d, &e, f, g, h, &a, &bc, 0xc19b_f174, w15)

      w0 = schedule(w0, w1, w9, w14); round(a, b, c, &d, e, f, g, &h, &bc, 0xe49b_69c1, w0)
      w1 = schedule(w1, w2, w10, w15); round(h, a, b, &c, d, e, f, &g, &bc, 0xefbe_4786, w1)
      w2 = schedule(w2, w3, w11, w0); round(g, h, a, &b, c, d, e, &f, &bc, 0x0fc1_9dc6, w2)
      w3 = schedule(w3, w4, w12, w1); round(f, g, h, &a, b, c, d, &e, &bc, 0x240c_a1cc, w3)
      w4 = schedule(w4, w5, w13, w2); round(e, f, g, &h, a, b, c, &d, &bc, 0x2de9_2c6f, w4)
      w5 = schedule(w5, w6, w14, w3); round(d, e, f, &g, h, a, b, &c, &bc, 0x4a74_84aa, w5)
      w6 = schedule(w6, w7, w15, w4); round(c, d, e, &f, g, h, a, &b, &bc, 0x5cb0_a9dc, w6)
      w7 = schedule(w7, w8, w0, w5); round(b, c, d, &e, f, g, h, &a, &bc, 0x76f9_88da, w7)
      w8 = schedule(w8, w9, w1, w6); round(a, b, c, &d, e, f, g, &h, &bc, 0x983e_5152, w8)
      w9 = schedule(w9, w10, w2, w7); round(h, a, b, &c, d, e, f, &g, &bc, 0xa831_c66d, w9)
      w10 = schedule(w10, w11, w3, w8); round(g, h, a, &b, c, d, e, &f, &bc, 0xb003_27c8, w10)
      w11 = schedule(w11, w12, w4, w9); round(f, g, h, &a, b, c, d, &e, &bc, 0xbf59_7fc7, w11)
      w12 = schedule(w12, w13, w5, w10); round(e, f, g, &h, a, b, c, &d, &bc, 0xc6e0_0bf3, w12)
      w13 = schedule(w13, w14, w6, w11); round(d, e, f, &g, h, a, b, &c, &bc, 0xd5a7_9147, w13)
      w14 = schedule(w14, w15, w7, w12); round(c, d, e, &f, g, h, a, &b, &bc, 0x06ca_6351, w14)
      w15 = schedule(w15, w0, w8, w13); round(b, c, d, &e, f, g, h, &a, &bc, 0x1429_2967, w15)
      w0 = schedule(w0, w1, w9, w14); round(a, b, c, &d, e, f, g, &h, &bc, 0x27b7_0a85, w0)
      w1 = schedule(w1, w2, w10, w15); round(h, a, b, &c, d, e, f, &g, &bc, 0x2e1b_2138, w1)
      w2 = schedule(w2, w3, w11, w0); round(g, h, a, &b, c, d, e, &f, &bc, 0x4d2c_6dfc, w2)
      w3 = schedule(w3, w4, w12, w1); round(f, g, h, &a, b, c, d, &e, &bc, 0x5338_0d13, w3)
      w4 = schedule(w4, w5, w13, w2); round(e, f, g, &h, a, b, c, &d, &bc, 0x650a_7354, w4)
      w5 = schedule(w5, w6, w14, w3); round(d, e, f, &g, h, a, b, &c, &bc, 0x766a_0abb, w5)
      w6 = schedule(w6, w7, w15, w4); round(c, d, e, &f, g, h, a, &b, &bc, 0x81c2_c92e, w6)
      w7 = schedule(w7, w8, w0, w5); round(b, c, d, &e, f, g, h, &a, &bc, 0x9272_2c85, w7)
      w8 = schedule(w8, w9, w1, w6); round(a, b, c, &d, e, f, g, &h, &bc, 0xa2bf_e8a1, w8)
      w9 = schedule(w9, w10, w2, w7); round(h, a, b, &c, d, e, f, &g, &bc, 0xa81a_664b, w9)
      w10 = schedule(w10, w11, w3, w8); round(g, h, a, &b, c, d, e, &f, &bc, 0xc24b_8b70, w10)
      w11 = schedule(w11, w12, w4, w9); round(f, g, h, &a, b, c, d, &e, &bc, 0xc76c_51a3, w11)
      w12 = schedule(w12, w13, w5, w10); round(e, f, g, &h, a, b, c, &d, &bc, 0xd192_e819, w12)
      w13 = schedule(w13, w14, w6, w11); round(d, e, f, &g, h, a, b, &c, &bc, 0xd699_0624, w13)
      w14 = schedule(w14, w15, w7, w12); round(c, d, e, &f, g, h, a, &b, &bc, 0xf40e_3585, w14)
      w15 = schedule(w15, w0, w8, w13); round(b, c, d, &e, f, g, h, &a, &bc, 0x106a_a070, w15)
      w0 = schedule(w0, w1, w9, w14); round(a, b, c, &d, e, f, g, &h, &bc, 0x19a4_c116, w0)
      w1 = schedule(w1, w2, w10, w15); round(h, a, b, &c, d, e, f, &g, &bc, 0x1e37_6c08, w1)
      w2 = schedule(w2, w3, w11, w0); round(g, h, a, &b, c, d, e, &f, &bc, 0x2748_774c, w2)
      w3 = schedule(w3, w4, w12, w1); round(f, g, h, &a, b, c, d, &e, &bc, 0x34b0_bcb5, w3)
      w4 = schedule(w4, w5, w13, w2); round(e, f, g, &h, a, b, c, &d, &bc, 0x391c_0cb3, w4)
      w5 = schedule(w5, w6, w14, w3); round(d, e, f, &g, h, a, b, &c, &bc, 0x4ed8_aa4a, w5)
      w6 = schedule(w6, w7, w15, w4); round(c, d, e, &f, g, h, a, &b, &bc, 0x5b9c_ca4f, w6)
      w7 = schedule(w7, w8, w0, w5); round(b, c, d, &e, f, g, h, &a, &bc, 0x682e_6ff3, w7)
      w8 = schedule(w8, w9, w1, w6); round(a, b, c, &d, e, f, g, &h, &bc, 0x748f_82ee, w8)
      w9 = schedule(w9, w10, w2, w7); round(h, a, b, &c, d, e, f, &g, &bc, 0x78a5_636f, w9)
      w10 = schedule(w10, w11, w3, w8); round(g, h, a, &b, c, d, e, &f, &bc, 0x84c8_7814, w10)
      w11 = schedule(w11, w12, w4, w9); round(f, g, h, &a, b, c, d, &e, &bc, 0x8cc7_0208, w11)
      w12 = schedule(w12, w13, w5, w10); round(e, f, g, &h, a, b, c, &d, &bc, 0x90be_fffa, w12)
      w13 = schedule(w13, w14, w6, w11); round(d, e, f, &g, h, a, b, &c, &bc, 0xa450_6ceb, w13)
      w14 = schedule(w14, w15, w7, w12); round(c, d, e, &f, g, h, a, &b, &bc, 0xbef9_a3f7, w14)
      w15 = schedule(w15, w0, w8, w13); round(b, c, d, &e, f, g, h, &a, &bc, 0xc671_78f2, w15)

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

  /// Message word `index` of a block, read big-endian from possibly unaligned input.
  @inline(__always)
  private static func word(_ block: UnsafeRawPointer, _ index: Int) -> UInt32 {
    UInt32(bigEndian: block.loadUnaligned(fromByteOffset: index &* 4, as: UInt32.self))
  }
}

/// One SHA-256 round over the working variables named in rotated order.
///
/// Only `d` (which becomes the next `e`) and `h` (which becomes the next `a`) change; the caller renames the
/// rest by passing the variables one place further round in the next call. `bc` holds `b ^ c` on entry and
/// `a ^ b` on exit, which is the next round's `b ^ c`.
@inline(__always)
private func round(
  _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
  _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32,
  _ bc: inout UInt32, _ k: UInt32, _ w: UInt32
) {
  // Σ1(e) = e⋙6 ^ e⋙11 ^ e⋙25, factored so that each rotation works on the previous result: three rotates
  // and two xors with no extra copies of e.
  let sum1 = ((((e.rotatedRight(14) ^ e).rotatedRight(5)) ^ e).rotatedRight(6))
  let choice = g ^ (e & (f ^ g))
  let temp1 = h &+ sum1 &+ choice &+ k &+ w
  let sum0 = ((((a.rotatedRight(9) ^ a).rotatedRight(11)) ^ a).rotatedRight(2))
  let ab = a ^ b
  let majority = b ^ (ab & bc)
  bc = ab
  d &+= temp1
  h = temp1 &+ sum0 &+ majority
}

/// The next message-schedule word W[t] from W[t−16], W[t−15], W[t−7] and W[t−2].
@inline(__always)
private func schedule(_ w16: UInt32, _ w15: UInt32, _ w7: UInt32, _ w2: UInt32) -> UInt32 {
  // σ0(x) = x⋙7 ^ x⋙18 ^ x≫3 and σ1(x) = x⋙17 ^ x⋙19 ^ x≫10, with the two rotations nested as in `round`.
  let s0 = (w15.rotatedRight(11) ^ w15).rotatedRight(7) ^ (w15 >> 3)
  let s1 = (w2.rotatedRight(2) ^ w2).rotatedRight(17) ^ (w2 >> 10)
  return w16 &+ s0 &+ w7 &+ s1
}

extension UInt32 {
  /// The value rotated right by `count` bits (0 < count < 32).
  @inline(__always)
  fileprivate func rotatedRight(_ count: UInt32) -> UInt32 {
    (self >> count) | (self << (32 - count))
  }
}

// MARK: - Digest

/// A 32-byte SHA-256 digest, shown as 64 lowercase hex digits.
package struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
  /// The 32 digest bytes, most significant first.
  package let bytes: [UInt8]

  /// The digest of nothing in particular: 32 zero bytes, used as the `prev` of a log's first entry.
  package static let zero = SHA256Digest(validatedBytes: [UInt8](repeating: 0, count: 32))

  /// Wraps bytes the caller guarantees are exactly 32 long.
  init(validatedBytes: [UInt8]) {
    self.bytes = validatedBytes
  }

  /// Parses 64 hex digits (either case); nil for any other length or character.
  package init?(hex: String) {
    let utf8 = hex.utf8
    guard utf8.count == 64 else { return nil }
    var bytes = [UInt8]()
    bytes.reserveCapacity(32)
    var high: UInt8? = nil
    for character in utf8 {
      guard let nibble = SHA256Digest.nibble(character) else { return nil }
      if let first = high {
        bytes.append(first << 4 | nibble)
        high = nil
      } else {
        high = nibble
      }
    }
    self.bytes = bytes
  }

  /// The 64 lowercase hex digits of the digest.
  package var hex: String {
    let digits = Array("0123456789abcdef".utf8)
    return String(unsafeUninitializedCapacity: 64) { buffer in
      var index = 0
      for byte in bytes {
        buffer[index] = digits[Int(byte >> 4)]
        buffer[index + 1] = digits[Int(byte & 0x0f)]
        index += 2
      }
      return index
    }
  }

  /// The hex digits, so that a digest prints and interpolates as people expect to read it.
  package var description: String { hex }

  /// The value of one ASCII hex digit, or nil.
  private static func nibble(_ character: UInt8) -> UInt8? {
    switch character {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
