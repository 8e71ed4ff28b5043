import Dispatch
import Foundation
import MizanAudit
import MizanCore
import MizanEngine
import Synchronization

/// What a batch writes (`--format`).
package enum BatchFormat: Sendable, Equatable {
  /// One canonical outcome or error record per input line (the default).
  case jsonl
  /// A header, then one row per input line (`OutcomeRowWriter`), in one language; with a UTF-8
  /// byte order mark first when `byteOrderMark`, so that spreadsheets read Arabic as UTF-8.
  case csv(language: Language, byteOrderMark: Bool)
  /// Nothing per line: counts, reported at the end (`BatchSummary.report`).
  case summary
}

/// How a batch runs (`mizan batch`; docs/performance.md).
package struct BatchOptions: Sendable {
  /// What is written per line.
  package var format: BatchFormat = .jsonl
  /// Records evaluated at once; the default uses every core (`activeProcessorCount`).
  package var jobs: Int
  /// Whether draft versions count (`--draft`); their outcomes say DRAFT.
  package var includeDrafts: Bool
  /// Lines read, evaluated and written together. Memory is bounded by this, not by the input.
  package var linesPerChunk: Int
  /// The decision log to append every decision to, in input order (`--log`), or nil.
  package var logPath: String?
  /// The wall-clock time recorded in log entries (never compared in replay).
  package var loggedAt: String?
  /// Why the logged decisions are not official (`--purpose`); required with `includeDrafts`,
  /// since the log holds official decisions only.
  package var logPurpose: DecisionPurpose?
  /// The largest record (line) read, in bytes (`--max-record-bytes`); a longer line is an error
  /// record `record.tooLarge`, as `mizan eval` says of such a file.
  package var maxRecordBytes: Int

  package init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, includeDrafts: Bool = false,
               linesPerChunk: Int = 1024, logPath: String? = nil, loggedAt: String? = nil,
               maxRecordBytes: Int = RecordLimits.defaultMaxBytes) {
    self.jobs = max(1, jobs)
    self.maxRecordBytes = max(1, maxRecordBytes)
    self.includeDrafts = includeDrafts
    self.linesPerChunk = max(1, linesPerChunk)
    self.logPath = logPath
    self.loggedAt = loggedAt
  }
}

/// What a batch did: every input line is either a decision or an error record.
package struct BatchSummary: Sendable {
  /// Input lines read (blank ones included).
  package var lines = 0
  /// Lines that gave an outcome.
  package var decisions = 0
  /// Lines that gave an error record.
  package var errors = 0
  /// Decisions per verdict, by `Verdict.ordinal`.
  package var verdictCounts = [0, 0, 0]
  /// Error records per diagnostic id (`record.invalidJSON`, …).
  package var errorIDs: [String: Int] = [:]
  /// Versions that kept records from being judged (their records got error records), by
  /// association and file, each once.
  package var policyFailures: [(association: String, failure: PolicyLoadFailure)] = []
  /// Drafts that do not load and were left out of every choice (a warning, not a failure).
  package var skippedDrafts: [PolicyLoadFailure] = []
  /// Entries appended to the decision log.
  package var logged = 0
  /// For `--format summary`: the counts per version, and what held files back.
  package var report = BatchReport()
  /// Per version met, for the report (`--format summary` only).
  var tallies = BatchTallies()

  package init() {}

  /// Decisions per verdict.
  package var verdicts: [Verdict: Int] {
    Dictionary(uniqueKeysWithValues: Verdict.allCases.map { ($0, verdictCounts[$0.ordinal]) })
  }

  mutating func add(_ other: BatchSummary) {
    lines += other.lines
    decisions += other.decisions
    errors += other.errors
    for index in verdictCounts.indices { verdictCounts[index] += other.verdictCounts[index] }
    for (id, count) in other.errorIDs { errorIDs[id, default: 0] += count }
    for (association, failure) in other.policyFailures { noteFailure(failure, of: association) }
    tallies.add(other.tallies)
  }

  /// Records a version that kept a record from being judged, once.
  mutating func noteFailure(_ failure: PolicyLoadFailure, of association: String) {
    guard !policyFailures.contains(where: { $0.association == association && $0.failure.path == failure.path })
    else { return }
    policyFailures.append((association, failure))
  }
}

/// How far a batch has come, after each chunk.
package struct BatchProgress: Sendable, Equatable {
  package var lines: Int
  package var errors: Int
  /// Input bytes read so far (to estimate the time left when the input's size is known).
  package var bytesRead: Int

  package init(lines: Int, errors: Int, bytesRead: Int) {
    self.lines = lines
    self.errors = errors
    self.bytesRead = bytesRead
  }
}

/// Why a batch stopped before its end. Error records are data, not failures: these are I/O.
package enum BatchFailure: Error, Sendable {
  /// The input could not be read.
  case input(String)
  /// The output could not be written.
  case output(String)
  /// A decision could not be logged; nothing after it was reported.
  case log(String)

  package var message: String {
    switch self {
    case .input(let text): "cannot read the input: \(text)"
    case .output(let text): "cannot write the output: \(text)"
    case .log(let text): "cannot log a decision: \(text)"
    }
  }
}

extension Engine {
  /// Evaluates every line of `input` (JSON Lines) and writes one line per input line to
  /// `output`, in input order: the canonical outcome (as `mizan eval --format json` prints it)
  /// or an error record `{"error":{"id","message","path"},"line":N}`.
  ///
  /// Streams in chunks of `options.linesPerChunk` lines, each evaluated on `options.jobs` cores
  /// while the chunk before is written by a thread of its own; each record is judged under its
  /// association's version in force on its submission date, every version loaded once. With a
  /// log, each chunk's decisions are appended and synced before the chunk is written.
  /// `progress` is called after each chunk with the counts so far and the input bytes read.
  package func runBatch(input: FileDescriptor, output: FileDescriptor, options: BatchOptions,
                        progress: (BatchProgress) -> Void = { _ in }) -> Result<BatchSummary, BatchFailure> {
    let versions = BatchVersions(store: store, includeDrafts: options.includeDrafts, format: options.format)
    if options.logPath != nil, options.includeDrafts, options.logPurpose == nil {
      return .failure(.log("drafts are considered (`--draft`), so the decisions are not official: "
        + "mark them with `--purpose draft` (or `what_if`) to log them"))
    }
    let worker = BatchWorker(versions: versions, logs: options.logPath != nil, loggedAt: options.loggedAt,
                             format: options.format, purpose: options.logPurpose?.logPurpose)
    var reader = LineReader(descriptor: input, maxLineBytes: options.maxRecordBytes)
    var log: LogAppender?
    if let path = options.logPath {
      do {
        log = try DecisionLog(path: path).openForAppend()
      } catch {
        return .failure(.log("\(path): \(error.description)"))
      }
    }
    defer { log?.close() }
    var summary = BatchSummary()
    let sliceCount = options.jobs == 1 ? 1 : options.jobs * 8
    let limits = RecordLimits.json(maxBytes: options.maxRecordBytes)
    // Two sets of slices: while one chunk's output is written (on its own thread), the next
    // chunk is evaluated into the other set.
    let sets = (0..<2).map { _ in (0..<sliceCount).map { _ in BatchSlice(limits: limits) } }
    if case .csv(let language, let byteOrderMark) = options.format {
      var head = ByteBuffer(capacity: 512)
      if byteOrderMark { head.append([0xEF, 0xBB, 0xBF]) }
      OutcomeRowWriter.writeHeader(language, into: &head)
      do {
        try output.writeAll(head)
      } catch {
        return .failure(.output(error.reason))
      }
    }
    let writer = OutputWriter(descriptor: output)
    defer { writer.drain() }
    var chunkNumber = 0
    while true {
      if let problem = writer.failure { return .failure(.output(problem)) }
      do {
        guard try reader.nextChunk(maxLines: options.linesPerChunk) else { break }
      } catch {
        return .failure(.input(error.reason))
      }
      let set = chunkNumber % 2
      chunkNumber += 1
      // The set's last output must be written before the set is reused.
      writer.waitUntilWritten(set: set)
      let firstLine = summary.lines + 1
      let lines = reader.lines
      let bytesRead = lines.last.map { $0.offset + $0.length + 1 } ?? 0
      let perSlice = (lines.count + sliceCount - 1) / sliceCount
      let slices = sets[set]
      reader.withBuffer { buffer in
        // Each iteration touches only its own slice, and the buffer is only read meanwhile.
        if sliceCount == 1 {
          worker.evaluate(share: 0, of: lines, perSlice: perSlice, firstLine: firstLine, in: buffer, into: slices[0])
        } else {
          DispatchQueue.concurrentPerform(iterations: sliceCount) { index in
            worker.evaluate(share: index, of: lines, perSlice: perSlice, firstLine: firstLine, in: buffer,
                            into: slices[index])
          }
        }
      }
      for slice in slices { summary.add(slice.state.summary) }
      if log != nil {
        do throws(LogAppendError) {
          for slice in slices {
            for entry in slice.state.logEntries {
              try log?.append(entry)
              summary.logged += 1
            }
          }
          // The chunk's decisions are on disk before any of them is written out.
          try log?.sync()
        } catch {
          return .failure(.log("\(options.logPath ?? ""): \(error.description)"))
        }
      }
      if options.format != .summary { writer.write(slices, set: set) }
      progress(BatchProgress(lines: summary.lines, errors: summary.errors, bytesRead: bytesRead))
    }
    writer.drain()
    if let problem = writer.failure { return .failure(.output(problem)) }
    summary.skippedDrafts = versions.skippedDrafts
    if options.format == .summary { summary.report = BatchReport(tallies: summary.tallies, versions: versions.all) }
    return .success(summary)
  }
}

/// Writes each chunk's output on a thread of its own, in order, while the next chunk is evaluated.
///
/// A thread, not a dispatch queue: `concurrentPerform` draws its helpers from the same pool as
/// queues, whose width is the number of cores, so a writer on a queue would take the helper the
/// evaluation needs. A set of slices is handed over with `write` and must not be touched again
/// before `waitUntilWritten(set:)` returns (or `drain`); the first failed write stops later ones.
final class OutputWriter: Sendable {
  /// One set of slices' output, or the end.
  private enum Job: Sendable {
    case write([BatchSlice], set: Int)
    case stop
  }

  private let descriptor: FileDescriptor
  private let jobs = Mutex<[Job]>([])
  private let available = DispatchSemaphore(value: 0)
  private let stopped = DispatchSemaphore(value: 0)
  /// Per set of slices, the write in flight (groups, not semaphores: they stay balanced whatever
  /// path the batch ends by).
  private let pending = [DispatchGroup(), DispatchGroup()]
  private let firstFailure = Mutex<String?>(nil)
  private let isRunning = Mutex(false)

  init(descriptor: FileDescriptor) { self.descriptor = descriptor }

  /// Why a write failed, if one did.
  var failure: String? { firstFailure.withLock { $0 } }

  func waitUntilWritten(set: Int) { pending[set].wait() }

  /// Writes the slices' output in order, then marks `set` free again.
  func write(_ slices: [BatchSlice], set: Int) {
    startIfNeeded()
    pending[set].enter()
    jobs.withLock { $0.append(.write(slices, set: set)) }
    available.signal()
  }

  /// Waits until every write handed over is done, and ends the thread.
  func drain() {
    guard isRunning.withLock({ running in
      defer { running = false }
      return running
    }) else { return }
    jobs.withLock { $0.append(.stop) }
    available.signal()
    stopped.wait()
  }

  private func startIfNeeded() {
    let start = isRunning.withLock { running in
      defer { running = true }
      return !running
    }
    guard start else { return }
    let thread = Thread { [self] in run() }
    thread.name = "mizan batch output"
    thread.start()
  }

  private func run() {
    while true {
      available.wait()
      guard let job = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { continue }
      switch job {
      case .stop:
        stopped.signal()
        return
      case .write(let slices, let set):
        if failure == nil {
          for slice in slices {
            do {
              try descriptor.writeAll(slice.state.output)
            } catch {
              firstFailure.withLock { $0 = $0 ?? error.reason }
              break
            }
          }
        }
        pending[set].leave()
      }
    }
  }
}
