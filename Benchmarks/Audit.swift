import Foundation
import MizanCore

/// `--audit N`: the decision log's figures (docs/performance.md, "The decision log"): SHA-256 on
/// one core with and without the CPU's SHA extensions, `mizan batch --log` against `mizan batch`
/// on N generated Raabigh records, the log's bytes per entry, and `mizan replay` of that log. Runs
/// the built `mizan` beside the benchmark (`swift build -c release` builds both).
func runAuditBenchmark(_ options: Options, count: Int) {
  print("decision log — \(machine()), \(ProcessInfo.processInfo.activeProcessorCount) cores, fastest of \(options.rounds)")

  // MARK: SHA-256, one core
  let bytes = [UInt8](repeating: 0x61, count: 64 << 20)
  for portable in [false, true] where portable || SHA256.cpuHasExtensions {
    var best = Double.infinity
    var checksum = 0
    // The hashing thread's own CPU time: a per-core rate that other processes on a busy machine
    // do not dilute (wall-clock figures below are what a user waits).
    func threadSeconds() -> Double {
      var time = timespec()
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
      return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
    for _ in 0..<options.rounds {
      let start = threadSeconds()
      var hasher = SHA256(portable: portable)
      hasher.update(bytes)
      checksum &+= Int(hasher.finalize().bytes[0])
      best = min(best, threadSeconds() - start)
    }
    let name = portable ? "portable Swift" : "SHA extensions"
    print("SHA-256 (\(name)): \(Format.number(Double(bytes.count) / best / 1e6)) MB/s per core (thread CPU time) [\(checksum)]")
  }

  // MARK: batch --log and replay, through the binary
  let selfPath = URL(fileURLWithPath: CommandLine.arguments[0]).path
  let mizan = URL(fileURLWithPath: selfPath).deletingLastPathComponent().appendingPathComponent("mizan").path
  guard FileManager.default.isExecutableFile(atPath: mizan) else {
    print("`mizan` is not built beside the benchmark: run `swift build -c release` first")
    return
  }
  let folder = NSTemporaryDirectory() + "mizan-audit-bench-\(getpid())"
  try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  defer { if !options.keep { try? FileManager.default.removeItem(atPath: folder) } }
  let input = folder + "/records.jsonl"
  var generator = RecordGenerator()
  var text = ""
  text.reserveCapacity(count * 450)
  for _ in 0..<count {
    text += generator.nextLine()
    text += "\n"
  }
  FileManager.default.createFile(atPath: input, contents: Data(text.utf8))
  text = ""
  let log = folder + "/decisions.jsonl"

  func fastest(_ arguments: [String], before: () -> Void = {}) -> Measure.ChildRun {
    var best: Measure.ChildRun?
    for _ in 0..<options.rounds {
      before()
      let run = Measure.run(mizan, arguments + ["--policies", options.policies], standardOutput: "/dev/null")
      if run.status > 1 { print("mizan \(arguments[0]) failed (exit \(run.status)): \(run.standardError)") }
      if best.map({ run.seconds < $0.seconds }) ?? true { best = run }
    }
    return best ?? Measure.ChildRun(status: 2, seconds: 0, peakRSSKilobytes: 0, standardError: "")
  }
  let plain = fastest(["batch", input, "-o", "/dev/null"])
  let logged = fastest(["batch", input, "-o", "/dev/null", "--log", log]) { unlink(log) }
  let logBytes = (try? FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? 0
  let replay = fastest(["replay", log, "--format", "json"])
  func rate(_ run: Measure.ChildRun) -> String { Format.number(Double(count) / max(run.seconds, 1e-9)) }
  print("| \(Format.number(Double(count))) records | seconds | per second | peak RSS |")
  print("|---|---|---|---|")
  for (name, run) in [("`mizan batch`", plain), ("`mizan batch --log`", logged), ("`mizan replay` (of that log)", replay)] {
    print("| \(name) | \(Format.number(run.seconds, decimals: 2)) | \(rate(run)) | \(run.peakRSSKilobytes / 1024) MB |")
  }
  print("log: \(Format.number(Double(logBytes) / Double(max(count, 1)))) bytes per entry")
}
