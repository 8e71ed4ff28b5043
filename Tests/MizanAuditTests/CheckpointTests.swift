import Foundation
import Mizan
import MizanCore
import MizanTestSupport
import Testing

@testable import MizanAudit

/// What a checkpoint proves on a real log: a consistent forgery before it, and any cut, are
/// found; what happens after the last checkpoint is not (docs/audit.md, the threat model).
@Suite("Checkpoints anchor the log")
struct CheckpointTests {
  static let key = Array("an auditor's key, kept off the server".utf8)

  static func take(_ fixture: AuditFixture, key: [UInt8]? = nil) throws -> LogCheckpoint {
    try LogCheckpoint.take(log: fixture.log, time: "2026-12-04T09:30:00Z", key: key).get()
  }

  /// The forger's move: entry `index`'s income changed, its outcome recomputed with the engine
  /// (as `mizan eval` gives it), and every hash after it resealed. Returns the forged lines.
  static func forgeIncome(_ fixture: AuditFixture, index: Int, income: String) throws -> [String] {
    var lines = fixture.lines.filter { !$0.isEmpty }
    let entry = try LogEntry(line: Array(lines[index].utf8))
    let original = String(decoding: entry.record, as: UTF8.self)
    let forgedRecord = original.replacing(#/"monthly_income":\d+/#, with: #""monthly_income":\#(income)"#)
    #expect(forgedRecord != original)
    let evaluation = try fixture.engine.evaluate(recordBytes: Array(forgedRecord.utf8)).get()
    lines[index] = try Resealer.rewrite(lines[index], record: Array(forgedRecord.utf8), outcome: evaluation.canonicalJSON)
    return try Resealer.reseal(lines)
  }

  @Test("a checkpoint line is canonical JSON that reads back; a key adds a MAC only that key verifies")
  func line() throws {
    let fixture = try AuditFixture(name: "checkpoint-line")
    let plain = try Self.take(fixture)
    let lastHash = try LogEntry(line: Array(try #require(fixture.lines.last(where: { !$0.isEmpty })).utf8)).hash
    #expect(plain.line == #"{"entries":6,"hash":"\#(lastHash)","sequence":6,"time":"2026-12-04T09:30:00Z"}"#)
    let keyed = try Self.take(fixture, key: Self.key)
    #expect(keyed.isKeyed && !plain.isKeyed)
    #expect(try LogCheckpoint.read(keyed.line, file: "c", key: Self.key).get() == [keyed])
    let otherKey = LogCheckpoint.read(keyed.line, file: "c", key: Array("someone else's key....".utf8))
    #expect(throws: AuditFailure.self) { try otherKey.get() }
    // A rewritten checkpoint (its hash changed to match a rewritten log) no longer verifies.
    let edited = keyed.line.replacingOccurrences(of: lastHash, with: String(repeating: "a", count: 64))
    #expect(throws: AuditFailure.self) { try LogCheckpoint.read(edited, file: "c", key: Self.key).get() }
    #expect(throws: AuditFailure.self) { try LogCheckpoint.read(plain.line, file: "c", key: Self.key).get() }
  }

  @Test("a checkpoint is refused over a damaged chain, naming the line")
  func refusedOverDamage() throws {
    let fixture = try AuditFixture(name: "checkpoint-damaged")
    var lines = fixture.lines.filter { !$0.isEmpty }
    lines.swapAt(2, 3)
    try fixture.write(lines)
    let result = LogCheckpoint.take(log: fixture.log, time: "t", key: nil)
    guard case .failure(let failure) = result else {
      Issue.record("a checkpoint over a broken chain must be refused")
      return
    }
    #expect(failure.message.hasPrefix("line 3 is damaged"), "\(failure.message)")
  }

  @Test("the consistent forgery: undetected without a checkpoint, found with one taken after it")
  func consistentForgery() throws {
    let fixture = try AuditFixture(name: "consistent-forgery")
    let checkpoint = try Self.take(fixture, key: Self.key)
    // Entry 3 is the over-limit application: ineligible at 9000 SAR, eligible at 900.
    let forged = try Self.forgeIncome(fixture, index: 2, income: "900")
    #expect(forged[2].contains(#""verdict":"eligible""#))
    try fixture.write(forged)
    // What the log alone proves: nothing is wrong. This is the limit docs/audit.md states.
    #expect(fixture.replay().allSatisfy { $0.hasSuffix(": reproduced") }, "\(fixture.replay())")
    let anchored = fixture.replay(checkpoints: [checkpoint])
    try #require(anchored.count == 6)
    #expect(anchored[5] == "6: chain broken its hash does not match the checkpoint taken at 2026-12-04T09:30:00Z "
      + "for sequence 6 (\(checkpoint.hash.prefix(16))…): this entry or one before it was rewritten since the start of the log")
    #expect(anchored.prefix(5).allSatisfy { $0.hasSuffix(": reproduced") })
  }

  @Test("checkpoints before and after a forgery locate it between them; one before it alone does not see it")
  func locatedBetweenCheckpoints() throws {
    let fixture = try AuditFixture(name: "located-forgery")
    let all = fixture.lines.filter { !$0.isEmpty }
    try fixture.write(Array(all.prefix(2)))
    let early = try Self.take(fixture)
    try fixture.write(all)
    let late = try Self.take(fixture)
    try fixture.write(try Self.forgeIncome(fixture, index: 2, income: "900"))
    let results = fixture.replay(checkpoints: [early, late])
    #expect(results[1] == "2: reproduced")
    #expect(results[5].hasSuffix("was rewritten after sequence 2 (the last checkpoint that still matches)"), "\(results[5])")
    // With only the checkpoint before the forgery, nothing is found: a checkpoint anchors what
    // precedes it, never what follows.
    #expect(fixture.replay(checkpoints: [early]).allSatisfy { $0.hasSuffix(": reproduced") })
  }

  @Test("truncation to any earlier length is found with a checkpoint, and said where", arguments: 0..<6)
  func truncation(keptEntries: Int) throws {
    let fixture = try AuditFixture(name: "truncated-\(keptEntries)")
    let checkpoint = try Self.take(fixture)
    let lines = fixture.lines.filter { !$0.isEmpty }
    try fixture.write(Array(lines.prefix(keptEntries)))
    let results = fixture.replay(checkpoints: [checkpoint])
    #expect(results.count == keptEntries + 1)
    let end = keptEntries == 0 ? "the log holds no entry" : "the log ends at sequence \(keptEntries) (line \(keptEntries))"
    #expect(results.last == "\(keptEntries + 1): chain broken \(end), but the checkpoint taken at 2026-12-04T09:30:00Z "
      + "names sequence 6: the log was cut (" + (keptEntries == 5 ? "entry 6 is missing)" : "entries \(keptEntries + 1)–6 are missing)"))
    // Without the checkpoint, a cut at a line boundary is indistinguishable from a shorter log.
    #expect(fixture.replay().allSatisfy { $0.hasSuffix(": reproduced") })
  }

  @Test("a cut in the middle of a line is a torn line and a missing tail, with a checkpoint", arguments: [1, 100, 700])
  func truncationMidLine(bytesKept: Int) throws {
    let fixture = try AuditFixture(name: "truncated-mid-\(bytesKept)")
    let checkpoint = try Self.take(fixture)
    let lines = fixture.lines.filter { !$0.isEmpty }
    try fixture.write(Array(lines.prefix(3)), tornTail: String(lines[3].utf8.prefix(bytesKept)) ?? "")
    let results = fixture.replay(checkpoints: [checkpoint])
    #expect(results[3].hasPrefix("4: chain broken torn last line"))
    #expect(results.last?.hasPrefix("5: chain broken the log ends at sequence 3 (line 3)") == true)
  }

  @Test("a second log's checkpoint, or an appended-to log, is told apart: older heads must still be there")
  func growingLog() throws {
    let fixture = try AuditFixture(name: "growing")
    let checkpoint = try Self.take(fixture)
    try fixture.logRecord("eligible-complete")
    #expect(fixture.replay(checkpoints: [checkpoint]).allSatisfy { $0.hasSuffix(": reproduced") })
    let other = try AuditFixture(name: "growing-other")
    try other.logRecord("incomplete-unknown-income")
    let otherCheckpoint = try Self.take(other)
    #expect(fixture.replay(checkpoints: [otherCheckpoint])[6].contains("does not match the checkpoint"))
  }
}

@Suite("Honest edges: a sealed last line lacking its newline")
struct UnterminatedEntryTests {
  @Test("replay counts it as reproduced and says so; an append completes it; repair completes it, never moves it aside")
  func completed() throws {
    let fixture = try AuditFixture(name: "unterminated")
    let text = try #require(MizanProcess.readText(fixture.log))
    try MizanProcess.writeText(String(text.dropLast()), to: fixture.log)
    let results = fixture.replay()
    #expect(results.count == 6)
    #expect(results.last == "6: reproduced a sealed last line lacking only its newline: the decision is whole; "
      + "the next append or `mizan log repair` completes it")
    let tail = try #require(try LogRepair.tornTail(path: fixture.log))
    #expect(tail.isSealedEntry)
    #expect(throws: LogIOError.changedSinceShown) {
      try LogRepair.moveAside(tail, of: fixture.log, to: fixture.folder + "/side")
    }
    #expect(!FileManager.default.fileExists(atPath: fixture.folder + "/side"))
    try LogRepair.complete(tail, of: fixture.log)
    #expect(MizanProcess.readText(fixture.log) == text)

    try MizanProcess.writeText(String(text.dropLast()), to: fixture.log)
    try fixture.logRecord("eligible-complete")
    let appended = fixture.replay()
    #expect(appended.count == 7)
    #expect(appended.allSatisfy { $0.hasSuffix(": reproduced") }, "\(appended)")
  }

  @Test("a torn line is still refused and moved aside; completing it is refused")
  func tornStaysTorn() throws {
    let fixture = try AuditFixture(name: "torn-not-sealed")
    let lines = fixture.lines.filter { !$0.isEmpty }
    // The last line without its closing brace: not an entry.
    try fixture.write(Array(lines.dropLast()), tornTail: String(lines[5].dropLast()))
    let tail = try #require(try LogRepair.tornTail(path: fixture.log))
    #expect(!tail.isSealedEntry)
    #expect(throws: LogIOError.changedSinceShown) { try LogRepair.complete(tail, of: fixture.log) }
    #expect(throws: LogAppendError.tornTail(line: 6, bytes: lines[5].utf8.count - 1)) {
      _ = try DecisionLog(path: fixture.log).openForAppend()
    }
  }
}
