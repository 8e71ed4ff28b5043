import MizanChecker
import MizanCore
import MizanSyntax

extension Evaluator {
  /// The value of an expression, or nil when unknown. Kleene logic for `and`/`or`/`not`;
  /// any other operator with an unknown operand is unknown; arithmetic faults (division by
  /// zero, overflow, a date out of range) are unknown with a note, never a crash.
  func evaluate(_ expression: TypedExpression, _ state: inout EvaluationState, notes: inout [String]) -> Value? {
    switch expression {
    case .constant(let value, _):
      return value
    case .fact(let slot, _):
      return state.record.facts[slot]
    case .derived(let index, _):
      return state.derived[index]
    case .parameter(let index, _):
      return policy.parameters[index].value
    case .not, .and, .or, .compare, .member, .provided, .valid, .known:
      switch truth(of: expression, &state, notes: &notes) {
      case .true: return .bool(true)
      case .false: return .bool(false)
      case .unknown: return nil
      }
    case .negate(let inner, _):
      guard case .number(let number)? = evaluate(inner, &state, notes: &notes) else { return nil }
      return number.negated().map(Value.number)
    case .arithmetic(let op, let left, let right, _, let span):
      guard let l = evaluate(left, &state, notes: &notes), let r = evaluate(right, &state, notes: &notes) else {
        return nil
      }
      guard let result = Operations.arithmetic(op, l, r) else {
        let isDivisionByZero = op == .divided && r == .number(DecimalNumber(integer: 0))
        notes.append(isDivisionByZero
          ? "division by zero at \(location(span)): the result is unknown"
          : "arithmetic out of range at \(location(span)): the result is unknown")
        return nil
      }
      return result
    case .wholeYears(let from, let to, _):
      guard case .date(let start)? = evaluate(from, &state, notes: &notes),
        case .date(let end)? = evaluate(to, &state, notes: &notes)
      else { return nil }
      return .number(DecimalNumber(integer: start.wholeYears(to: end)))
    case .daysBetween(let from, let to, _):
      guard case .date(let start)? = evaluate(from, &state, notes: &notes),
        case .date(let end)? = evaluate(to, &state, notes: &notes)
      else { return nil }
      return .number(DecimalNumber(integer: start.days(to: end)))
    }
  }

  /// The truth of a boolean expression.
  func truth(of expression: TypedExpression, _ state: inout EvaluationState, notes: inout [String]) -> Truth {
    switch expression {
    case .not(let inner, _):
      return !truth(of: inner, &state, notes: &notes)
    case .and(let left, let right, _):
      let l = truth(of: left, &state, notes: &notes)
      let r = truth(of: right, &state, notes: &notes)
      return l && r
    case .or(let left, let right, _):
      let l = truth(of: left, &state, notes: &notes)
      let r = truth(of: right, &state, notes: &notes)
      return l || r
    case .compare(let op, let left, let right, _):
      guard let l = evaluate(left, &state, notes: &notes), let r = evaluate(right, &state, notes: &notes) else {
        return .unknown
      }
      return Truth(Operations.compare(op, l, r))
    case .member(let element, let set, let negated, _):
      guard let e = evaluate(element, &state, notes: &notes), let s = evaluate(set, &state, notes: &notes) else {
        return .unknown
      }
      return Truth(Operations.contains(s, e) != negated)
    case .provided(let document, _):
      return Truth(state.documents[document].isProvided)
    case .valid(let document, _):
      return Truth(state.documents[document].isValid)
    case .known(let slot, _):
      return Truth(state.record.facts[slot] != nil)
    default:
      guard let value = evaluate(expression, &state, notes: &notes) else { return .unknown }
      return value == .bool(true) ? .true : .false
    }
  }

  // MARK: - What a step read

  /// The named values an expression reads, each once, in order of first appearance.
  func tracedValues(reading expressions: [TypedExpression], _ state: EvaluationState) -> [TracedValue] {
    var seen: Set<String> = []
    var values: [TracedValue] = []
    func visit(_ expression: TypedExpression) {
      switch expression {
      case .fact(let slot, _):
        let fact = policy.facts[slot]
        if seen.insert(fact.name).inserted {
          values.append(TracedValue(name: fact.name, value: state.record.facts[slot].map { json($0, type: fact.type) }))
        }
      case .derived(let index, _):
        let derived = policy.derived[index]
        if seen.insert(derived.name).inserted {
          values.append(TracedValue(name: derived.name, value: state.derived[index].map { json($0, type: derived.type) }))
        }
      case .parameter(let index, _):
        let parameter = policy.parameters[index]
        if seen.insert(parameter.name).inserted {
          values.append(TracedValue(name: parameter.name, value: json(parameter.value, type: parameter.type)))
        }
      case .provided(let document, _), .valid(let document, _):
        let name = policy.documents[document].name
        if seen.insert("document:" + name).inserted {
          values.append(TracedValue(name: name, value: .string(documentSummary(state.documents[document]))))
        }
      case .known(let slot, _):
        visit(.fact(slot, span: expression.span))
      default:
        expression.children.forEach(visit)
      }
    }
    expressions.forEach(visit)
    return values
  }

  func documentSummary(_ status: DocumentStatus) -> String {
    switch status {
    case .absent: "absent"
    case .valid: "valid"
    case .expired: "expired"
    case .invalid: "invalid"
    }
  }

  /// Fact slots read (directly or through derived values) that the record leaves unknown.
  func unknownFacts(in expressions: [TypedExpression], _ state: EvaluationState) -> [Int] {
    var slots: [Int] = []
    func visit(_ expression: TypedExpression) {
      switch expression {
      case .fact(let slot, _), .known(let slot, _):
        if state.record.facts[slot] == nil, !slots.contains(slot) { slots.append(slot) }
      case .derived(let index, _):
        if state.derived[index] == nil { visit(policy.derived[index].expression) }
      default:
        expression.children.forEach(visit)
      }
    }
    expressions.forEach(visit)
    return slots
  }

  // MARK: - Showing values

  /// A value as JSON: numbers as numbers, dates as ISO text, enumeration values by name.
  func json(_ value: Value, type: ValueType) -> JSONValue {
    switch value {
    case .bool(let flag): return .bool(flag)
    case .number(let number): return .number(number.doubleValue)
    case .date(let date): return .string(date.iso)
    case .text(let text): return .string(text)
    case .enumeration(let index):
      guard case .enumeration(let name) = type, let enumeration = policy.enumeration(named: name),
        index < enumeration.values.count
      else { return .number(Double(index)) }
      return .string(enumeration.values[index])
    case .set(let bits):
      guard case .setOf(let name) = type, let enumeration = policy.enumeration(named: name) else { return .array([]) }
      return .array(enumeration.values.indices.filter { $0 < 64 && bits & (1 << UInt64($0)) != 0 }
        .map { .string(enumeration.values[$0]) })
    }
  }

  /// A value as short text for a trace line.
  func display(_ value: Value, type: ValueType) -> String {
    switch json(value, type: type) {
    case .string(let text): return text
    case .number: if case .number(let number) = value { return number.description } else { return "" }
    case .bool(let flag): return flag ? "true" : "false"
    case .array(let items):
      return "{" + items.compactMap { if case .string(let s) = $0 { s } else { nil } }.joined(separator: ", ") + "}"
    default: return ""
    }
  }
}
