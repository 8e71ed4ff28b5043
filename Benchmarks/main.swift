import Foundation
import Mizan
import MizanChecker
import MizanCore
import MizanEngine

// `swift run -c release MizanBenchmarks [options]`: Raabigh's policy on a generated batch, each
// figure next to a hand-written Swift implementation of the same rules over Foundation JSON.
// Not a test: it prints figures (docs/performance.md records them and the targets).

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--child" { exit(Child.run(Array(arguments.dropFirst()))) }
if arguments.first == "--generate" { exit(generate(Array(arguments.dropFirst()))) }

/// `--generate N [FILE]`: the benchmark's batch of N records (the same every run), to FILE or to
/// standard output; what `Scripts/spark-batch.sh` and the RSS figures of docs/performance.md run on.
func generate(_ arguments: [String]) -> Int32 {
  guard let text = arguments.first, let count = Int(text.replacingOccurrences(of: "_", with: "")), count >= 0,
    arguments.count <= 2
  else {
    FileHandle.standardError.write(Data("usage: MizanBenchmarks --generate N [FILE]\n".utf8))
    return 2
  }
  let descriptor = arguments.count == 2 ? open(arguments[1], O_WRONLY | O_CREAT | O_TRUNC, 0o644) : 1
  guard descriptor >= 0 else { return 1 }
  var generator = RecordGenerator()
  var buffer: [UInt8] = []
  buffer.reserveCapacity(1 << 22)
  func flush() -> Bool {
    var offset = 0
    while offset < buffer.count {
      let written = buffer[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if written < 0, errno == EINTR { continue }
      guard written > 0 else { return false }
      offset += written
    }
    buffer.removeAll(keepingCapacity: true)
    return true
  }
  for _ in 0..<count {
    buffer += generator.nextLine().utf8
    buffer.append(UInt8(ascii: "\n"))
    if buffer.count > 1 << 22, !flush() { return 1 }
  }
  return flush() ? 0 : 1
}
if arguments.first == "--editor" {
  // Only the language server's latency row (docs/performance.md, "The language server").
  let rounds = arguments.count > 2 && arguments[1] == "--rounds" ? Int(arguments[2]) ?? 50 : 50
  EditorLatency.run(rounds: rounds, policies: ProcessInfo.processInfo.environment["MIZAN_POLICIES"] ?? "policies")
  exit(0)
}

struct Options {
  var records = 20_000
  var batch = 200_000
  var rss = [100_000, 1_000_000]
  var handRSSLimit = 100_000
  var rounds = 3
  var policies = ProcessInfo.processInfo.environment["MIZAN_POLICIES"] ?? "policies"
  var keep = false
  /// Records for the decision log's figures alone (`--audit N`); 0 runs the main benchmark.
  var audit = 0

  static let usage = """
    usage: swift run -c release MizanBenchmarks [options]

      --records N     records for the per-phase figures (default 20000)
      --batch N       records in the end-to-end batch file (default 200000)
      --rss N,N       batch sizes whose peak RSS is measured (default 100000,1000000)
      --hand-rss N    largest size the hand-written batch's RSS is measured at (default 100000)
      --rounds N      runs of each per-phase figure and of each Mizan batch; the fastest counts (default 3)
      --quick         --records 5000 --batch 50000 --rss 100000
      --policies DIR  the policies folder (default: $MIZAN_POLICIES, then ./policies)
      --keep          keep the generated files (printed at the end)
      --audit N       only the decision log's figures: SHA-256, batch --log and replay on N records

    swift run -c release MizanBenchmarks --generate N [FILE]   writes the generated batch (stdout without FILE)
    or: swift run -c release MizanBenchmarks --editor [--rounds N]
      only the language server's row: diagnostics after a change in a 500-line version
    """

  init(_ arguments: [String]) {
    var index = 0
    func value() -> String {
      index += 1
      guard index < arguments.count else {
        print(Self.usage)
        exit(2)
      }
      return arguments[index]
    }
    func count(_ text: String) -> Int {
      guard let number = Int(text.replacingOccurrences(of: "_", with: "")), number > 0 else {
        print("not a positive whole number: \(text)\n\n\(Self.usage)")
        exit(2)
      }
      return number
    }
    while index < arguments.count {
      switch arguments[index] {
      case "--records": records = count(value())
      case "--batch": batch = count(value())
      case "--rss": rss = value().split(separator: ",").map { count(String($0)) }
      case "--hand-rss": handRSSLimit = count(value())
      case "--rounds": rounds = count(value())
      case "--quick":
        records = 5_000
        batch = 50_000
        rss = [100_000]
      case "--policies": policies = value()
      case "--keep": keep = true
      case "--audit": audit = count(value())
      case "--help", "-h":
        print(Self.usage)
        exit(0)
      default:
        print("unknown option \(arguments[index])\n\n\(Self.usage)")
        exit(2)
      }
      index += 1
    }
  }
}

func machine() -> String {
  let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n")
    .first { $0.hasPrefix("model name") }?.split(separator: ":").last?.trimmingCharacters(in: .whitespaces)
  let memory = ProcessInfo.processInfo.physicalMemory / (1 << 20)
  return "\(cpu ?? "unknown CPU"), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(memory) MB"
}

/// Runs every measurement and prints the table.
func runBenchmark(_ options: Options) {

  // MARK: - The machine and the policy

  let store = PolicyStore(root: options.policies)
  let versions = store.versions(of: "raabigh")
  guard versions.failures.isEmpty, let policy = versions.loaded.last,
    let texts = HandTexts.load(policies: options.policies)
  else {
    print("the raabigh policy does not load from `\(options.policies)`; run `mizan check \(options.policies)`")
    for failure in versions.failures {
      for diagnostic in failure.diagnostics { print("  \(diagnostic.id): \(diagnostic.message.text.english)") }
    }
    exit(4)
  }
  let evaluator = policy.evaluator
  print("Mizan benchmark — Raabigh policy \(policy.version) (fingerprint \(policy.fingerprint.prefix(12))…)")
  print(
    "machine: \(machine()); load average: "
      + ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
        .joined(separator: " ") ?? "?"))

  // MARK: - Generated records, in memory

  var generator = RecordGenerator()
  let lines: [[UInt8]] = (0..<options.records).map { _ in Array(generator.nextLine().utf8) }
  let averageBytes = lines.reduce(0) { $0 + $1.count } / max(1, lines.count)

  /// The one record reader (what every command uses): the reference for which lines are valid.
  func fullDecode(_ line: [UInt8]) -> ApplicantRecord? {
    var reader = RecordReader()
    var record = ApplicantRecord()
    guard let envelope = try? reader.readEnvelope(line.span), envelope.association == "raabigh",
      envelope.submittedOn >= policy.effective,
      (try? reader.readRecord(line.span, schema: evaluator.recordSchema, into: &record)) != nil
    else { return nil }
    return record
  }
  let valid = lines.filter { fullDecode($0) != nil }
  let validData = valid.map { Data($0) }
  var verdictCounts: [Verdict: Int] = [:]
  print(
    "records: \(lines.count) generated (\(averageBytes) bytes on average), \(valid.count) valid, "
      + "\(lines.count - valid.count) errors (malformed or before the policy took effect)")

  // MARK: - Reading

  var reader = RecordReader()
  var scratchRecord = ApplicantRecord()
  let (readOurs, readHand) = Measure.pair(
    count: valid.count, rounds: options.rounds,
    {
      var sum = 0
      for line in valid {
        if (try? reader.readEnvelope(line.span)) != nil,
          (try? reader.readRecord(line.span, schema: evaluator.recordSchema, into: &scratchRecord)) != nil
        {
          sum &+= scratchRecord.documents.count
        }
      }
      return sum
    },
    {
      var sum = 0
      for data in validData {
        if let record = try? HandWritten.read(data) { sum &+= record.documents.count }
      }
      return sum
    })
  let (readReader, readFoundation) = Measure.pair(
    count: valid.count, rounds: options.rounds,
    {
      var sum = 0
      var tape = JSONTape()
      for line in valid {
        if (try? tape.scan(line.span)) != nil { sum &+= tape.entries.count }
      }
      return sum
    },
    {
      var sum = 0
      for data in validData {
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] { sum &+= object.count }
      }
      return sum
    })

  // MARK: - Evaluation

  let records = valid.compactMap(fullDecode)
  let handRead = validData.map { try? HandWritten.read($0) }
  let handRecords = handRead.compactMap { $0 }
  if let first = handRead.firstIndex(where: { $0 == nil }) {
    print(
      "the hand-written reader rejects \(handRead.count - handRecords.count) valid records, such as: "
        + String(decoding: valid[first], as: UTF8.self))
  }
  var decision = Decision()
  let (evalOurs, evalHand) = Measure.pair(
    count: records.count, rounds: options.rounds,
    {
      var sum = 0
      for record in records {
        evaluator.decide(record, into: &decision)
        sum &+= decision.verdict == .eligible ? 1 : 0
      }
      return sum
    },
    {
      var sum = 0
      for record in handRecords { sum &+= HandWritten.evaluate(record).verdict.count }
      return sum
    })
  let writer = policy.outcomeWriter
  let evalOutcome = Measure.nanosecondsPerItem(count: records.count, rounds: options.rounds) {
    var sum = 0
    for record in records {
      let bytes = policy.canonicalOutcome(for: record)
      sum &+= (try? Outcome(canonicalJSON: bytes))?.trace.count ?? 0
    }
    return sum
  }

  // Both implement the same rules: they must agree on every record.
  var decisions: [Decision] = []
  var disagreements = 0
  for (record, hand) in zip(records, handRead) {
    var ours = Decision()
    evaluator.decide(record, into: &ours)
    decisions.append(ours)
    verdictCounts[ours.verdict, default: 0] += 1
    guard let hand else { continue }
    let theirs = HandWritten.evaluate(hand)
    if ours.verdict.rawValue != theirs.verdict
      || ours.requirements.map(\.status.rawValue) != theirs.statuses.map(\.rawValue)
      || ours.missingFacts.map({ policy.checked.facts[$0.slot].name }) != theirs.missingFacts.map(\.fact)
    {
      disagreements += 1
    }
  }
  let mix = Verdict.allCases.map { verdict in
    let share = 100 * Double(verdictCounts[verdict, default: 0]) / Double(max(1, records.count))
    return "\(verdict.rawValue) \(Format.number(share, decimals: 1))%"
  }
  print(
    "verdicts: \(mix.joined(separator: ", ")); hand-written and engine disagree on \(disagreements) of \(records.count)"
  )

  // MARK: - Households

  let household = HouseholdBenchmark.measure(count: max(1_000, options.records / 4), rounds: options.rounds)

  // MARK: - Output lines

  var sink = ByteBuffer(capacity: 1 << 16)
  var outputBytes = 0
  let handDecisions = handRecords.map(HandWritten.evaluate)
  let (writeOurs, writeHand) = Measure.pair(
    count: records.count, rounds: options.rounds,
    {
      var sum = 0
      for (record, decision) in zip(records, decisions) {
        sink.removeAll()
        writer.write(decision, record: record, into: &sink)
        sum &+= sink.count
      }
      outputBytes = sum
      return sum
    },
    {
      var sum = 0
      for (record, decision) in zip(handRecords, handDecisions) {
        sum &+= HandWritten.outputLine(record, decision, texts: texts).count
      }
      return sum
    })
  // Every outcome the writer writes must read back (reports read outcomes that way).
  var unreadable = 0
  for (index, record) in records.enumerated() {
    sink.removeAll()
    writer.write(decisions[index], record: record, into: &sink)
    if (try? Outcome(canonicalJSON: sink.array)) == nil { unreadable += 1 }
  }
  print(
    "output: \(outputBytes / max(1, records.count)) bytes per outcome on average; outcomes that do not read back: "
      + "\(unreadable) of \(records.count)")

  // MARK: - End to end, as child processes

  let folder = NSTemporaryDirectory() + "mizan-bench-\(getpid())"
  try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

  /// Writes `count` generated lines to a file (streamed: memory does not grow with the count).
  func batchFile(_ count: Int) -> String {
    let path = folder + "/batch-\(count).jsonl"
    if FileManager.default.fileExists(atPath: path) { return path }
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    guard let handle = FileHandle(forWritingAtPath: path) else { return path }
    var generator = RecordGenerator()
    var buffer = Data()
    for _ in 0..<count {
      buffer.append(contentsOf: generator.nextLine().utf8)
      buffer.append(UInt8(ascii: "\n"))
      if buffer.count > 1 << 22 {
        handle.write(buffer)
        buffer.removeAll(keepingCapacity: true)
      }
    }
    handle.write(buffer)
    try? handle.close()
    return path
  }

  let selfPath = URL(fileURLWithPath: CommandLine.arguments[0]).path
  let builtMizan = URL(fileURLWithPath: selfPath).deletingLastPathComponent().appendingPathComponent("mizan").path
  let usesBinary = FileManager.default.isExecutableFile(atPath: builtMizan)

  /// `mizan batch` (or, without the binary, the same `Engine.runBatch` in a child of this program).
  func engineRun(_ file: String, jobs: Int?, output: String, format: [String] = []) -> Measure.ChildRun {
    if usesBinary {
      var arguments = ["batch", file, "--policies", options.policies] + format
      if let jobs { arguments += ["--jobs", String(jobs)] }
      if output != "/dev/null" { arguments += ["-o", output] }
      return Measure.run(builtMizan, arguments, standardOutput: "/dev/null")
    }
    let jobsText = String(jobs ?? ProcessInfo.processInfo.activeProcessorCount)
    return Measure.run(
      selfPath, ["--child", "engine", file, output, jobsText, options.policies], standardOutput: "/dev/null")
  }

  func handRun(_ file: String, jobs: Int, output: String) -> Measure.ChildRun {
    Measure.run(
      selfPath, ["--child", "hand", file, output, String(jobs), options.policies], standardOutput: "/dev/null")
  }

  /// Removes a previous run's output first: replacing a large file frees its pages in the kernel,
  /// which the next run would otherwise pay for.
  func fresh(_ path: String) -> String {
    if path != "/dev/null" { unlink(path) }
    return path
  }

  func check(_ run: Measure.ChildRun, _ what: String) -> Measure.ChildRun {
    if run.status != 0 { print("\(what) failed (exit \(run.status)): \(run.standardError)") }
    return run
  }

  print(
    "end to end: "
      + (usesBinary
        ? "`\(builtMizan) batch` as a child process"
        : "this program's `--child engine` (the same `Engine.runBatch` as `mizan batch`; build `mizan` with "
          + "`swift build -c release` to time the binary itself)") + ", output to a file with -o; "
      + "Mizan: fastest of \(options.rounds) runs, hand-written: one run")
  let e2eFile = batchFile(options.batch)
  let e2eOutput = folder + "/out.jsonl"
  // Mizan's runs take a second each: the fastest of `rounds` runs counts, as for the phases
  // (this machine's speed varies from one second to the next). The hand-written runs take
  // 15–25 s each and are run once.
  func fastest(_ what: String, jobs: Int, format: [String] = [], output: () -> String) -> Measure.ChildRun {
    var best = check(engineRun(e2eFile, jobs: jobs, output: output(), format: format), what)
    for _ in 1..<max(1, options.rounds) {
      let run = check(engineRun(e2eFile, jobs: jobs, output: output(), format: format), what)
      if run.status == 0, run.seconds < best.seconds { best = run }
    }
    return best
  }
  let ours1 = fastest("batch --jobs 1", jobs: 1) { fresh(e2eOutput) }
  let ours2 = fastest("batch --jobs 2", jobs: 2) { fresh(e2eOutput) }
  let oursNull1 = fastest("batch --jobs 1 > /dev/null", jobs: 1) { "/dev/null" }
  let oursNull2 = fastest("batch --jobs 2 > /dev/null", jobs: 2) { "/dev/null" }
  // The formats for people (`mizan` binary only: the child runs jsonl).
  let csvOutput = folder + "/out.csv"
  let csv2 = usesBinary ? fastest("batch --format csv", jobs: 2, format: ["--format", "csv"]) { fresh(csvOutput) } : nil
  let summary2 =
    usesBinary
    ? fastest("batch --format summary", jobs: 2, format: ["--format", "summary"]) { fresh(folder + "/summary.txt") }
    : nil
  unlink(csvOutput)
  let hand1 = check(handRun(e2eFile, jobs: 1, output: fresh(e2eOutput)), "hand-written batch, 1 job")
  let hand2 = check(handRun(e2eFile, jobs: 2, output: fresh(e2eOutput)), "hand-written batch, 2 jobs")
  unlink(e2eOutput)
  let handNull2 = check(handRun(e2eFile, jobs: 2, output: "/dev/null"), "hand-written batch > /dev/null")

  var rssRows: [(size: Int, ours: Measure.ChildRun, hand: Measure.ChildRun?)] = []
  for size in options.rss {
    let file = batchFile(size)
    let ours = check(engineRun(file, jobs: nil, output: "/dev/null"), "batch of \(size)")
    let hand =
      size <= options.handRSSLimit ? check(handRun(file, jobs: 2, output: "/dev/null"), "hand batch of \(size)") : nil
    rssRows.append((size, ours, hand))
  }

  // MARK: - The table

  var rows: [[String]] = [["", "Mizan", "hand-written", "Mizan / hand"]]
  func cells(_ name: String, _ ours: Double, _ theirs: Double?, unit: String, decimals: Int = 0) -> [String] {
    [
      name, Format.number(ours, decimals: decimals) + unit,
      theirs.map { Format.number($0, decimals: decimals) + unit } ?? "—",
      theirs.map { Format.ratio(ours, $0) } ?? "",
    ]
  }
  rows.append(cells("read a record: JSON line → typed record", readOurs.ns, readHand.ns, unit: " ns"))
  rows.append(
    cells("  of which: scan the JSON (JSONTape / JSONSerialization)", readReader.ns, readFoundation.ns, unit: " ns"))
  rows.append(cells("evaluate a decoded record (the rules)", evalOurs.ns, evalHand.ns, unit: " ns"))
  rows.append(cells("  decision, outcome written and read back (mizan eval)", evalOutcome.ns, nil, unit: " ns"))
  rows.append(cells("write an output line (canonical outcome)", writeOurs.ns, writeHand.ns, unit: " ns"))
  if let household {
    rows.append(cells("household of five children (fixtures/policies/households): read", household.read, nil, unit: " ns"))
    rows.append(cells("  evaluate (count, all, sum over the children)", household.evaluate, nil, unit: " ns"))
    rows.append(cells("  write (\(household.bytes) bytes)", household.write, nil, unit: " ns"))
  }
  func perSecond(_ run: Measure.ChildRun, _ count: Int) -> Double { run.seconds > 0 ? Double(count) / run.seconds : 0 }
  rows.append(
    cells(
      "batch end to end, --jobs 1 (\(Format.number(Double(options.batch))) records)", perSecond(ours1, options.batch),
      perSecond(hand1, options.batch), unit: " rec/s"))
  rows.append(
    cells(
      "batch end to end, --jobs 2", perSecond(ours2, options.batch), perSecond(hand2, options.batch), unit: " rec/s"))
  rows.append(
    cells("  the same, stdout to /dev/null, --jobs 1", perSecond(oursNull1, options.batch), nil, unit: " rec/s"))
  rows.append(
    cells(
      "  the same, stdout to /dev/null, --jobs 2", perSecond(oursNull2, options.batch),
      perSecond(handNull2, options.batch), unit: " rec/s"))
  if let csv2, let summary2 {
    rows.append(
      cells("batch --format csv, --jobs 2, -o a new file", perSecond(csv2, options.batch), nil, unit: " rec/s"))
    rows.append(
      cells("batch --format summary, --jobs 2", perSecond(summary2, options.batch), nil, unit: " rec/s"))
  }
  for entry in rssRows {
    rows.append(
      cells(
        "peak RSS, \(Format.number(Double(entry.size))) records", Double(entry.ours.peakRSSKilobytes) / 1024,
        entry.hand.map { Double($0.peakRSSKilobytes) / 1024 }, unit: " MB", decimals: 1))
  }
  let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
  print("")
  for (index, cells) in rows.enumerated() {
    let line = cells.enumerated().map { column, cell in Format.padded(cell, widths[column], right: column > 0) }
    print("| " + line.joined(separator: " | ") + " |")
    if index == 0 {
      print(
        "|"
          + widths.enumerated().map { column, width in
            String(repeating: "-", count: width + 1) + (column > 0 ? ":" : "-")
          }.joined(separator: "|") + "|")
    }
  }
  print("")
  print(
    "checksums \(readOurs.checksum & 0xffff) \(evalOurs.checksum & 0xffff) \(writeOurs.checksum & 0xffff)")
  print(
    "end to end seconds: --jobs 1 \(String(format: "%.2f", ours1.seconds)), "
      + "--jobs 2 \(String(format: "%.2f", ours2.seconds)); "
      + "hand-written \(String(format: "%.2f", hand1.seconds)), \(String(format: "%.2f", hand2.seconds))")
  if options.keep {
    print("generated files kept in \(folder)")
  } else {
    try? FileManager.default.removeItem(atPath: folder)
  }
}

let chosen = Options(arguments)
if chosen.audit > 0 {
  runAuditBenchmark(chosen, count: chosen.audit)
} else {
  runBenchmark(chosen)
}
