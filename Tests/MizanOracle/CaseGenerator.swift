import MizanChecker
import MizanCore

// The fuzz target (Fuzz/run.sh oracle) compiles these files and SplitMix64 into one module.
#if canImport(MizanTestSupport)
  import MizanTestSupport
#endif

/// Generates policies (as source text, so the parser and the checker's folding are in the loop)
/// and records around their boundaries, from a seed: the same seed gives the same cases.
///
/// The vocabulary is fixed — facts of every type, a member list, four kinds of document — and
/// the rules are random expressions over it, typed by construction.
package struct CaseGenerator {
  package var random: SplitMix64
  /// Choices given from outside (a fuzzer's input), one byte a choice, used before `random`.
  var choices: [UInt8]
  var position = 0

  package init(seed: UInt64, choices: [UInt8] = []) {
    random = SplitMix64(seed: seed)
    self.choices = choices
  }

  /// The next choice: a byte of `choices` while there are any, then the seeded generator.
  mutating func next() -> UInt64 {
    guard position < choices.count else { return random.next() }
    position += 1
    return UInt64(choices[position - 1])
  }

  /// The submission day every record uses; dates are generated around it.
  package static let submission = CalendarDate(year: 2024, month: 3, day: 31) ?? .earliest

  /// A minimal valid header for a test policy of `association`, approved and effective
  /// 2024-01-01, with the channel vocabulary records name (`interview`, `website`).
  package static func policyHeader(association: String) -> String {
    """
    policy \(association) {
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
  }

  static let header = policyHeader(association: "oracle") + """
    enum color {
      label ar "لون" en "Color"
      value red ar "أحمر" en "Red"
      value green ar "أخضر" en "Green"
      value blue ar "أزرق" en "Blue"
    }
    member kid { label ar "ابن" en "Kid" }
    fact age of kid: count { label ar "العمر" en "Age" }
    fact pay of kid: money { label ar "الدخل" en "Pay" }
    fact girl of kid: bool { label ar "بنت" en "Girl" }
    fact born of kid: date { label ar "الميلاد" en "Born" }
    fact kids: list of kid { label ar "الأبناء" en "Kids" }
    fact m1: money { label ar "م" en "M1" }
    fact m2: money { label ar "م" en "M2" }
    fact n1: number { label ar "ع" en "N1" }
    fact c1: count { label ar "ع" en "C1" }
    fact d1: days { label ar "أ" en "D1" }
    fact t1: date { label ar "ت" en "T1" }
    fact t2: date { label ar "ت" en "T2" }
    fact b1: bool { label ar "ب" en "B1" }
    fact b2: bool { label ar "ب" en "B2" }
    fact e1: color { label ar "ل" en "E1" }
    fact ref: text { label ar "مرجع" en "Ref" }
    fact finding: bool { label ar "نتيجة" en "Finding" provided_by staff }
    parameter pm: money = 1500 SAR { label ar "ح" en "PM" assumed "test" }
    parameter pn: number = 2.5 { label ar "ح" en "PN" assumed "test" }
    parameter pc: count = 3 { label ar "ح" en "PC" assumed "test" }
    parameter pd: days = 14 days { label ar "ح" en "PD" assumed "test" }
    parameter pt: date = 2024-03-31 { label ar "ح" en "PT" assumed "test" }
    parameter ps: set of color = {red, blue} { label ar "ح" en "PS" assumed "test" }

    """

  /// Document types: (name, validity rule, the record fields it may carry).
  static let documentTypes: [(String, String)] = [
    ("card", "valid not_expired"),
    ("form", "valid dated_within 30 days"),
    ("letter", "valid dated_within 1 months"),
    ("pledge", "valid signed"),
    ("photo", ""),
  ]

  /// Documents staff provide (a visit report): who acts next depends on them.
  static let staffDocumentTypes = ["visit"]

  mutating func pick<T>(_ options: [T]) -> T { options[Int(next() % UInt64(options.count))] }
  mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }
  mutating func between(_ low: Int, _ high: Int) -> Int { low + Int(next() % UInt64(high - low + 1)) }

  // MARK: - Policies

  /// A policy: a few derived values, conditions and requirements over the fixed vocabulary,
  /// rules that refer to other rules, and requirements of each member of the list.
  package mutating func policy() -> String {
    var text = Self.header
    for (name, rule) in Self.documentTypes {
      text += "document \(name) { label ar \"و\" en \"\(name)\" provided_by applicant \(rule) }\n"
    }
    for name in Self.staffDocumentTypes {
      text += "document \(name) { label ar \"و\" en \"\(name)\" provided_by staff }\n"
    }
    if chance(50) {
      text += "committee board { label ar \"لجنة\" en \"Board\" reply_after \(pick(["14 days", "pd", "30 days"])) "
        + "cite \"نص\" }\n"
    }
    for (name, rule) in Self.memberDocumentTypes {
      text += "document \(name) of kid { label ar \"و\" en \"\(name)\" provided_by applicant \(rule) }\n"
    }
    let derivedCount = between(0, 2)
    for index in 0..<derivedCount {
      text += "derived dm\(index): money = \(money(depth: 2, derived: index)) { label ar \"م\" en \"DM\" }\n"
    }
    let conditions = between(1, 4)
    let requirements = between(0, 3)
    // Rules refer to rules without a cycle: conditions to earlier conditions, and either
    // requirements to conditions or conditions to requirements (`complete`), never both.
    let conditionsUseRequirements = chance(50)
    for index in 0..<conditions {
      var rules = (0..<index).map { "k\($0)" }
      if conditionsUseRequirements { rules += (0..<requirements).map { "complete(r\($0))" } }
      let when = chance(25) ? " when \(bool(depth: 2, derived: derivedCount, rules: rules))" : ""
      text += "condition k\(index): \(bool(depth: 3, derived: derivedCount, rules: rules))\(when) "
        + "{ label ar \"ش\" en \"K\" cite \"نص\" }\n"
    }
    let conditionNames = conditionsUseRequirements ? [] : (0..<conditions).map { "k\($0)" }
    for index in 0..<requirements {
      var items: [String] = []
      for _ in 0..<between(1, 2) {
        items.append(pick(["card", "form", "letter", "pledge", "photo", "b2", "ref", "visit", "finding"]))
      }
      let when = chance(35) ? " when \(bool(depth: 2, derived: derivedCount, rules: conditionNames))" : ""
      text += "requirement r\(index): \(Array(Set(items)).sorted().joined(separator: " or "))\(when) "
        + "{ label ar \"ق\" en \"R\" cite \"نص\" }\n"
    }
    for index in 0..<between(0, 2) {
      let items = chance(50) ? "cert" : pick(["idk", "cert or idk"])
      let filter = chance(60) ? " where \(bool(depth: 1, derived: 0, member: true))" : ""
      let when = chance(30) ? " when \(bool(depth: 1, derived: derivedCount))" : ""
      text += "requirement mr\(index): \(items) of kids\(filter)\(when) { label ar \"ق\" en \"MR\" cite \"نص\" }\n"
    }
    return text
  }

  /// Documents each kid may bring: (name, validity rule).
  static let memberDocumentTypes: [(String, String)] = [
    ("cert", "valid dated_within 1 months"),
    ("idk", "valid not_expired"),
  ]

  /// A bool expression, in the application's scope (`member` false) or a kid's.
  mutating func bool(depth: Int, derived: Int, member: Bool = false, rules: [String] = []) -> String {
    if depth <= 0 || chance(30) {
      // A rule's result (`k0`, `complete(r1)`), where the caller allows one.
      if !member, !rules.isEmpty, chance(30) { return pick(rules) }
      if member {
        return pick([
          "girl", "not girl", "age \(pick(Self.operators)) \(between(16, 19))", "pay \(pick(Self.operators)) \(money(depth: 0, derived: 0))",
          "born \(pick(Self.operators)) submitted_on - 18 years", "whole_years(born, submitted_on) \(pick(Self.operators)) 18",
          "b1", "pay \(pick(Self.operators)) pm",
        ])
      }
      switch between(0, 9) {
      case 0: return pick(["b1", "b2", "not b1", "known(m1)", "known(e1)", "finding"])
      case 1: return "\(money(depth: 1, derived: derived)) \(pick(Self.operators)) \(money(depth: 1, derived: derived))"
      case 2: return "\(number()) \(pick(Self.operators)) \(number())"
      case 3: return "\(count()) \(pick(Self.operators)) \(count())"
      case 4: return "\(days()) \(pick(Self.operators)) \(days())"
      case 5: return "\(date()) \(pick(Self.operators)) \(date())"
      case 6: return pick(["e1 in ps", "e1 not in ps", "e1 == green", "e1 != red", "e1 in {green}"])
      case 7: return "\(pick(["any", "all"]))(kids where \(bool(depth: 1, derived: 0, member: true)))"
      case 8: return "count(kids where \(bool(depth: 1, derived: 0, member: true))) \(pick(Self.operators)) \(between(0, 2))"
      default:
        let filter = chance(50) ? " where \(bool(depth: 1, derived: 0, member: true))" : ""
        return "sum(pay of kids\(filter)) \(pick(Self.operators)) \(money(depth: 0, derived: 0))"
      }
    }
    let left = bool(depth: depth - 1, derived: derived, member: member, rules: rules)
    let right = bool(depth: depth - 1, derived: derived, member: member, rules: rules)
    switch between(0, 2) {
    case 0: return "(\(left) and \(right))"
    case 1: return "(\(left) or \(right))"
    default: return "not (\(left))"
    }
  }

  static let operators = ["<", "<=", ">", ">=", "==", "!="]

  mutating func money(depth: Int, derived: Int) -> String {
    if depth <= 0 || chance(40) {
      var leaves = ["m1", "m2", "pm", "1500 SAR", "1499.99 SAR", "0 SAR", "3000 SAR"]
      for index in 0..<derived { leaves.append("dm\(index)") }
      return pick(leaves)
    }
    switch between(0, 3) {
    case 0: return "(\(money(depth: depth - 1, derived: derived)) + \(money(depth: depth - 1, derived: derived)))"
    case 1: return "(\(money(depth: depth - 1, derived: derived)) - \(money(depth: depth - 1, derived: derived)))"
    case 2: return "(\(money(depth: depth - 1, derived: derived)) / \(pick(["c1", "pc", "2", "count(kids)", "(c1 + 1)"])))"
    default: return "sum(pay of kids)"
    }
  }

  mutating func number() -> String { pick(["n1", "pn", "2.5", "2.4999", "(n1 * 2)", "(m1 / pm)"]) }
  mutating func count() -> String { pick(["c1", "pc", "3", "count(kids)", "(c1 + 1)", "(pc - 1)"]) }
  mutating func days() -> String { pick(["d1", "pd", "14 days", "(t1 - t2)", "(submitted_on - t1)", "days_between(t2, t1)"]) }
  mutating func date() -> String {
    pick(["t1", "t2", "pt", "submitted_on", "2024-02-29", "(t1 + 30 days)", "(t2 - 1 months)", "(submitted_on - 1 months)",
          "(t1 + pd)", "(pt - d1)"])
  }

  // MARK: - Records

  /// A date near the limits the policies use: the submission day, a month and 30 days before it,
  /// the end of February, each with a day either side; sometimes far away.
  mutating func nearDate() -> CalendarDate {
    let anchors = [Self.submission, CalendarDate(year: 2024, month: 2, day: 29), CalendarDate(year: 2024, month: 3, day: 1),
                   CalendarDate(year: 2024, month: 5, day: 1), CalendarDate(year: 2006, month: 3, day: 31)]
    let anchor = pick(anchors) ?? Self.submission
    return anchor.adding(days: between(-2, 2) + (chance(10) ? between(-400, 400) : 0)) ?? Self.submission
  }

  mutating func moneyValue() -> String {
    pick(["0", "1500", "1499.99", "1500.01", "3000", "4500", "749.5", "2999.99", "7500", "\(between(0, 5000))"])
  }

  /// A record: each fact given, `null` or absent; a list of 0–3 kids or none; some documents.
  package mutating func record() -> OracleRecord {
    var facts: [String: Value] = ["channel": .enumeration(0), "application_id": .text("A-1")]
    var json: [String] = []
    func give(_ name: String, _ text: String, _ value: Value?) {
      if let value { facts[name] = value }
      json.append("\"\(name)\": \(text)")
    }
    for name in ["m1", "m2"] {
      switch between(0, 9) {
      case 0: give(name, "null", nil)
      case 1: break
      default:
        let text = moneyValue()
        give(name, text, DecimalNumber(parsing: text).map(Value.number))
      }
    }
    if !chance(15) {
      let text = pick(["2.5", "2.4999", "2.5001", "0", "5", "1.25"])
      give("n1", text, DecimalNumber(parsing: text).map(Value.number))
    }
    if !chance(15) { let c = between(0, 5); give("c1", "\(c)", .number(DecimalNumber(integer: c))) }
    if !chance(15) { let d = pick([13, 14, 15, 0, 30, 31]); give("d1", "\(d)", .number(DecimalNumber(integer: d))) }
    for name in ["t1", "t2"] where !chance(15) {
      let date = nearDate()
      give(name, "\"\(date)\"", .date(date))
    }
    for name in ["b1", "b2"] {
      switch between(0, 4) {
      case 0: give(name, "null", nil)
      case 1: break
      default: let flag = chance(50); give(name, "\(flag)", .bool(flag))
      }
    }
    if !chance(20) { let index = between(0, 2); give("e1", "\"\(["red", "green", "blue"][index])\"", .enumeration(index)) }
    if chance(40) { give("ref", "\"R-1\"", .text("R-1")) }
    switch between(0, 2) {
    case 0: break
    default: let flag = chance(50); give("finding", "\(flag)", .bool(flag))
    }
    var lists: [String: [[String: Value]]] = [:]
    var memberDocuments: [String: [[OracleRecord.Document]]] = [:]
    if !chance(15) {
      var kids: [[String: Value]] = []
      var kidDocuments: [[OracleRecord.Document]] = []
      var kidsJSON: [String] = []
      for _ in 0..<between(0, 3) {
        var kid: [String: Value] = [:]
        var fields: [String] = []
        if !chance(15) { let age = between(15, 20); kid["age"] = .number(DecimalNumber(integer: age)); fields.append("\"age\": \(age)") }
        if !chance(15) {
          let pay = moneyValue()
          if let number = DecimalNumber(parsing: pay) { kid["pay"] = .number(number) }
          fields.append("\"pay\": \(pay)")
        }
        if !chance(15) { let girl = chance(50); kid["girl"] = .bool(girl); fields.append("\"girl\": \(girl)") }
        if !chance(15) {
          let born = nearDate()
          kid["born"] = .date(born)
          fields.append("\"born\": \"\(born)\"")
        }
        var documents: [OracleRecord.Document] = []
        var documentsJSON: [String] = []
        for _ in 0..<between(0, 2) {
          let (document, json) = self.document(pick(Self.memberDocumentTypes.map(\.0)))
          documents.append(document)
          documentsJSON.append(json)
        }
        if !documentsJSON.isEmpty { fields.append("\"documents\": [" + documentsJSON.joined(separator: ", ") + "]") }
        kids.append(kid)
        kidDocuments.append(documents)
        kidsJSON.append("{" + fields.joined(separator: ", ") + "}")
      }
      lists["kids"] = kids
      memberDocuments["kids"] = kidDocuments
      facts["kids"] = .number(DecimalNumber(integer: kids.count))
      json.append("\"kids\": [" + kidsJSON.joined(separator: ", ") + "]")
    }
    var documents: [OracleRecord.Document] = []
    var documentsJSON: [String] = []
    for _ in 0..<between(0, 4) {
      let (document, json) = document(pick(Self.documentTypes.map(\.0) + Self.staffDocumentTypes))
      documents.append(document)
      documentsJSON.append(json)
    }
    let text = """
      {"application_id": "A-1", "association": "oracle", "submitted_on": "\(Self.submission)", "channel": "interview", \
      "facts": {\(json.joined(separator: ", "))}, "documents": [\(documentsJSON.joined(separator: ", "))]}
      """
    return OracleRecord(submittedOn: Self.submission, facts: facts, lists: lists, memberDocuments: memberDocuments,
                        documents: documents, json: text)
  }

  /// A document of `type` with some of its dates, near the limits; and its JSON.
  mutating func document(_ type: String) -> (OracleRecord.Document, String) {
    var document = OracleRecord.Document(type: type)
    var fields = ["\"type\": \"\(type)\""]
    if chance(70) { let d = nearDate(); document.expiresOn = d; fields.append("\"expires_on\": \"\(d)\"") }
    if chance(60) { let d = nearDate(); document.dated = d; fields.append("\"dated\": \"\(d)\"") }
    if chance(20) { let d = nearDate(); document.issuedOn = d; fields.append("\"issued_on\": \"\(d)\"") }
    if chance(60) { let d = nearDate(); document.signedOn = d; fields.append("\"signed_on\": \"\(d)\"") }
    return (document, "{" + fields.joined(separator: ", ") + "}")
  }
}
