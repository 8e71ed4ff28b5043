/// HMAC-SHA-256 (RFC 2104, FIPS 198-1) on the package's own SHA-256: what seals a checkpoint with
/// a key only the auditor holds. Tested against the RFC 4231 vectors.
extension SHA256 {
  /// The SHA-256 block size in bytes: keys are padded (or first hashed) to it.
  private static let blockBytes = 64

  /// The HMAC-SHA-256 of `message` under `key`.
  package static func authenticationCode(key: [UInt8], message: [UInt8]) -> SHA256Digest {
    // A key longer than a block is replaced by its digest; a shorter one is padded with zeros.
    var block = key.count > blockBytes ? SHA256.hash(key).bytes : key
    block += [UInt8](repeating: 0, count: blockBytes - block.count)
    var inner = SHA256()
    inner.update(block.map { $0 ^ 0x36 })
    inner.update(message)
    var outer = SHA256()
    outer.update(block.map { $0 ^ 0x5c })
    outer.update(inner.finalize().bytes)
    return outer.finalize()
  }
}
