import Foundation
import Mizan
import MizanTestSupport
import Testing

/// Rule coverage (`mizan test --coverage`) as CI checks it: every approved policy's examples
/// make each of its conditions both true and false, and reach every outcome each of its rules
/// can have. Counted by rule and outcome, so reformatting a policy cannot change it.
@Suite("rule coverage")
struct CoverageTests {
  static let policies = Paths.packageRoot() + "/policies"

  /// The coverage of every version of every association under `root`, from its examples.
  static func coverage(root: String) -> CoverageReport {
    var report = CoverageReport()
    for file in PolicyExamples.files(at: root) ?? [] {
      let engine = Engine(store: PolicyStore(root: file.policiesRoot ?? root))
      if let association = file.association { report.include(versionsOf: association, in: engine.store) }
      for example in PolicyExamples.read(file).examples {
        report.add(PolicyExamples.run(example, engine: engine))
      }
    }
    return report
  }

  @Test("every approved policy: 100% of conditions seen both true and false, every outcome reached")
  func approvedPoliciesFullyCovered() {
    let report = Self.coverage(root: Self.policies)
    let approved = report.policies.filter { !$0.isDraft }
    #expect(approved.count >= 4, "approved versions: \(approved.map(\.association))")
    for policy in approved {
      let name = "\(policy.association) \(policy.version)"
      let undecided = policy.conditions.filter { !$0.isSeenTrueAndFalse }.map(\.name)
      #expect(policy.conditionPercent == 100, "\(name): conditions not seen both true and false: \(undecided)")
      for rule in policy.rules where !rule.unreached.isEmpty {
        Issue.record("\(name): \(rule.kind.rawValue) \(rule.name) never \(rule.unreached) (\(rule.location))")
      }
    }
  }

  @Test("what a rule can come to: unknown only when it reads a fact a record may lack, statuses by validity")
  func reachableOutcomes() throws {
    let report = Self.coverage(root: Paths.packageRoot() + "/fixtures/policies/coverage")
    let policy = try #require(report.policies.first)
    let reachable = Dictionary(uniqueKeysWithValues: policy.rules.map { ($0.name, $0.reachable) })
    #expect(reachable["by_interview"] == ["true", "false"])
    #expect(reachable["income_within_limit"] == ["true", "false", "unknown"])
    #expect(reachable["identity"] == ["provided", "missing", "expired", "invalid"])
    #expect(reachable["field_visit"] == ["provided", "missing", "not_required", "undetermined"])
    #expect(policy.examples == 4)
    #expect(policy.conditionPercent == 50)
  }

  @Test("reformatting the policy changes no count")
  func independentOfLayout() throws {
    let fixture = Paths.packageRoot() + "/fixtures/policies/coverage"
    let folder = try MizanProcess.temporaryDirectory("coverage-layout")
    try MizanProcess.copy(fixture, to: folder + "/coverage")
    let file = folder + "/coverage/sample/2024-01-01.mizan"
    let text = try #require(MizanProcess.readText(file))
    let relaid = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
      .map { "\n\n" + $0.replacingOccurrences(of: "  ", with: "      ") }.joined()
    try MizanProcess.writeText(relaid, to: file)
    func counts(_ report: CoverageReport) -> [String] {
      report.policies.flatMap { policy in
        policy.rules.map { rule in
          rule.name + ": " + rule.reachable.map { "\($0) \(rule.counts[$0, default: 0])" }.joined(separator: ", ")
        }
      }
    }
    let before = counts(Self.coverage(root: fixture))
    #expect(!before.isEmpty)
    #expect(before == counts(Self.coverage(root: folder + "/coverage")))
  }
}
