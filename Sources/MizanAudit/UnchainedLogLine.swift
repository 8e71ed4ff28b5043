import MizanCore

/// A log entry built from parts that are canonical JSON already (the outcome as the batch writes
/// it, the record canonicalized once), waiting only for its place in the chain.
///
/// Members are written in canonical order, so no tree is built or sorted: a log line is the same
/// bytes `LogEntry.line` gives and its hash the same `LogEntry.hash` (a test holds them equal).
/// Everything the hash covers before `prev` is hashed when the parts are made, so a batch does
/// that on every core; sealing, which must go entry by entry, hashes only the short tail:
///
///     {"application_id":…,"association":…,"engine":…,      head
///     "hash":"…",                                         (sealed: not hashed)
///     "logged_at":…,"outcome":…,"policy":{…},              body
///     "prev":"…","record":…,"sequence":N}                  tail
package struct UnchainedLogLine: Sendable {
  private var head: [UInt8] = []
  private var body: [UInt8] = []
  /// `,"record":R,"sequence":` — the tail after the previous hash, but for the sequence number.
  private var recordPart: [UInt8] = []
  /// The hash of `head` and `body`.
  private var prefixHash = SHA256()

  /// The parts of an entry. `canonicalRecord` and `canonicalOutcome` must be canonical JSON
  /// (RFC 8785), as `JSONValue.writeCanonical` and the outcome writers give them.
  package init(applicationID: String, association: String, policyVersion: String, fingerprint: String,
               canonicalRecord: UnsafeRawBufferPointer, canonicalOutcome: UnsafeRawBufferPointer,
               engineVersion: String, loggedAt: String?) {
    head.reserveCapacity(160)
    head.append(contentsOf: #"{"application_id":"#.utf8)
    CanonicalJSONWriter.writeString(applicationID, into: &head)
    head.append(contentsOf: #","association":"#.utf8)
    CanonicalJSONWriter.writeString(association, into: &head)
    head.append(contentsOf: #","engine":"#.utf8)
    CanonicalJSONWriter.writeString(engineVersion, into: &head)
    head.append(UInt8(ascii: ","))

    body.reserveCapacity(canonicalOutcome.count + 200)
    if let loggedAt {
      body.append(contentsOf: #""logged_at":"#.utf8)
      CanonicalJSONWriter.writeString(loggedAt, into: &body)
      body.append(UInt8(ascii: ","))
    }
    body.append(contentsOf: #""outcome":"#.utf8)
    body.append(contentsOf: canonicalOutcome)
    body.append(contentsOf: #","policy":{"fingerprint":"#.utf8)
    CanonicalJSONWriter.writeString(fingerprint, into: &body)
    body.append(contentsOf: #","version":"#.utf8)
    CanonicalJSONWriter.writeString(policyVersion, into: &body)
    body.append(contentsOf: "},".utf8)

    recordPart.reserveCapacity(canonicalRecord.count + 24)
    recordPart.append(contentsOf: #","record":"#.utf8)
    recordPart.append(contentsOf: canonicalRecord)
    recordPart.append(contentsOf: #","sequence":"#.utf8)

    prefixHash.update(head)
    prefixHash.update(body)
  }

  /// The entry at `sequence` after the entry whose hash is `previousHash`: its line (with the
  /// newline) and its hash.
  package func sealed(sequence: Int, previousHash: String) -> (line: [UInt8], hash: String) {
    var tail: [UInt8] = []
    tail.reserveCapacity(previousHash.utf8.count + recordPart.count + 32)
    tail.append(contentsOf: #""prev":"#.utf8)
    CanonicalJSONWriter.writeString(previousHash, into: &tail)
    tail.append(contentsOf: recordPart)
    tail.append(contentsOf: String(sequence).utf8)
    tail.append(UInt8(ascii: "}"))

    var hasher = prefixHash
    hasher.update(tail)
    let hash = hasher.finalize().hex

    var line: [UInt8] = []
    line.reserveCapacity(head.count + body.count + tail.count + 80)
    line.append(contentsOf: head)
    line.append(contentsOf: #""hash":"#.utf8)
    CanonicalJSONWriter.writeString(hash, into: &line)
    line.append(UInt8(ascii: ","))
    line.append(contentsOf: body)
    line.append(contentsOf: tail)
    line.append(UInt8(ascii: "\n"))
    return (line, hash)
  }
}
