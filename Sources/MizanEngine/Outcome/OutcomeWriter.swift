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
                                     into out: inout [UInt8], scratch: inout [UInt8]) {
    let f = fragments
    out.append(contentsOf: "{\"application_id\":".utf8)
    CanonicalJSONWriter.writeString(record.applicationID, into: &out)

    out.append(contentsOf: ",\"checklist\":[".utf8)
    for (index, item) in decision.requirements.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      out.append(contentsOf: f.checklistHead[index])
      out.append(contentsOf: "{\"ar\":".utf8)
      scratch.removeAll(keepingCapacity: true)
      appendDetail(item.detail, requirement: index, .arabic, record, to: &scratch)
      scratch.withUnsafeBufferPointer { CanonicalJSONWriter.writeString(utf8: $0, into: &out) }
      out.append(contentsOf: ",\"en\":".utf8)
      scratch.removeAll(keepingCapacity: true)
      appendDetail(item.detail, requirement: index, .english, record, to: &scratch)
      scratch.withUnsafeBufferPointer { CanonicalJSONWriter.writeString(utf8: $0, into: &out) }
      out.append(UInt8(ascii: "}"))
      out.append(contentsOf: f.checklistTail[index])
      out.append(contentsOf: item.status.rawValue.utf8)
      out.append(contentsOf: "\"}".utf8)
    }

    out.append(contentsOf: "],\"missing_facts\":[".utf8)
    for (position, missing) in decision.missingFacts.enumerated() {
      if position > 0 { out.append(UInt8(ascii: ",")) }
      out.append(contentsOf: f.missingFactHead[missing.slot])
      writeRuleNames(missing.neededBy, into: &out)
      out.append(contentsOf: "]}".utf8)
    }

    out.append(contentsOf: "],\"next_step\":".utf8)
    writeNextStep(decision, into: &out)
    if identity.isDraft { out.append(contentsOf: f.draftNotice) }

    out.append(contentsOf: ",\"policy\":{\"association\":".utf8)
    CanonicalJSONWriter.writeString(identity.association, into: &out)
    out.append(contentsOf: ",\"fingerprint\":".utf8)
    CanonicalJSONWriter.writeString(identity.fingerprint, into: &out)
    out.append(contentsOf: (identity.isDraft ? ",\"status\":\"draft\",\"version\":" : ",\"status\":\"approved\",\"version\":").utf8)
    CanonicalJSONWriter.writeString(identity.version, into: &out)

    out.append(contentsOf: "},\"reasons\":[".utf8)
    var isFirst = true
    for (index, condition) in decision.conditions.enumerated() where condition.result != .true {
      if !isFirst { out.append(UInt8(ascii: ",")) }
      isFirst = false
      out.append(contentsOf: f.conditionReasonHead[index])
      out.append(contentsOf: condition.result.rawValue.utf8)
      out.append(contentsOf: f.conditionReasonTail[index])
    }
    for (index, item) in decision.requirements.enumerated() where item.status != .provided && item.status != .notRequired {
      if !isFirst { out.append(UInt8(ascii: ",")) }
      isFirst = false
      out.append(contentsOf: f.requirementReasonHead[index])
      out.append(contentsOf: item.status.rawValue.utf8)
      out.append(contentsOf: f.requirementReasonTail[index])
    }

    out.append(contentsOf: "],\"submitted_on\":\"".utf8)
    record.submittedOn.appendISO(to: &out)
    out.append(contentsOf: "\",\"submitted_on_hijri\":".utf8)
    scratch.removeAll(keepingCapacity: true)
    record.submittedOn.appendHijriText(to: &scratch)
    scratch.withUnsafeBufferPointer { CanonicalJSONWriter.writeString(utf8: $0, into: &out) }

    out.append(contentsOf: ",\"trace\":[".utf8)
    writeTrace(decision, record, into: &out, scratch: &scratch)
    out.append(contentsOf: "],\"verdict\":\"".utf8)
    out.append(contentsOf: decision.verdict.rawValue.utf8)
    out.append(contentsOf: "\"}".utf8)
  }

  /// The names of the rules that needed a fact, each once, as JSON strings.
  private func writeRuleNames(_ rules: [Decision.Rule], into out: inout [UInt8]) {
    for (position, rule) in rules.enumerated() {
      // A name already written (two rules of one name) is not repeated, as `uniqued` does.
      if rules[..<position].contains(where: { name(of: $0) == name(of: rule) }) { continue }
      if position > 0 { out.append(UInt8(ascii: ",")) }
      switch rule {
      case .condition(let index): out.append(contentsOf: fragments.conditionNames[index])
      case .requirement(let index): out.append(contentsOf: fragments.requirementNames[index])
      }
    }
  }

  private func writeNextStep(_ decision: Decision, into out: inout [UInt8]) {
    let f = fragments
    switch decision.verdict {
    case .eligible:
      guard policy.committee != nil else {
        out.append(contentsOf: f.nextStepRegistration)
        return
      }
      out.append(contentsOf: f.nextStepCommitteeHead)
      if let date = decision.earliestReplyOn {
        out.append(contentsOf: ",\"earliest_reply_on\":\"".utf8)
        date.appendISO(to: &out)
        out.append(contentsOf: "\",\"earliest_reply_on_hijri\":".utf8)
        var hijri: [UInt8] = []
        date.appendHijriText(to: &hijri)
        hijri.withUnsafeBufferPointer { CanonicalJSONWriter.writeString(utf8: $0, into: &out) }
      }
      out.append(contentsOf: f.nextStepCommitteeTail)
    case .incomplete:
      out.append(contentsOf: f.nextStepIncompleteHead)
      if decision.nextStepBy.contains(.applicant) { out.append(contentsOf: "\"applicant\"".utf8) }
      if decision.nextStepBy == [.applicant, .staff] { out.append(UInt8(ascii: ",")) }
      if decision.nextStepBy.contains(.staff) { out.append(contentsOf: "\"staff\"".utf8) }
      out.append(contentsOf: f.nextStepIncompleteTail)
    case .ineligible:
      out.append(contentsOf: f.nextStepIneligible)
    }
  }

  private func writeTrace(_ decision: Decision, _ record: ApplicantRecord, into out: inout [UInt8],
                          scratch: inout [UInt8]) {
    let f = fragments
    var isFirst = true
    func separate() {
      if !isFirst { out.append(UInt8(ascii: ",")) }
      isFirst = false
    }
    for (index, value) in decision.derived.enumerated() {
      separate()
      out.append(contentsOf: f.derivedTraceHead[index])
      writeNotes(decision.derivedNotes[index], into: &out)
      out.append(contentsOf: "\"result\":".utf8)
      if let value {
        scratch.removeAll(keepingCapacity: true)
        appendDisplay(value, type: policy.derived[index].type, to: &scratch)
        scratch.withUnsafeBufferPointer { CanonicalJSONWriter.writeString(utf8: $0, into: &out) }
      } else {
        out.append(contentsOf: "\"unknown\"".utf8)
      }
      out.append(contentsOf: f.derivedTraceRule[index])
      writeValues(f.derivedKeys[index], record, decision, into: &out)
      out.append(UInt8(ascii: "}"))
      out.append(UInt8(ascii: "}"))
    }
    for (index, condition) in decision.conditions.enumerated() {
      separate()
      out.append(contentsOf: f.conditionTraceHead[index])
      writeNotes(condition.notes, into: &out)
      out.append(contentsOf: "\"result\":\"".utf8)
      out.append(contentsOf: condition.result.rawValue.utf8)
      out.append(UInt8(ascii: "\""))
      out.append(contentsOf: f.conditionTraceRule[index])
      writeValues(f.conditionKeys[index], record, decision, into: &out)
      out.append(UInt8(ascii: "}"))
      writeWhen(condition.when, into: &out)
    }
    for (index, item) in decision.requirements.enumerated() {
      separate()
      out.append(contentsOf: f.requirementTraceHead[index])
      writeNotes(item.notes, into: &out)
      out.append(contentsOf: "\"result\":\"".utf8)
      out.append(contentsOf: item.status.rawValue.utf8)
      out.append(UInt8(ascii: "\""))
      out.append(contentsOf: f.requirementTraceRule[index])
      writeValues(f.requirementKeys[index], record, decision, into: &out)
      out.append(UInt8(ascii: "}"))
      writeWhen(item.when, into: &out)
    }
    if decision.verdict == .eligible, let head = f.committeeTraceHead {
      separate()
      out.append(contentsOf: head)
      if let date = decision.earliestReplyOn {
        out.append(UInt8(ascii: "\""))
        date.appendISO(to: &out)
        out.append(UInt8(ascii: "\""))
      } else {
        out.append(contentsOf: "\"unknown\"".utf8)
      }
      out.append(contentsOf: f.committeeTraceTail)
    }
  }

  /// `,"when":"…"}` or `}`: the end of a rule's trace event.
  private func writeWhen(_ when: Truth?, into out: inout [UInt8]) {
    if let when {
      out.append(contentsOf: ",\"when\":\"".utf8)
      out.append(contentsOf: when.rawValue.utf8)
      out.append(UInt8(ascii: "\""))
    }
    out.append(UInt8(ascii: "}"))
  }

  /// `"notes":[…],` when there are notes.
  private func writeNotes(_ notes: [String], into out: inout [UInt8]) {
    guard !notes.isEmpty else { return }
    out.append(contentsOf: "\"notes\":[".utf8)
    for (position, note) in notes.enumerated() {
      if position > 0 { out.append(UInt8(ascii: ",")) }
      CanonicalJSONWriter.writeString(note, into: &out)
    }
    out.append(contentsOf: "],".utf8)
  }

  /// The members of a step's `values` object, in canonical key order.
  private func writeValues(_ keys: [OutcomeFragments.TracedKey], _ record: ApplicantRecord, _ decision: Decision,
                           into out: inout [UInt8]) {
    for (position, traced) in keys.enumerated() {
      if position > 0 { out.append(UInt8(ascii: ",")) }
      out.append(contentsOf: traced.key)
      switch traced.ref {
      case .fact(let slot):
        writeValue(record.facts[slot], type: policy.facts[slot].type, names: fragments.factValueNames[slot], into: &out)
      case .derived(let index):
        writeValue(decision.derived[index], type: policy.derived[index].type,
                   names: fragments.derivedValueNames[index], into: &out)
      case .parameter(let index):
        out.append(contentsOf: fragments.parameterValues[index])
      case .document(let index):
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: documentSummary(decision.documents[index]).utf8)
        out.append(UInt8(ascii: "\""))
      }
    }
  }

  /// A value as `json(_:type:)` gives it, written canonically; `null` when unknown.
  private func writeValue(_ value: Value?, type: ValueType, names: [[UInt8]]?, into out: inout [UInt8]) {
    switch value {
    case nil:
      out.append(contentsOf: "null".utf8)
    case .bool(let flag)?:
      out.append(contentsOf: (flag ? "true" : "false").utf8)
    case .number(let number)?:
      CanonicalJSONWriter.writeNumber(number.doubleValue, into: &out)
    case .date(let date)?:
      out.append(UInt8(ascii: "\""))
      date.appendISO(to: &out)
      out.append(UInt8(ascii: "\""))
    case .text(let text)?:
      CanonicalJSONWriter.writeString(text, into: &out)
    case .enumeration(let index)? where names != nil && index >= 0 && index < (names?.count ?? 0):
      out.append(contentsOf: names?[index] ?? [])
    case let value?:
      json(value, type: type).writeCanonical(into: &out)
    }
  }

  /// `display(_:type:)` as UTF-8, without a `String` for numbers and dates.
  private func appendDisplay(_ value: Value, type: ValueType, to out: inout [UInt8]) {
    switch value {
    case .number(let number): number.appendDescription(to: &out)
    case .date(let date): date.appendISO(to: &out)
    default: out.append(contentsOf: display(value, type: type).utf8)
    }
  }
}
