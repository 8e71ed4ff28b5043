// Fuzz target: log bytes → a scratch file → LogLineReader and ChainVerifier (through replay and
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
  var entries: [LogEntry] = []
  for line in lines {
    guard let json = try? JSONReader.read(Array(line), limits: LogLimits.json),
      let entry = try? LogEntry(json: json)
    else { continue }
    entries.append(entry)
  }
  if !entries.isEmpty { readEveryWay(resealed(entries)) }
  return 0
}

/// Writes `bytes` to the scratch log and reads it as replay, impact, repair and append do.
func readEveryWay(_ bytes: [UInt8]) {
  guard write(bytes, to: scratchLog) else { fuzzFailure("cannot write \(scratchLog)") }
  do {
    try Replay.run(path: scratchLog, reproduce: reproduce) { result in
      _ = result.status.name
    }
    _ = try Impact.run(path: scratchLog) { entry in
      switch fuzzEngine.evaluate(json: entry.record, under: fuzzRaabigh) {
      case .success(let evaluation):
        .outcome(verdict: evaluation.outcome.verdict.rawValue, rules: evaluation.outcome.reasons.map(\.rule))
      case .failure(let failure): .recordError("\(failure)")
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
func reproduce(_ entry: LogEntry) -> Reproduction {
  guard let policy = fuzzPoliciesByFingerprint[entry.fingerprint] else { return .policyMissing }
  switch fuzzEngine.evaluate(json: entry.record, under: policy) {
  case .success(let evaluation):
    var canonical: [UInt8] = []
    evaluation.outcome.json.writeCanonical(into: &canonical)
    return .outcome(canonical)
  case .failure(.record(let error)): return .recordError(error.description)
  case .failure(.selection(let error)): return .recordError(error.message.english)
  }
}

/// The entries as a well-chained log: sequence numbers from 1, each `prev` the hash before.
func resealed(_ entries: [LogEntry]) -> [UInt8] {
  var previous = LogEntry.genesisHash
  var bytes: [UInt8] = []
  for (index, original) in entries.enumerated() {
    var entry = original
    entry.sequence = index + 1
    entry.previousHash = previous
    entry.hash = entry.computedHash
    previous = entry.hash
    bytes += Array(entry.line.utf8) + [UInt8(ascii: "\n")]
  }
  return bytes
}

/// Replaces the file at `path` with `bytes`; false when it cannot.
func write(_ bytes: [UInt8], to path: String) -> Bool {
  let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
  guard descriptor >= 0 else { return false }
  defer { close(descriptor) }
  var written = 0
  while written < bytes.count {
    let count = bytes[written...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
    guard count > 0 else { return false }
    written += count
  }
  return true
}

// MARK: - Seeds

/// A clean log of the fixture records that evaluate, and damaged copies of it, in `folder`.
func writeLogSeeds(to folder: String) {
  var entries: [LogEntry] = []
  let root = "fixtures/records"
  for association in FileSystem.contents(of: root) where FileSystem.isDirectory(root + "/" + association) {
    for name in FileSystem.contents(of: root + "/" + association) where name.hasSuffix(".json") {
      guard let bytes = try? FileSystem.readBytes(root + "/" + association + "/" + name),
        let json = try? JSONReader.read(bytes),
        case .success(let evaluation) = fuzzEngine.evaluate(json: json, asOf: nil, includeDrafts: true)
      else { continue }
      let previous = entries.last?.hash ?? LogEntry.genesisHash
      entries.append(
        .sealed(sequence: entries.count + 1, applicationID: evaluation.outcome.applicationID,
                association: evaluation.policy.association, policyVersion: evaluation.policy.version,
                fingerprint: evaluation.policy.fingerprint, record: json, outcome: evaluation.outcome.json,
                engineVersion: MizanVersion.current, loggedAt: "2024-03-10T09:00:00Z", previousHash: previous))
    }
  }
  guard entries.count >= 3 else { fuzzFailure("fewer than 3 fixture records evaluate: cannot seed") }
  let lines = entries.map { Array($0.line.utf8) + [UInt8(ascii: "\n")] }
  let clean = lines.flatMap { $0 }
  var seeds: [String: [UInt8]] = [
    "clean.jsonl": clean,
    "first-three.jsonl": lines.prefix(3).flatMap { $0 },
    "torn-tail.jsonl": Array(clean.dropLast(40)),
    "reordered.jsonl": ([lines[1], lines[0]] + lines.dropFirst(2)).flatMap { $0 },
    "deleted.jsonl": ([lines[0]] + lines.dropFirst(2)).flatMap { $0 },
  ]
  var edited = lines
  if let text = String(validating: edited[1], as: UTF8.self) {
    edited[1] = Array(text.replacingOccurrences(of: "\"eligible\"", with: "\"ineligible\"").utf8)
  }
  seeds["edited.jsonl"] = edited.flatMap { $0 }
  for (name, bytes) in seeds where !write(bytes, to: folder + "/" + name) {
    fuzzFailure("cannot write seed \(folder)/\(name)")
  }
}
