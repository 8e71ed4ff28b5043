import Foundation
import MizanOracle
import Testing

/// The engine against a naive reference interpreter (`Tests/MizanOracle`) on generated policies
/// and records: identical verdicts, rule results, checklist statuses and missing facts, or the
/// seed, the policy and the record that disagree. `MIZAN_ORACLE_CASES=100000` for a long run,
/// `MIZAN_ORACLE_SEED=n` to start from another seed.
@Suite("Oracle: the engine agrees with a reference interpreter")
struct OracleDifferentialTests {
  static let recordsPerPolicy = 20

  static var environment: [String: String] { ProcessInfo.processInfo.environment }

  @Test("generated policies and records: the engine's decision is the oracle's")
  func differential() throws {
    let cases = Int(Self.environment["MIZAN_ORACLE_CASES"] ?? "") ?? 4_000
    let seed = UInt64(Self.environment["MIZAN_ORACLE_SEED"] ?? "") ?? 20_261_204
    var generator = CaseGenerator(seed: seed)
    var policies = 0
    // How often each verdict and each checklist status came out: a generator that never makes
    // one would leave that part of the engine untested, so the run requires each.
    var seen: [String: Int] = [:]
    func count(_ decision: OracleDecision) {
      seen[decision.verdict, default: 0] += 1
      for status in decision.requirements.values { seen[status, default: 0] += 1 }
      for result in decision.conditions.values { seen["condition " + result, default: 0] += 1 }
      if !decision.missingFacts.isEmpty { seen["missing facts", default: 0] += 1 }
      seen["next " + (decision.nextStep.hasPrefix("committee") ? "committee" : decision.nextStep), default: 0] += 1
      for row in decision.memberRows { seen["member " + (row.split(separator: " ").last.map(String.init) ?? ""), default: 0] += 1 }
    }
    while policies * Self.recordsPerPolicy < cases {
      policies += 1
      // MIZAN_ORACLE_SHOW=1 prints the first policy, to see what is generated.
      if policies == 1, Self.environment["MIZAN_ORACLE_SHOW"] != nil {
        var copy = generator
        print(copy.policy())
      }
      if case .failure(let failure) = OracleComparison.compare(&generator, records: Self.recordsPerPolicy, visit: count) {
        Issue.record("seed \(seed), policy \(policies): \(failure)")
        return
      }
    }
    print("oracle: \(policies * Self.recordsPerPolicy) cases on \(policies) policies from seed \(seed), no disagreement; "
      + seen.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    let kinds = ["eligible", "ineligible", "incomplete", "provided", "missing", "expired", "invalid", "not_required",
                 "undetermined", "condition true", "condition false", "condition unknown", "missing facts", "member provided",
                 "member missing", "member expired", "member invalid", "member undetermined", "next committee", "next register",
                 "next applicant", "next staff", "next applicant+staff"]
    for kind in kinds { #expect(seen[kind, default: 0] > 0, "no generated case gave \(kind)") }
  }
}
