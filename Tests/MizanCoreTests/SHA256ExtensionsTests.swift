import Foundation
import Testing

@testable import MizanCore

/// The two compressions of SHA256 — the x86 SHA extensions (when this CPU has them) and the
/// portable code — each against the NIST vectors, and against each other on many lengths.
@Suite("SHA-256 with and without the CPU's SHA extensions")
struct SHA256ExtensionsTests {
  static func digest(_ bytes: [UInt8], portable: Bool) -> String {
    var hasher = SHA256(portable: portable)
    hasher.update(bytes)
    return hasher.finalize().hex
  }

  @Test("both compressions give the NIST digests", arguments: SHA256Tests.vectors, [true, false])
  func nistVectors(_ vector: SHA256Tests.Vector, portable: Bool) {
    #expect(Self.digest(Array(vector.message.utf8), portable: portable) == vector.digest)
  }

  @Test("both compressions give the NIST digest of one million 'a'", arguments: [true, false])
  func millionA(portable: Bool) {
    #expect(Self.digest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000), portable: portable)
      == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test("the compressions agree on every length from 0 to 1100 bytes, and in uneven pieces")
  func agree() {
    var generator: UInt64 = 0x9e37_79b9_7f4a_7c15
    let message = (0..<1100).map { _ -> UInt8 in
      generator = generator &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: generator >> 56)
    }
    for length in 0...message.count {
      let bytes = Array(message[..<length])
      #expect(Self.digest(bytes, portable: true) == Self.digest(bytes, portable: false), "length \(length)")
    }
    var pieces = SHA256(portable: false)
    for start in stride(from: 0, to: message.count, by: 37) { pieces.update(message[start..<min(start + 37, message.count)]) }
    #expect(pieces.finalize().hex == Self.digest(message, portable: true))
  }

  @Test("this machine's CPU reports the extensions as /proc/cpuinfo does")
  func detection() throws {
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return }
    #expect(SHA256.cpuHasExtensions == info.contains(" sha_ni"))
  }
}
