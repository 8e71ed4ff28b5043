// Fuzz target: record bytes → JSONReader.read → RecordDecoder.decode against the checked raabigh
// policy → evaluation and the canonical outcome; and the record judged as `mizan eval` would,
// under its own association's version in force on its date. Errors are rendered in both
// languages. Properties: the canonical text of what was read reads back to the same text, and
// batch's fast path (RecordScan) agrees with the full path on every record it reads.

import Mizan
import MizanChecker
import MizanCore
import MizanEngine

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecord(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = fuzzBytes(data, size)
  let json: JSONValue
  do {
    json = try JSONReader.read(bytes)
  } catch {
    _ = error.description
    _ = error.messageArabic
    _ = RecordError.unreadable(error).rendered(in: .arabic)
    checkFastPath(bytes, json: nil)
    return 0
  }
  checkFastPath(bytes, json: json)
  let canonical = json.canonicalText
  do {
    let again = try JSONReader.read(canonical).canonicalText
    if again != canonical { fuzzFailure("canonical JSON is not stable:\n\(canonical)\n\(again)") }
  } catch {
    fuzzFailure("canonical JSON does not read back (\(error.description)):\n\(canonical)")
  }

  evaluate(json, under: fuzzRaabigh)
  if let envelope = try? RecordDecoder.envelope(of: json), let versions = fuzzPolicies[envelope.association],
    let chosen = PolicyStore.inForce(among: versions, on: envelope.submittedOn, includeDrafts: true),
    chosen.fingerprint != fuzzRaabigh.fingerprint
  {
    evaluate(json, under: chosen)
  }
  return 0
}

/// Decodes and evaluates `json` under `policy`, as `mizan eval` does once the version is chosen.
private func evaluate(_ json: JSONValue, under policy: LoadedPolicy) {
  switch fuzzEngine.evaluate(json: json, under: policy) {
  case .success(let evaluation):
    _ = evaluation.outcome.canonicalJSON
  case .failure(.record(let error)):
    _ = error.rendered(in: .english)
    _ = error.rendered(in: .arabic)
  case .failure(.selection(let error)):
    _ = error.message
  }
}

/// Batch's fast path (`RecordScan`, then the scan decoder) must never change what is accepted: a
/// record it reads all the way, the full path (`JSONReader`, `RecordDecoder`) reads too, to the
/// same envelope, the same facts and documents, and so the same outcome. (Where the fast path
/// gives up at any step, batch takes the full path, so only a record it reads whole matters.)
private func checkFastPath(_ bytes: [UInt8], json: JSONValue?) {
  bytes.withUnsafeBytes { buffer in
    var scan = RecordScan()
    guard scan.scan(buffer), let envelope = RecordDecoder.envelope(of: scan, in: buffer) else { return }
    var record = ApplicantRecord()
    guard RecordDecoder.decode(scan, envelope: envelope, in: buffer, plan: fuzzRaabigh.evaluator.plan, into: &record)
    else { return }
    guard let json else { fuzzFailure("the fast path reads a record JSONReader refuses") }
    let full: RecordEnvelope
    let fullRecord: ApplicantRecord
    do {
      full = try RecordDecoder.envelope(of: json)
      fullRecord = try RecordDecoder.decode(json, for: fuzzRaabigh.checked)
    } catch {
      fuzzFailure("the fast path reads a record RecordDecoder refuses: \(error)")
    }
    if full != envelope { fuzzFailure("envelopes differ: fast \(envelope), full \(full)") }
    if record.facts != fullRecord.facts || record.documents != fullRecord.documents {
      fuzzFailure("decoded records differ:\nfast \(record.facts) \(record.documents)\n"
        + "full \(fullRecord.facts) \(fullRecord.documents)")
    }
    let fast = fuzzRaabigh.outcome(for: record).canonicalJSON
    let slow = fuzzRaabigh.outcome(for: fullRecord).canonicalJSON
    if fast != slow { fuzzFailure("outcomes differ:\nfast \(fast)\nfull \(slow)") }
  }
}
