import MizanChecker
import MizanCore
import MizanSyntax

extension Evaluator {
  /// Appends the canonical JSON of the outcome `decision` gives, byte for byte
  /// `outcome(from:record:identity:).canonicalJSON`, without building the `Outcome` or a
  /// `JSONValue`: the constant parts are copied from `fragments`, the rest written in place.
  ///
  /// `scratch` is reused for texts that must be escaped after they are composed.
  package func writeCanonicalOutcome(_ decision: Decision, record: ApplicantRecord, identity: PolicyIdentity,
                                     into out: inout ByteSink, scratch: inout ByteSink) {
    writeCanonicalOutcome(decision, record: record, identity: OutcomeIdentity(identity), into: &out,
                          scratch: &scratch)
  }

  /// `writeCanonicalOutcome` with the version's part and `outcomeTables` taken once (for many records).
  package func writeCanonicalOutcome(_ decision: Decision, record: ApplicantRecord, identity: OutcomeIdentity,
                                     tables: OutcomeTables? = nil, into out: inout ByteSink,
                                     scratch: inout ByteSink) {
    let tables = tables ?? outcomeTables
    tables.fragments.bytes.withUnsafeBufferPointer { arena in
      var writer = OutcomeWriter(evaluator: self, tables: tables, decision: decision, record: record, arena: arena)
      writer.write(identity: identity, into: &out, scratch: &scratch)
    }
  }

  /// `writeCanonicalOutcome` into an array (for tests and benchmarks).
  package func canonicalOutcome(_ decision: Decision, record: ApplicantRecord, identity: PolicyIdentity) -> [UInt8] {
    var out = ByteSink()
    var scratch = ByteSink()
    defer {
      out.release()
      scratch.release()
    }
    writeCanonicalOutcome(decision, record: record, identity: identity, into: &out, scratch: &scratch)
    return out.array
  }
}

/// A policy version's part of every outcome under it, `,"policy":{…}`, rendered once.
package struct OutcomeIdentity: Sendable {
  let json: [UInt8]
  let isDraft: Bool

  package init(_ identity: PolicyIdentity) {
    var bytes = Array(",\"policy\":".utf8)
    JSONValue.object([
      "association": .string(identity.association), "fingerprint": .string(identity.fingerprint),
      "status": .string(identity.isDraft ? "draft" : "approved"), "version": .string(identity.version),
    ]).writeCanonical(into: &bytes)
    json = bytes
    isDraft = identity.isDraft
  }
}

/// One outcome being written: what it is written from.
private struct OutcomeWriter {
  let evaluator: Evaluator
  let tables: OutcomeTables
  let decision: Decision
  let record: ApplicantRecord
  /// `fragments.bytes`, borrowed for the write.
  let arena: UnsafeBufferPointer<UInt8>

  /// Read through the evaluator each time (a local copy would count a reference per table).
  var fragments: OutcomeFragments {
    _read { yield tables.fragments }
  }
  var policy: CheckedPolicy { evaluator.policy }

  @inline(__always)
  func put(_ piece: Range<Int>, _ out: inout ByteSink) {
    out.append(UnsafeBufferPointer(rebasing: arena[piece]))
  }

  mutating func write(identity: OutcomeIdentity, into out: inout ByteSink, scratch: inout ByteSink) {
    out.append(literal: "{\"application_id\":")
    out.appendJSONString(record.applicationID)

    out.append(literal: ",\"checklist\":[")
    for index in decision.requirements.indices {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      put(fragments.checklistHead[index], &out)
      let detail = decision.requirements[index].detail
      evaluator.appendDetail(detail, requirement: index, .arabic, record, escaped: true, to: &out)
      out.append(literal: "\",\"en\":\"")
      evaluator.appendDetail(detail, requirement: index, .english, record, escaped: true, to: &out)
      put(fragments.checklistTail[index * OutcomeFragments.statusCount + decision.requirements[index].status.ordinal],
          &out)
    }

    out.append(literal: "],\"missing_facts\":[")
    for position in decision.missingFacts.indices {
      if position > 0 { out.append(UInt8(ascii: ",")) }
      put(fragments.missingFactHead[decision.missingFacts[position].slot], &out)
      writeRuleNames(decision.missingFacts[position].neededBy, into: &out)
      out.append(literal: "]}")
    }

    out.append(literal: "],\"next_step\":")
    writeNextStep(into: &out)
    if identity.isDraft { put(fragments.draftNotice, &out) }

    out.append(identity.json)

    out.append(literal: ",\"reasons\":[")
    var isFirst = true
    for index in decision.conditions.indices where decision.conditions[index].result != .true {
      if !isFirst { out.append(UInt8(ascii: ",")) }
      isFirst = false
      put(fragments.conditionReasons[index * OutcomeFragments.truthCount + decision.conditions[index].result.ordinal],
          &out)
    }
    for index in decision.requirements.indices {
      let status = decision.requirements[index].status
      guard status != .provided, status != .notRequired else { continue }
      if !isFirst { out.append(UInt8(ascii: ",")) }
      isFirst = false
      put(fragments.requirementReasons[index * OutcomeFragments.statusCount + status.ordinal], &out)
    }

    out.append(literal: "],\"submitted_on\":\"")
    record.submittedOn.appendISO(to: &out)
    // Hijri text needs no escaping: digits, hyphens, `H` or a dash.
    out.append(literal: "\",\"submitted_on_hijri\":\"")
    record.submittedOn.appendHijriText(to: &out)

    out.append(literal: "\",\"trace\":[")
    writeTrace(into: &out, scratch: &scratch)
    out.append(literal: "],\"verdict\":\"")
    out.append(literal: decision.verdict.literal)
    out.append(literal: "\"}")
  }

  /// The names of the rules that needed a fact, each once, as JSON strings.
  private func writeRuleNames(_ rules: [Decision.Rule], into out: inout ByteSink) {
    for (position, rule) in rules.enumerated() {
      // A name already written (two rules of one name) is not repeated, as `uniqued` does.
      if rules[..<position].contains(where: { evaluator.name(of: $0) == evaluator.name(of: rule) }) { continue }
      if position > 0 { out.append(UInt8(ascii: ",")) }
      switch rule {
      case .condition(let index): put(fragments.conditionNames[index], &out)
      case .requirement(let index): put(fragments.requirementNames[index], &out)
      }
    }
  }

  private func writeNextStep(into out: inout ByteSink) {
    switch decision.verdict {
    case .eligible:
      guard evaluator.plan.committeeReplyDays != nil else {
        put(fragments.nextStepRegistration, &out)
        return
      }
      put(fragments.nextStepCommitteeHead, &out)
      if let date = decision.earliestReplyOn {
        out.append(literal: ",\"earliest_reply_on\":\"")
        date.appendISO(to: &out)
        out.append(literal: "\",\"earliest_reply_on_hijri\":\"")
        // Hijri text needs no escaping: digits, hyphens, `H` or a dash.
        date.appendHijriText(to: &out)
        out.append(UInt8(ascii: "\""))
      }
      put(fragments.nextStepCommitteeTail, &out)
    case .incomplete:
      put(fragments.nextStepIncompleteHead, &out)
      let by = decision.nextStepBy
      if by.contains(.applicant) { out.append(literal: "\"applicant\"") }
      if by == [.applicant, .staff] { out.append(UInt8(ascii: ",")) }
      if by.contains(.staff) { out.append(literal: "\"staff\"") }
      put(fragments.nextStepIncompleteTail, &out)
    case .ineligible:
      put(fragments.nextStepIneligible, &out)
    }
  }

  private func writeTrace(into out: inout ByteSink, scratch: inout ByteSink) {
    var isFirst = true
    func separate(_ out: inout ByteSink) {
      if !isFirst { out.append(UInt8(ascii: ",")) }
      isFirst = false
    }
    for index in decision.derived.indices {
      separate(&out)
      put(fragments.derivedTraceHead[index], &out)
      writeNotes(decision.derivedNotes[index], into: &out)
      out.append(literal: "\"result\":")
      if let value = decision.derived[index] {
        scratch.removeAll()
        appendDisplay(value, derived: index, to: &scratch)
        out.appendJSONString(scratch)
      } else {
        out.append(literal: "\"unknown\"")
      }
      put(fragments.derivedTraceRule[index], &out)
      writeValues(fragments.derivedKeys[index], into: &out)
      put(fragments.traceClose[3], &out)
    }
    for index in decision.conditions.indices {
      separate(&out)
      let result = decision.conditions[index].result
      if decision.conditions[index].notes.isEmpty {
        put(fragments.conditionTraceOpen[index * OutcomeFragments.truthCount + result.ordinal], &out)
      } else {
        put(fragments.conditionTraceHead[index], &out)
        writeNotes(decision.conditions[index].notes, into: &out)
        out.append(literal: "\"result\":\"")
        out.append(literal: result.literal)
        out.append(UInt8(ascii: "\""))
        put(fragments.conditionTraceRule[index], &out)
      }
      writeValues(fragments.conditionKeys[index], into: &out)
      put(fragments.traceClose[decision.conditions[index].when?.ordinal ?? 3], &out)
    }
    for index in decision.requirements.indices {
      separate(&out)
      let status = decision.requirements[index].status
      if decision.requirements[index].notes.isEmpty {
        put(fragments.requirementTraceOpen[index * OutcomeFragments.statusCount + status.ordinal], &out)
      } else {
        put(fragments.requirementTraceHead[index], &out)
        writeNotes(decision.requirements[index].notes, into: &out)
        out.append(literal: "\"result\":\"")
        out.append(literal: status.literal)
        out.append(UInt8(ascii: "\""))
        put(fragments.requirementTraceRule[index], &out)
      }
      writeValues(fragments.requirementKeys[index], into: &out)
      put(fragments.traceClose[decision.requirements[index].when?.ordinal ?? 3], &out)
    }
    if decision.verdict == .eligible, let head = fragments.committeeTraceHead {
      separate(&out)
      put(head, &out)
      if let date = decision.earliestReplyOn {
        out.append(UInt8(ascii: "\""))
        date.appendISO(to: &out)
        out.append(UInt8(ascii: "\""))
      } else {
        out.append(literal: "\"unknown\"")
      }
      put(fragments.committeeTraceTail, &out)
    }
  }

  /// `"notes":[…],` when there are notes.
  private func writeNotes(_ notes: [String], into out: inout ByteSink) {
    guard !notes.isEmpty else { return }
    out.append(literal: "\"notes\":[")
    for (position, note) in notes.enumerated() {
      if position > 0 { out.append(UInt8(ascii: ",")) }
      out.appendJSONString(note)
    }
    out.append(literal: "],")
  }

  /// The members of a step's `values` object, in canonical key order.
  private func writeValues(_ keys: Range<Int>, into out: inout ByteSink) {
    for position in keys {
      put(fragments.keys[position].key, &out)
      switch fragments.keys[position].ref {
      case .fact(let slot):
        writeValue(record.facts[slot], fact: slot, names: fragments.factValueNames[slot], into: &out)
      case .derived(let index):
        writeValue(decision.derived[index], derived: index, names: fragments.derivedValueNames[index],
                   into: &out)
      case .parameter(let index):
        put(fragments.parameterValues[index], &out)
      case .document(let index):
        out.append(UInt8(ascii: "\""))
        out.append(literal: decision.documents[index].literal)
        out.append(UInt8(ascii: "\""))
      }
    }
  }

  /// A value as `Evaluator.json(_:type:)` gives it, written canonically; `null` when unknown. The
  /// value's declared type (of fact `slot` or derived value `derived`) is looked up only when needed.
  private func writeValue(_ value: Value?, fact slot: Int? = nil, derived: Int? = nil, names: Range<Int>?,
                          into out: inout ByteSink) {
    func type() -> ValueType {
      if let slot { return policy.facts[slot].type }
      if let derived { return policy.derived[derived].type }
      return .text
    }
    switch value {
    case nil:
      out.append(literal: "null")
    case .bool(let flag)?:
      out.append(literal: flag ? "true" : "false")
    case .number(let number)?:
      out.appendJSONNumber(number.doubleValue)
    case .date(let date)?:
      out.append(UInt8(ascii: "\""))
      date.appendISO(to: &out)
      out.append(UInt8(ascii: "\""))
    case .text(let text)?:
      out.appendJSONString(text)
    case .enumeration(let index)?:
      if let names, index >= 0, index < names.count {
        put(fragments.valueNames[names.lowerBound + index], &out)
      } else {
        writeJSON(evaluator.json(.enumeration(index), type: type()), into: &out)
      }
    case let value?:
      writeJSON(evaluator.json(value, type: type()), into: &out)
    }
  }

  private func writeJSON(_ json: JSONValue, into out: inout ByteSink) {
    var bytes: [UInt8] = []
    json.writeCanonical(into: &bytes)
    out.append(bytes)
  }

  /// `display(_:type:)` of derived value `index` as UTF-8, without a `String` for numbers and dates.
  private func appendDisplay(_ value: Value, derived index: Int, to out: inout ByteSink) {
    switch value {
    case .number(let number): number.appendDescription(to: &out)
    case .date(let date): date.appendISO(to: &out)
    default: out.append(utf8: evaluator.display(value, type: policy.derived[index].type))
    }
  }
}

// The words the writer puts in quotes, as literals (their raw values, copied without a `String`).

extension ChecklistStatus {
  fileprivate var literal: StaticString {
    switch self {
    case .provided: "provided"
    case .missing: "missing"
    case .expired: "expired"
    case .invalid: "invalid"
    case .notRequired: "not_required"
    case .undetermined: "undetermined"
    }
  }
}

extension Truth {
  fileprivate var literal: StaticString {
    switch self {
    case .true: "true"
    case .false: "false"
    case .unknown: "unknown"
    }
  }
}

extension Verdict {
  fileprivate var literal: StaticString {
    switch self {
    case .eligible: "eligible"
    case .ineligible: "ineligible"
    case .incomplete: "incomplete"
    }
  }
}

extension DocumentStatus {
  /// As `Evaluator.documentSummary` says it.
  fileprivate var literal: StaticString {
    switch self {
    case .absent: "absent"
    case .valid: "valid"
    case .expired: "expired"
    case .invalid: "invalid"
    }
  }
}
