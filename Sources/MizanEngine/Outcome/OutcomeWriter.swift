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
      // The arena is never empty (it ends with a spare byte).
      guard let base = arena.baseAddress else { return }
      let writer = OutcomeWriter(evaluator: self, tables: tables, arena: base)
      writer.write(decision, record, identity: identity, into: &out, scratch: &scratch)
    }
  }

  /// `writeCanonicalOutcome` into an array (replay, tests and benchmarks).
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

/// A policy version's part of every outcome under it, rendered once: `,"policy":{…}`, and with
/// what surrounds it in an outcome, from a draft's notice to `"reasons":[`.
package struct OutcomeIdentity: Sendable {
  let json: [UInt8]
  let isDraft: Bool
  /// `,"notice":{…}` for drafts, `,"policy":{…}` and `,"reasons":[`.
  let run: [UInt8]

  package init(_ identity: PolicyIdentity) {
    var bytes = Array(",\"policy\":".utf8)
    JSONValue.object([
      "association": .string(identity.association), "fingerprint": .string(identity.fingerprint),
      "status": .string(identity.isDraft ? "draft" : "approved"), "version": .string(identity.version),
    ]).writeCanonical(into: &bytes)
    json = bytes
    isDraft = identity.isDraft
    var run: [UInt8] = []
    if identity.isDraft {
      run += Array(",\"notice\":".utf8)
      Outcome.draftNotice.json.writeCanonical(into: &run)
    }
    self.run = run + bytes + Array(",\"reasons\":[".utf8)
  }

  private init(json: [UInt8], isDraft: Bool, run: [UInt8]) {
    self.json = json
    self.isDraft = isDraft
    self.run = run
  }

  /// The same identity in buffers of its own: a worker that keeps one counts references to its
  /// own memory, not to memory other cores read.
  package func privateCopy() -> OutcomeIdentity {
    OutcomeIdentity(json: json.map { $0 }, isDraft: isDraft, run: run.map { $0 })
  }
}

/// One policy version's outcomes being written. The decision and the record are passed to each
/// method rather than kept here, so that writing borrows them instead of copying (and counting
/// references to) their arrays.
private struct OutcomeWriter {
  let evaluator: Evaluator
  let tables: OutcomeTables
  /// `fragments.bytes`, borrowed for the write.
  let arena: UnsafePointer<UInt8>

  /// Read through the tables each time (a local copy would count a reference per table).
  var fragments: OutcomeFragments {
    _read { yield tables.fragments }
  }
  var policy: CheckedPolicy { evaluator.policy }

  @inline(__always)
  func put(_ piece: Piece, _ out: inout ByteSink) {
    out.append(arena + Int(truncatingIfNeeded: piece.start), count: Int(truncatingIfNeeded: piece.count))
  }

  func write(_ decision: Decision, _ record: ApplicantRecord, identity: OutcomeIdentity, into out: inout ByteSink,
             scratch: inout ByteSink) {
    out.append(literal: "{\"application_id\":")
    out.appendJSONString(record.applicationID)
    put(fragments.checklistStart, &out)
    writeChecklist(decision, record, into: &out)
    for position in decision.missingFacts.indices {
      if position > 0 { out.append(UInt8(ascii: ",")) }
      put(fragments.missingFactHead[decision.missingFacts[position].slot], &out)
      writeRuleNames(decision.missingFacts[position].neededBy, into: &out)
      out.append(literal: "]}")
    }
    writeNextStep(decision, into: &out)
    out.append(identity.run)
    writeReasons(decision, into: &out)
    put(fragments.submittedOn, &out)
    record.submittedOn.appendISO(to: &out)
    put(fragments.submittedOnHijri, &out)
    record.submittedOn.appendHijriText(to: &out)
    writeTrace(decision, record, into: &out, scratch: &scratch)
  }

  /// The checklist's items, from the first item's Arabic detail to `"missing_facts":[`: details
  /// that need nothing of the record are copied with the item's end.
  private func writeChecklist(_ decision: Decision, _ record: ApplicantRecord, into out: inout ByteSink) {
    for index in decision.requirements.indices {
      let status = decision.requirements[index].status
      switch decision.requirements[index].detail {
      case .notRequired where status == .notRequired:
        put(fragments.notRequiredItem[index], &out)
        continue
      case .missing where status == .missing:
        put(fragments.missingItem[index], &out)
        continue
      case .providedDocument(let type, let expiresOn) where status == .provided:
        guard let expiresOn else {
          put(fragments.providedItem[index &* fragments.documentCount &+ type], &out)
          continue
        }
        put(fragments.providedUntilArabic[type], &out)
        expiresOn.appendISO(to: &out)
        put(fragments.providedUntilEnglish[type], &out)
        expiresOn.appendISO(to: &out)
      case .problem(let type, let problem) where writeProblem(type, problem, record.submittedOn, into: &out):
        break
      default:
        let detail = decision.requirements[index].detail
        evaluator.appendDetail(detail, requirement: index, .arabic, record, escaped: true, to: &out)
        out.append(literal: "\",\"en\":\"")
        evaluator.appendDetail(detail, requirement: index, .english, record, escaped: true, to: &out)
      }
      put(fragments.checklistJoin[index &* OutcomeFragments.statusCount &+ status.ordinal], &out)
    }
  }

  /// A document problem's details in both languages from the pre-rendered texts, or false
  /// (having written nothing) where there are none for it.
  private func writeProblem(_ type: Int, _ problem: DocumentProblem, _ submittedOn: CalendarDate,
                            into out: inout ByteSink) -> Bool {
    let kind: Int
    let date: CalendarDate
    switch problem {
    case .noExpiry, .notDated, .notSigned:
      let fixed = problem == .noExpiry ? 0 : problem == .notDated ? 1 : 2
      put(fragments.problemFixed[type * 3 + fixed], &out)
      return true
    case .expired(let day): (kind, date) = (0, day)
    case .datedAfter(let day): (kind, date) = (1, day)
    case .datedTooEarly(let day, let days):
      guard days == fragments.problemDays[type] else { return false }
      (kind, date) = (2, day)
    case .signedAfter(let day): (kind, date) = (3, day)
    }
    let position = type * 4 + kind
    guard fragments.problemDated[position] else { return false }
    put(fragments.problemArabic[position], &out)
    date.appendISO(to: &out)
    put(fragments.problemArabicMiddle[position], &out)
    submittedOn.appendISO(to: &out)
    put(fragments.problemEnglish[position], &out)
    date.appendISO(to: &out)
    put(fragments.problemEnglishMiddle[position], &out)
    submittedOn.appendISO(to: &out)
    return true
  }

  /// The reasons' objects, after `"reasons":[`.
  private func writeReasons(_ decision: Decision, into out: inout ByteSink) {
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

  /// From the end of `missing_facts` through `next_step`.
  private func writeNextStep(_ decision: Decision, into out: inout ByteSink) {
    switch decision.verdict {
    case .eligible:
      guard evaluator.plan.committeeReplyDays != nil else {
        put(fragments.nextStepRegistration, &out)
        return
      }
      guard let date = decision.earliestReplyOn else {
        put(fragments.nextStepCommitteeUndated, &out)
        return
      }
      put(fragments.nextStepCommitteeHead, &out)
      date.appendISO(to: &out)
      put(fragments.nextStepCommitteeHijri, &out)
      date.appendHijriText(to: &out)
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

  /// From `","trace":[` to the outcome's end. Each step starts with one copy that also ends the
  /// step before; steps with notes (rare) are written in parts.
  private func writeTrace(_ decision: Decision, _ record: ApplicantRecord, into out: inout ByteSink,
                          scratch: inout ByteSink) {
    var end = OutcomeFragments.traceStart
    for index in decision.derived.indices {
      let step = fragments.derivedSteps[index]
      if decision.derivedNotes[index].isEmpty {
        put(fragments.stepOpenings[step.opening &+ end], &out)
      } else {
        put(fragments.stepJoins[end], &out)
        put(step.head, &out)
        writeNotes(decision.derivedNotes[index], into: &out)
        out.append(literal: "\"result\":")
      }
      if let value = decision.derived[index] {
        writeDisplay(value, derived: index, into: &out, scratch: &scratch)
      } else {
        out.append(literal: "\"unknown\"")
      }
      put(step.rule, &out)
      // Most steps show no value of the record: they skip the call.
      if !step.values.isEmpty { writeValues(step.values, decision, record, into: &out) }
      end = OutcomeFragments.noWhen
    }
    for index in decision.conditions.indices {
      let step = fragments.conditionSteps[index]
      let result = decision.conditions[index].result
      if decision.conditions[index].notes.isEmpty {
        put(fragments.stepOpenings[step.opening &+ end &* OutcomeFragments.truthCount &+ result.ordinal], &out)
      } else {
        put(fragments.stepJoins[end], &out)
        put(step.head, &out)
        writeNotes(decision.conditions[index].notes, into: &out)
        out.append(literal: "\"result\":\"")
        out.append(literal: result.literal)
        out.append(UInt8(ascii: "\""))
        put(step.rule, &out)
      }
      if !step.values.isEmpty { writeValues(step.values, decision, record, into: &out) }
      end = decision.conditions[index].when?.ordinal ?? OutcomeFragments.noWhen
    }
    for index in decision.requirements.indices {
      let step = fragments.requirementSteps[index]
      let status = decision.requirements[index].status
      if decision.requirements[index].notes.isEmpty {
        put(fragments.stepOpenings[step.opening &+ end &* OutcomeFragments.statusCount &+ status.ordinal], &out)
      } else {
        put(fragments.stepJoins[end], &out)
        put(step.head, &out)
        writeNotes(decision.requirements[index].notes, into: &out)
        out.append(literal: "\"result\":\"")
        out.append(literal: status.literal)
        out.append(UInt8(ascii: "\""))
        put(step.rule, &out)
      }
      if !step.values.isEmpty { writeValues(step.values, decision, record, into: &out) }
      end = decision.requirements[index].when?.ordinal ?? OutcomeFragments.noWhen
    }
    if decision.verdict == .eligible, let openings = fragments.committeeOpenings {
      put(openings[end], &out)
      if let date = decision.earliestReplyOn {
        out.append(UInt8(ascii: "\""))
        date.appendISO(to: &out)
        out.append(UInt8(ascii: "\""))
      } else {
        out.append(literal: "\"unknown\"")
      }
      put(fragments.committeeClose, &out)
    } else {
      put(fragments.traceEnds[end &* 3 &+ decision.verdict.ordinal], &out)
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

  /// A step's values of the record, each with the constant bytes after it.
  private func writeValues(_ slots: Range<Int>, _ decision: Decision, _ record: ApplicantRecord,
                           into out: inout ByteSink) {
    for position in slots {
      let slot = fragments.valueSlots[position]
      let index = Int(truncatingIfNeeded: slot.index)
      switch slot.source {
      case .fact:
        writeValue(record.facts[index], fact: index, slot, into: &out)
      case .derived:
        writeValue(decision.derived[index], derived: index, slot, into: &out)
      case .document:
        out.append(UInt8(ascii: "\""))
        out.append(literal: decision.documents[index].literal)
        out.append(UInt8(ascii: "\""))
      }
      if slot.after.count > 0 { put(slot.after, &out) }
    }
  }

  /// A value as `Evaluator.json(_:type:)` gives it, written canonically; `null` when unknown.
  /// `names` tells an enumeration-typed value's names; the value's declared type (of fact `slot` or
  /// derived value `derived`) is looked up only by `writeOtherValue`.
  @inline(__always)
  private func writeValue(_ value: Value?, fact slot: Int? = nil, derived: Int? = nil,
                          _ names: OutcomeFragments.ValueSlot, into out: inout ByteSink) {
    switch value {
    case nil:
      out.append(literal: "null")
    case .bool(let flag)?:
      out.append(literal: flag ? "true" : "false")
    case .number(let number)?:
      // A whole positive number is its own digits, as the JSON writer would give them from its
      // `Double` (below 2^53 it is exact).
      let scaled = number.scaled
      let scale = DecimalNumber.wholeScale
      if scaled > 0, scaled % scale == 0, scaled / scale < 9_007_199_254_740_992 {
        out.appendDecimal(UInt64(scaled / scale))
      } else {
        out.appendJSONNumber(number.doubleValue)
      }
    case .enumeration(let index)? where index >= 0 && index < Int(names.namesCount):
      put(fragments.valueNames[Int(names.namesStart) &+ index], &out)
    case let value?:
      writeOtherValue(value, fact: slot, derived: derived, into: &out)
    }
  }

  /// `writeValue` for the values it does not write itself.
  private func writeOtherValue(_ value: Value, fact slot: Int?, derived: Int?, into out: inout ByteSink) {
    switch value {
    case .date(let date):
      out.append(UInt8(ascii: "\""))
      date.appendISO(to: &out)
      out.append(UInt8(ascii: "\""))
    case .text(let text):
      out.appendJSONString(text)
    default:
      let type: ValueType =
        if let slot { policy.facts[slot].type } else if let derived { policy.derived[derived].type } else { .text }
      writeJSON(evaluator.json(value, type: type), into: &out)
    }
  }

  private func writeJSON(_ json: JSONValue, into out: inout ByteSink) {
    var bytes: [UInt8] = []
    json.writeCanonical(into: &bytes)
    out.append(bytes)
  }

  /// `display(_:type:)` of derived value `index` as a JSON string. Numbers and dates need no
  /// escaping, so they are written straight; other values' texts are escaped from `scratch`.
  private func writeDisplay(_ value: Value, derived index: Int, into out: inout ByteSink,
                            scratch: inout ByteSink) {
    switch value {
    case .number(let number):
      out.append(UInt8(ascii: "\""))
      number.appendDescription(to: &out)
      out.append(UInt8(ascii: "\""))
    case .date(let date):
      out.append(UInt8(ascii: "\""))
      date.appendISO(to: &out)
      out.append(UInt8(ascii: "\""))
    default:
      scratch.removeAll()
      scratch.append(utf8: evaluator.display(value, type: policy.derived[index].type))
      out.appendJSONString(scratch)
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
