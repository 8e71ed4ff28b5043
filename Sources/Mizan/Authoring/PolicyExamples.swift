import MizanCore
import MizanEngine

/// One example application and the outcome it must have: a line of `policies/<id>/tests/*.jsonl`.
/// The same examples run under `mizan test` and `swift test` (STYLE §6.8: behaviour as data).
/// CAUTION: package because `mizan test` and the test suites read it.
package struct PolicyExample: Sendable {
  /// The examples file, as it was given.
  package var file: String
  /// The 1-based line of the example in its file.
  package var line: Int
  package var name: String
  package var description: String
  /// The applicant record's bytes as the line writes them, evaluated exactly as `mizan eval`
  /// reads a record file.
  package var record: [UInt8]
  /// Whether draft versions may be chosen (`mizan eval --draft`).
  package var includeDrafts: Bool
  /// The version in force on this date is used instead of the submission date's (`--as-of`).
  package var asOf: CalendarDate?
  package var expectation: Expectation

  /// `policies/taafi/tests/examples.jsonl:3`.
  package var location: String { "\(file):\(line)" }

  /// What an example expects. Only what is given is compared; `verdict` or `error` is always given.
  package struct Expectation: Sendable, Hashable {
    package var verdict: Verdict?
    /// An error id (`record.wrongType`, `selection.onlyDraft`), or `selection` for any selection error.
    package var error: String?
    /// The failed or undecided rules, in any order.
    package var reasons: [String]?
    /// Checklist items by id and the status each must have; items not named are not compared.
    package var checklist: [String: ChecklistStatus]?
    /// The missing facts, in any order.
    package var missingFacts: [String]?
    /// `refer_to_committee`, `complete_registration`, `complete_file` or `notify_ineligible`.
    package var nextStep: String?
    /// The committee's earliest reply date; `.some(nil)` means the outcome must have none.
    package var earliestReplyOn: CalendarDate??
  }
}

/// Why an example could not be evaluated: an input error in its record or no usable version.
package struct ExampleError: Sendable, Hashable {
  /// `record.wrongType`, `selection.onlyDraft`, …
  package var id: String
  package var message: LocalizedText
}

/// One difference between what an example expects and what it gave.
package struct ExampleMismatch: Sendable, Hashable {
  /// `verdict`, `reasons`, `checklist.identity_document`, `missing_facts`, `next_step`,
  /// `earliest_reply_on` or `error`.
  package var field: String
  package var expected: LocalizedText
  package var actual: LocalizedText

  init(field: String, expected: String, actual: String) {
    self.init(field: field, expected: .same(expected), actual: .same(actual))
  }

  init(field: String, expected: LocalizedText, actual: LocalizedText) {
    self.field = field
    self.expected = expected
    self.actual = actual
  }
}

/// The result of running one example.
package struct ExampleResult: Sendable {
  package var example: PolicyExample
  /// The outcome, when the record could be evaluated.
  package var outcome: Outcome?
  /// The version it was evaluated under (for coverage), when it could be.
  package var policy: LoadedPolicy?
  /// The error, when it could not.
  package var error: ExampleError?
  /// Empty when the example passed.
  package var mismatches: [ExampleMismatch]

  package var passed: Bool { mismatches.isEmpty }
}

extension PolicyExamples {
  /// The next-step actions an outcome can name (for validating `expect.next_step`).
  static let nextStepActions = ["complete_file", "complete_registration", "notify_ineligible", "refer_to_committee"]

  /// Evaluates an example's record as `mizan eval` would and compares the result with what the
  /// example expects.
  package static func run(_ example: PolicyExample, engine: Engine) -> ExampleResult {
    switch engine.evaluate(recordBytes: example.record, asOf: example.asOf, includeDrafts: example.includeDrafts) {
    case .success(let evaluation):
      let outcome = evaluation.outcome
      return ExampleResult(example: example, outcome: outcome, policy: evaluation.policy, error: nil,
                           mismatches: mismatches(example.expectation, outcome: outcome))
    case .failure(let failure):
      let error = exampleError(failure)
      var found: [ExampleMismatch] = []
      let expected = example.expectation
      if let verdict = expected.verdict {
        found.append(ExampleMismatch(field: "verdict", expected: .same(verdict.rawValue),
                                     actual: LocalizedText(ar: "خطأ \(error.id)", en: "error \(error.id)")))
      } else if let id = expected.error, !matches(errorID: error.id, expected: id) {
        found.append(ExampleMismatch(field: "error", expected: id, actual: error.id))
      }
      return ExampleResult(example: example, outcome: nil, policy: nil, error: error, mismatches: found)
    }
  }

  /// Compares an outcome with an expectation, field by field, in a fixed order.
  static func mismatches(_ expected: PolicyExample.Expectation, outcome: Outcome) -> [ExampleMismatch] {
    var found: [ExampleMismatch] = []
    if let id = expected.error {
      found.append(ExampleMismatch(field: "error", expected: .same(id), actual: LocalizedText(
        ar: "لا خطأ (الحكم \(outcome.verdict.rawValue))", en: "none (verdict \(outcome.verdict.rawValue))")))
    }
    if let verdict = expected.verdict, verdict != outcome.verdict {
      found.append(ExampleMismatch(field: "verdict", expected: verdict.rawValue, actual: outcome.verdict.rawValue))
    }
    let reasons = outcome.reasons.map(\.rule)
    if let expectedReasons = expected.reasons, Set(expectedReasons) != Set(reasons) {
      found.append(ExampleMismatch(field: "reasons", expected: list(expectedReasons), actual: list(reasons)))
    }
    for (id, status) in (expected.checklist ?? [:]).sorted(by: { $0.key < $1.key }) {
      guard let item = outcome.checklist.first(where: { $0.key == id }) else {
        let items = outcome.checklist.map(\.key)
        found.append(ExampleMismatch(field: "checklist.\(id)", expected: .same(status.rawValue), actual: LocalizedText(
          ar: "لا يوجد بند بهذا الاسم (البنود: \(items.joined(separator: "، ")))",
          en: "no such item (items: \(items.joined(separator: ", ")))")))
        continue
      }
      if item.status != status {
        let detail = item.detail.english.isEmpty
          ? LocalizedText.same("") : LocalizedText(ar: " (\(item.detail.arabic))", en: " (\(item.detail.english))")
        found.append(ExampleMismatch(field: "checklist.\(id)", expected: .same(status.rawValue),
                                     actual: .same(item.status.rawValue) + detail))
      }
    }
    let facts = outcome.missingFacts.map(\.fact)
    if let expectedFacts = expected.missingFacts, Set(expectedFacts) != Set(facts) {
      found.append(ExampleMismatch(field: "missing_facts", expected: list(expectedFacts), actual: list(facts)))
    }
    if let step = expected.nextStep, step != outcome.nextStep.action {
      found.append(ExampleMismatch(field: "next_step", expected: step, actual: outcome.nextStep.action))
    }
    if let reply = expected.earliestReplyOn, reply != outcome.nextStep.earliestReplyOn {
      let none = LocalizedText(ar: "لا يوجد", en: "none")
      found.append(ExampleMismatch(field: "earliest_reply_on", expected: reply.map { .same($0.iso) } ?? none,
                                   actual: outcome.nextStep.earliestReplyOn.map { .same($0.iso) } ?? none))
    }
    return found
  }

  static func list(_ names: [String]) -> String { "[" + names.sorted().joined(separator: ", ") + "]" }

  /// `selection` stands for any selection error; any other id must match exactly.
  static func matches(errorID actual: String, expected: String) -> Bool {
    actual == expected || (expected == "selection" && actual.hasPrefix("selection."))
  }

  static func exampleError(_ failure: EvaluationFailure) -> ExampleError {
    switch failure {
    case .record(let error):
      return ExampleError(id: error.id.rawValue, message: error.message)
    case .selection(.policyError(let failure)):
      // Say which error, or every example of the association only repeats "the policy has errors".
      let first = failure.diagnostics.first(where: \.isError).map(\.message.text)
      let detail = first.map { LocalizedText(ar: ": \($0.arabic)", en: ": \($0.english)") } ?? .same("")
      return ExampleError(id: "selection.policyError", message: SelectionError.policyError(failure).message + detail)
    case .selection(let error):
      return ExampleError(id: selectionID(error), message: error.message)
    case .internalError(let message):
      return ExampleError(id: "internal", message: .same(message))
    }
  }

  /// `selection.onlyDraft`, `selection.noneInForce`, …: the case's name. Taken by reflection so
  /// that a new kind of selection error gets an id without an edit here.
  static func selectionID(_ error: SelectionError) -> String {
    "selection." + (Mirror(reflecting: error).children.first?.label ?? String(describing: error))
  }
}
