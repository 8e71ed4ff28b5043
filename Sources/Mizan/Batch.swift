import Dispatch
import Foundation
import MizanAudit
import MizanCore
import MizanEngine
import Synchronization

/// How a batch runs (SPEC §6 `mizan batch`).
public struct BatchOptions: Sendable {
  /// Records evaluated at once; the default uses every core (`activeProcessorCount`).
  public var jobs: Int
  /// Whether draft versions count (`--draft`); their outcomes say DRAFT.
  public var includeDrafts: Bool
  /// Lines read, evaluated and written together. Memory is bounded by this, not by the input.
  public var linesPerChunk: Int
  /// The decision log to append every decision to, in input order (`--log`), or nil.
  public var logPath: String?
  /// The wall-clock time recorded in log entries (never compared in replay).
  public var loggedAt: String?
  /// The largest record (line) read, in bytes (`--max-record-bytes`); a longer line is an error
  /// record `record.tooLarge`, as `mizan eval` says of such a file.
  public var maxRecordBytes: Int

  public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, includeDrafts: Bool = false,
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
public struct BatchSummary: Sendable {
  /// Input lines read (blank ones included).
  public var lines = 0
  /// Lines that gave an outcome.
  public var decisions = 0
  /// Lines that gave an error record.
  public var errors = 0
  /// Decisions per verdict.
  public var verdicts: [Verdict: Int] = [:]
  /// Error records per diagnostic id (`record.invalidJSON`, …).
  public var errorIDs: [String: Int] = [:]
  /// Associations whose policy did not load, with why (reported once; their records got error records).
  public var policyFailures: [(association: String, failure: PolicyLoadFailure)] = []
  /// Entries appended to the decision log.
  public var logged = 0

  public init() {}

  mutating func add(_ other: BatchSummary) {
    lines += other.lines
    decisions += other.decisions
    errors += other.errors
    for (verdict, count) in other.verdicts { verdicts[verdict, default: 0] += count }
    for (id, count) in other.errorIDs { errorIDs[id, default: 0] += count }
  }
}

/// Why a batch stopped before its end. Error records are data, not failures: these are I/O.
public enum BatchFailure: Error, Sendable {
  /// The input could not be read.
  case input(String)
  /// The output could not be written.
  case output(String)
  /// A decision could not be logged; nothing after it was reported.
  case log(String)

  public var message: String {
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
  /// `progress` is called after each chunk with the lines done.
  public func runBatch(input: Int32, output: Int32, options: BatchOptions,
                       progress: (Int) -> Void = { _ in }) -> Result<BatchSummary, BatchFailure> {
    let evaluator = BatchLineEvaluator(engine: self, includeDrafts: options.includeDrafts,
                                       maxRecordBytes: options.maxRecordBytes,
                                       keepsDecisions: options.logPath != nil, loggedAt: options.loggedAt)
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
    // Two sets of slices: while one chunk's output is written (on its own thread), the next
    // chunk is evaluated into the other set.
    var sets = (0..<2).map { _ in (0..<sliceCount).map { _ in BatchSlice() } }
    let writer = OutputWriter(descriptor: output)
    defer {
      writer.drain()
      for set in sets.indices {
        for index in sets[set].indices { sets[set][index].release() }
      }
    }
    var chunkNumber = 0
    while true {
      if let problem = writer.failure { return .failure(.output(problem)) }
      let chunk: LineChunk
      do {
        guard let next = try reader.nextChunk(maxLines: options.linesPerChunk) else { break }
        chunk = next
      } catch {
        return .failure(.input(error.description))
      }
      let set = chunkNumber % 2
      chunkNumber += 1
      // The set's last output must be written before the set is reused.
      writer.waitUntilWritten(set: set)
      let firstLine = summary.lines + 1
      let perSlice = (chunk.lines.count + sliceCount - 1) / sliceCount
      reader.withChunkBytes { bytes in
        sets[set].withUnsafeMutableBufferPointer { slices in
          // Each iteration touches only its own slice, and the input is read-only meanwhile.
          let shared = WorkerShares(input: bytes, slices: slices)
          let lines = chunk.lines
          let work = { @Sendable (index: Int) in
            let lower = min(lines.count, index * perSlice)
            let upper = min(lines.count, lower + perSlice)
            shared.slices[index].reset()
            for position in lower..<upper {
              evaluator.evaluate(UnsafeRawBufferPointer(rebasing: shared.input[lines[position]]),
                                 number: firstLine + position, into: &shared.slices[index])
            }
          }
          if sliceCount == 1 {
            work(0)
          } else {
            DispatchQueue.concurrentPerform(iterations: sliceCount, execute: work)
          }
        }
      }
      for slice in sets[set] {
        summary.add(slice.summary)
        for verdict in Verdict.allCases where slice.verdictCounts[verdict.ordinal] > 0 {
          summary.verdicts[verdict, default: 0] += slice.verdictCounts[verdict.ordinal]
        }
      }
      if log != nil {
        for slice in sets[set] {
          for line in slice.logLines {
            do {
              try log?.append(line)
              summary.logged += 1
            } catch {
              return .failure(.log("\(options.logPath ?? ""): \(error.description)"))
            }
          }
        }
        // The chunk's decisions are on disk before any of them is written out.
        do { try log?.sync() } catch { return .failure(.log("\(options.logPath ?? ""): \(error.description)")) }
      }
      writer.write(sets[set].map(\.output.bytes), set: set)
      progress(summary.lines)
    }
    writer.drain()
    if let problem = writer.failure { return .failure(.output(problem)) }
    summary.policyFailures = evaluator.policies.failures
    return .success(summary)
  }

  /// Writes every byte, retrying short writes; the error text, or nil on success.
  static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> String? {
    guard let base = bytes.baseAddress else { return nil }
    var offset = 0
    while offset < bytes.count {
      let written = write(descriptor, base + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return String(cString: strerror(errno))
      }
      if written == 0 { return "the output accepted no more bytes" }
      offset += written
    }
    return nil
  }
}

/// What one worker produced for its share of a chunk: output lines in order, counts, and the
/// decisions to log. Its sinks are released by `release()`, once, when the batch ends.
struct BatchSlice {
  var output = ByteSink(capacity: 1 << 16)
  var summary = BatchSummary()
  /// Decisions per verdict (`Verdict.ordinal`), added to `summary` when the chunk is done.
  var verdictCounts = [0, 0, 0]
  /// The chunk's decisions as log entries waiting for their place in the chain.
  var logLines: [UnchainedLogLine] = []
  /// Reused across records, so that a record costs no allocation for its scratch space.
  var scratch = BatchScratch()

  mutating func reset() {
    output.removeAll()
    summary = BatchSummary()
    verdictCounts = [0, 0, 0]
    logLines.removeAll(keepingCapacity: true)
  }

  mutating func release() {
    output.release()
    scratch.text.release()
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
  private enum Job {
    case write(Pieces, set: Int)
    case stop
  }

  private let descriptor: Int32
  private let jobs = Mutex<[Job]>([])
  private let available = DispatchSemaphore(value: 0)
  private let stopped = DispatchSemaphore(value: 0)
  /// Per set of slices, the write in flight (groups, not semaphores: they stay balanced whatever
  /// path the batch ends by).
  private let pending = [DispatchGroup(), DispatchGroup()]
  private let firstFailure = Mutex<String?>(nil)
  private let isRunning = Mutex(false)

  init(descriptor: Int32) { self.descriptor = descriptor }

  /// Why a write failed, if one did.
  var failure: String? { firstFailure.withLock { $0 } }

  func waitUntilWritten(set: Int) { pending[set].wait() }

  /// Writes `pieces` in order, then marks `set` free again.
  func write(_ pieces: [UnsafeBufferPointer<UInt8>], set: Int) {
    startIfNeeded()
    pending[set].enter()
    jobs.withLock { $0.append(.write(Pieces(buffers: pieces), set: set)) }
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
      case .write(let pieces, let set):
        if failure == nil {
          for piece in pieces.buffers {
            if let problem = Engine.writeAll(piece, to: descriptor) {
              firstFailure.withLock { $0 = $0 ?? problem }
              break
            }
          }
        }
        pending[set].leave()
      }
    }
  }

  /// Buffers a write reads, valid until the write marks its set free.
  private struct Pieces: @unchecked Sendable {
    let buffers: [UnsafeBufferPointer<UInt8>]
  }
}

/// The chunk's input and the workers' slices, handed to `concurrentPerform`.
///
/// Unchecked: the input is only read while the workers run, and iteration `i` touches only
/// `slices[i]`, so no two threads ever access the same memory mutably.
struct WorkerShares: @unchecked Sendable {
  let input: UnsafeRawBufferPointer
  let slices: UnsafeMutableBufferPointer<BatchSlice>
}

