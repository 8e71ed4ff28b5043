import Foundation
import Mizan
import MizanTestSupport
import Testing

@testable import MizanAudit

@Suite("Appending to the log")
struct AppendTests {
  @Test("entries chain from the genesis hash with consecutive sequence numbers")
  func chaining() throws {
    let fixture = try AuditFixture(name: "chain")
    let entries = try fixture.lines.filter { !$0.isEmpty }.map { try LogEntry(line: Array($0.utf8)) }
    #expect(entries.map(\.sequence) == Array(1...AuditFixture.recordNames.count))
    #expect(entries.first?.previousHash == LogEntry.genesisHash)
    for (previous, next) in zip(entries, entries.dropFirst()) { #expect(next.previousHash == previous.hash) }
  }

  @Test("an append after a torn tail is refused, naming the line; repair moves the tail aside; appends resume")
  func tornTailThenRepair() throws {
    let fixture = try AuditFixture(name: "torn")
    let before = try #require(MizanProcess.readText(fixture.log))
    let torn = #"{"sequence":7,"applic"#
    try MizanProcess.writeText(before + torn, to: fixture.log)
    #expect(throws: LogAppendError.tornTail(line: 7, bytes: torn.utf8.count)) {
      _ = try DecisionLog(path: fixture.log).openForAppend()
    }
    let tail = try #require(try LogRepair.tornTail(path: fixture.log))
    #expect(tail.line == 7)
    #expect(tail.bytes == Array(torn.utf8))
    let side = fixture.folder + "/decisions.jsonl.torn"
    try LogRepair.moveAside(tail, of: fixture.log, to: side)
    #expect(MizanProcess.readText(fixture.log) == before)
    #expect(MizanProcess.readText(side) == torn)
    try fixture.logRecord("eligible-complete")
    let results = fixture.replay()
    #expect(results.count == AuditFixture.recordNames.count + 1)
    #expect(results.allSatisfy { $0.hasSuffix("reproduced") }, "\(results)")
  }

  @Test("an append after an altered last entry is refused")
  func alteredTail() throws {
    let fixture = try AuditFixture(name: "altered-tail")
    var lines = fixture.lines.filter { !$0.isEmpty }
    lines[lines.count - 1] = lines[lines.count - 1].replacingOccurrences(of: "rabigh", with: "jeddah")
    try fixture.write(lines)
    #expect(throws: LogAppendError.invalidTail(line: 6, reason: "its hash does not match its contents")) {
      _ = try DecisionLog(path: fixture.log).openForAppend()
    }
  }

  @Test("repair leaves a whole log alone")
  func nothingToRepair() throws {
    let fixture = try AuditFixture(name: "whole")
    #expect(try LogRepair.tornTail(path: fixture.log) == nil)
  }
}
