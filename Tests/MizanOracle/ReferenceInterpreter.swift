import MizanChecker
import MizanCore
import MizanSyntax

/// A record as the reference interpreter reads it: facts by name (a fact that is absent is
/// unknown), member lists by name, documents with their dates.
package struct OracleRecord: Sendable, CustomStringConvertible {
  package struct Document: Sendable {
    package var type: String
    package var expiresOn: CalendarDate?
    package var dated: CalendarDate?
    package var issuedOn: CalendarDate?
    package var signedOn: CalendarDate?

    package init(type: String, expiresOn: CalendarDate? = nil, dated: CalendarDate? = nil, issuedOn: CalendarDate? = nil,
                signedOn: CalendarDate? = nil) {
      self.type = type
      self.expiresOn = expiresOn
      self.dated = dated
      self.issuedOn = issuedOn
      self.signedOn = signedOn
    }
  }

  package var submittedOn: CalendarDate
  /// Facts the record gives (a `null` or absent fact is simply not here), the envelope's included.
  package var facts: [String: Value]
  /// Lists of members by fact name: each member's facts by name. A list not here is unknown.
  package var lists: [String: [[String: Value]]]
  /// The documents each member brought, by list name and member position.
  package var memberDocuments: [String: [[Document]]]
  package var documents: [Document]
  /// The record as JSON, written by the generator: what the engine reads.
  package var json: String

  package init(submittedOn: CalendarDate, facts: [String: Value], lists: [String: [[String: Value]]],
              memberDocuments: [String: [[Document]]], documents: [Document], json: String) {
    self.submittedOn = submittedOn
    self.facts = facts
    self.lists = lists
    self.memberDocuments = memberDocuments
    self.documents = documents
    self.json = json
  }

  package var description: String { json }
}

/// What the reference interpreter decides: plain names and words, so that a disagreement prints
/// readably.
package struct OracleDecision: Equatable, Sendable, CustomStringConvertible {
  package var verdict: String
  /// Each condition's result (`true`, `false`, `unknown`), by name.
  package var conditions: [String: String]
  /// Each requirement's checklist status (`provided`, `missing`, …), by name.
  package var requirements: [String: String]
  /// Each missing fact (`income`, `kids[1].age`) and the names of the rules that needed it.
  package var missingFacts: [String: Set<String>]
  /// The rows of member requirements in order: `mr0 kids[1] provided` (`kids[-1]` for an unknown list).
  package var memberRows: [String]
  /// Who acts next: `committee 2024-04-14` (eligible, the earliest reply), `register` (eligible,
  /// no committee), `applicant`, `staff` or `applicant+staff` (incomplete), `none` (ineligible).
  package var nextStep: String

  package init(verdict: String, conditions: [String: String], requirements: [String: String],
              missingFacts: [String: Set<String>], memberRows: [String], nextStep: String) {
    self.nextStep = nextStep
    self.verdict = verdict
    self.conditions = conditions
    self.requirements = requirements
    self.missingFacts = missingFacts
    self.memberRows = memberRows
  }

  package var description: String {
    let conditions = self.conditions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    let requirements = self.requirements.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    let missing = missingFacts.sorted { $0.key < $1.key }.map { "\($0.key)←\($0.value.sorted())" }
    return "verdict \(verdict); next step \(nextStep); conditions \(conditions); checklist \(requirements); member rows \(memberRows); "
      + "missing \(missing)"
  }
}

/// A deliberately naive evaluator of a `CheckedPolicy`, the engine's test oracle: it walks the
/// checked expressions as written, by name, with no plan, no fast paths and no reuse, and
/// spells out Kleene's tables and the comparisons itself instead of calling the engine's
/// operators and calendar months. Only exact decimal arithmetic, adding days and a date's
/// components are borrowed from `MizanCore` (they have their own tests). Written for clarity,
/// never for speed.
package struct ReferenceInterpreter {
  package let policy: CheckedPolicy

  package init(policy: CheckedPolicy) { self.policy = policy }

  /// Three truth values, independent of `Truth` so that a bug there cannot hide here.
  enum K: String { case yes = "true", no = "false", unknown }

  static func and(_ a: K, _ b: K) -> K {
    if a == .no || b == .no { return .no }
    if a == .yes && b == .yes { return .yes }
    return .unknown
  }

  static func or(_ a: K, _ b: K) -> K {
    if a == .yes || b == .yes { return .yes }
    if a == .no && b == .no { return .no }
    return .unknown
  }

  static func not(_ a: K) -> K {
    switch a {
    case .yes: .no
    case .no: .yes
    case .unknown: .unknown
    }
  }

  /// Where an expression is read: the record, and the member a quantifier is looking at.
  struct Scope {
    var record: OracleRecord
    var derived: [Value?]
    var conditions: [K]
    var requirements: [String]
    /// (list name, member position, the member's facts)
    var member: (list: String, position: Int, facts: [String: Value])?
  }

  // MARK: - Decide

  package func decide(_ record: OracleRecord) -> OracleDecision {
    var scope = Scope(record: record, derived: [], conditions: Array(repeating: .unknown, count: policy.conditions.count),
                      requirements: Array(repeating: "", count: policy.requirements.count))
    for derived in policy.derived { scope.derived.append(value(derived.expression, scope)) }
    var missing: [String: Set<String>] = [:]
    for rule in policy.ruleOrder {
      switch rule {
      case .condition(let index):
        let condition = policy.conditions[index]
        let test = truth(condition.test, scope)
        var result = test
        if let when = condition.when { result = Self.or(Self.not(truth(when, scope)), test) }
        scope.conditions[index] = result
        if result == .unknown {
          for fact in unknownFacts(condition.when, scope) + unknownFacts(condition.test, scope) {
            missing[fact, default: []].insert(condition.name)
          }
        }
      case .requirement(let index):
        let requirement = policy.requirements[index]
        let status = self.status(of: requirement, scope)
        scope.requirements[index] = status
        if status == "undetermined" {
          for fact in unknownFacts(requirement.when, scope) { missing[fact, default: []].insert(requirement.name) }
        }
        if status == "missing" {
          for case .fact(let slot) in requirement.alternatives {
            missing[policy.facts[slot].name, default: []].insert(requirement.name)
          }
        }
      }
    }
    let rows = memberRows(scope, &missing)
    let anyFalse = scope.conditions.contains(.no)
    let anyOpen = scope.conditions.contains(.unknown)
      || scope.requirements.contains { $0 != "provided" && $0 != "not_required" }
      || rows.contains { !$0.hasSuffix(" provided") }
    let verdict = anyFalse ? "ineligible" : anyOpen ? "incomplete" : "eligible"
    return OracleDecision(
      verdict: verdict,
      conditions: Dictionary(uniqueKeysWithValues: policy.conditions.indices.map {
        (policy.conditions[$0].name, scope.conditions[$0].rawValue)
      }),
      requirements: Dictionary(uniqueKeysWithValues: policy.requirements.indices.map {
        (policy.requirements[$0].name, scope.requirements[$0])
      }),
      missingFacts: missing, memberRows: rows,
      nextStep: nextStep(verdict, scope, rows: rows, missing: Array(missing.keys)))
  }

  // MARK: - The next step

  /// Eligible: to the committee, which may reply from the submission day plus its period, or
  /// registration when the policy names no committee. Incomplete: whoever must act on each open
  /// item — staff for an undetermined one, otherwise the provider of the item's document (of its
  /// first document alternative; the applicant when it has none) — and on each missing fact.
  func nextStep(_ verdict: String, _ scope: Scope, rows: [String], missing: [String]) -> String {
    switch verdict {
    case "eligible":
      guard let committee = policy.committee else { return "register" }
      return "committee " + (scope.record.submittedOn.adding(days: committee.replyAfterDays).map { "\($0)" } ?? "none")
    case "incomplete":
      var actors: Set<Provider> = []
      for (index, requirement) in policy.requirements.enumerated() {
        let status = scope.requirements[index]
        if status == "provided" || status == "not_required" { continue }
        actors.insert(status == "undetermined" ? .staff : firstDocumentProvider(requirement.alternatives))
      }
      for row in rows where !row.hasSuffix(" provided") {
        guard !row.hasSuffix(" undetermined") else {
          actors.insert(.staff)
          continue
        }
        let name = String(row.prefix { $0 != " " })
        guard let requirement = policy.memberRequirements.first(where: { $0.name == name }),
          let first = requirement.alternatives.first
        else { continue }
        actors.insert(policy.members[requirement.kind].documents[first].provider)
      }
      for fact in missing { actors.insert(provider(ofFactNamed: fact)) }
      return [Provider.applicant, .staff].filter { actors.contains($0) }.map { $0 == .staff ? "staff" : "applicant" }
        .joined(separator: "+")
    default:
      return "none"
    }
  }

  func firstDocumentProvider(_ alternatives: [RequirementItem]) -> Provider {
    for case .document(let type) in alternatives { return policy.documents[type].provider }
    return .applicant
  }

  /// Who gives a fact named as the outcome names it (`income`, `kids[1].age`).
  func provider(ofFactNamed name: String) -> Provider {
    guard let bracket = name.firstIndex(of: "[") else {
      return policy.facts.first { $0.name == name }?.provider ?? .applicant
    }
    let list = String(name[..<bracket])
    let factName = String(name[name.index(after: name.lastIndex(of: ".") ?? bracket)...])
    guard let listFact = policy.facts.first(where: { $0.name == list }), case .listOf(let kindName) = listFact.type,
      let kind = policy.members.first(where: { $0.name == kindName })
    else { return .applicant }
    return kind.facts.first { $0.name == factName }?.provider ?? .applicant
  }

  /// One row for each member a member requirement selects: none when its `when` is false, one
  /// undetermined row for an unknown list, an undetermined row for a member the `where` may or
  /// may not select, otherwise the member's best document among the alternatives.
  func memberRows(_ scope: Scope, _ missing: inout [String: Set<String>]) -> [String] {
    var rows: [String] = []
    for requirement in policy.memberRequirements {
      let applies = requirement.when.map { truth($0, scope) } ?? .yes
      if applies == .no { continue }
      let list = policy.facts[requirement.list].name
      guard let members = scope.record.lists[list] else {
        rows.append("\(requirement.name) \(list)[-1] undetermined")
        missing[list, default: []].insert(requirement.name)
        continue
      }
      let kind = policy.members[requirement.kind]
      for (position, member) in members.enumerated() {
        var inner = scope
        inner.member = (list, position, member)
        let selected = Self.and(applies, requirement.filter.map { truth($0, inner) } ?? .yes)
        if selected == .no { continue }
        if selected == .unknown {
          rows.append("\(requirement.name) \(list)[\(position)] undetermined")
          for fact in unknownFacts(requirement.when, inner) + unknownFacts(requirement.filter, inner) {
            missing[fact, default: []].insert(requirement.name)
          }
          continue
        }
        var best = "missing"
        let documents = scope.record.memberDocuments[list].map { position < $0.count ? $0[position] : [] } ?? []
        for document in documents {
          guard let type = kind.documents.firstIndex(where: { $0.name == document.type }),
            requirement.alternatives.contains(type)
          else { continue }
          let found = judge(document, kind.documents[type].validity, on: scope.record.submittedOn)
          best = Self.better(found, best)
        }
        rows.append("\(requirement.name) \(list)[\(position)] \(best)")
      }
    }
    return rows
  }

  // MARK: - The checklist

  /// The better of two statuses of one item: provided, then expired, then invalid, then missing.
  static func better(_ a: String, _ b: String) -> String {
    let order = ["missing", "invalid", "expired", "provided"]
    return (order.firstIndex(of: a) ?? 0) > (order.firstIndex(of: b) ?? 0) ? a : b
  }

  /// A requirement's status: `not_required` when its `when` is false, `undetermined` when it is
  /// unknown, otherwise the best of its alternatives (a given fact counts as a valid document,
  /// a yes/no fact only when true).
  func status(of requirement: CheckedRequirement, _ scope: Scope) -> String {
    if let when = requirement.when {
      switch truth(when, scope) {
      case .no: return "not_required"
      case .unknown: return "undetermined"
      case .yes: break
      }
    }
    var best = "missing"
    for alternative in requirement.alternatives {
      let found: String
      switch alternative {
      case .fact(let slot):
        switch scope.record.facts[policy.facts[slot].name] {
        case nil, .bool(false)?: found = "missing"
        default: found = "provided"
        }
      case .document(let type):
        found = documentStatus(type, scope.record)
      }
      best = Self.better(found, best)
    }
    return best
  }

  /// The best status among the record's documents of type `type`, judged on the submission day.
  func documentStatus(_ type: Int, _ record: OracleRecord) -> String {
    var best = "missing"
    for document in record.documents where document.type == policy.documents[type].name {
      let found = judge(document, policy.documents[type].validity, on: record.submittedOn)
      best = Self.better(found, best)
    }
    return best
  }

  /// One document against its type's rules, in order; the first rule that fails decides.
  func judge(_ document: OracleRecord.Document, _ rules: [ValidityRule], on day: CalendarDate) -> String {
    for rule in rules {
      switch rule {
      case .notExpired:
        guard let expires = document.expiresOn else { return "invalid" }
        // Valid through the expiry day itself.
        if expires.dayNumber < day.dayNumber { return "expired" }
      case .datedWithin(let period, _):
        guard let dated = document.dated ?? document.issuedOn else { return "invalid" }
        if dated.dayNumber > day.dayNumber { return "invalid" }
        let earliest: CalendarDate? = switch period.unit {
        case .days: day.adding(days: -period.amount)
        case .months: Self.adding(months: -period.amount, to: day)
        case .years: Self.adding(months: -12 * period.amount, to: day)
        }
        if let earliest, dated.dayNumber < earliest.dayNumber { return "expired" }
      case .signed:
        guard let signed = document.signedOn else { return "invalid" }
        if signed.dayNumber > day.dayNumber { return "invalid" }
      case .test:
        // Field tests are not generated; a policy with one is outside the oracle.
        return "invalid"
      }
    }
    return "provided"
  }

  // MARK: - Expressions

  func truth(_ expression: TypedExpression, _ scope: Scope) -> K {
    switch expression {
    case .not(let inner, _): return Self.not(truth(inner, scope))
    case .and(let left, let right, _): return Self.and(truth(left, scope), truth(right, scope))
    case .or(let left, let right, _): return Self.or(truth(left, scope), truth(right, scope))
    case .known(let slot, _): return scope.record.facts[policy.facts[slot].name] == nil ? .no : .yes
    case .provided(let type, _): return documentStatus(type, scope.record) == "missing" ? .no : .yes
    case .valid(let type, _): return documentStatus(type, scope.record) == "provided" ? .yes : .no
    case .conditionResult(let index, _): return scope.conditions[index]
    case .requirementComplete(let index, _):
      switch scope.requirements[index] {
      case "provided", "not_required": return .yes
      case "undetermined": return .unknown
      default: return .no
      }
    case .quantifier(let quantifier, let list, _, let filter, let body, _) where quantifier == .any || quantifier == .all:
      let isAny = quantifier == .any
      guard let members = scope.record.lists[policy.facts[list].name] else { return .unknown }
      var result: K = isAny ? .no : .yes
      for (position, member) in members.enumerated() {
        var inner = scope
        inner.member = (policy.facts[list].name, position, member)
        guard let test = filter ?? body else { continue }
        result = isAny ? Self.or(result, truth(test, inner)) : Self.and(result, truth(test, inner))
      }
      return result
    default:
      switch value(expression, scope) {
      case .bool(let flag)?: return flag ? .yes : .no
      case nil: return .unknown
      default: return .no
      }
    }
  }

  func value(_ expression: TypedExpression, _ scope: Scope) -> Value? {
    switch expression {
    case .constant(let value, _): return value
    case .fact(let slot, _):
      let name = policy.facts[slot].name
      if name == "submitted_on" { return .date(scope.record.submittedOn) }
      return scope.record.facts[name]
    case .derived(let index, _): return scope.derived[index]
    case .parameter(let index, _): return policy.parameters[index].value
    case .memberFact(let kind, let slot, _):
      return scope.member?.facts[policy.members[kind].facts[slot].name]
    case .negate(let inner, _):
      guard case .number(let number)? = value(inner, scope) else { return nil }
      return DecimalNumber(integer: 0).subtracting(number).map(Value.number)
    case .compare(let op, let left, let right, _):
      guard let l = value(left, scope), let r = value(right, scope) else { return nil }
      return .bool(Self.compare(op, l, r))
    case .member(let element, let set, let negated, _):
      guard case .enumeration(let index)? = value(element, scope), case .set(let bits)? = value(set, scope) else {
        return nil
      }
      let inSet = index >= 0 && index < 64 && (bits >> UInt64(index)) & 1 == 1
      return .bool(inSet != negated)
    case .arithmetic(let op, let left, let right, _, _):
      guard let l = value(left, scope), let r = value(right, scope) else { return nil }
      return Self.arithmetic(op, l, r)
    case .shiftMonths(let date, let months, let subtract, _):
      guard case .date(let start)? = value(date, scope), case .number(let count)? = value(months, scope),
        let whole = count.wholeValue
      else { return nil }
      return Self.adding(months: subtract ? -whole : whole, to: start).map(Value.date)
    case .wholeYears(let from, let to, _):
      guard case .date(let start)? = value(from, scope), case .date(let end)? = value(to, scope) else { return nil }
      return .number(DecimalNumber(integer: Self.age(from: start, to: end)))
    case .daysBetween(let from, let to, _):
      guard case .date(let start)? = value(from, scope), case .date(let end)? = value(to, scope) else { return nil }
      return .number(DecimalNumber(integer: end.dayNumber - start.dayNumber))
    case .quantifier(let quantifier, let list, _, let filter, let body, _) where quantifier == .count
      || quantifier == .sum:
      guard let members = scope.record.lists[policy.facts[list].name] else { return nil }
      var total = DecimalNumber(integer: 0)
      for (position, member) in members.enumerated() {
        var inner = scope
        inner.member = (policy.facts[list].name, position, member)
        if let filter {
          switch truth(filter, inner) {
          case .no: continue
          case .unknown: return nil  // this member might or might not count
          case .yes: break
          }
        }
        var amount = DecimalNumber(integer: 1)
        if quantifier == .sum {
          guard let body, case .number(let summand)? = value(body, inner) else { return nil }
          amount = summand
        }
        guard let sum = total.adding(amount) else { return nil }
        total = sum
      }
      return .number(total)
    case .not, .and, .or, .known, .provided, .valid, .conditionResult, .requirementComplete, .quantifier:
      switch truth(expression, scope) {
      case .yes: return .bool(true)
      case .no: return .bool(false)
      case .unknown: return nil
      }
    case .wholeHijriYears, .documentField, .inVocabulary, .isCitizen:
      // Not generated: outside the oracle.
      return nil
    }
  }

  /// Comparisons spelled out on the numbers' scaled integers and the dates' day numbers.
  static func compare(_ op: BinaryOperator, _ left: Value, _ right: Value) -> Bool {
    let order: Int
    switch (left, right) {
    case (.number(let l), .number(let r)): order = l.scaled < r.scaled ? -1 : l.scaled == r.scaled ? 0 : 1
    case (.date(let l), .date(let r)): order = l.dayNumber < r.dayNumber ? -1 : l.dayNumber == r.dayNumber ? 0 : 1
    default:
      switch op {
      case .equal: return left == right
      case .notEqual: return left != right
      default: return false
      }
    }
    switch op {
    case .less: return order == -1
    case .lessEqual: return order != 1
    case .greater: return order == 1
    case .greaterEqual: return order != -1
    case .equal: return order == 0
    case .notEqual: return order != 0
    default: return false
    }
  }

  static func arithmetic(_ op: BinaryOperator, _ left: Value, _ right: Value) -> Value? {
    switch (left, right) {
    case (.number(let l), .number(let r)):
      let result: DecimalNumber? = switch op {
      case .plus: l.adding(r)
      case .minus: l.subtracting(r)
      case .times: l.multiplied(by: r)
      case .divided: l.divided(by: r)
      default: nil
      }
      return result.map(Value.number)
    case (.date(let date), .number(let days)), (.number(let days), .date(let date)):
      guard let whole = days.wholeValue else { return nil }
      return date.adding(days: op == .minus ? -whole : whole).map(Value.date)
    case (.date(let l), .date(let r)) where op == .minus:
      return .number(DecimalNumber(integer: l.dayNumber - r.dayNumber))
    default:
      return nil
    }
  }

  /// Calendar months added to a date, written out here rather than borrowed: the same day of the
  /// month, or the month's last day when it is shorter (31 March less a month is 29 February 2024).
  static func adding(months: Int, to date: CalendarDate) -> CalendarDate? {
    let (year, month, day) = date.components
    let total = year * 12 + (month - 1) + months
    let newYear = total >= 0 ? total / 12 : (total - 11) / 12
    let newMonth = total - newYear * 12 + 1
    let leap = newYear % 4 == 0 && (newYear % 100 != 0 || newYear % 400 == 0)
    let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return CalendarDate(year: newYear, month: newMonth, day: min(day, lengths[newMonth - 1]))
  }

  /// Completed years from `start` to `end`, as an age: the birthday reached on the same month
  /// and day (29 February in a common year on 1 March).
  static func age(from start: CalendarDate, to end: CalendarDate) -> Int {
    if end.dayNumber < start.dayNumber { return -age(from: end, to: start) }
    let (y0, m0, d0) = start.components
    let (y1, m1, d1) = end.components
    let reached = m1 * 100 + d1 >= m0 * 100 + d0
    return y1 - y0 - (reached ? 0 : 1)
  }

  // MARK: - Missing facts

  /// The facts an expression reads that the record leaves unknown — through derived values that
  /// came out unknown and conditions referred to that are unknown — named as the outcome names
  /// them (`income`, `kids[1].age`). Every operand is read, whatever the others say.
  func unknownFacts(_ expression: TypedExpression?, _ scope: Scope) -> [String] {
    guard let expression else { return [] }
    var found: [String] = []
    func visit(_ expression: TypedExpression, _ scope: Scope) {
      switch expression {
      case .fact(let slot, _), .known(let slot, _):
        let name = policy.facts[slot].name
        if name != "submitted_on", scope.record.facts[name] == nil { found.append(name) }
      case .memberFact(let kind, let slot, _):
        guard let member = scope.member else { return }
        let name = policy.members[kind].facts[slot].name
        if member.facts[name] == nil { found.append("\(member.list)[\(member.position)].\(name)") }
      case .derived(let index, _):
        if scope.derived[index] == nil { visit(policy.derived[index].expression, scope) }
      case .conditionResult(let index, _):
        guard scope.conditions[index] == .unknown else { return }
        if let when = policy.conditions[index].when { visit(when, scope) }
        visit(policy.conditions[index].test, scope)
      case .requirementComplete(let index, _):
        guard scope.requirements[index] == "undetermined", let when = policy.requirements[index].when else { return }
        visit(when, scope)
      case .quantifier(_, let list, _, let filter, let body, _):
        let name = policy.facts[list].name
        guard let members = scope.record.lists[name] else {
          found.append(name)
          return
        }
        for (position, member) in members.enumerated() {
          var inner = scope
          inner.member = (name, position, member)
          if let filter { visit(filter, inner) }
          if let body { visit(body, inner) }
        }
      case .not(let inner, _), .negate(let inner, _), .isCitizen(let inner, _), .inVocabulary(let inner, _, _, _):
        visit(inner, scope)
      case .and(let l, let r, _), .or(let l, let r, _), .compare(_, let l, let r, _), .arithmetic(_, let l, let r, _, _),
        .member(let l, let r, _, _), .wholeYears(let l, let r, _), .daysBetween(let l, let r, _),
        .wholeHijriYears(let l, let r, _), .shiftMonths(let l, let r, _, _):
        visit(l, scope)
        visit(r, scope)
      case .constant, .parameter, .provided, .valid, .documentField:
        break
      }
    }
    visit(expression, scope)
    return found
  }
}
