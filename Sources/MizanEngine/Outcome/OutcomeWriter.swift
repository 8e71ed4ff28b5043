import MizanChecker
import MizanCore

/// Writes outcomes as canonical JSON (docs/records.md): the one writer of outcomes, whatever asks for
/// them (`eval --format json`, `batch`, the decision log, `replay`, `impact`, the server). The
/// bytes go straight into a buffer: the constant parts are copied from the version's
/// `OutcomeTemplate`, the record's parts written in place between them. Reports (text, HTML)
/// read these bytes back as an `Outcome`, so every form of an outcome says the same thing.
///
/// Same decision and same template ⇒ the same bytes: no clock, no dictionary order, no locale.
package struct OutcomeWriter {
  let parts: OutcomeParts
  let template: OutcomeTemplate

  package init(evaluator: Evaluator, template: OutcomeTemplate) {
    parts = OutcomeParts(evaluator: evaluator)
    self.template = template
  }

  @inline(__always)
  func put(_ piece: ByteArena.Piece, _ out: inout ByteBuffer) { template.arena.copy(piece, into: &out) }

  /// Appends the outcome `decision` gives for `record`.
  package func write(_ decision: Decision, record: ApplicantRecord, into out: inout ByteBuffer) {
    out.append(literal: "{\"application_id\":")
    CanonicalJSONWriter.writeString(record.applicationID, into: &out)
    put(template.checklistStart, &out)
    writeChecklist(decision, record, &out)
    for (position, row) in decision.memberRows.enumerated() {
      if position > 0 || !decision.requirements.isEmpty { out.append(UInt8(ascii: ",")) }
      parts.memberItem(row, record: record, &out)
    }
    // Written only when given, so that outcomes of records without it keep their bytes.
    if let evaluatedOn = record.evaluatedOn {
      out.append(literal: "],\"evaluated_on\":\"")
      evaluatedOn.appendISO(to: &out)
      out.append(literal: "\",\"missing_facts\":[")
    } else {
      out.append(literal: "],\"missing_facts\":[")
    }
    for position in decision.missingFacts.indices {
      if position > 0 { out.append(UInt8(ascii: ",")) }
      let missing = decision.missingFacts[position]
      if missing.fact.isMemberFact {
        parts.missingMemberFactHead(missing.fact, record: record, &out)
      } else {
        put(template.missingFactHeads[missing.slot], &out)
      }
      writeRuleNames(missing.neededBy, &out)
      // Who gives the fact, when it is staff; the applicant is the default and is not written,
      // so outcomes of policies without staff facts keep their bytes.
      if parts.evaluator.provider(of: missing.fact) == .staff {
        out.append(literal: "],\"provided_by\":\"staff\"}")
      } else {
        out.append(literal: "]}")
      }
    }
    out.append(literal: "],\"next_step\":")
    writeNextStep(decision, &out)
    put(template.identity, &out)
    writeReasons(decision, &out)
    out.append(UInt8(ascii: "]"))
    // Only for policies that name stages: the others' outcomes keep their bytes.
    if !parts.policy.stages.isEmpty {
      out.append(literal: ",\"stage\":")
      switch decision.stage {
      case .stage(let index):
        let stage = parts.policy.stages[index]
        out.append(literal: "{\"id\":")
        parts.string(stage.name, &out)
        out.append(literal: ",\"label\":")
        parts.labels(stage.described.labels, &out)
        out.append(UInt8(ascii: "}"))
      case .unknown, .none:
        out.append(literal: "null")
      }
    }
    out.append(literal: ",\"submitted_on\":\"")
    record.submittedOn.appendISO(to: &out)
    out.append(literal: "\",\"submitted_on_hijri\":\"")
    record.submittedOn.appendHijriText(to: &out)
    writeTrace(decision, record, &out)
  }

  // MARK: - Checklist

  private func writeChecklist(_ decision: Decision, _ record: ApplicantRecord, _ out: inout ByteBuffer) {
    for index in decision.requirements.indices {
      let status = decision.requirements[index].status
      switch decision.requirements[index].detail {
      case .notRequired where status == .notRequired:
        put(template.notRequiredItems[index], &out)
        continue
      case .missing where status == .missing:
        put(template.missingItems[index], &out)
        continue
      case .providedDocument(let type, nil) where status == .provided:
        put(template.providedItems[index &* template.documentCount &+ type], &out)
        continue
      case .providedDocument(let type, let expiresOn?) where status == .provided:
        put(template.providedUntilArabic[type], &out)
        expiresOn.appendISO(to: &out)
        put(template.providedUntilEnglish[type], &out)
        expiresOn.appendISO(to: &out)
      case let detail:
        parts.detail(detail, requirement: index, .arabic, submittedOn: record.validityDate, record: record, &out)
        out.append(literal: "\",\"en\":\"")
        parts.detail(detail, requirement: index, .english, submittedOn: record.validityDate, record: record, &out)
      }
      put(template.itemJoins[index &* OutcomeTemplate.statusCount &+ status.ordinal], &out)
    }
  }

  /// The names of the rules that needed a fact, each once.
  private func writeRuleNames(_ rules: [Decision.Rule], _ out: inout ByteBuffer) {
    for (position, rule) in rules.enumerated() where !rules[..<position].contains(rule) {
      if position > 0 { out.append(UInt8(ascii: ",")) }
      switch rule {
      case .condition(let index): put(template.conditionNames[index], &out)
      case .requirement(let index): put(template.requirementNames[index], &out)
      case .memberRequirement(let index): parts.string(parts.policy.memberRequirements[index].name, &out)
      }
    }
  }

  // MARK: - Next step and reasons

  private func writeNextStep(_ decision: Decision, _ out: inout ByteBuffer) {
    switch decision.verdict {
    case .eligible:
      guard parts.plan.committeeReplyDays != nil else {
        put(template.nextStepRegistration, &out)
        return
      }
      put(template.nextStepCommitteeHead, &out)
      if let date = decision.earliestReplyOn {
        out.append(literal: ",\"earliest_reply_on\":\"")
        date.appendISO(to: &out)
        out.append(literal: "\",\"earliest_reply_on_hijri\":\"")
        date.appendHijriText(to: &out)
        out.append(UInt8(ascii: "\""))
      }
      put(template.nextStepCommitteeTail, &out)
    case .incomplete:
      put(template.nextStepIncompleteHead, &out)
      let by = decision.nextStepBy
      if by.contains(.applicant) { out.append(literal: "\"applicant\"") }
      if by == [.applicant, .staff] { out.append(UInt8(ascii: ",")) }
      if by.contains(.staff) { out.append(literal: "\"staff\"") }
      put(template.nextStepIncompleteTail, &out)
    case .ineligible:
      put(template.nextStepIneligible, &out)
    }
  }

  private func writeReasons(_ decision: Decision, _ out: inout ByteBuffer) {
    var isFirst = true
    for index in decision.conditions.indices where decision.conditions[index].result != .true {
      if !isFirst { out.append(UInt8(ascii: ",")) }
      isFirst = false
      put(template.conditionReasons[index &* OutcomeTemplate.truthCount &+ decision.conditions[index].result.ordinal],
          &out)
    }
    for index in decision.requirements.indices {
      let status = decision.requirements[index].status
      guard status != .provided, status != .notRequired else { continue }
      if !isFirst { out.append(UInt8(ascii: ",")) }
      isFirst = false
      put(template.requirementReasons[index &* OutcomeTemplate.statusCount &+ status.ordinal], &out)
    }
    // A member requirement is a reason while one of its rows is not provided, with the worst
    // status among them (missing over expired over invalid over undetermined, as for documents).
    for index in parts.policy.memberRequirements.indices {
      var worst = ChecklistStatus.provided
      for row in decision.memberRows where row.requirement == index && row.status.severity > worst.severity {
        worst = row.status
      }
      guard worst != .provided else { continue }
      if !isFirst { out.append(UInt8(ascii: ",")) }
      isFirst = false
      parts.reason(parts.policy.memberRequirements[index].described, kind: "requirement", result: worst.rawValue, &out)
    }
  }

  // MARK: - Trace

  /// From `","trace":[` to the outcome's end. Each step starts with one piece that also ends the
  /// step before; steps with notes (rare) are written in parts.
  private func writeTrace(_ decision: Decision, _ record: ApplicantRecord, _ out: inout ByteBuffer) {
    var end = OutcomeTemplate.traceStart
    let endCount = OutcomeTemplate.endCount
    for index in decision.derived.indices {
      let step = template.derivedSteps[index]
      if decision.derivedNotes[index].isEmpty {
        put(template.openings[step.openings &+ end], &out)
      } else {
        put(template.stepJoins[end], &out)
        put(step.head, &out)
        writeNotes(decision.derivedNotes[index], &out)
        out.append(literal: "\"result\":")
      }
      if let value = decision.derived[index] {
        out.append(UInt8(ascii: "\""))
        if case .enumeration(let name) = value, let piece = valueName(name, template.derivedValueNames[index]) {
          put(piece, &out)
        } else {
          parts.display(value, type: parts.policy.derived[index].type, &out)
        }
        out.append(UInt8(ascii: "\""))
      } else {
        out.append(literal: "\"unknown\"")
      }
      put(step.rule, &out)
      if !step.values.isEmpty { writeValues(step.values, decision, record, &out) }
      end = OutcomeTemplate.noWhen
    }
    for index in decision.conditions.indices {
      let step = template.conditionSteps[index]
      let result = decision.conditions[index].result
      if decision.conditions[index].notes.isEmpty {
        put(template.openings[step.openings &+ end &* OutcomeTemplate.truthCount &+ result.ordinal], &out)
      } else {
        writeOpening(step, end: end, result: result.rawValue, notes: decision.conditions[index].notes, &out)
      }
      if !step.values.isEmpty { writeValues(step.values, decision, record, &out) }
      end = decision.conditions[index].when?.ordinal ?? OutcomeTemplate.noWhen
    }
    for index in decision.requirements.indices {
      let step = template.requirementSteps[index]
      let status = decision.requirements[index].status
      if decision.requirements[index].notes.isEmpty {
        put(template.openings[step.openings &+ end &* OutcomeTemplate.statusCount &+ status.ordinal], &out)
      } else {
        writeOpening(step, end: end, result: status.rawValue, notes: decision.requirements[index].notes, &out)
      }
      if !step.values.isEmpty { writeValues(step.values, decision, record, &out) }
      end = decision.requirements[index].when?.ordinal ?? OutcomeTemplate.noWhen
    }
    if decision.verdict == .eligible, let openings = template.committeeOpenings {
      put(openings[end], &out)
      if let date = decision.earliestReplyOn {
        out.append(UInt8(ascii: "\""))
        date.appendISO(to: &out)
        out.append(UInt8(ascii: "\""))
      } else {
        out.append(literal: "\"unknown\"")
      }
      put(template.committeeClose, &out)
    } else {
      precondition(end < endCount)
      put(template.traceEnds[end &* 3 &+ decision.verdict.ordinal], &out)
    }
  }

  /// A step with notes from its start to its first value, in parts.
  private func writeOpening(_ step: OutcomeTemplate.Step, end: Int, result: String, notes: [String],
                            _ out: inout ByteBuffer) {
    put(template.stepJoins[end], &out)
    put(step.head, &out)
    writeNotes(notes, &out)
    out.append(literal: "\"result\":")
    CanonicalJSONWriter.writeString(result, into: &out)
    put(step.rule, &out)
  }

  /// `"notes":[…],` when there are notes.
  private func writeNotes(_ notes: [String], _ out: inout ByteBuffer) {
    guard !notes.isEmpty else { return }
    out.append(literal: "\"notes\":[")
    for (position, note) in notes.enumerated() {
      if position > 0 { out.append(UInt8(ascii: ",")) }
      CanonicalJSONWriter.writeString(note, into: &out)
    }
    out.append(literal: "],")
  }

  /// A step's values of the record, each followed by its constant bytes.
  private func writeValues(_ slots: Range<Int>, _ decision: Decision, _ record: ApplicantRecord,
                           _ out: inout ByteBuffer) {
    for position in slots {
      let slot = template.valueSlots[position]
      let index = Int(truncatingIfNeeded: slot.index)
      switch slot.source {
      case .fact:
        if let value = record.facts[index] {
          writeJSON(value, names: template.factValueNames[index], &out) { parts.policy.facts[index].type }
        } else {
          out.append(literal: "null")
        }
      case .derived:
        if let value = decision.derived[index] {
          writeJSON(value, names: template.derivedValueNames[index], &out) { parts.policy.derived[index].type }
        } else {
          out.append(literal: "null")
        }
      case .document:
        out.append(UInt8(ascii: "\""))
        out.append(literal: decision.documents[index].literal)
        out.append(UInt8(ascii: "\""))
      }
      put(slot.after, &out)
    }
  }
}

extension OutcomeWriter {
  /// The piece of enumeration value `index` among `names`, if there is one.
  @inline(__always)
  func valueName(_ index: Int, _ names: Range<Int>) -> ByteArena.Piece? {
    index >= 0 && index < names.count ? template.valueNames[names.lowerBound &+ index] : nil
  }

  /// A value as `OutcomeParts.json` writes it; enumeration values from their pieces, and the
  /// declared type (`type`) looked up only for the values that need it.
  @inline(__always)
  func writeJSON(_ value: Value, names: Range<Int>, _ out: inout ByteBuffer, type: () -> ValueType) {
    switch value {
    case .bool(let flag): out.append(literal: flag ? "true" : "false")
    case .number(let number): CanonicalJSONWriter.writeDecimal(number, into: &out)
    case .date(let date):
      out.append(UInt8(ascii: "\""))
      date.appendISO(to: &out)
      out.append(UInt8(ascii: "\""))
    case .enumeration(let index):
      if let piece = valueName(index, names) {
        out.append(UInt8(ascii: "\""))
        put(piece, &out)
        out.append(UInt8(ascii: "\""))
      } else {
        parts.json(value, type: type(), &out)
      }
    default:
      parts.json(value, type: type(), &out)
    }
  }
}

// The words the writer puts in quotes, as literals (copied without a `String`).

extension DocumentStatus {
  /// How a trace step shows a document it read.
  fileprivate var literal: StaticString {
    switch self {
    case .absent: "absent"
    case .valid: "valid"
    case .expired: "expired"
    case .invalid: "invalid"
    }
  }
}
