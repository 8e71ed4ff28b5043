// Fuzz target: record bytes → the one record reader (`RecordReader`: envelope, then the record
// against the raabigh schema) → the canonical record and outcome; and the record judged as
// `mizan eval` judges it, under its own association's version in force on its date.
//
// Properties: the reader agrees with the plain oracle over a `JSONValue` tree
// (`Tests/MizanTests/ReferenceRecordDecoder.swift`, compiled into this target): the same records
// accepted with the same facts and documents, the same error id and path for the rest; the
// canonical record reads back to the same record and is a fixed point; the canonical outcome
// reads back as an `Outcome`.

import Mizan
import MizanChecker
import MizanCore
import MizanEngine

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecord(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = fuzzBytes(data, size)
  let ours = read(bytes)
  // The oracle reads numbers through a double: an input holding a number a double does not keep
  // exactly (`2500.999999999999999999` becomes 2501) is outside what it can judge. The reader's
  // exact decimals are tested on their own, in RecordReaderTests.
  guard !hasNumberADoubleChanges(bytes), let theirs = reference(bytes) else { return 0 }
  switch (ours, theirs) {
  case (.success(let record), .success(let oracle)):
    if record.applicationID != oracle.applicationID || record.submittedOn != oracle.submittedOn
      || record.facts != oracle.facts || record.documents != oracle.documents
    {
      fuzzFailure("the reader and the oracle read different records:\nreader \(record.facts) \(record.documents)\n"
        + "oracle \(oracle.facts) \(oracle.documents)")
    }
    checkCanonical(bytes, record)
  case (.failure(let error), .failure(let oracle)):
    // With several problems in one input, which is reported first may differ in one way: the
    // reader finds a repeated key as it reads the fields (for free), the oracle while it parses,
    // before any field. So when either reports a repeated key, or both a syntax error (a repeated
    // key, then trailing bytes), both refusing is enough; any other error must agree exactly.
    let repeated = error.message.english.contains("duplicate key") || oracle.message.english.contains("duplicate key")
    let bothSyntax = error.id == oracle.id && error.id.rawValue == "record.invalidJSON"
    if !repeated && (error.id != oracle.id || (error.path != oracle.path && !bothSyntax)) {
      fuzzFailure("different errors: reader \(error.id.rawValue) at \(error.path), oracle \(oracle.id.rawValue) at \(oracle.path)")
    }
    _ = error.rendered(in: .english)
    _ = error.rendered(in: .arabic)
  case (.success, .failure(let oracle)):
    fuzzFailure("the reader accepts what the oracle refuses: \(oracle)")
  case (.failure(let error), .success):
    fuzzFailure("the reader refuses what the oracle accepts: \(error)")
  }
  // As `mizan eval` would: the version in force for the record's own association and date.
  var reader = RecordReader()
  guard let envelope = try? reader.readEnvelope(bytes.span), let versions = fuzzAssociations[envelope.association],
    case .success(let chosen) = versions.choose(on: envelope.submittedOn, includeDrafts: true)
  else { return 0 }
  switch fuzzEngine.evaluate(recordBytes: bytes, under: chosen) {
  case .success(let evaluation): _ = evaluation.outcome.verdict
  case .failure(.record(let error)): _ = error.rendered(in: .arabic)
  case .failure(.selection(let error)): _ = error.message
  case .failure(.internalError(let message)): fuzzFailure("internal error: \(message)")
  }
  return 0
}

/// The one reader, as every command uses it.
private func read(_ bytes: [UInt8]) -> Result<ApplicantRecord, RecordError> {
  var reader = RecordReader()
  var record = ApplicantRecord()
  do {
    _ = try reader.readEnvelope(bytes.span)
    try reader.readRecord(bytes.span, schema: fuzzRaabigh.evaluator.recordSchema, into: &record)
    return .success(record)
  } catch {
    return .failure(error)
  }
}

/// Whether some number in `bytes` reads differently as an exact decimal and through a double.
private func hasNumberADoubleChanges(_ bytes: [UInt8]) -> Bool {
  guard let tape = try? JSONTape.scanning(bytes) else { return false }
  let span = bytes.span
  for index in 0..<tape.count where tape[index].kind == .number {
    let exact = try? tape.decimal(index, in: span).get()
    let viaDouble = DecimalNumber(exactly: tape.double(index, in: span))
    if exact != viaDouble { return true }
  }
  return false
}

/// The oracle: a JSON tree, then a plain decoder; nil when a number is beyond a double's range.
private func reference(_ bytes: [UInt8]) -> Result<ApplicantRecord, RecordError>? {
  do {
    let json = try JSONReader.read(bytes)
    return .success(try ReferenceRecordDecoder.decode(json, for: fuzzRaabigh.checked))
  } catch let error as JSONReadError {
    if case .numberOutOfRange = error.kind { return nil }
    return .failure(.unreadable(error))
  } catch let error as RecordError {
    return error.id.rawValue == "oracle.cannotJudge" ? nil : .failure(error)
  } catch {
    fuzzFailure("the oracle threw \(error)")
  }
}

/// The canonical record reads back to the same record and writing it again changes nothing;
/// the canonical outcome reads back.
private func checkCanonical(_ bytes: [UInt8], _ record: ApplicantRecord) {
  var reader = RecordReader()
  guard (try? reader.readEnvelope(bytes.span)) != nil else { fuzzFailure("the envelope no longer reads") }
  var canonical = ByteBuffer()
  reader.writeCanonicalRecord(bytes.span, into: &canonical)
  let once = canonical.array
  guard case .success(let again) = read(once), again.facts == record.facts, again.documents == record.documents
  else {
    fuzzFailure("the canonical record does not read back the same:\n\(String(decoding: once, as: UTF8.self))")
  }
  var twice = ByteBuffer()
  guard (try? reader.readEnvelope(once.span)) != nil else { fuzzFailure("the canonical envelope does not read") }
  reader.writeCanonicalRecord(once.span, into: &twice)
  if twice.array != once { fuzzFailure("the canonical record is not a fixed point") }
  let outcome = fuzzRaabigh.canonicalOutcome(for: record)
  if (try? Outcome(canonicalJSON: outcome)) == nil {
    fuzzFailure("the canonical outcome does not read back:\n\(String(decoding: outcome, as: UTF8.self))")
  }
}
