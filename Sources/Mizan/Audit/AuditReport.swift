import MizanAudit

/// `mizan report`'s figures over a decision log, sorted for reading (`MizanAudit/LogReport.swift`).
package struct AuditReport: Sendable {
  /// One association's figures.
  package struct Association: Sendable {
    package var name: String
    /// Months of submission (`2024-03`), oldest first, with decisions per verdict.
    package var months: [(month: String, verdicts: [String: Int])]
    /// Failed or undecided rules, most often first (then by name).
    package var rules: [(rule: String, count: Int)]
    /// Document requirements most often missing or expired first.
    package var documents: [(id: String, missing: Int, expired: Int)]
    /// Versions used, by version.
    package var versions: [(version: String, count: Int)]
  }

  package var associations: [Association]
  /// Entries whose committee reply date has passed, oldest reply date first.
  package var overdue: [(line: Int, applicationID: String, association: String, replyOn: String)]
  package var entries: Int
  package var outsidePeriod: Int
  package var marked: Int
  package var brokenLines: [Int]

  /// The report of the log at `path` for submissions from `from` to `to` (inclusive, ISO dates;
  /// nil for no bound); a reply date before `today` has passed.
  package static func read(log path: String, from: String?, to: String?, today: String) -> Result<AuditReport, AuditFailure> {
    let report: LogReport
    do {
      report = try LogReport.run(path: path, from: from, to: to, today: today)
    } catch {
      return .failure(AuditFailure(error.text))
    }
    let associations = report.verdicts.keys.sorted().map { name in
      Association(
        name: name,
        months: (report.verdicts[name] ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
        rules: (report.failingRules[name] ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
          .map { ($0.key, $0.value) },
        documents: (report.documentProblems[name] ?? [:]).map { ($0.key, $0.value["missing"] ?? 0, $0.value["expired"] ?? 0) }
          .sorted { ($0.1 + $0.2, $1.0) > ($1.1 + $1.2, $0.0) },
        versions: (report.versions[name] ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }
    return .success(AuditReport(
      associations: associations,
      overdue: report.overdue.sorted { ($0.replyOn, $0.line) < ($1.replyOn, $1.line) },
      entries: report.entries, outsidePeriod: report.outsidePeriod, marked: report.marked,
      brokenLines: report.brokenLines))
  }
}
