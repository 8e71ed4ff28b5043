import MizanChecker
import MizanCore
import MizanEngine
import MizanOracle
import MizanSyntax
import Testing

/// Builds a checked policy from source text for table tests; records an issue on errors.
func checkedPolicy(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> CheckedPolicy? {
  let file = SourceFile(path: "test.mizan", text: text)
  let (parsed, syntax) = Parser.parse(file)
  guard !syntax.containsErrors else {
    Issue.record("syntax errors: \(syntax.map { $0.message.text.english })", sourceLocation: sourceLocation)
    return nil
  }
  switch Checker.check(PolicySources(main: parsed)) {
  case .success(let policy): return policy
  case .failure(let failure):
    Issue.record("check errors: \(failure.diagnostics.map { $0.message.text.english })", sourceLocation: sourceLocation)
    return nil
  }
}

/// A minimal valid header for test policies.
let testHeader = CaseGenerator.policyHeader(association: "test")

/// Evaluates a record (as JSON text) under a policy: the record reader, the evaluator, the
/// outcome writer, and the outcome read back from its canonical JSON.
func outcome(_ policy: CheckedPolicy, _ recordJSON: String) throws -> Outcome {
  try Outcome(canonicalJSON: canonicalOutcome(policy, recordJSON))
}

/// The canonical outcome JSON of a record (as JSON text) under a policy.
func canonicalOutcome(_ policy: CheckedPolicy, _ recordJSON: String) throws -> [UInt8] {
  let evaluator = Evaluator(policy: policy)
  let (record, decision) = try OracleComparison.decide(evaluator, recordJSON)
  let template = OutcomeTemplate(
    evaluator: evaluator, identity: PolicyIdentity(association: "test", version: "1", fingerprint: "0", isDraft: false))
  var out = ByteBuffer()
  OutcomeWriter(evaluator: evaluator, template: template).write(decision, record: record, into: &out)
  return out.array
}
