import Foundation
import MizanChecker
import MizanCore
import MizanEngine
import MizanOracle
import MizanSyntax
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
    var compared = 0
    var disagreements = 0
    var policies = 0
    // How often each verdict and each checklist status came out: a generator that never makes
    // one would leave that part of the engine untested, so the run requires each.
    var seen: [String: Int] = [:]
    while compared < cases {
      let text = generator.policy()
      let policy = try #require(checkedPolicy(text), "seed \(seed): a generated policy does not check:\n\(text)")
      policies += 1
      // MIZAN_ORACLE_SHOW=1 prints the first policy and record, to see what is generated.
      if policies == 1, Self.environment["MIZAN_ORACLE_SHOW"] != nil { print(text) }
      let oracle = ReferenceInterpreter(policy: policy)
      let evaluator = Evaluator(policy: policy)
      for _ in 0..<Self.recordsPerPolicy {
        let record = generator.record()
        let engine = try Self.engineDecision(evaluator, record.json)
        let expected = oracle.decide(record)
        compared += 1
        seen[expected.verdict, default: 0] += 1
        for status in expected.requirements.values { seen[status, default: 0] += 1 }
        for result in expected.conditions.values { seen["condition " + result, default: 0] += 1 }
        if !expected.missingFacts.isEmpty { seen["missing facts", default: 0] += 1 }
        for row in expected.memberRows { seen["member " + (row.split(separator: " ").last.map(String.init) ?? ""), default: 0] += 1 }
        if engine != expected {
          disagreements += 1
          Issue.record("""
            seed \(seed), case \(compared): the engine and the oracle disagree
            policy:
            \(text)
            record: \(record.json)
            engine: \(engine)
            oracle: \(expected)
            """)
          if disagreements >= 3 { return }
        }
      }
    }
    print("oracle: \(compared) cases on \(policies) policies from seed \(seed), \(disagreements) disagreements; "
      + seen.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    let kinds = ["eligible", "ineligible", "incomplete", "provided", "missing", "expired", "invalid", "not_required",
                 "undetermined", "condition true", "condition false", "condition unknown", "missing facts", "member provided",
                 "member missing", "member expired", "member invalid", "member undetermined"]
    for kind in kinds { #expect(seen[kind, default: 0] > 0, "no generated case gave \(kind)") }
  }

  /// The engine's decision on a record's JSON (the one reader, the evaluator), in the oracle's words.
  static func engineDecision(_ evaluator: Evaluator, _ json: String) throws -> OracleDecision {
    let policy = evaluator.policy
    let bytes = Array(json.utf8)
    var reader = RecordReader()
    var record = ApplicantRecord()
    _ = try reader.readEnvelope(bytes.span)
    try reader.readRecord(bytes.span, schema: evaluator.recordSchema, into: &record)
    var decision = Decision()
    evaluator.decide(record, into: &decision)
    func ruleName(_ rule: Decision.Rule) -> String {
      switch rule {
      case .condition(let index): policy.conditions[index].name
      case .requirement(let index): policy.requirements[index].name
      case .memberRequirement(let index): policy.memberRequirements[index].name
      }
    }
    func factName(_ fact: FactRef) -> String {
      let list = policy.facts[fact.slot]
      guard fact.isMemberFact, case .listOf(let kindName) = list.type,
        let kind = policy.members.first(where: { $0.name == kindName })
      else { return list.name }
      return "\(list.name)[\(fact.member)].\(kind.facts[fact.memberSlot].name)"
    }
    var missing: [String: Set<String>] = [:]
    for fact in decision.missingFacts { missing[factName(fact.fact)] = Set(fact.neededBy.map(ruleName)) }
    return OracleDecision(
      verdict: decision.verdict.rawValue,
      conditions: Dictionary(uniqueKeysWithValues: policy.conditions.indices.map {
        (policy.conditions[$0].name, decision.conditions[$0].result.rawValue)
      }),
      requirements: Dictionary(uniqueKeysWithValues: policy.requirements.indices.map {
        (policy.requirements[$0].name, decision.requirements[$0].status.rawValue)
      }),
      missingFacts: missing,
      memberRows: decision.memberRows.map { row in
        let requirement = policy.memberRequirements[row.requirement]
        return "\(requirement.name) \(policy.facts[requirement.list].name)[\(row.member)] \(row.status.rawValue)"
      })
  }
}
