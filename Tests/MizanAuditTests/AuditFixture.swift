import Foundation
import Mizan
import MizanTestSupport
import Testing

/// A decision log built from the shipped Raabigh fixtures, in a temporary folder.
struct AuditFixture {
  let folder: String
  let log: String
  let engine: Engine

  /// Records of `fixtures/records/raabigh` that evaluate (in name order).
  static let recordNames = [
    "eligible-complete", "incomplete-expired-id", "ineligible-income-over-limit", "eligible-civil-registry",
    "incomplete-unknown-income", "ineligible-outside-rabigh",
  ]

  init(name: String) throws {
    folder = try MizanProcess.temporaryDirectory(name)
    log = folder + "/decisions.jsonl"
    engine = Engine(store: PolicyStore(root: Paths.packageRoot() + "/policies"))
    for name in Self.recordNames { try logRecord(name) }
    // Every test indexes these lines: a fixture that logged fewer stops its test here, with the
    // reason, instead of an index out of range that would end the whole test process.
    let logged = lines.filter { !$0.isEmpty }.count
    try #require(logged == Self.recordNames.count, "the fixture log has \(logged) entries, not \(Self.recordNames.count)")
  }

  func logRecord(_ name: String) throws {
    let path = Paths.packageRoot() + "/fixtures/records/raabigh/\(name).json"
    let bytes = Array(try #require(MizanProcess.readText(path)).utf8)
    // A fixture that does not evaluate or log stops the test that uses it (an error thrown
    // from a test fails that test only), rather than leaving a short log for it to index.
    let evaluation: Evaluation
    switch engine.evaluate(recordBytes: bytes) {
    case .success(let value): evaluation = value
    case .failure(let error): throw FixtureFailure(description: "fixture \(name) does not evaluate: \(error)")
    }
    if case .failure(let error) = engine.log(evaluation, to: log, loggedAt: "2026-11-22T00:00:00Z") {
      throw FixtureFailure(description: "could not log fixture \(name): \(error)")
    }
  }

  var lines: [String] {
    (MizanProcess.readText(log) ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  /// Rewrites the log from lines (each gets its newline back, except when `tornTail` is given).
  func write(_ lines: [String], tornTail: String? = nil) throws {
    var text = lines.filter { !$0.isEmpty }.map { $0 + "\n" }.joined()
    if let tornTail { text += tornTail }
    try MizanProcess.writeText(text, to: log)
  }

  /// Each replayed line as `line: status [details]`, held to `checkpoints`.
  func replay(checkpoints: [LogCheckpoint] = []) -> [String] {
    var results: [String] = []
    _ = engine.replay(log: log, checkpoints: checkpoints) { line in
      results.append("\(line.line): \(line.status)" + (line.details.isEmpty ? "" : " " + line.details.joined(separator: "; ")))
    }
    return results
  }

  /// Each replayed line as staff read it in `language`: `line: status [details]`.
  func replay(in language: Language) -> [String] {
    var results: [String] = []
    _ = engine.replay(log: log) { line in
      let details = line.detailTexts.map { $0[language] }
      results.append("\(line.line): \(line.statusText[language])" + (details.isEmpty ? "" : " " + details.joined(separator: "؛ ")))
    }
    return results
  }
}

/// Why an audit fixture could not be built: thrown, so that only the test using it fails.
struct FixtureFailure: Error, CustomStringConvertible {
  let description: String
}

extension Array where Element == String {
  /// The replayed line at `index`, or a failure of the calling test (never a crash of the test
  /// process) that shows every line replay gave.
  func line(_ index: Int, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    try #require(indices.contains(index), "no line \(index) among \(count): \(self)", sourceLocation: sourceLocation)
    return self[index]
  }
}
