// Fuzz target: log bytes → a scratch file → LogReader and ChainVerifier (through replay and
// impact, with every logged record re-evaluated under the version its fingerprint names), the
// torn-tail check of `mizan log repair`, and the tail check an append makes first.
//
// A fuzzer cannot forge SHA-256, so each input is also replayed resealed: every line that reads as
// an entry gets a fresh `prev` and `hash`, and the records inside are then really re-evaluated.
//
// With `MIZAN_FUZZ_WRITE_LOG_SEEDS=DIR` the target only writes seed logs (a clean log built from
// the fixture records, and torn, edited and reordered copies) to DIR and exits.

import Foundation
import Mizan
import MizanAudit
import MizanCore
import MizanEngine

/// A scratch folder of this process, holding the log under test.
let scratchFolder: String = {
  var template = Array((NSTemporaryDirectory() + "/mizan-fuzz-log-XXXXXX").utf8CString)
  guard let base = template.withUnsafeMutableBufferPointer({ $0.baseAddress.flatMap(mkdtemp) }) else {
    fuzzFailure("cannot make a scratch folder")
  }
  return String(cString: base)
}()

let scratchLog = scratchFolder + "/log.jsonl"

@_cdecl("LLVMFuzzerInitialize")
public func fuzzLogInitialize(
  _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
  if let folder = ProcessInfo.processInfo.environment["MIZAN_FUZZ_WRITE_LOG_SEEDS"] {
    writeLogSeeds(to: folder)
    exit(0)
  }
  atexit {
    unlink(scratchLog)
    rmdir(scratchFolder)
  }
  return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLog(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = fuzzBytes(data, size)
  readEveryWay(bytes)
  let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
  let entries = lines.compactMap { try? LogEntry(line: Array($0)) }
  if !entries.isEmpty { readEveryWay(resealed(entries)) }
  return 0
}

/// Writes `bytes` to the scratch log and reads it as replay, impact, repair and append do.
func readEveryWay(_ bytes: [UInt8]) {
  do {
    try AtomicFile.replace(scratchLog, with: bytes)
  } catch {
    fuzzFailure("cannot write \(scratchLog): \(error)")
  }
  do {
    try Replay.run(path: scratchLog, jobs: 1, reproduce: reproduce) { result in
      _ = result.status.name
    }
    _ = try Impact.run(path: scratchLog) { entry in
      switch fuzzEngine.evaluate(recordBytes: entry.record, under: fuzzRaabigh, maxRecordBytes: LogLimits.maxLineBytes) {
      case .success(let evaluation):
        .outcome(verdict: evaluation.outcome.verdict.rawValue, rules: evaluation.outcome.reasons.map(\.rule))
      case .failure(let failure): .recordError(.same("\(failure)"))
      }
    }
    _ = try LogRepair.tornTail(path: scratchLog)
  } catch {
    fuzzFailure("reading the scratch log failed: \(error)")
  }
  do {
    var appender = try DecisionLog(path: scratchLog).openForAppend()
    appender.close()
  } catch {
    _ = error.description
  }
}

/// What replay would reproduce: the record re-evaluated under the version with that fingerprint.
@Sendable func reproduce(_ entry: LogEntry) -> Reproduction {
  guard let policy = fuzzPoliciesByFingerprint[entry.fingerprint] else { return Reproduction(.policyMissing) }
  switch fuzzEngine.evaluate(recordBytes: entry.record, under: policy, maxRecordBytes: LogLimits.maxLineBytes) {
  case .success(let evaluation): return Reproduction(.outcome(evaluation.canonicalJSON))
  case .failure(.record(let error)): return Reproduction(.recordError(.same(error.description)))
  case .failure(.selection(let error)): return Reproduction(.recordError(error.message))
  case .failure(.internalError(let message)): fuzzFailure("internal error: \(message)")
  }
}

/// The entries as a well-chained log: sequence numbers from 1, each `prev` the hash before, each
/// `hash` recomputed over the entry's own bytes (entries of either form, as a forger reseals them).
func resealed(_ entries: [LogEntry]) -> [UInt8] {
  var previous = LogEntry.genesisHash
  var bytes: [UInt8] = []
  for (index, entry) in entries.enumerated() {
    var text = String(decoding: entry.line, as: UTF8.self)
    text = text.replacingOccurrences(of: "\"prev\":\"\(entry.previousHash)\"", with: "\"prev\":\"\(previous)\"")
    // The sequence is the last member of a canonical entry.
    if text.hasSuffix("\"sequence\":\(entry.sequence)}") {
      text = String(text.dropLast("\(entry.sequence)}".utf8.count)) + "\(index + 1)}"
    }
    guard let relinked = try? LogEntry(line: Array(text.utf8)) else { continue }
    let hash = relinked.computedHash
    text = text.replacingOccurrences(of: "\"hash\":\"\(entry.hash)\"", with: "\"hash\":\"\(hash)\"")
    previous = hash
    bytes += Array(text.utf8) + [UInt8(ascii: "\n")]
  }
  return bytes
}

// MARK: - Seeds

/// A clean log of the fixture records that evaluate, and damaged copies of it, in `folder`.
func writeLogSeeds(to folder: String) {
  var lines: [[UInt8]] = []
  var previous = LogEntry.genesisHash
  let root = "fixtures/records"
  for association in FileSystem.contents(of: root) where FileSystem.isDirectory(root + "/" + association) {
    for name in FileSystem.contents(of: root + "/" + association) where name.hasSuffix(".json") {
      guard let bytes = try? FileSystem.readFile(root + "/" + association + "/" + name),
        case .success(let evaluation) = fuzzEngine.evaluate(recordBytes: bytes, includeDrafts: true)
      else { continue }
      let record = evaluation.canonicalRecord
      let outcome = evaluation.canonicalJSON
      let builder = LogLineBuilder(
        applicationID: evaluation.outcome.applicationID, association: evaluation.policy.association,
        policyVersion: evaluation.policy.version, fingerprint: evaluation.policy.fingerprint,
        canonicalRecord: record.span, canonicalOutcome: outcome.span, engineVersion: MizanVersion.current,
        loggedAt: "2024-03-10T09:00:00Z")
      let sealed = builder.sealed(sequence: lines.count + 1, previousHash: previous)
      previous = sealed.hash
      lines.append(sealed.line)
    }
  }
  guard lines.count >= 3 else { fuzzFailure("fewer than 3 fixture records evaluate: cannot seed") }
  let clean = lines.flatMap { $0 }
  var seeds: [String: [UInt8]] = [
    "clean.jsonl": clean,
    "first-three.jsonl": lines.prefix(3).flatMap { $0 },
    "torn-tail.jsonl": Array(clean.dropLast(40)),
    "reordered.jsonl": ([lines[1], lines[0]] + lines.dropFirst(2)).flatMap { $0 },
    "deleted.jsonl": ([lines[0]] + lines.dropFirst(2)).flatMap { $0 },
    "crlf.jsonl": lines.flatMap { $0.dropLast() + [0x0D, 0x0A] },
  ]
  var edited = lines
  if let text = String(validating: edited[1], as: UTF8.self) {
    edited[1] = Array(text.replacingOccurrences(of: "\"eligible\"", with: "\"ineligible\"").utf8)
  }
  seeds["edited.jsonl"] = edited.flatMap { $0 }
  for (name, bytes) in seeds {
    do {
      try AtomicFile.replace(folder + "/" + name, with: bytes)
    } catch {
      fuzzFailure("cannot write seed \(folder)/\(name): \(error)")
    }
  }
}
