// Fuzz target: record bytes → JSONReader.read → RecordDecoder.decode against the checked raabigh
// policy → evaluation and the canonical outcome; and the record judged as `mizan eval` would,
// under its own association's version in force on its date. Errors are rendered in both
// languages. Properties: the canonical text of what was read reads back to the same text.

import Mizan
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
    return 0
  }
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
