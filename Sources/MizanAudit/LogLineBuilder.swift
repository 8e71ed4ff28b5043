import MizanCore

/// Why an entry that is not an official decision was logged: a what-if under another version
/// (`--as-of`), or a decision under a draft. Official entries carry no purpose.
package enum LogPurpose: String, Sendable, CaseIterable {
  case whatIf = "what_if"
  case draft
}

/// Builds decision-log lines: the one way an entry is written, by `eval --log`, `batch --log` and
/// the server. An entry is made from parts that are canonical JSON already (the record as the
/// record reader writes it back, the outcome as the outcome writer writes it), and waits only for
/// its place in the chain.
///
/// The entry keeps the record, the decision (`DecisionSummary`) and the SHA-256 of the whole
/// canonical outcome: the outcome itself (labels, citations, trace) is a pure function of the
/// record and the policy, which replay re-derives and checks against the digest.
///
/// Members are written in canonical order, so no tree is built or sorted. Everything the hash
/// covers before `prev` is hashed when the parts are made, so a batch does that on every core;
/// sealing, which must go entry by entry, hashes only the short tail:
///
///     {"application_id":…,"association":…,"decision":{…},"engine":…,      head
///     "hash":"…",                                                     (sealed: not hashed)
///     "logged_at":…,"logged_by":…,"outcome_sha256":"…","policy":{…},   body
///     "prev":"…","purpose":…,"record":…,"sequence":N}                  tail
package struct LogLineBuilder: Sendable {
  private var head: [UInt8] = []
  private var body: [UInt8] = []
  /// `,"purpose":P,"record":R,"sequence":` — the tail after the previous hash, but for the sequence number.
  private var recordPart: [UInt8] = []
  /// The hash of `head` and `body`.
  private var prefixHash = SHA256()

  /// The parts of an entry. `canonicalRecord` and `canonicalOutcome` must be canonical JSON
  /// (RFC 8785), as the record reader and the outcome writer give them. `purpose` is nil for an
  /// official decision.
  package init(applicationID: String, association: String, policyVersion: String, fingerprint: String,
               canonicalRecord: Span<UInt8>, canonicalOutcome: Span<UInt8>, engineVersion: String, loggedAt: String?,
               loggedBy: String? = nil, purpose: LogPurpose? = nil) {
    var buffer = ByteBuffer(capacity: 1024)
    buffer.append(literal: #"{"application_id":"#)
    CanonicalJSONWriter.writeString(applicationID, into: &buffer)
    buffer.append(literal: #","association":"#)
    CanonicalJSONWriter.writeString(association, into: &buffer)
    buffer.append(literal: #","decision":"#)
    if !DecisionSummary.write(outcome: canonicalOutcome, into: &buffer) { buffer.append(literal: "{}") }
    buffer.append(literal: #","engine":"#)
    CanonicalJSONWriter.writeString(engineVersion, into: &buffer)
    buffer.append(UInt8(ascii: ","))
    head = buffer.array

    buffer = ByteBuffer(capacity: 256)
    if let loggedAt {
      buffer.append(literal: #""logged_at":"#)
      CanonicalJSONWriter.writeString(loggedAt, into: &buffer)
      buffer.append(UInt8(ascii: ","))
    }
    if let loggedBy {
      buffer.append(literal: #""logged_by":"#)
      CanonicalJSONWriter.writeString(loggedBy, into: &buffer)
      buffer.append(UInt8(ascii: ","))
    }
    buffer.append(literal: #""outcome_sha256":""#)
    buffer.append(utf8: SHA256.hash(canonicalOutcome).hex)
    buffer.append(literal: #"","policy":{"fingerprint":"#)
    CanonicalJSONWriter.writeString(fingerprint, into: &buffer)
    buffer.append(literal: #","version":"#)
    CanonicalJSONWriter.writeString(policyVersion, into: &buffer)
    buffer.append(literal: "},")
    body = buffer.array

    buffer = ByteBuffer(capacity: canonicalRecord.count + 48)
    if let purpose {
      buffer.append(literal: #","purpose":"#)
      CanonicalJSONWriter.writeString(purpose.rawValue, into: &buffer)
    }
    buffer.append(literal: #","record":"#)
    buffer.append(canonicalRecord)
    buffer.append(literal: #","sequence":"#)
    recordPart = buffer.array

    prefixHash.update(head)
    prefixHash.update(body)
  }

  /// The entry at `sequence` after the entry whose hash is `previousHash`: its line (with the
  /// newline) and its hash.
  package func sealed(sequence: Int, previousHash: String) -> (line: [UInt8], hash: String) {
    var tail = ByteBuffer(capacity: recordPart.count + 96)
    tail.append(literal: #""prev":"#)
    CanonicalJSONWriter.writeString(previousHash, into: &tail)
    tail.append(recordPart)
    tail.appendDecimal(sequence)
    tail.append(UInt8(ascii: "}"))
    let tailBytes = tail.array

    var hasher = prefixHash
    hasher.update(tailBytes)
    let hash = hasher.finalize().hex

    var line: [UInt8] = []
    line.reserveCapacity(head.count + body.count + tailBytes.count + 80)
    line += head
    line += Array(#""hash":"#.utf8)
    line += Array(("\"" + hash + "\",").utf8)
    line += body
    line += tailBytes
    line.append(UInt8(ascii: "\n"))
    return (line, hash)
  }
}
