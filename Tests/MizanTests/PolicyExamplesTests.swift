import Mizan
import MizanTestSupport
import Testing

/// The associations' examples (`policies/<id>/tests/*.jsonl`) run inside `swift test` exactly as
/// `mizan test` runs them.
@Suite("policy examples")
struct PolicyExamplesTests {
  static let policies = Paths.packageRoot() + "/policies"
  static let associations = ["bir-bin-hirmas", "creative-mom", "raabigh", "rida", "taafi"]

  /// Every example of an association, with the problems of lines that are not examples.
  static func examples(of association: String) -> (examples: [PolicyExample], problems: [ExampleFileProblem]) {
    var examples: [PolicyExample] = []
    var problems: [ExampleFileProblem] = []
    for file in PolicyExamples.files(at: policies + "/" + association) ?? [] {
      let read = PolicyExamples.read(file)
      examples += read.examples
      problems += read.problems
    }
    return (examples, problems)
  }

  @Test("every example of the association passes", arguments: associations)
  func examplesPass(association: String) {
    let (examples, problems) = Self.examples(of: association)
    for problem in problems { Issue.record("invalid example: \(problem.rendered(in: .english))") }
    #expect(examples.count >= 12, "\(association) has \(examples.count) examples; at least 12 are wanted")
    let engine = Engine(store: PolicyStore(root: Self.policies))
    for example in examples {
      let result = PolicyExamples.run(example, engine: engine)
      guard !result.passed else { continue }
      let differences = result.mismatches.map { "\($0.field): expected \($0.expected.english), actual \($0.actual.english)" }
      Issue.record("example `\(example.name)` (\(example.location)) failed: \(differences.joined(separator: "; "))")
    }
  }

  @Test("each association's examples cover every verdict, a channel it does not list, and an input error",
        arguments: associations)
  func coverage(association: String) {
    let expectations = Self.examples(of: association).examples.map(\.expectation)
    for verdict in Verdict.allCases {
      #expect(expectations.contains { $0.verdict == verdict }, "\(association): no example expects \(verdict)")
    }
    #expect(expectations.contains { $0.reasons?.contains("channel_listed") == true },
            "\(association): no example of a channel outside its list")
    #expect(expectations.contains { $0.error?.hasPrefix("record.") == true }, "\(association): no input-error example")
    #expect(expectations.contains { $0.missingFacts?.isEmpty == false }, "\(association): no unknown-fact example")
  }

  @Test("the draft is refused without --draft, and evaluated with it")
  func draftRefusal() {
    let examples = Self.examples(of: "bir-bin-hirmas").examples
    #expect(examples.contains { !$0.includeDrafts && $0.expectation.error == "selection.onlyDraft" })
    #expect(examples.contains { $0.includeDrafts && $0.expectation.verdict == .eligible })
  }
}

/// The runner itself: reading example lines, and the differences it reports.
@Suite("policy examples: the runner")
struct PolicyExampleRunnerTests {
  static let record = """
    {"application_id": "BBH-T-1", "association": "bir-bin-hirmas", "submitted_on": "2024-03-10", \
    "channel": "interview", "facts": {"enrolled_in_memorisation": true}, "documents": [{"type": "national_id", \
    "expires_on": "2024-03-09"}, {"type": "support_request_form", "dated": "2024-03-10"}, \
    {"type": "data_declaration", "signed_on": "2024-03-10"}]}
    """

  static func parse(_ text: String) -> (examples: [PolicyExample], problems: [ExampleFileProblem]) {
    PolicyExamples.parse(Array(text.utf8), file: "bir-bin-hirmas/tests/examples.jsonl", association: "bir-bin-hirmas")
  }

  static let invalidLines: [(String, String)] = [
    ("not json", "not valid JSON"),
    ("[1, 2]", "each line is one example, a JSON object; found an array"),
    (#"{"record": {}, "expect": {"verdict": "eligible"}}"#, "`name` is missing"),
    (#"{"name": "a", "expect": {"verdict": "eligible"}}"#, "`record` is missing"),
    (#"{"name": "a", "record": {}}"#, "`expect` is missing"),
    (#"{"name": "a", "record": {}, "expect": {}}"#, "`expect` needs `verdict` or `error`"),
    (#"{"name": "a", "record": {}, "expect": {"verdict": "eligible", "error": "selection"}}"#, "not both"),
    (#"{"name": "a", "record": {}, "expect": {"verdict": "elegible"}}"#, "`expect.verdict` must be one of"),
    (#"{"name": "a", "record": {}, "expect": {"verdict": "eligible", "reasns": []}}"#, "did you mean `expect.reasons`?"),
    (#"{"name": "a", "record": {}, "expect": {"error": "record.wrongType", "reasons": []}}"#, "makes no sense with"),
    (#"{"name": "a", "record": {}, "expect": {"verdict": "eligible", "checklist": {"x": "given"}}}"#,
     "`expect.checklist.x` must be one of"),
    (#"{"name": "a", "record": {}, "expect": {"verdict": "eligible", "earliest_reply_on": "2024-02-30"}}"#,
     "`expect.earliest_reply_on`: invalid date"),
    (#"{"name": "a", "record": {}, "draft": "yes", "expect": {"verdict": "eligible"}}"#, "`draft`: expected true or false"),
    (#"{"name": "a", "record": {"association": "taafi"}, "expect": {"verdict": "eligible"}}"#,
     "the record names association `taafi` but the example is in `bir-bin-hirmas`'s tests"),
  ]

  @Test("an invalid line is reported with its line number", arguments: invalidLines)
  func invalidLine(line: String, message: String) throws {
    let (examples, problems) = Self.parse("\n" + line + "\n")
    #expect(examples.isEmpty)
    let problem = try #require(problems.first)
    #expect(problem.line == 2)
    #expect(problem.rendered(in: .english).hasPrefix("bir-bin-hirmas/tests/examples.jsonl:2: "))
    #expect(problem.message.english.contains(message), "\(problem.message.english)")
    #expect(!problem.message.arabic.isEmpty)
  }

  @Test("a name used twice is reported on its second line")
  func duplicateName() {
    let line = #"{"name": "same", "record": {}, "expect": {"error": "record.missingField"}}"#
    let (examples, problems) = Self.parse(line + "\n" + line)
    #expect(examples.count == 1)
    #expect(problems.map(\.line) == [2])
  }

  @Test("a wrong expectation is reported field by field")
  func mismatches() throws {
    let line = #"{"name": "wrong", "draft": true, "record": "# + Self.record + #", "expect": {"verdict": "eligible", "#
      + #""reasons": [], "checklist": {"identity_document": "provided", "signed_declaration": "provided", "#
      + #""nothing": "missing"}, "missing_facts": [], "next_step": "refer_to_committee", "earliest_reply_on": "2024-03-24"}}"#
    let example = try #require(Self.parse(line).examples.first)
    let result = PolicyExamples.run(example, engine: Engine(store: PolicyStore(root: PolicyExamplesTests.policies)))
    #expect(result.outcome?.verdict == .incomplete)
    #expect(result.mismatches.map(\.field) == [
      "verdict", "reasons", "checklist.identity_document", "checklist.nothing", "next_step", "earliest_reply_on",
    ])
    #expect(result.mismatches.first?.actual.english == "incomplete")
  }

  @Test("an expected error matches its id, and `selection` any selection error")
  func errors() throws {
    let refused = #"{"name": "refused", "record": "# + Self.record + #", "expect": {"error": "selection"}}"#
    let wrongType = #"{"name": "typed", "draft": true, "record": "#
      + Self.record.replacing("true}", with: "\"yes\"}") + #", "expect": {"error": "record.wrongType"}}"#
    let engine = Engine(store: PolicyStore(root: PolicyExamplesTests.policies))
    for line in [refused, wrongType] {
      let example = try #require(Self.parse(line).examples.first)
      let result = PolicyExamples.run(example, engine: engine)
      #expect(result.passed, "\(example.name): \(result.mismatches)")
    }
    let wrong = try #require(Self.parse(wrongType.replacing("record.wrongType", with: "record.unknownFact"))
      .examples.first)
    let result = PolicyExamples.run(wrong, engine: engine)
    #expect(result.mismatches.map(\.field) == ["error"])
    #expect(result.error?.id == "record.wrongType")
  }
}
