// Fuzz target: input bytes → the choices of `CaseGenerator` (one byte a choice, then a seeded
// generator) → a generated policy and records → the engine and the reference interpreter
// (`Tests/MizanOracle`, compiled into this target) on each record.
//
// Properties: every generated policy checks, every generated record reads, and the engine's
// decision (verdict, rule results, checklist, member rows, missing facts) is the oracle's. The
// differential test (`OracleDifferentialTests`) runs the same comparison from fixed seeds; here
// libFuzzer steers the choices towards new paths of the engine.

import MizanChecker
import MizanCore
import MizanEngine

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOracle(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = fuzzBytes(data, size)
  // The seed for the choices after the input runs out: the input's FNV-1a hash.
  var seed: UInt64 = 0xcbf2_9ce4_8422_2325
  for byte in bytes { seed = (seed ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
  var generator = CaseGenerator(seed: seed, choices: bytes)
  if case .failure(let failure) = OracleComparison.compare(&generator, records: 8) {
    fuzzFailure("\(failure)")
  }
  return 0
}
