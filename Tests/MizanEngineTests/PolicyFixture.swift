import MizanChecker
import MizanCore
import MizanEngine
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
let testHeader = """
  policy test {
    name ar "اختبار" en "Test"
    version "1"
    effective 2024-01-01
    approved { body ar "المجلس" en "Board" meeting "1" date 2024-01-01 }
  }
  enum channel {
    label ar "القنوات" en "Channels"
    value interview ar "المقابلة" en "Interview"
    value website ar "الموقع" en "Website"
  }

  """

/// Evaluates a record (as JSON text) under a policy.
func outcome(_ policy: CheckedPolicy, _ recordJSON: String) throws -> Outcome {
  let json = try JSONReader.read(recordJSON)
  let record = try RecordDecoder.decode(json, for: policy)
  return Evaluator(policy: policy).outcome(
    for: record, identity: PolicyIdentity(association: "test", version: "1", fingerprint: "0", isDraft: false))
}
