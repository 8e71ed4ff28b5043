import Foundation
import Mizan
import MizanCore
import MizanTestSupport
import Testing

@testable import MizanAudit

/// The log holds official decisions: a what-if or a draft enters it only marked as such, and
/// replay reports an unmarked entry whose version was not the one in force on its submission date.
/// On `fixtures/policies/versions`: `sample` approved 2024-01-01 and 2024-07-01, a draft 2025-01-01.
@Suite("Only official decisions in the official log")
struct OfficialLogTests {
  static let engine = Engine(store: PolicyStore(root: Paths.packageRoot() + "/fixtures/policies/versions"))

  static func record(submittedOn day: String) -> [UInt8] {
    Array(#"{"application_id":"S-\#(day)","association":"sample","submitted_on":"\#(day)","channel":"interview","facts":{"monthly_income":3500}}"#.utf8)
  }

  static func replay(_ log: String) -> [String] {
    var results: [String] = []
    _ = engine.replay(log: log) { line in
      results.append("\(line.line): \(line.status)" + (line.details.isEmpty ? "" : " " + line.details.joined(separator: "; ")))
    }
    return results
  }

  @Test("a what-if (another version than the one in force) and a draft are refused unmarked, appended marked")
  func refusedUnlessMarked() throws {
    let log = try MizanProcess.temporaryDirectory("official") + "/decisions.jsonl"
    let whatIf = try Self.engine.evaluate(recordBytes: Self.record(submittedOn: "2024-12-31"), asOf: try CalendarDate.parse("2024-06-30").get()).get()
    #expect(whatIf.policy.version == "2024-01-01")
    guard case .failure(let refused) = Self.engine.log(whatIf, to: log, loggedAt: nil) else {
      Issue.record("an unmarked what-if must be refused")
      return
    }
    #expect(refused.message == "the decision was not logged: version 2024-01-01 is not the version in force on its "
      + "submission date (in force on 2024-12-31: 2024-07-01); the log holds official decisions: mark this entry "
      + "with `--purpose what_if` or `--purpose draft`")
    #expect(!FileManager.default.fileExists(atPath: log) || MizanProcess.readText(log) == "")

    let draft = try Self.engine.evaluate(recordBytes: Self.record(submittedOn: "2025-02-01"), includeDrafts: true).get()
    #expect(draft.policy.isDraft)
    guard case .failure(let refusedDraft) = Self.engine.log(draft, to: log, loggedAt: nil) else {
      Issue.record("an unmarked draft decision must be refused")
      return
    }
    #expect(refusedDraft.message.contains("version 2025-01-01 is a draft"))

    let official = try Self.engine.evaluate(recordBytes: Self.record(submittedOn: "2024-12-31")).get()
    #expect(try Self.engine.log(official, to: log, loggedAt: nil).get() == 1)
    #expect(try Self.engine.log(whatIf, to: log, loggedAt: nil, purpose: .whatIf).get() == 2)
    #expect(try Self.engine.log(draft, to: log, loggedAt: nil, purpose: .draft).get() == 3)
    let entries = try (MizanProcess.readText(log) ?? "").split(separator: "\n").map { try LogEntry(line: Array($0.utf8)) }
    #expect(entries.map(\.purpose) == [nil, .whatIf, .draft])
    // Marked entries replay under their own version, with no in-force check.
    #expect(Self.replay(log) == ["1: reproduced", "2: reproduced", "3: reproduced"])
  }

  @Test("an official entry under a version not in force on its date is reported, and its outcome still checked")
  func notInForceReported() throws {
    let log = try MizanProcess.temporaryDirectory("not-in-force") + "/decisions.jsonl"
    let official = try Self.engine.evaluate(recordBytes: Self.record(submittedOn: "2024-12-31")).get()
    let whatIf = try Self.engine.evaluate(recordBytes: Self.record(submittedOn: "2024-12-31"), asOf: try CalendarDate.parse("2024-06-30").get()).get()
    let draft = try Self.engine.evaluate(recordBytes: Self.record(submittedOn: "2025-02-01"), includeDrafts: true).get()
    _ = try Self.engine.log(official, to: log, loggedAt: nil).get()
    _ = try Self.engine.log(whatIf, to: log, loggedAt: nil, purpose: .whatIf).get()
    _ = try Self.engine.log(draft, to: log, loggedAt: nil, purpose: .draft).get()
    // What an older mizan let through: the same entries, unmarked (the marks cut out, the chain resealed).
    var lines = (MizanProcess.readText(log) ?? "").split(separator: "\n").map(String.init)
    lines = lines.map { $0.replacingOccurrences(of: #","purpose":"what_if""#, with: "")
      .replacingOccurrences(of: #","purpose":"draft""#, with: "") }
    try MizanProcess.writeText(try Resealer.reseal(lines).map { $0 + "\n" }.joined(), to: log)
    let results = Self.replay(log)
    #expect(results[0] == "1: reproduced")
    #expect(results[1] == "2: not in force an official entry decided under sample 2024-01-01, submitted on 2024-12-31: "
      + "the version in force then is 2024-07-01 (a what-if is marked `--purpose what_if`)")
    #expect(results[2] == "3: not in force an official entry decided under sample 2025-01-01 (a draft), submitted on "
      + "2025-02-01: the version in force then is 2024-07-01 (a what-if is marked `--purpose what_if`)")
  }
}

@Suite("Logs of the first form (whole outcomes) stay readable")
struct FirstFormLogTests {
  @Test("today's fixtures/logs/first-form.jsonl replays reproduced, entry by entry, compared byte for byte")
  func replays() throws {
    let path = Paths.packageRoot() + "/fixtures/logs/first-form.jsonl"
    let lines = try #require(MizanProcess.readText(path)).split(separator: "\n")
    for line in lines {
      let entry = try LogEntry(line: Array(line.utf8))
      guard case .fullOutcome = entry.form else {
        Issue.record("first-form.jsonl holds whole outcomes")
        return
      }
      #expect(entry.verdict != nil)
    }
    let engine = Engine(store: PolicyStore(root: Paths.packageRoot() + "/policies"))
    var results: [String] = []
    _ = engine.replay(log: path) { results.append("\($0.line): \($0.status)") }
    #expect(results == (1...lines.count).map { "\($0): reproduced" })
  }

  @Test("an edit to a first-form outcome, resealed, diverges on that field")
  func editedOutcome() throws {
    let folder = try MizanProcess.temporaryDirectory("first-form-edit")
    var lines = try #require(MizanProcess.readText(Paths.packageRoot() + "/fixtures/logs/first-form.jsonl"))
      .split(separator: "\n").map(String.init)
    lines[1] = lines[1].replacingOccurrences(of: #""verdict":"incomplete""#, with: #""verdict":"eligible""#)
    try MizanProcess.writeText(try Resealer.reseal(lines).map { $0 + "\n" }.joined(), to: folder + "/log.jsonl")
    let engine = Engine(store: PolicyStore(root: Paths.packageRoot() + "/policies"))
    var results: [String] = []
    _ = engine.replay(log: folder + "/log.jsonl") { results.append("\($0.line): \($0.status) \($0.details)") }
    #expect(results[1] == "2: diverged [\"verdict\"]")
  }
}
