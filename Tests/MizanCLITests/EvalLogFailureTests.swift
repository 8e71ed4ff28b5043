import Foundation
import MizanTestSupport
import Testing

/// `mizan eval --log`: a decision that cannot be logged is not shown, and the run fails, so no
/// one acts on a decision the audit log does not hold.
@Suite("eval --log when the log cannot be written")
struct EvalLogFailureTests {
  @Test("a log path that is a folder: exit 1, the reason on stderr, no outcome on stdout")
  func logIsAFolder() throws {
    let folder = try MizanProcess.temporaryDirectory("eval-log-folder")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try MizanProcess.run(["eval", "fixtures/records/raabigh/eligible-complete.json", "--log", folder])
    #expect(result.exitCode == 1, "\(result)")
    #expect(result.standardError.hasPrefix("mizan eval: cannot log the decision: "), "\(result)")
    #expect(result.standardOutput.isEmpty, "\(result)")
  }

  @Test("the same record with a writable log: exit 0, the outcome shown, one entry logged")
  func logWritable() throws {
    let folder = try MizanProcess.temporaryDirectory("eval-log-writable")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try MizanProcess.run(["eval", "fixtures/records/raabigh/eligible-complete.json", "--log",
                                       folder + "/decisions.jsonl"])
    #expect(result.exitCode == 0, "\(result)")
    #expect(!result.standardOutput.isEmpty)
    let log = try #require(MizanProcess.readText(folder + "/decisions.jsonl"))
    #expect(log.split(separator: "\n").count == 1)
  }
}
