import MizanAudit
import MizanCore
import MizanEngine

/// Turns one input line into one output line: the canonical outcome, byte for byte what
/// `mizan eval --format json` prints for that record, or an error record.
struct BatchLineEvaluator: Sendable {
  let policies: BatchPolicies
  let includeDrafts: Bool
  /// Whether decisions are kept for the log (which needs the record as read and the outcome).
  let keepsDecisions: Bool
  /// The wall-clock time log entries record.
  let loggedAt: String?
  /// The reader's limits, with the largest record `--max-record-bytes` allows.
  let limits: JSONLimits

  init(engine: Engine, includeDrafts: Bool, maxRecordBytes: Int = RecordLimits.defaultMaxBytes,
       keepsDecisions: Bool, loggedAt: String? = nil) {
    policies = BatchPolicies(store: engine.store)
    self.includeDrafts = includeDrafts
    self.keepsDecisions = keepsDecisions
    self.loggedAt = loggedAt
    var limits = JSONLimits.default
    limits.maxBytes = maxRecordBytes
    self.limits = limits
  }

  /// Appends the output line for input line `number` to `slice.output`, and counts it.
  func evaluate(_ line: UnsafeRawBufferPointer, number: Int, into slice: inout BatchSlice) {
    slice.summary.lines += 1
    switch decide(line, slice: &slice) {
    case .success(let verdict):
      slice.summary.decisions += 1
      slice.verdictCounts[verdict.ordinal] += 1
    case .failure(let error):
      slice.summary.errors += 1
      slice.summary.errorIDs[error.id.rawValue, default: 0] += 1
      Self.writeErrorRecord(error, line: number, into: &slice.output)
    }
  }

  /// Writes the outcome line and gives the verdict, or gives why there is none.
  ///
  /// A record of the plain shape is read straight into its typed facts (`RecordScan`); any other
  /// line, valid or not, takes the full path (`JSONReader`, `RecordDecoder`), which gives the
  /// same outcome and the same messages as `mizan eval`.
  private func decide(_ line: UnsafeRawBufferPointer, slice: inout BatchSlice) -> Result<Verdict, RecordError> {
    if slice.scratch.scan.scan(line, limits: limits), let association = slice.scratch.scan.association {
      // Most lines name the association the line before named and fall in the same version's
      // period: compared as bytes and dates, they need no string, no dictionary and no shared
      // reference count.
      if let recent = slice.scratch.recent, RecordScan.equals(association, recent.association, in: line),
        let envelope = RecordDecoder.envelope(of: slice.scratch.scan, in: line, association: recent.associationName),
        recent.isInForce(on: envelope.submittedOn)
      {
        let decoded = recent.plan._withUnsafeGuaranteedRef { plan in
          RecordDecoder.decode(slice.scratch.scan, envelope: envelope, in: line, plan: plan, into: &slice.scratch.record)
        }
        if decoded {
          return recent.evaluator._withUnsafeGuaranteedRef { evaluator in
            recent.tables._withUnsafeGuaranteedRef { tables in
              write(slice.scratch.record, line: line, json: nil, evaluator: evaluator, tables: tables,
                    identity: recent.identity, logIdentity: { recent.versions.identities[recent.index] },
                    slice: &slice)
            }
          }
        }
      } else if let envelope = RecordDecoder.envelope(of: slice.scratch.scan, in: line) {
        let choice: BatchPolicies.Choice
        switch policies.policyInForce(for: envelope.association, on: envelope.submittedOn,
                                      includeDrafts: includeDrafts, memo: &slice.scratch.policies) {
        case .success(let chosen): choice = chosen
        case .failure(let error): return .failure(.selection(error, association: envelope.association))
        }
        slice.scratch.recent = RecentVersion(choice, includeDrafts: includeDrafts)
        if RecordDecoder.decode(slice.scratch.scan, envelope: envelope, in: line, plan: choice.evaluator.plan,
                                into: &slice.scratch.record) {
          return write(slice.scratch.record, line: line, json: nil, under: choice, slice: &slice)
        }
      }
    }
    if Self.isBlank(line) { return .failure(.blankLine) }
    let json: JSONValue
    do {
      json = try JSONReader.read(line, limits: limits)
    } catch {
      return .failure(.unreadable(error))
    }
    let envelope: RecordEnvelope
    do {
      envelope = try RecordDecoder.envelope(of: json)
    } catch {
      return .failure(error)
    }
    let choice: BatchPolicies.Choice
    switch policies.policyInForce(for: envelope.association, on: envelope.submittedOn,
                                  includeDrafts: includeDrafts, memo: &slice.scratch.policies) {
    case .success(let chosen): choice = chosen
    case .failure(let error): return .failure(.selection(error, association: envelope.association))
    }
    let record: ApplicantRecord
    do {
      record = try RecordDecoder.decode(json, for: choice.evaluator.policy)
    } catch {
      return .failure(error)
    }
    return write(record, line: line, json: json, under: choice, slice: &slice)
  }

  /// Decides, writes the outcome line and, when logging, the entry's parts; the verdict.
  ///
  /// The log entry is made from the outcome bytes just written (canonical already) and the
  /// record canonicalized (`json`, or the line read again), and hashed here, on this worker's
  /// core, up to where the chain comes in.
  private func write(_ record: ApplicantRecord, line: UnsafeRawBufferPointer, json: JSONValue?,
                     under choice: BatchPolicies.Choice, slice: inout BatchSlice) -> Result<Verdict, RecordError> {
    write(record, line: line, json: json, evaluator: choice.evaluator, tables: choice.outcomeTables,
          identity: choice.outcomeIdentity, logIdentity: { choice.identity }, slice: &slice)
  }

  private func write(_ record: ApplicantRecord, line: UnsafeRawBufferPointer, json: JSONValue?, evaluator: Evaluator,
                     tables: OutcomeTables, identity outcomeIdentity: OutcomeIdentity,
                     logIdentity: () -> PolicyIdentity, slice: inout BatchSlice) -> Result<Verdict, RecordError> {
    if keepsDecisions {
      let recordJSON: JSONValue
      if let json {
        recordJSON = json
      } else {
        do {
          recordJSON = try JSONReader.read(line, limits: limits)
        } catch {
          return .failure(.unreadable(error))
        }
      }
      slice.scratch.canonicalRecord.removeAll(keepingCapacity: true)
      recordJSON.writeCanonical(into: &slice.scratch.canonicalRecord)
    }
    evaluator.decide(record, into: &slice.scratch.decision)
    let start = slice.output.count
    evaluator.writeCanonicalOutcome(slice.scratch.decision, record: record, identity: outcomeIdentity,
                                    tables: tables, into: &slice.output, scratch: &slice.scratch.text)
    if keepsDecisions {
      let identity = logIdentity()
      let outcome = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(slice.output.bytes)[start...])
      let entry = slice.scratch.canonicalRecord.withUnsafeBytes { canonicalRecord in
        UnchainedLogLine(applicationID: record.applicationID, association: identity.association,
                         policyVersion: identity.version, fingerprint: identity.fingerprint,
                         canonicalRecord: canonicalRecord, canonicalOutcome: outcome,
                         engineVersion: MizanVersion.current, loggedAt: loggedAt)
      }
      slice.logLines.append(entry)
    }
    slice.output.append(UInt8(ascii: "\n"))
    return .success(slice.scratch.decision.verdict)
  }

  /// Whether the line holds only JSON whitespace (a blank line, or `\r` left by CRLF).
  static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
    line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
  }

  /// `{"error":{"id":…,"message":{"ar":…,"en":…},"path":…},"line":N}` and a newline.
  static func writeErrorRecord(_ error: RecordError, line: Int, into output: inout ByteSink) {
    let record = JSONValue.object([
      JSONMember("error", .object([
        JSONMember("id", .string(error.id.rawValue)),
        JSONMember("message", .object([
          JSONMember("ar", .string(error.message.arabic)), JSONMember("en", .string(error.message.english)),
        ])),
        JSONMember("path", .string(error.path)),
      ])),
      JSONMember("line", .number(Double(line))),
    ])
    var bytes: [UInt8] = []
    record.writeCanonical(into: &bytes)
    output.append(bytes)
    output.append(UInt8(ascii: "\n"))
  }
}

/// A worker's reusable scratch space.
struct BatchScratch {
  /// The associations this worker has already looked up (spares the shared lock).
  var policies: [String: BatchPolicies.Versions] = [:]
  /// The version the last record read on the fast path was judged under.
  var recent: RecentVersion?
  /// The last record's decision; its arrays keep their capacity.
  var decision = Decision()
  /// Texts composed before they are escaped.
  var text = ByteSink()
  /// The last line's fields, and the last record read from them.
  var scan = RecordScan()
  var record = ApplicantRecord()
  /// The last record as canonical JSON, for its log entry.
  var canonicalRecord: [UInt8] = []
}

extension RecordError {
  /// A blank line in a batch: it gets an error record, so input lines = output lines.
  static var blankLine: RecordError {
    RecordError("record.blankLine", path: "$", ar: "سطر فارغ: لا يوجد طلب", en: "blank line: no record")
  }

  /// No version can judge the record: none in force on its date, only a draft, or a policy
  /// that does not load.
  static func selection(_ error: SelectionError, association: String) -> RecordError {
    let message = error.message
    switch error {
    case .unknownAssociation(let name, let known):
      return .unknownAssociation("association", name, known: known,
                                 suggestion: Suggestions.nearest(to: name, among: known))
    case .noneInForce:
      return RecordError("record.noPolicyInForce", path: "submitted_on", ar: message.arabic, en: message.english)
    case .onlyDraft:
      return RecordError("record.onlyDraft", path: "association", ar: message.arabic, en: message.english)
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

/// The version a worker used last, for the next record of the same association and period,
/// held without reference counting.
///
/// Every record would otherwise retain and release the shared `Versions`, `Evaluator`, plan and
/// output tables several times; on two cores those counts are atomic writes to cache lines both
/// cores use, and they made a two-job batch spend a fifth more CPU time than one job (perf:
/// `swift_retain` and `swift_release` went from 4% to 17% of the samples). `BatchPolicies` keeps
/// every loaded version alive until the batch ends, and a worker's scratch does not outlive the
/// batch, so the unowned references here never dangle; they are used through
/// `_withUnsafeGuaranteedRef`, which lends them without a count. The identity's bytes are a
/// private copy.
struct RecentVersion {
  /// The association's name, as bytes to compare with a line's and as a string for the envelope.
  let association: [UInt8]
  let associationName: String
  unowned(unsafe) let versions: BatchPolicies.Versions
  let index: Int
  let evaluator: Unmanaged<Evaluator>
  let plan: Unmanaged<EvaluationPlan>
  let tables: Unmanaged<OutcomeTables>
  let identity: OutcomeIdentity
  /// The submission dates for which this version is the one in force (`periodInForce`).
  let from: CalendarDate
  let until: CalendarDate?

  init(_ choice: BatchPolicies.Choice, includeDrafts: Bool) {
    let versions = choice.versions
    association = Array(versions.association.utf8)
    associationName = String(decoding: association, as: UTF8.self)
    self.versions = versions
    index = choice.index
    evaluator = .passUnretained(choice.evaluator)
    plan = .passUnretained(choice.evaluator.plan)
    tables = .passUnretained(choice.outcomeTables)
    identity = choice.outcomeIdentity.privateCopy()
    (from, until) = BatchPolicies.periodInForce(of: choice.index, among: versions, includeDrafts: includeDrafts)
  }

  /// Whether a record submitted on `date` is judged under this version.
  func isInForce(on date: CalendarDate) -> Bool {
    date >= from && until.map { date < $0 } ?? true
  }
}
