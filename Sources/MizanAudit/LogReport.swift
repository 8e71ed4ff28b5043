import MizanCore

/// What auditors and administrators read from a log without re-evaluating it (`mizan report`):
/// decisions per association and month by verdict, the rules that fail most, the documents most
/// often missing or expired, entries whose committee reply date has passed, and the versions used.
/// Built from each sealed entry's decision and record; broken lines are counted and left out.
package struct LogReport: Sendable {
  /// Decisions by association, then month of submission (`2024-03`), then verdict.
  package var verdicts: [String: [String: [String: Int]]] = [:]
  /// Failed or undecided rules by association, with how many decisions name them.
  package var failingRules: [String: [String: Int]] = [:]
  /// Checklist rows `missing` or `expired` by association, document requirement id and status.
  package var documentProblems: [String: [String: [String: Int]]] = [:]
  /// Entries whose committee reply date (`reply_on`) is before `today`.
  package var overdue: [(line: Int, applicationID: String, association: String, replyOn: String)] = []
  /// Decisions per association and version.
  package var versions: [String: [String: Int]] = [:]
  /// Entries counted (within the period).
  package var entries = 0
  /// Entries left out because they were submitted outside `--from`/`--to`.
  package var outsidePeriod = 0
  /// Lines that are not sealed entries in the chain.
  package var brokenLines: [Int] = []
  /// Entries marked what-if or draft: left out of every count (they are not decisions).
  package var marked = 0

  package init() {}

  /// Reads the log at `path`; `from` and `to` bound the submission dates (inclusive, ISO dates),
  /// `today` decides which reply dates have passed.
  package static func run(path: String, from: String?, to: String?, today: String) throws(LogIOError) -> LogReport {
    var report = LogReport()
    try forEachVerifiedLine(path: path) { verified in
      guard let entry = verified.entry, verified.problems.isEmpty else {
        report.brokenLines.append(verified.line)
        return
      }
      guard entry.purpose == nil else {
        report.marked += 1
        return
      }
      let submittedOn: String
      if case .object(let record)? = try? JSONReader.read(entry.record, limits: LogLimits.json),
        case .string(let text)? = record.first(where: { $0.key == "submitted_on" })?.value,
        case .success(let date) = CalendarDate.parse(text)
      {
        // As the record gave it (Gregorian or Hijri, any digits), counted by its Gregorian day.
        submittedOn = date.iso
      } else {
        submittedOn = "?"
      }
      if let from, submittedOn < from { report.outsidePeriod += 1; return }
      if let to, submittedOn > to { report.outsidePeriod += 1; return }
      guard let decision = try? JSONReader.read(entry.decision, limits: LogLimits.json) else {
        report.brokenLines.append(verified.line)
        return
      }
      report.add(entry, decision: decision, line: verified.line, month: String(submittedOn.prefix(7)), today: today)
    }
    return report
  }

  private mutating func add(_ entry: LogEntry, decision: JSONValue, line: Int, month: String, today: String) {
    let association = entry.association
    entries += 1
    let verdict = if case .string(let text)? = decision["verdict"] { text } else { "unknown" }
    verdicts[association, default: [:]][month, default: [:]][verdict, default: 0] += 1
    versions[association, default: [:]][entry.policyVersion, default: 0] += 1
    if case .array(let reasons)? = decision["reasons"] {
      for case .array(let row) in reasons {
        if case .string(let rule)? = row.first { failingRules[association, default: [:]][rule, default: 0] += 1 }
      }
    }
    if case .array(let checklist)? = decision["checklist"] {
      for case .array(let row) in checklist where row.count >= 2 {
        guard case .string(let id) = row[0], case .string(let status) = row[1], status == "missing" || status == "expired"
        else { continue }
        documentProblems[association, default: [:]][id, default: [:]][status, default: 0] += 1
      }
    }
    if case .string(let replyOn)? = decision["reply_on"], replyOn < today {
      overdue.append((line, entry.applicationID, association, replyOn))
    }
  }
}
