import MizanChecker
import MizanCore
import MizanSyntax

extension Evaluator {
  /// The value of the plan node `index`, or nil when unknown. Kleene logic for `and`/`or`/`not`;
  /// any other operator with an unknown operand is unknown (and its later operands are not
  /// evaluated); arithmetic faults (division by zero, overflow, a date out of range) are unknown
  /// with a note, never a crash.
  func value(_ index: Int, _ record: ApplicantRecord, _ decision: Decision, notes: inout [String]) -> Value? {
    let node = plan.nodes[index]
    switch node.kind {
    case .constant:
      return plan.constants[Int(node.left)]
    case .fact:
      return record.facts[Int(node.left)]
    case .derived:
      return decision.derived[Int(node.left)]
    case .parameter:
      return plan.parameterValues[Int(node.left)]
    case .not, .and, .or, .compare, .member, .provided, .valid, .known:
      switch truth(index, record, decision, notes: &notes) {
      case .true: return .bool(true)
      case .false: return .bool(false)
      case .unknown: return nil
      }
    case .negate:
      if node.numeric { return number(index, record, decision, notes: &notes).map(Value.number) }
      guard case .number(let number)? = value(Int(node.left), record, decision, notes: &notes) else { return nil }
      return number.negated().map(Value.number)
    case .arithmetic:
      if node.numeric { return number(index, record, decision, notes: &notes).map(Value.number) }
      guard let l = value(Int(node.left), record, decision, notes: &notes),
        let r = value(Int(node.right), record, decision, notes: &notes)
      else { return nil }
      guard let result = Operations.arithmetic(node.op, l, r) else {
        noteArithmeticFault(node, divisionByZero: node.op == .divided && r == .number(DecimalNumber(integer: 0)),
                            notes: &notes)
        return nil
      }
      return result
    case .wholeYears:
      guard case .date(let start)? = value(Int(node.left), record, decision, notes: &notes),
        case .date(let end)? = value(Int(node.right), record, decision, notes: &notes)
      else { return nil }
      return .number(DecimalNumber(integer: start.wholeYears(to: end)))
    case .daysBetween:
      guard case .date(let start)? = value(Int(node.left), record, decision, notes: &notes),
        case .date(let end)? = value(Int(node.right), record, decision, notes: &notes)
      else { return nil }
      return .number(DecimalNumber(integer: start.days(to: end)))
    case .wholeHijriYears:
      guard case .date(let start)? = value(Int(node.left), record, decision, notes: &notes),
        case .date(let end)? = value(Int(node.right), record, decision, notes: &notes)
      else { return nil }
      // Outside the Umm al-Qura table (1300–1600 AH) the Hijri age is unknown.
      return start.wholeHijriYears(to: end).map { .number(DecimalNumber(integer: $0)) }
    case .memberFact:
      return record.member?.facts[Int(node.left)]
    case .documentField:
      guard Int(node.left) < record.judgedFields.count else { return nil }
      return record.judgedFields[Int(node.left)]
    case .countMembers, .sumMembers:
      return aggregate(node, record, decision, notes: &notes).map(Value.number)
    case .anyMember, .allMembers, .conditionResult, .requirementComplete, .isCitizen, .inVocabulary:
      switch truth(index, record, decision, notes: &notes) {
      case .true: return .bool(true)
      case .false: return .bool(false)
      case .unknown: return nil
      }
    case .shiftMonths:
      guard let date = value(Int(node.left), record, decision, notes: &notes),
        let months = value(Int(node.right), record, decision, notes: &notes)
      else { return nil }
      guard let result = Operations.shifting(date, months: months, subtract: node.op == .minus) else {
        noteArithmeticFault(node, divisionByZero: false, notes: &notes)
        return nil
      }
      return result
    }
  }

  /// The value of the number-typed plan node `index`, without building a `Value` for the
  /// operands of numeric arithmetic (the common case: money, counts, days).
  func number(_ index: Int, _ record: ApplicantRecord, _ decision: Decision, notes: inout [String]) -> DecimalNumber? {
    let node = plan.nodes[index]
    switch node.kind {
    case .fact:
      if case .number(let number)? = record.facts[Int(node.left)] { return number }
      return nil
    case .derived:
      if case .number(let number)? = decision.derived[Int(node.left)] { return number }
      return nil
    case .parameter:
      if case .number(let number) = plan.parameterValues[Int(node.left)] { return number }
      return nil
    case .constant:
      if case .number(let number) = plan.constants[Int(node.left)] { return number }
      return nil
    case .negate where node.numeric:
      return number(Int(node.left), record, decision, notes: &notes)?.negated()
    case .arithmetic where node.numeric:
      guard let l = number(Int(node.left), record, decision, notes: &notes),
        let r = number(Int(node.right), record, decision, notes: &notes)
      else { return nil }
      let result = Operations.arithmetic(node.op, l, r)
      if result == nil {
        noteArithmeticFault(node, divisionByZero: node.op == .divided && r == DecimalNumber(integer: 0), notes: &notes)
      }
      return result
    default:
      if case .number(let number)? = value(index, record, decision, notes: &notes) { return number }
      return nil
    }
  }

  /// `count(list where …)` or `sum(e of list where …)`: unknown when the list is, or when the
  /// `where` or the summand of a member is (a count cannot be known while one member might or
  /// might not be in it).
  func aggregate(_ node: EvaluationPlan.Node, _ record: ApplicantRecord, _ decision: Decision,
                 notes: inout [String]) -> DecimalNumber? {
    guard let members = record.lists[Int(node.left)] else { return nil }
    var total = DecimalNumber(integer: 0)
    var scoped = record
    for member in members {
      scoped.member = member
      if node.right >= 0 {
        switch truth(Int(node.right), scoped, decision, notes: &notes) {
        case .false: continue
        case .unknown: return nil
        case .true: break
        }
      }
      let amount: DecimalNumber
      if node.kind == .sumMembers {
        guard let summand = number(Int(node.third), scoped, decision, notes: &notes) else { return nil }
        amount = summand
      } else {
        amount = DecimalNumber(integer: 1)
      }
      guard let sum = total.adding(amount) else {
        noteArithmeticFault(node, divisionByZero: false, notes: &notes)
        return nil
      }
      total = sum
    }
    return total
  }

  /// `any(list where …)` or `all(list where …)`, in Kleene logic: some member true makes `any`
  /// true and some false makes `all` false, whatever the others; otherwise an unknown member
  /// leaves the answer unknown. `all` of an empty list is true, `any` false.
  func quantified(_ node: EvaluationPlan.Node, _ record: ApplicantRecord, _ decision: Decision,
                  notes: inout [String]) -> Truth {
    guard let members = record.lists[Int(node.left)] else { return .unknown }
    let isAny = node.kind == .anyMember
    var result: Truth = isAny ? .false : .true
    var scoped = record
    for member in members {
      scoped.member = member
      let test = truth(Int(node.right), scoped, decision, notes: &notes)
      result = isAny ? (result || test) : (result && test)
      if result == (isAny ? .true : .false) { return result }
    }
    return result
  }

  /// Notes why an arithmetic node's result is unknown.
  private func noteArithmeticFault(_ node: EvaluationPlan.Node, divisionByZero: Bool, notes: inout [String]) {
    let location = EvaluationPlan.location(plan.spans[Int(node.span)])
    notes.append(divisionByZero ? TraceNote.divisionByZero(at: location) : TraceNote.outOfRange(at: location))
  }

  /// The truth of the boolean plan node `index`.
  func truth(_ index: Int, _ record: ApplicantRecord, _ decision: Decision, notes: inout [String]) -> Truth {
    let node = plan.nodes[index]
    switch node.kind {
    case .not:
      return !truth(Int(node.left), record, decision, notes: &notes)
    case .and:
      let l = truth(Int(node.left), record, decision, notes: &notes)
      let r = truth(Int(node.right), record, decision, notes: &notes)
      return l && r
    case .or:
      let l = truth(Int(node.left), record, decision, notes: &notes)
      let r = truth(Int(node.right), record, decision, notes: &notes)
      return l || r
    case .compare where node.numeric:
      guard let l = number(Int(node.left), record, decision, notes: &notes),
        let r = number(Int(node.right), record, decision, notes: &notes)
      else { return .unknown }
      return Truth(Operations.compare(node.op, l, r))
    case .compare where (node.op == .equal || node.op == .notEqual) && plan.nodes[Int(node.left)].kind == .fact
      && plan.nodes[Int(node.right)].kind == .constant:
      // `fact = constant` (a governorate, a status): compared in place.
      guard let fact = record.facts[Int(plan.nodes[Int(node.left)].left)] else { return .unknown }
      return Truth((fact == plan.constants[Int(plan.nodes[Int(node.right)].left)]) == (node.op == .equal))
    case .compare:
      guard let l = value(Int(node.left), record, decision, notes: &notes),
        let r = value(Int(node.right), record, decision, notes: &notes)
      else { return .unknown }
      return Truth(Operations.compare(node.op, l, r))
    case .member where plan.nodes[Int(node.left)].kind == .fact:
      // `fact in {…}`, the usual shape: the fact's enumeration index against the set's bits,
      // without copying either as a `Value`.
      let set = plan.nodes[Int(node.right)]
      let bits: UInt64
      switch set.kind {
      case .constant:
        guard case .set(let constant) = plan.constants[Int(set.left)] else {
          return memberTruth(node, record, decision, notes: &notes)
        }
        bits = constant
      case .parameter:
        guard case .set(let parameter) = plan.parameterValues[Int(set.left)] else {
          return memberTruth(node, record, decision, notes: &notes)
        }
        bits = parameter
      default:
        return memberTruth(node, record, decision, notes: &notes)
      }
      switch record.facts[Int(plan.nodes[Int(node.left)].left)] {
      case nil: return .unknown
      case .enumeration(let index)?:
        return Truth(Operations.contains(bits: bits, index) != node.negated)
      default: return memberTruth(node, record, decision, notes: &notes)
      }
    case .member:
      return memberTruth(node, record, decision, notes: &notes)
    case .provided:
      return Truth(decision.documents[Int(node.left)].isProvided)
    case .valid:
      return Truth(decision.documents[Int(node.left)].isValid)
    case .known:
      return Truth(record.facts[Int(node.left)] != nil)
    case .anyMember, .allMembers:
      return quantified(node, record, decision, notes: &notes)
    case .isCitizen:
      guard case .text(let id)? = value(Int(node.left), record, decision, notes: &notes) else { return .unknown }
      return Truth(SaudiID.isCitizen(id))
    case .inVocabulary:
      guard case .text(let text)? = value(Int(node.left), record, decision, notes: &notes) else { return .unknown }
      return Truth(plan.vocabularies[Int(node.right)].contains(VocabularyText.normalized(text)) != node.negated)
    case .conditionResult:
      // Decided before this rule (the checker orders rules after those they refer to).
      return decision.conditions[Int(node.left)].result
    case .requirementComplete:
      switch decision.requirements[Int(node.left)].status {
      case .provided, .notRequired: return .true
      case .missing, .expired, .invalid: return .false
      case .undetermined: return .unknown
      }
    default:
      switch value(index, record, decision, notes: &notes) {
      case .bool(let flag)?: return Truth(flag)
      case nil: return .unknown
      default: return .false
      }
    }
  }

  /// `element in set` for any shape of the two.
  private func memberTruth(_ node: EvaluationPlan.Node, _ record: ApplicantRecord, _ decision: Decision,
                           notes: inout [String]) -> Truth {
    guard let e = value(Int(node.left), record, decision, notes: &notes),
      let s = value(Int(node.right), record, decision, notes: &notes)
    else { return .unknown }
    return Truth(Operations.contains(s, e) != node.negated)
  }

  /// Fact slots read by the nodes `roots` (directly or through derived values that came out
  /// unknown) that the record leaves unknown, each once, in order of first appearance.
  func unknownFacts(in roots: [Int32], _ record: ApplicantRecord, _ decision: Decision,
                    member: (list: Int, member: Int)? = nil) -> [FactRef] {
    var facts: [FactRef] = []
    // The list and member position a member's fact belongs to: the member in scope (a member
    // requirement's `where`), or the one a quantifier is visiting.
    var scope: (list: Int, member: Int)? = member
    func visit(_ index: Int, _ record: ApplicantRecord) {
      let node = plan.nodes[index]
      switch node.kind {
      case .fact, .known:
        let slot = Int(node.left)
        if record.facts[slot] == nil, !facts.contains(FactRef(slot: slot)) { facts.append(FactRef(slot: slot)) }
      case .memberFact:
        let slot = Int(node.left)
        guard let scope, record.member?.facts[slot] == nil else { return }
        let fact = FactRef(list: scope.list, member: scope.member, slot: slot)
        if !facts.contains(fact) { facts.append(fact) }
      case .derived:
        if decision.derived[Int(node.left)] == nil { visit(Int(plan.derivedRoots[Int(node.left)]), record) }
      case .constant, .parameter, .provided, .valid:
        break
      case .conditionResult:
        // What the referred condition lacked is what this rule lacks.
        let condition = Int(node.left)
        guard decision.conditions[condition].result == .unknown else { return }
        if let when = plan.conditionWhens[condition] { visit(Int(when), record) }
        visit(Int(plan.conditionTests[condition]), record)
      case .requirementComplete:
        let requirement = Int(node.left)
        guard decision.requirements[requirement].status == .undetermined,
          let when = plan.requirementWhens[requirement]
        else { return }
        visit(Int(when), record)
      case .not, .negate, .isCitizen, .inVocabulary:
        visit(Int(node.left), record)
      case .documentField:
        break
      case .and, .or, .compare, .arithmetic, .member, .wholeYears, .daysBetween, .wholeHijriYears, .shiftMonths:
        visit(Int(node.left), record)
        visit(Int(node.right), record)
      case .countMembers, .sumMembers, .anyMember, .allMembers:
        let list = Int(node.left)
        guard let members = record.lists[list] else {
          if !facts.contains(FactRef(slot: list)) { facts.append(FactRef(slot: list)) }
          return
        }
        var scoped = record
        for (position, member) in members.enumerated() {
          scoped.member = member
          scope = (list, position)
          if node.right >= 0 { visit(Int(node.right), scoped) }
          if node.third >= 0 { visit(Int(node.third), scoped) }
        }
        scope = member
      }
    }
    roots.forEach { visit(Int($0), record) }
    return facts
  }
}
