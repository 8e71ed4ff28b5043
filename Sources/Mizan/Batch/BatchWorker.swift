import MizanAudit
import MizanCore
import MizanEngine

/// What one worker produces for its share of a chunk, and the state it keeps from record to
/// record (the reader's tape, the record, the decision: storage reused, so a record costs no
/// allocation beyond its texts). A class: each worker owns one slice, and the writer thread reads
/// a slice's output only while no worker touches it (`BatchRunner` hands sets of slices over).
final class BatchSlice: @unchecked Sendable {
  var state: BatchSliceState

  init(limits: JSONLimits) { state = BatchSliceState(limits: limits) }
}

/// A slice's contents, worked on in place (`inout`) for a whole share of a chunk: reading the
/// class's properties one by one would copy the record and the decision (and count references
/// to their arrays) at every use.
struct BatchSliceState: ~Copyable {
  var output = ByteBuffer(capacity: 1 << 16)
  var summary = BatchSummary()
  /// The chunk's decisions as log entries waiting for their place in the chain.
  var logEntries: [LogLineBuilder] = []
  var reader: RecordReader
  var record = ApplicantRecord()
  var decision = Decision()
  var canonicalRecord = ByteBuffer(capacity: 1 << 10)
  /// The version the last record was judged under, tried first for the next.
  var recent: BatchVersion?
  /// The current line's envelope, once read (a CSV error row names its application).
  var envelope: RecordEnvelope?

  init(limits: JSONLimits) { reader = RecordReader(limits: limits) }

  /// Forgets the last chunk's output, counts and log entries.
  mutating func reset() {
    output.removeAll()
    summary = BatchSummary()
    logEntries.removeAll(keepingCapacity: true)
  }
}

/// Turns one input line into one output line: the canonical outcome, byte for byte what
/// `mizan eval --format json` prints for that record, or an error record. Every line takes the
/// one path: the record reader, the selection rule, the evaluator, the outcome writer.
struct BatchWorker: Sendable {
  let versions: BatchVersions
  /// Whether decisions are logged (which needs the record canonicalized and the entry built).
  let logs: Bool
  /// The wall-clock time log entries record.
  let loggedAt: String?
  let format: BatchFormat
  /// Why the logged decisions are not official, or nil.
  let purpose: LogPurpose?

  /// Evaluates share `index` of a chunk's lines (`perSlice` of them) into `slice`.
  func evaluate(share index: Int, of lines: [Line], perSlice: Int, firstLine: Int, in buffer: Span<UInt8>,
                into slice: BatchSlice) {
    let lower = min(lines.count, index * perSlice)
    let upper = min(lines.count, lower + perSlice)
    slice.state.reset()
    for position in lower..<upper {
      evaluate(buffer.extracting(lines[position].range), number: firstLine + position, into: &slice.state)
    }
  }

  /// Appends the output line for input line `number` to `slice.output`, and counts it.
  func evaluate(_ line: Span<UInt8>, number: Int, into slice: inout BatchSliceState) {
    slice.summary.lines += 1
    switch decide(line, number: number, &slice) {
    case .success(let verdict):
      slice.summary.decisions += 1
      slice.summary.verdictCounts[verdict.ordinal] += 1
    case .failure(let error):
      slice.summary.errors += 1
      slice.summary.errorIDs[error.id.rawValue, default: 0] += 1
      switch format {
      case .jsonl: ErrorRecord.write(error, line: number, into: &slice.output)
      case .csv(let language, _):
        OutcomeRowWriter.writeError(error, line: number, applicationID: slice.envelope?.applicationID,
                                    association: slice.envelope?.association, language: language, into: &slice.output)
      case .summary: break
      }
    }
  }

  private func decide(_ line: Span<UInt8>, number: Int,
                      _ slice: inout BatchSliceState) -> Result<Verdict, RecordError> {
    slice.envelope = nil
    if ErrorRecord.isBlank(line) { return .failure(.blankLine) }
    let envelope: RecordEnvelope
    do {
      envelope = try slice.reader.readEnvelope(line)
    } catch {
      return .failure(error)
    }
    if case .csv = format { slice.envelope = envelope }
    // Most lines name the association of the line before and fall in the same version's period.
    let version: BatchVersion
    if let recent = slice.recent, recent.judges(envelope.association, on: envelope.submittedOn) {
      version = recent
    } else {
      switch versions.version(for: envelope.association, on: envelope.submittedOn) {
      case .success(let chosen): version = chosen
      case .failure(let error):
        if case .policyError(let failure) = error { slice.summary.noteFailure(failure, of: envelope.association) }
        return .failure(.selection(error, association: envelope.association))
      }
      slice.recent = version
    }
    do {
      try slice.reader.readRecord(line, schema: version.schema, into: &slice.record)
    } catch {
      return .failure(error)
    }
    version.evaluator.decide(slice.record, into: &slice.decision)
    let start = slice.output.count
    // The canonical outcome is the line of `jsonl`, and what a log entry holds in every format.
    if format == .jsonl || logs { version.writer.write(slice.decision, record: slice.record, into: &slice.output) }
    if logs {
      slice.canonicalRecord.removeAll()
      slice.reader.writeCanonicalRecord(line, into: &slice.canonicalRecord)
      let identity = version.policy.identity
      let entry = slice.canonicalRecord.withSpan { record in
        slice.output.withSpan(start..<slice.output.count) { outcome in
          LogLineBuilder(applicationID: slice.record.applicationID, association: identity.association,
                         policyVersion: identity.version, fingerprint: identity.fingerprint,
                         canonicalRecord: record, canonicalOutcome: outcome,
                         engineVersion: MizanVersion.current, loggedAt: loggedAt, purpose: purpose)
        }
      }
      slice.logEntries.append(entry)
    }
    switch format {
    case .jsonl:
      slice.output.append(UInt8(ascii: "\n"))
    case .csv:
      slice.output.truncate(to: start)
      version.rows?.write(slice.decision, record: slice.record, line: number, into: &slice.output)
    case .summary:
      slice.output.truncate(to: start)
      slice.summary.tallies.count(slice.decision, under: version)
    }
    return .success(slice.decision.verdict)
  }
}

/// The error record of a line that gives no outcome.
enum ErrorRecord {
  /// `{"error":{"id":…,"message":{"ar":…,"en":…},"path":…},"line":N}` and a newline.
  static func write(_ error: RecordError, line: Int, into output: inout ByteBuffer) {
    JSONValue.object([
      JSONMember("error", .object([
        JSONMember("id", .string(error.id.rawValue)),
        JSONMember("message", .object([
          JSONMember("ar", .string(error.message.arabic)), JSONMember("en", .string(error.message.english)),
        ])),
        JSONMember("path", .string(error.path)),
      ])),
      JSONMember("line", .number(Double(line))),
    ]).writeCanonical(into: &output)
    output.append(UInt8(ascii: "\n"))
  }

  /// Whether the line holds only JSON whitespace (a blank line, or `\r` left by CRLF).
  static func isBlank(_ line: Span<UInt8>) -> Bool {
    for index in line.indices {
      let byte = line[index]
      guard byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A else { return false }
    }
    return true
  }
}

extension RecordError {
  /// A blank line in a batch: it gets an error record, so input lines = output lines.
  static var blankLine: RecordError {
    RecordError("record.blankLine", path: "$", ar: "سطر فارغ: لا يوجد طلب", en: "blank line: no record")
  }

  /// No version can judge the record: none in force on its date, only a draft, or a policy
  /// that does not load.
  package static func selection(_ error: SelectionError, association: String) -> RecordError {
    let message = error.message
    switch error {
    case .unknownAssociation(let name, let known):
      return .unknownAssociation("association", name, known: known,
                                 suggestion: Suggestions.nearest(to: name, among: known))
    case .noneInForce:
      return RecordError("record.noPolicyInForce", path: "submitted_on", ar: message.arabic, en: message.english)
    case .onlyDraft:
      return RecordError("record.onlyDraft", path: "association", ar: message.arabic, en: message.english)
    case .noPoliciesFolder:
      return RecordError("record.policyNotLoaded", path: "association", ar: message.arabic, en: message.english)
    case .policyError(let failure):
      let first = failure.diagnostics.first(where: \.isError) ?? failure.diagnostics.first
      let reasonAR = first.map { ": \($0.message.text.arabic)" } ?? ""
      let reasonEN = first.map { ": \($0.message.text.english)" } ?? ""
      return RecordError("record.policyNotLoaded", path: "association",
                         ar: "سياسة `\(association)` لا تُحمَّل\(reasonAR) (شغّل `mizan check`)",
                         en: "the `\(association)` policy does not load\(reasonEN) (run `mizan check`)")
    }
  }
}
