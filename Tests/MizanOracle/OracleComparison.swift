import MizanChecker
import MizanCore
import MizanEngine
import MizanSyntax

/// The engine and the oracle side by side: what the differential test and the fuzz target
/// (`Fuzz/run.sh oracle`) both run.
package enum OracleComparison {
  /// A policy from source text, checked; or the checker's and parser's messages.
  package static func check(_ text: String) -> Result<CheckedPolicy, OracleFailure> {
    let (parsed, syntax) = Parser.parse(SourceFile(path: "oracle.mizan", text: text))
    guard !syntax.containsErrors else {
      return .failure(OracleFailure(description: "syntax errors: \(syntax.map { $0.message.text.english })\n\(text)"))
    }
    switch Checker.check(PolicySources(main: parsed)) {
    case .success(let policy): return .success(policy)
    case .failure(let failure):
      return .failure(OracleFailure(description: "check errors: \(failure.diagnostics.map { $0.message.text.english })\n\(text)"))
    }
  }

  /// A record's JSON read by the one reader (envelope, then the record) and decided.
  package static func decide(_ evaluator: Evaluator, _ json: String) throws -> (ApplicantRecord, Decision) {
    let bytes = Array(json.utf8)
    var reader = RecordReader()
    var record = ApplicantRecord()
    _ = try reader.readEnvelope(bytes.span)
    try reader.readRecord(bytes.span, schema: evaluator.recordSchema, into: &record)
    var decision = Decision()
    evaluator.decide(record, into: &decision)
    return (record, decision)
  }

  /// The engine's decision on a record's JSON (the one reader, the evaluator), in the oracle's words.
  package static func engineDecision(_ evaluator: Evaluator, _ json: String) throws -> OracleDecision {
    let policy = evaluator.policy
    let (record, decision) = try decide(evaluator, json)
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
      },
      nextStep: nextStep(decision, committee: policy.committee != nil, submittedOn: record.submittedOn))
  }

  /// The engine's next step in the oracle's words.
  static func nextStep(_ decision: Decision, committee: Bool, submittedOn: CalendarDate) -> String {
    switch decision.verdict {
    case .eligible:
      guard committee else { return "register" }
      return "committee " + (decision.earliestReplyOn.map { "\($0)" } ?? "none")
    case .incomplete:
      return [(Decision.Actors.applicant, "applicant"), (.staff, "staff")].filter { decision.nextStepBy.contains($0.0) }
        .map(\.1).joined(separator: "+")
    case .ineligible:
      return "none"
    }
  }

  /// One generated policy and `records` records from `generator`: nil when the engine and the
  /// oracle agree on each, else the policy, the record and both decisions. `visit` sees each
  /// oracle decision (for the differential test's counts).
  package static func compare(_ generator: inout CaseGenerator, records: Int,
                              visit: (OracleDecision) -> Void = { _ in }) -> Result<Void, OracleFailure> {
    let text = generator.policy()
    let policy: CheckedPolicy
    switch check(text) {
    case .success(let checked): policy = checked
    case .failure(let failure): return .failure(failure)
    }
    let oracle = ReferenceInterpreter(policy: policy)
    let evaluator = Evaluator(policy: policy)
    for _ in 0..<records {
      let record = generator.record()
      let engine: OracleDecision
      do {
        engine = try engineDecision(evaluator, record.json)
      } catch {
        return .failure(OracleFailure(description: "the engine refuses a generated record: \(error)\npolicy:\n\(text)\nrecord: \(record.json)"))
      }
      let expected = oracle.decide(record)
      visit(expected)
      if engine != expected {
        return .failure(OracleFailure(description: """
          the engine and the oracle disagree
          policy:
          \(text)
          record: \(record.json)
          engine: \(engine)
          oracle: \(expected)
          """))
      }
    }
    return .success(())
  }
}

/// Why a comparison failed, printable.
package struct OracleFailure: Error, CustomStringConvertible {
  package var description: String
}
