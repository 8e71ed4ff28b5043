import MizanCore
import Testing

/// HMAC-SHA-256 against the test cases of RFC 4231 (section 4): keys shorter than, equal to and
/// longer than a block, and data longer than a block.
@Suite("HMAC-SHA-256 (RFC 4231)")
struct HMACTests {
  static func bytes(hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    return stride(from: 0, to: digits.count, by: 2).compactMap { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16) }
  }

  static let cases: [(name: String, key: [UInt8], data: [UInt8], mac: String)] = [
    ("1", [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    ("2", Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    ("3", [UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
    ("4", bytes(hex: "0102030405060708090a0b0c0d0e0f10111213141516171819"), [UInt8](repeating: 0xcd, count: 50),
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
    ("6", [UInt8](repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    ("7", [UInt8](repeating: 0xaa, count: 131),
     Array(("This is a test using a larger than block-size key and a larger than block-size data. The key needs to "
       + "be hashed before being used by the HMAC algorithm.").utf8),
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
  ]

  @Test("each RFC 4231 test case gives its published code", arguments: cases.indices)
  func vectors(index: Int) {
    let test = Self.cases[index]
    #expect(SHA256.authenticationCode(key: test.key, message: test.data).hex == test.mac, "case \(test.name)")
  }

  @Test("case 5: the code truncated to 128 bits")
  func truncated() {
    let mac = SHA256.authenticationCode(key: [UInt8](repeating: 0x0c, count: 20), message: Array("Test With Truncation".utf8))
    #expect(mac.hex.prefix(32) == "a3b6167473100ee06e0c796c2955552b")
  }

  @Test("a key of exactly one block is used as it is, not hashed", arguments: [63, 64, 65])
  func blockBoundary(keyLength: Int) {
    let key = [UInt8](repeating: 0x42, count: keyLength)
    let hashedKey = keyLength > 64 ? SHA256.hash(key).bytes : key
    // The definition, written out: H((K' ^ opad) || H((K' ^ ipad) || m)).
    let padded = hashedKey + [UInt8](repeating: 0, count: 64 - hashedKey.count)
    let inner = SHA256.hash(padded.map { $0 ^ 0x36 } + Array("m".utf8)).bytes
    let expected = SHA256.hash(padded.map { $0 ^ 0x5c } + inner).hex
    #expect(SHA256.authenticationCode(key: key, message: Array("m".utf8)).hex == expected)
  }
}
