import Foundation
import Mizan
import MizanTestSupport
import Testing

@Suite("Impact of a new version over logged applications")
struct ImpactTests {
  /// A copy of the policies with Raabigh's income limit per member changed.
  static func amendedPolicy(limit: String) throws -> String {
    let folder = try MizanProcess.temporaryDirectory("amended")
    try MizanProcess.copy(Paths.packageRoot() + "/policies", to: folder + "/policies")
    let file = folder + "/policies/raabigh/2024-01-15.mizan"
    let text = try #require(MizanProcess.readText(file))
    let amended = text.replacingOccurrences(of: "money = 1500 SAR", with: "money = \(limit) SAR")
    #expect(amended != text)
    try MizanProcess.writeText(amended, to: file)
    return file
  }

  /// `…/policies` for `…/policies/raabigh/2024-01-15.mizan`.
  static func policiesRoot(of file: String) -> String {
    URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().path
  }

  @Test("raising the income limit turns the over-limit application eligible; lowering it turns eligible ones ineligible")
  func incomeLimitChange() throws {
    let fixture = try AuditFixture(name: "impact")
    let raised = try Self.amendedPolicy(limit: "4000")
    let raisedPolicy = try PolicyStore(root: Self.policiesRoot(of: raised)).load(raised, verifyingApproval: false).get()
    let summary = try fixture.engine.impact(log: fixture.log, under: raisedPolicy).get()
    #expect(summary.total == AuditFixture.recordNames.count)
    #expect(summary.affected.map { "\($0.applicationID) \($0.from)→\($0.to)" } == ["RBG-2024-000201 ineligible→eligible"])
    let changed = try #require(summary.rows.first)
    #expect(changed.rules.map(\.rule) == ["-income_within_limit"])

    let lowered = try Self.amendedPolicy(limit: "400")
    let loweredPolicy = try PolicyStore(root: Self.policiesRoot(of: lowered)).load(lowered, verifyingApproval: false).get()
    let down = try fixture.engine.impact(log: fixture.log, under: loweredPolicy).get()
    // 2500 SAR for 5 people is 500 per member: over a 400 limit.
    #expect(down.affected.map { "\($0.from)→\($0.to)" } == ["eligible→ineligible", "incomplete→ineligible", "eligible→ineligible"])
  }
}
