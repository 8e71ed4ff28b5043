import Foundation

/// Timing and child processes for the benchmark.
enum Measure {
  /// Nanoseconds on the monotonic clock.
  static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

  /// The fastest of `rounds` runs of `body` over `count` items, in nanoseconds per item.
  ///
  /// `body` returns a number the benchmark prints (a checksum), so the optimiser cannot drop the work.
  static func nanosecondsPerItem(count: Int, rounds: Int = 3, _ body: () -> Int) -> (ns: Double, checksum: Int) {
    var best = Double.infinity
    var checksum = 0
    for _ in 0..<max(1, rounds) {
      let start = now()
      checksum &+= body()
      let elapsed = Double(now() - start)
      best = min(best, elapsed / Double(max(1, count)))
    }
    return (best, checksum)
  }

  /// `nanosecondsPerItem` for two implementations, their runs interleaved, so that a neighbour's load
  /// on this (shared, noisy) machine falls on both alike.
  static func pair(count: Int, rounds: Int = 3, _ ours: () -> Int, _ theirs: () -> Int)
    -> (ours: (ns: Double, checksum: Int), theirs: (ns: Double, checksum: Int))
  {
    var bestOurs = Double.infinity
    var bestTheirs = Double.infinity
    var checksum = (0, 0)
    for _ in 0..<max(1, rounds) {
      var start = now()
      checksum.0 &+= ours()
      bestOurs = min(bestOurs, Double(now() - start) / Double(max(1, count)))
      start = now()
      checksum.1 &+= theirs()
      bestTheirs = min(bestTheirs, Double(now() - start) / Double(max(1, count)))
    }
    return ((bestOurs, checksum.0), (bestTheirs, checksum.1))
  }

  /// What a child process did: its exit status, wall time and peak resident memory.
  struct ChildRun {
    var status: Int32
    var seconds: Double
    var peakRSSKilobytes: Int
    var standardError: String
  }

  /// Runs `path` with `arguments` (stdout to `standardOutput`, a file or /dev/null), and measures its
  /// wall time and peak resident memory.
  ///
  /// The peak is the child's `VmHWM` in /proc, read every few milliseconds while it runs (a high-water
  /// mark, so the last reading is the peak up to then). `ru_maxrss` from `wait4` would not do: until
  /// `exec`, a spawned child shares this process's memory, and Linux counts that towards its maximum.
  static func run(_ path: String, _ arguments: [String], standardOutput: String) -> ChildRun {
    let errorPath = NSTemporaryDirectory() + "mizan-bench-\(getpid())-\(now()).err"
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      argv.forEach { free($0) }
      environment.forEach { free($0) }
    }
    let start = now()
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, path, &actions, nil, argv, environment)
    guard spawned == 0 else {
      return ChildRun(
        status: -1, seconds: 0, peakRSSKilobytes: 0,
        standardError: "cannot start \(path): \(String(cString: strerror(spawned)))")
    }
    var status: Int32 = 0
    var peak = 0
    let marker = arguments.first ?? ""
    while true {
      let done = waitpid(pid, &status, WNOHANG)
      if done == pid || (done < 0 && errno != EINTR) { break }
      // Only once the child runs its own program (its command line is the one given).
      if let commandLine = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8),
        commandLine.split(separator: "\u{0}").dropFirst().first.map(String.init) == marker,
        let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kilobytes = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
      {
        peak = max(peak, kilobytes)
      }
      usleep(2_000)
    }
    let seconds = Double(now() - start) / 1e9
    let errorText = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
    unlink(errorPath)
    // WEXITSTATUS, spelled out (the macro is not imported).
    let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return ChildRun(status: exitStatus, seconds: seconds, peakRSSKilobytes: peak, standardError: errorText)
  }
}

/// Formatting for the table.
enum Format {
  static func number(_ value: Double, decimals: Int = 0) -> String {
    let text = String(format: "%.\(decimals)f", value)
    // Thousands separators on the whole part, for reading large figures at a glance.
    let parts = text.split(separator: ".", maxSplits: 1)
    var whole = String(parts[0])
    var grouped = ""
    var sign = ""
    if whole.hasPrefix("-") {
      sign = "-"
      whole.removeFirst()
    }
    for (index, character) in whole.reversed().enumerated() {
      if index > 0, index % 3 == 0 { grouped.append(",") }
      grouped.append(character)
    }
    return sign + String(grouped.reversed()) + (parts.count > 1 ? "." + parts[1] : "")
  }

  static func ratio(_ ours: Double, _ theirs: Double) -> String {
    guard ours > 0, theirs > 0 else { return "" }
    return String(format: "%.2f×", ours / theirs)
  }

  static func padded(_ text: String, _ width: Int, right: Bool = false) -> String {
    let count = text.count
    guard count < width else { return text }
    let padding = String(repeating: " ", count: width - count)
    return right ? padding + text : text + padding
  }
}
