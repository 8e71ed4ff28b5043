import CSHA256Intrinsics

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

  /// Whether blocks are compressed with the CPU's SHA extensions (`CSHA256Intrinsics`) rather than
  /// the portable code below; fixed for a hasher, so tests can run both.
  private var usesExtensions = SHA256.cpuHasExtensions

  /// Whether this CPU has the x86 SHA extensions; asked once.
  package static let cpuHasExtensions = csha256_has_extensions() != 0

  /// A hasher that has seen no bytes.
  package init() {}

  /// A hasher that has seen no bytes and uses only the portable code (the reference the
  /// extensions are tested against), or the extensions when `portable` is false and the CPU has them.
  package init(portable: Bool) { usesExtensions = !portable && Self.cpuHasExtensions }

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

  /// Feeds the bytes of a span to the hasher.
  package mutating func update(_ span: Span<UInt8>) {
    span.withUnsafeBytes { update($0) }
  }

  /// The digest of a span's bytes, in one call.
  package static func hash(_ span: Span<UInt8>) -> SHA256Digest {
    var hasher = SHA256()
    hasher.update(span)
    return hasher.finalize()
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
  /// Each block is done in two passes. The message schedule, with the round constants already added, is
  /// computed four words at a time in SSE registers into a stack buffer allocated once per call. The 64
  /// rounds are then fully unrolled, rotating the eight working variables by renaming (each round writes only
  /// its `d` and `h`) and taking W[t] + K[t] as a memory operand, which leaves the general registers to the
  /// working variables.
  private mutating func compress(_ base: UnsafeRawPointer, blocks: Int) {
    if usesExtensions {
      compressWithExtensions(base, blocks: blocks)
    } else {
      compressPortably(base, blocks: blocks)
    }
  }

  /// The compression with the SHA extensions: the state goes to the C routine as eight
  /// consecutive words (a homogeneous tuple is laid out contiguously), the blocks as they are.
  private mutating func compressWithExtensions(_ base: UnsafeRawPointer, blocks: Int) {
    var state = (h0, h1, h2, h3, h4, h5, h6, h7)
    withUnsafeMutablePointer(to: &state) { tuple in
      tuple.withMemoryRebound(to: UInt32.self, capacity: 8) { words in
        csha256_compress_blocks(words, base.assumingMemoryBound(to: UInt8.self), blocks)
      }
    }
    (h0, h1, h2, h3, h4, h5, h6, h7) = state
  }

  /// The portable compression: the reference, and the fallback on CPUs without the extensions.
  private mutating func compressPortably(_ base: UnsafeRawPointer, blocks: Int) {
    withUnsafeTemporaryAllocation(of: SIMD4<UInt32>.self, capacity: 16) { vectors in
      SHA256.roundConstants.withUnsafeBytes { constants in
        guard let words = UnsafeRawPointer(vectors.baseAddress), let k = constants.baseAddress else { return }
        // The words are read through a raw pointer: the buffer is bound to SIMD4<UInt32>, and a raw
        // load of a trivial type is valid whatever the memory is bound to.
        let schedule = ScheduleWords(base: words)
        var block = base
        for _ in 0..<blocks {
          SHA256.expandSchedule(block, constants: k, into: vectors)
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
          round(a, b, c, &d, e, f, g, &h, &bc, schedule[0])
          round(h, a, b, &c, d, e, f, &g, &bc, schedule[1])
          round(g, h, a, &b, c, d, e, &f, &bc, schedule[2])
          round(f, g, h, &a, b, c, d, &e, &bc, schedule[3])
          round(e, f, g, &h, a, b, c, &d, &bc, schedule[4])
          round(d, e, f, &g, h, a, b, &c, &bc, schedule[5])
          round(c, d, e, &f, g, h, a, &b, &bc, schedule[6])
          round(b, c, d, &e, f, g, h, &a, &bc, schedule[7])
          round(a, b, c, &d, e, f, g, &h, &bc, schedule[8])
          round(h, a, b, &c, d, e, f, &g, &bc, schedule[9])
          round(g, h, a, &b, c, d, e, &f, &bc, schedule[10])
          round(f, g, h, &a, b, c, d, &e, &bc, schedule[11])
          round(e, f, g, &h, a, b, c, &d, &bc, schedule[12])
          round(d, e, f, &g, h, a, b, &c, &bc, schedule[13])
          round(c, d, e, &f, g, h, a, &b, &bc, schedule[14])
          round(b, c, d, &e, f, g, h, &a, &bc, schedule[15])
          round(a, b, c, &d, e, f, g, &h, &bc, schedule[16])
          round(h, a, b, &c, d, e, f, &g, &bc, schedule[17])
          round(g, h, a, &b, c, d, e, &f, &bc, schedule[18])
          round(f, g, h, &a, b, c, d, &e, &bc, schedule[19])
          round(e, f, g, &h, a, b, c, &d, &bc, schedule[20])
          round(d, e, f, &g, h, a, b, &c, &bc, schedule[21])
          round(c, d, e, &f, g, h, a, &b, &bc, schedule[22])
          round(b, c, d, &e, f, g, h, &a, &bc, schedule[23])
          round(a, b, c, &d, e, f, g, &h, &bc, schedule[24])
          round(h, a, b, &c, d, e, f, &g, &bc, schedule[25])
          round(g, h, a, &b, c, d, e, &f, &bc, schedule[26])
          round(f, g, h, &a, b, c, d, &e, &bc, schedule[27])
          round(e, f, g, &h, a, b, c, &d, &bc, schedule[28])
          round(d, e, f, &g, h, a, b, &c, &bc, schedule[29])
          round(c, d, e, &f, g, h, a, &b, &bc, schedule[30])
          round(b, c, d, &e, f, g, h, &a, &bc, schedule[31])
          round(a, b, c, &d, e, f, g, &h, &bc, schedule[32])
          round(h, a, b, &c, d, e, f, &g, &bc, schedule[33])
          round(g, h, a, &b, c, d, e, &f, &bc, schedule[34])
          round(f, g, h, &a, b, c, d, &e, &bc, schedule[35])
          round(e, f, g, &h, a, b, c, &d, &bc, schedule[36])
          round(d, e, f, &g, h, a, b, &c, &bc, schedule[37])
          round(c, d, e, &f, g, h, a, &b, &bc, schedule[38])
          round(b, c, d, &e, f, g, h, &a, &bc, schedule[39])
          round(a, b, c, &d, e, f, g, &h, &bc, schedule[40])
          round(h, a, b, &c, d, e, f, &g, &bc, schedule[41])
          round(g, h, a, &b, c, d, e, &f, &bc, schedule[42])
          round(f, g, h, &a, b, c, d, &e, &bc, schedule[43])
          round(e, f, g, &h, a, b, c, &d, &bc, schedule[44])
          round(d, e, f, &g, h, a, b, &c, &bc, schedule[45])
          round(c, d, e, &f, g, h, a, &b, &bc, schedule[46])
          round(b, c, d, &e, f, g, h, &a, &bc, schedule[47])
          round(a, b, c, &d, e, f, g, &h, &bc, schedule[48])
          round(h, a, b, &c, d, e, f, &g, &bc, schedule[49])
          round(g, h, a, &b, c, d, e, &f, &bc, schedule[50])
          round(f, g, h, &a, b, c, d, &e, &bc, schedule[51])
          round(e, f, g, &h, a, b, c, &d, &bc, schedule[52])
          round(d, e, f, &g, h, a, b, &c, &bc, schedule[53])
          round(c, d, e, &f, g, h, a, &b, &bc, schedule[54])
          round(b, c, d, &e, f, g, h, &a, &bc, schedule[55])
          round(a, b, c, &d, e, f, g, &h, &bc, schedule[56])
          round(h, a, b, &c, d, e, f, &g, &bc, schedule[57])
          round(g, h, a, &b, c, d, e, &f, &bc, schedule[58])
          round(f, g, h, &a, b, c, d, &e, &bc, schedule[59])
          round(e, f, g, &h, a, b, c, &d, &bc, schedule[60])
          round(d, e, f, &g, h, a, b, &c, &bc, schedule[61])
          round(c, d, e, &f, g, h, a, &b, &bc, schedule[62])
          round(b, c, d, &e, f, g, h, &a, &bc, schedule[63])
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

  /// Writes W[t] + K[t] for t in 0..<64 of the block at `block` into `schedule`, four words per vector.
  @inline(__always)
  private static func expandSchedule(
    _ block: UnsafeRawPointer, constants: UnsafeRawPointer, into schedule: UnsafeMutableBufferPointer<SIMD4<UInt32>>
  ) {
    var x0 = SIMD4(word(block, 0), word(block, 1), word(block, 2), word(block, 3))
    var x1 = SIMD4(word(block, 4), word(block, 5), word(block, 6), word(block, 7))
    var x2 = SIMD4(word(block, 8), word(block, 9), word(block, 10), word(block, 11))
    var x3 = SIMD4(word(block, 12), word(block, 13), word(block, 14), word(block, 15))
    schedule[0] = x0 &+ constants.loadUnaligned(fromByteOffset: 0, as: SIMD4<UInt32>.self)
    schedule[1] = x1 &+ constants.loadUnaligned(fromByteOffset: 16, as: SIMD4<UInt32>.self)
    schedule[2] = x2 &+ constants.loadUnaligned(fromByteOffset: 32, as: SIMD4<UInt32>.self)
    schedule[3] = x3 &+ constants.loadUnaligned(fromByteOffset: 48, as: SIMD4<UInt32>.self)
    // A loop rather than unrolled code on purpose: unrolled, the optimiser forwards the vector stores to the
    // rounds' scalar loads as lane extractions, which cost more than the loads.
    for group in 4..<16 {
      // x0…x3 hold W[t−16…t−1] for t = 4 · group.
      let w15 = SIMD4(x0[1], x0[2], x0[3], x1[0])
      let w7 = SIMD4(x2[1], x2[2], x2[3], x3[0])
      let partial = x0 &+ smallSigma0(w15) &+ w7
      // σ1 needs W[t−2], so the upper two words depend on the lower two just computed. Each σ1 runs on a
      // duplicated pair filling all four lanes: with lanes known to be zero, the optimiser narrows the vector
      // and pays for it in shuffles.
      let lowSigma = smallSigma1(SIMD4(x3[2], x3[3], x3[2], x3[3]))
      let low = partial &+ lowSigma
      let highSigma = smallSigma1(SIMD4(low[0], low[1], low[0], low[1]))
      let next = partial &+ SIMD4(lowSigma[0], lowSigma[1], highSigma[2], highSigma[3])
      schedule[group] = next &+ constants.loadUnaligned(fromByteOffset: group &* 16, as: SIMD4<UInt32>.self)
      x0 = x1
      x1 = x2
      x2 = x3
      x3 = next
    }
  }

  /// σ0 on four words: x⋙7 ^ x⋙18 ^ x≫3 (SSE2 has no vector rotate).
  @inline(__always)
  private static func smallSigma0(_ x: SIMD4<UInt32>) -> SIMD4<UInt32> {
    (x &>> 3) ^ ((x ^ (x &>> 11)) &>> 7) ^ ((x ^ (x &<< 11)) &<< 14)
  }

  /// σ1 on four words: x⋙17 ^ x⋙19 ^ x≫10; zero lanes stay zero.
  @inline(__always)
  private static func smallSigma1(_ x: SIMD4<UInt32>) -> SIMD4<UInt32> {
    (x &>> 10) ^ ((x ^ (x &>> 2)) &>> 17) ^ ((x ^ (x &<< 2)) &<< 13)
  }

  /// Message word `index` of a block, read big-endian from possibly unaligned input.
  @inline(__always)
  private static func word(_ block: UnsafeRawPointer, _ index: Int) -> UInt32 {
    UInt32(bigEndian: block.loadUnaligned(fromByteOffset: index &* 4, as: UInt32.self))
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

/// The message schedule (plus round constants) as 32-bit words, read from the vector buffer.
private struct ScheduleWords {
  let base: UnsafeRawPointer

  @inline(__always)
  subscript(index: Int) -> UInt32 { base.load(fromByteOffset: index &* 4, as: UInt32.self) }
}

/// One SHA-256 round over the working variables named in rotated order.
///
/// Only `d` (which becomes the next `e`) and `h` (which becomes the next `a`) change; the caller renames the
/// rest by passing the variables one place further round in the next call. `bc` holds `b ^ c` on entry and
/// `a ^ b` on exit, which is the next round's `b ^ c`. `kw` is K[t] + W[t].
@inline(__always)
private func round(
  _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
  _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32,
  _ bc: inout UInt32, _ kw: UInt32
) {
  // Σ1(e) = e⋙6 ^ e⋙11 ^ e⋙25, factored so that each rotation works on the previous result: three rotates
  // and two xors with a single copy of e.
  let sum1 = (((e.rotatedRight(14) ^ e).rotatedRight(5)) ^ e).rotatedRight(6)
  let choice = g ^ (e & (f ^ g))
  let temp1 = h &+ sum1 &+ choice &+ kw
  // Σ0(a) = a⋙2 ^ a⋙13 ^ a⋙22, factored the same way.
  let sum0 = (((a.rotatedRight(9) ^ a).rotatedRight(11)) ^ a).rotatedRight(2)
  let ab = a ^ b
  let majority = b ^ (ab & bc)
  bc = ab
  d &+= temp1
  h = temp1 &+ sum0 &+ majority
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
