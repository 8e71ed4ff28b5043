import MizanChecker
import MizanCore
import MizanEngine
import MizanOracle
import MizanSyntax
import Testing

/// Every boundary is tested at, below and above it: a `<=` read as `<` (or the reverse) gives a
/// wrong verdict only to the applicant exactly at the limit, which no test of typical values sees.
@Suite("Boundaries: comparisons at, below and above the limit")
struct BoundaryComparisonTests {
  /// Where the left operand stands against the right.
  enum Side: String, CaseIterable, Sendable { case smaller, equal, larger }

  /// Each operator's answer when the left operand is smaller than, equal to or larger than the right.
  static let expected: [(BinaryOperator, String, [Side: Bool])] = [
    (.less, "<", [.smaller: true, .equal: false, .larger: false]),
    (.lessEqual, "<=", [.smaller: true, .equal: true, .larger: false]),
    (.greater, ">", [.smaller: false, .equal: false, .larger: true]),
    (.greaterEqual, ">=", [.smaller: false, .equal: true, .larger: true]),
    (.equal, "==", [.smaller: false, .equal: true, .larger: false]),
    (.notEqual, "!=", [.smaller: true, .equal: false, .larger: true]),
  ]

  /// A type with a limit, and a value below, at and above it: (policy type, limit in the policy
  /// language, record JSON for each side, the runtime values of the limit and of each side).
  struct Kind: Sendable, CustomTestStringConvertible {
    let type: String
    let limit: String
    let record: [Side: String]
    let value: [Side: Value]
    let limitValue: Value
    var testDescription: String { type }
  }

  static func number(_ text: String) -> Value {
    guard let number = DecimalNumber(parsing: text) else { return .bool(false) }
    return .number(number)
  }

  static func date(_ text: String) -> Value {
    guard case .success(let date) = CalendarDate.parse(text) else { return .bool(false) }
    return .date(date)
  }

  static let kinds: [Kind] = [
    Kind(type: "number", limit: "2.5", record: [.smaller: "2.4999", .equal: "2.5", .larger: "2.5001"],
         value: [.smaller: number("2.4999"), .equal: number("2.5"), .larger: number("2.5001")], limitValue: number("2.5")),
    // Raabigh's shape: 1,500 SAR a member, and an income a halala either side.
    Kind(type: "money", limit: "1500 SAR", record: [.smaller: "1499.99", .equal: "1500", .larger: "1500.01"],
         value: [.smaller: number("1499.99"), .equal: number("1500"), .larger: number("1500.01")], limitValue: number("1500")),
    Kind(type: "count", limit: "5", record: [.smaller: "4", .equal: "5", .larger: "6"],
         value: [.smaller: number("4"), .equal: number("5"), .larger: number("6")], limitValue: number("5")),
    Kind(type: "days", limit: "14 days", record: [.smaller: "13", .equal: "14", .larger: "15"],
         value: [.smaller: number("13"), .equal: number("14"), .larger: number("15")], limitValue: number("14")),
    Kind(type: "date", limit: "2024-03-10",
         record: [.smaller: #""2024-03-09""#, .equal: #""2024-03-10""#, .larger: #""2024-03-11""#],
         value: [.smaller: date("2024-03-09"), .equal: date("2024-03-10"), .larger: date("2024-03-11")],
         limitValue: date("2024-03-10")),
  ]

  static func name(_ symbol: String) -> String {
    ["<": "lt", "<=": "le", ">": "gt", ">=": "ge", "==": "eq", "!=": "ne"][symbol] ?? symbol
  }

  /// A policy with fact `x` of `kind`'s type, the limit as a parameter, and one condition per
  /// operator in each order: `x op limit` (`fact_le`) and `limit op x` (`limit_le`).
  static func policyText(_ kind: Kind) -> String {
    var text = testHeader + """
      fact x: \(kind.type) { label ar "القيمة" en "Value" }
      parameter limit: \(kind.type) = \(kind.limit) { label ar "الحد" en "Limit" assumed "test" }

      """
    for (_, symbol, _) in expected {
      text += "condition fact_\(name(symbol)): x \(symbol) limit { label ar \"ش\" en \"C\" cite \"نص\" }\n"
      text += "condition limit_\(name(symbol)): limit \(symbol) x { label ar \"ش\" en \"C\" cite \"نص\" }\n"
    }
    return text
  }

  /// The mirror of a side: where the limit stands against the fact.
  static func mirrored(_ side: Side) -> Side {
    switch side {
    case .smaller: .larger
    case .equal: .equal
    case .larger: .smaller
    }
  }

  @Test("Operations.compare: every operator on numbers and dates, smaller, equal and larger",
        arguments: kinds)
  func operations(kind: Kind) throws {
    for (op, symbol, answers) in Self.expected {
      for side in Side.allCases {
        let value = try #require(kind.value[side])
        #expect(Operations.compare(op, value, kind.limitValue) == answers[side],
                "\(kind.type): \(side.rawValue) \(symbol) limit")
        #expect(Operations.compare(op, kind.limitValue, value) == answers[Self.mirrored(side)],
                "\(kind.type): limit \(symbol) \(side.rawValue)")
      }
    }
  }

  @Test("evaluation: `x op limit` and `limit op x` for every operator, at, below and above the limit",
        arguments: kinds)
  func evaluation(kind: Kind) throws {
    let policy = try #require(checkedPolicy(Self.policyText(kind)))
    for side in Side.allCases {
      let facts = #""x": "# + (kind.record[side] ?? "null")
      let decision = try decide(policy, facts: facts)
      for (_, symbol, answers) in Self.expected {
        let forward = try #require(policy.conditions.firstIndex { $0.name == "fact_\(Self.name(symbol))" })
        let backward = try #require(policy.conditions.firstIndex { $0.name == "limit_\(Self.name(symbol))" })
        #expect(decision.conditions[forward].result == Truth(try #require(answers[side])),
                "\(kind.type): x = \(kind.record[side] ?? "?") \(symbol) \(kind.limit)")
        #expect(decision.conditions[backward].result == Truth(try #require(answers[Self.mirrored(side)])),
                "\(kind.type): \(kind.limit) \(symbol) x = \(kind.record[side] ?? "?")")
      }
    }
  }

  @Test("constant folding: a parameter computed by a comparison, at, below and above", arguments: kinds)
  func folding(kind: Kind) throws {
    // The checker folds parameter values with the evaluator's own operations; each parameter
    // here is `value op limit`, read back through a condition.
    var text = testHeader
    var names: [(String, Bool)] = []
    let literal: [Side: String] = Self.literals(kind)
    for (_, symbol, answers) in Self.expected {
      for side in Side.allCases {
        let name = "\(side.rawValue)_\(Self.name(symbol))"
        text += "parameter \(name): bool = \(literal[side] ?? "") \(symbol) \(kind.limit) "
          + "{ label ar \"م\" en \"P\" assumed \"test\" }\n"
        text += "condition c_\(name): \(name) { label ar \"ش\" en \"C\" cite \"نص\" }\n"
        names.append((name, try #require(answers[side])))
      }
    }
    let policy = try #require(checkedPolicy(text))
    for (name, answer) in names {
      let parameter = try #require(policy.parameters.first { $0.name == name })
      #expect(parameter.value == .bool(answer), "\(kind.type): \(name)")
    }
    let decision = try decide(policy, facts: "")
    for (index, condition) in policy.conditions.enumerated() {
      let answer = try #require(names.first { "c_" + $0.0 == condition.name }?.1)
      #expect(decision.conditions[index].result == Truth(answer), "\(kind.type): \(condition.name)")
    }
  }

  /// The three sides of a kind as literals of the policy language.
  static func literals(_ kind: Kind) -> [Side: String] {
    switch kind.type {
    case "money": [.smaller: "1499.99 SAR", .equal: "1500 SAR", .larger: "1500.01 SAR"]
    case "days": [.smaller: "13 days", .equal: "14 days", .larger: "15 days"]
    case "date": [.smaller: "2024-03-09", .equal: "2024-03-10", .larger: "2024-03-11"]
    default: kind.record
    }
  }

  @Test("an unknown operand makes every comparison unknown, in either order", arguments: kinds)
  func unknownOperand(kind: Kind) throws {
    let policy = try #require(checkedPolicy(Self.policyText(kind)))
    let decision = try decide(policy, facts: #""x": null"#)
    #expect(decision.conditions.allSatisfy { $0.result == .unknown })
    #expect(decision.verdict == .incomplete)
  }
}

@Suite("Boundaries: Kleene logic through evaluation, in both operand orders")
struct BoundaryKleeneTests {
  static let policyText = testHeader + """
    fact a: bool { label ar "أ" en "A" }
    fact b: bool { label ar "ب" en "B" }
    condition a_and_b: a and b { label ar "ش" en "C" cite "نص" }
    condition b_and_a: b and a { label ar "ش" en "C" cite "نص" }
    condition a_or_b: a or b { label ar "ش" en "C" cite "نص" }
    condition b_or_a: b or a { label ar "ش" en "C" cite "نص" }
    condition not_a: not a { label ar "ش" en "C" cite "نص" }
    condition not_not_b: not not b { label ar "ش" en "C" cite "نص" }
    """

  /// The record's text for a truth value: unknown is an absent fact.
  static func fact(_ name: String, _ value: Truth) -> String? {
    switch value {
    case .true: "\"\(name)\": true"
    case .false: "\"\(name)\": false"
    case .unknown: nil
    }
  }

  /// Kleene's tables, written out rather than computed with the operators under test.
  static let and: [Truth: [Truth: Truth]] = [
    .true: [.true: .true, .false: .false, .unknown: .unknown],
    .false: [.true: .false, .false: .false, .unknown: .false],
    .unknown: [.true: .unknown, .false: .false, .unknown: .unknown],
  ]
  static let or: [Truth: [Truth: Truth]] = [
    .true: [.true: .true, .false: .true, .unknown: .true],
    .false: [.true: .true, .false: .false, .unknown: .unknown],
    .unknown: [.true: .true, .false: .unknown, .unknown: .unknown],
  ]
  static let not: [Truth: Truth] = [.true: .false, .false: .true, .unknown: .unknown]

  static let pairs: [(Truth, Truth)] = Truth.allCases.flatMap { a in Truth.allCases.map { (a, $0) } }

  @Test("and, or, not: all nine pairs, each operator in both orders", arguments: pairs)
  func truthTable(a: Truth, b: Truth) throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let facts = [Self.fact("a", a), Self.fact("b", b)].compactMap { $0 }.joined(separator: ", ")
    let decision = try decide(policy, facts: facts)
    func result(_ name: String) throws -> Truth {
      decision.conditions[try #require(policy.conditions.firstIndex { $0.name == name })].result
    }
    #expect(try result("a_and_b") == Self.and[a]?[b], "\(a) and \(b)")
    #expect(try result("b_and_a") == Self.and[b]?[a], "\(b) and \(a)")
    #expect(try result("a_or_b") == Self.or[a]?[b], "\(a) or \(b)")
    #expect(try result("b_or_a") == Self.or[b]?[a], "\(b) or \(a)")
    #expect(try result("not_a") == Self.not[a], "not \(a)")
    #expect(try result("not_not_b") == b, "not not \(b)")
    // The verdict: any false condition makes it ineligible, whatever is unknown.
    let results = try policy.conditions.map { try result($0.name) }
    let verdict: Verdict = results.contains(.false) ? .ineligible : results.contains(.unknown) ? .incomplete : .eligible
    #expect(decision.verdict == verdict)
  }
}

@Suite("Boundaries: documents on the submission day and the validity window's edges")
struct BoundaryDocumentTests {
  static let policyText = testHeader + """
    document id_card { label ar "هوية" en "ID" provided_by applicant valid not_expired }
    document form { label ar "استمارة" en "Form" provided_by applicant valid dated_within 30 days }
    document letter { label ar "خطاب" en "Letter" provided_by applicant valid dated_within 1 months }
    document declaration { label ar "إقرار" en "Declaration" provided_by applicant valid signed }
    requirement identity: id_card { label ar "هوية" en "Identity" cite "نص" }
    requirement form_filled: form { label ar "استمارة" en "Form" cite "نص" }
    requirement letter_sent: letter { label ar "خطاب" en "Letter" cite "نص" }
    requirement declared: declaration { label ar "إقرار" en "Declaration" cite "نص" }
    """

  /// (submission date, requirement, document JSON, expected status)
  static let cases: [(String, String, String, ChecklistStatus)] = [
    // An ID is valid through its expiry day: on the submission day it still counts.
    ("2024-03-10", "identity", #"{"type": "id_card", "expires_on": "2024-03-09"}"#, .expired),
    ("2024-03-10", "identity", #"{"type": "id_card", "expires_on": "2024-03-10"}"#, .provided),
    ("2024-03-10", "identity", #"{"type": "id_card", "expires_on": "2024-03-11"}"#, .provided),
    // Within 30 days of 2024-03-10: from 2024-02-09 (the window's last day) to the submission day.
    ("2024-03-10", "form_filled", #"{"type": "form", "dated": "2024-02-08"}"#, .expired),
    ("2024-03-10", "form_filled", #"{"type": "form", "dated": "2024-02-09"}"#, .provided),
    ("2024-03-10", "form_filled", #"{"type": "form", "dated": "2024-02-10"}"#, .provided),
    ("2024-03-10", "form_filled", #"{"type": "form", "dated": "2024-03-09"}"#, .provided),
    ("2024-03-10", "form_filled", #"{"type": "form", "dated": "2024-03-10"}"#, .provided),
    ("2024-03-10", "form_filled", #"{"type": "form", "dated": "2024-03-11"}"#, .invalid),
    ("2024-03-10", "form_filled", #"{"type": "form", "issued_on": "2024-02-09"}"#, .provided),
    ("2024-03-10", "form_filled", #"{"type": "form", "issued_on": "2024-02-08"}"#, .expired),
    // Within 1 month of 31 March 2024: from 29 February (the month's last day) on.
    ("2024-03-31", "letter_sent", #"{"type": "letter", "dated": "2024-02-28"}"#, .expired),
    ("2024-03-31", "letter_sent", #"{"type": "letter", "dated": "2024-02-29"}"#, .provided),
    ("2024-03-31", "letter_sent", #"{"type": "letter", "dated": "2024-03-01"}"#, .provided),
    // Within 1 month of 15 March: from 15 February, not 14 (a month is not 30 days: 14 Feb is 30 days before).
    ("2024-03-15", "letter_sent", #"{"type": "letter", "dated": "2024-02-14"}"#, .expired),
    ("2024-03-15", "letter_sent", #"{"type": "letter", "dated": "2024-02-15"}"#, .provided),
    ("2024-03-15", "letter_sent", #"{"type": "letter", "dated": "2024-02-16"}"#, .provided),
    // A declaration signed on the submission day counts; the day after does not.
    ("2024-03-10", "declared", #"{"type": "declaration", "signed_on": "2024-03-09"}"#, .provided),
    ("2024-03-10", "declared", #"{"type": "declaration", "signed_on": "2024-03-10"}"#, .provided),
    ("2024-03-10", "declared", #"{"type": "declaration", "signed_on": "2024-03-11"}"#, .invalid),
    // Of an expired and an invalid document, the expired one is reported (closer to valid).
    ("2024-03-10", "form_filled",
     #"{"type": "form", "dated": "2024-03-11"}, {"type": "form", "dated": "2024-01-01"}"#, .expired),
    ("2024-03-10", "identity", #"{"type": "id_card"}, {"type": "id_card", "expires_on": "2024-03-09"}"#, .expired),
  ]

  @Test("status on each side of each date boundary", arguments: cases)
  func status(submitted: String, requirement: String, documents: String, expected: ChecklistStatus) throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let decision = try decide(policy, facts: "", documents: documents, submittedOn: submitted)
    let index = try #require(policy.requirements.firstIndex { $0.name == requirement })
    #expect(decision.requirements[index].status == expected, "\(documents) submitted \(submitted)")
    // An item that is not provided keeps the file incomplete.
    #expect((decision.verdict == .eligible) == (decision.requirements.allSatisfy { $0.status == .provided }))
  }
}

@Suite("Boundaries: and, or, not folded by the checker")
struct BoundaryFoldingTests {
  /// A constant truth as a comparison the checker folds (`1 < 2` is true, `2 < 1` false).
  static func literal(_ value: Bool) -> String { value ? "(1 < 2)" : "(2 < 1)" }

  @Test("parameters computed with and, or, not over constant comparisons, all four pairs in both orders")
  func kleeneFolding() throws {
    var text = testHeader
    var expected: [String: Bool] = [:]
    for a in [false, true] {
      for b in [false, true] {
        let suffix = "\(a ? "t" : "f")\(b ? "t" : "f")"
        for (name, symbol, value) in [("and", "and", a && b), ("or", "or", a || b)] {
          text += "parameter \(name)_\(suffix): bool = \(Self.literal(a)) \(symbol) \(Self.literal(b)) "
            + "{ label ar \"م\" en \"P\" assumed \"test\" }\n"
          expected["\(name)_\(suffix)"] = value
        }
      }
      text += "parameter not_\(a ? "t" : "f"): bool = not \(Self.literal(a)) { label ar \"م\" en \"P\" assumed \"test\" }\n"
      expected["not_\(a ? "t" : "f")"] = !a
    }
    let policy = try #require(checkedPolicy(text))
    for (name, value) in expected {
      let parameter = try #require(policy.parameters.first { $0.name == name }, "\(name)")
      #expect(parameter.value == .bool(value), "\(name)")
    }
  }
}

/// Reads a record (facts and documents as JSON text) under `policy` and decides it.
func decide(_ policy: CheckedPolicy, facts: String, documents: String = "", submittedOn: String = "2024-03-10")
  throws -> Decision
{
  let json = """
    {"application_id": "A-1", "association": "test", "submitted_on": "\(submittedOn)", "channel": "interview",
     "facts": {\(facts)}, "documents": [\(documents)]}
    """
  return try OracleComparison.decide(Evaluator(policy: policy), json).1
}
