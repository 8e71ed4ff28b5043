import MizanChecker
import MizanCore

/// The constant parts of one policy version's outcomes, rendered once by the writer's own part
/// functions (`OutcomeParts`) and kept as pieces of one arena: everything that depends on the
/// policy and on a rule's result but not on the record (labels, citations, rule names,
/// locations, parameter values, most checklist details). Writing an outcome then copies pieces
/// and fills in the record's dates, numbers and texts between them.
///
/// Per-state tables are flat arrays indexed `rule * states + state`, so that reading one takes no
/// inner array (and no reference count) from memory every worker of a batch shares.
package final class OutcomeTemplate: Sendable {
  typealias Piece = ByteArena.Piece

  /// A value a trace step shows that the record decides, and the constant bytes after it.
  struct ValueSlot: Sendable {
    enum Source: UInt8, Sendable { case fact, derived, document }
    var source: Source
    var index: Int32
    /// The bytes after the value: the next value's key, or parameters' whole members.
    var after: Piece
  }

  /// One trace step's pieces.
  struct Step: Sendable {
    /// `{"at":…,"kind":…,` (for steps with notes, written in parts).
    var head: Piece
    /// `,"rule":…,"values":{` and the values' constant beginning.
    var rule: Piece
    /// Where this step's `openings` start: per way the step before ended (`TraceEnd`) and per
    /// state of this step (`end * states + state`), that end, the head, the result and the rule
    /// piece in one; for derived values (whose result the record gives), up to `"result":`.
    var openings: Int
    var values: Range<Int>
  }

  static let statusCount = ChecklistStatus.allCases.count
  static let truthCount = Truth.allCases.count
  /// How the trace stands before a step: the step before ended with `"when":` true, false or
  /// unknown (`Truth.ordinal`), without a `when` (3), or no step came yet (4).
  static let endCount = 5
  static let noWhen = 3
  static let traceStart = 4

  let arena: ByteArena
  let identity: Piece
  // Checklist: each item's end joined to the next item's beginning (or to `"missing_facts":[`).
  /// `,"checklist":[` and the first item's beginning, up to its Arabic detail.
  let checklistStart: Piece
  /// Per requirement and status: from the end of the English detail to the next item's detail.
  let itemJoins: [Piece]
  /// Per requirement: the rest of the item (from its details on) when not required, and when missing.
  let notRequiredItems: [Piece]
  let missingItems: [Piece]
  /// Per requirement and document type: the rest of an item provided by a document without expiry date.
  let providedItems: [Piece]
  /// Per document type: a provided document's Arabic detail up to its expiry date, and
  /// `","en":"` with the English up to it.
  let providedUntilArabic: [Piece]
  let providedUntilEnglish: [Piece]
  let documentCount: Int
  // Reasons, missing facts, next steps.
  let conditionReasons: [Piece]
  let requirementReasons: [Piece]
  let conditionNames: [Piece]
  let requirementNames: [Piece]
  let missingFactHeads: [Piece]
  let nextStepIneligible: Piece
  let nextStepRegistration: Piece
  let nextStepIncompleteHead: Piece
  let nextStepIncompleteTail: Piece
  let nextStepCommitteeHead: Piece
  let nextStepCommitteeTail: Piece
  // Trace.
  let derivedSteps: [Step]
  let conditionSteps: [Step]
  let requirementSteps: [Step]
  let openings: [Piece]
  let valueSlots: [ValueSlot]
  /// Per end (`endCount`): the previous step's end and a comma, or `","trace":[` (for steps with notes).
  let stepJoins: [Piece]
  /// Per end and verdict (`end * 3 + Verdict.ordinal`): from the last step's end to the outcome's.
  let traceEnds: [Piece]
  /// Per end: to the committee step's `"result":`; then its rule to the outcome's end.
  let committeeOpenings: [Piece]?
  let committeeClose: Piece
  /// Enumeration values' names, escaped, without quotes: all in `valueNames`; per fact slot and
  /// per derived value, the range of its enumeration's names there (empty for other types).
  let valueNames: [Piece]
  let factValueNames: [Range<Int>]
  let derivedValueNames: [Range<Int>]

  package init(evaluator: Evaluator, identity policyIdentity: PolicyIdentity) {
    let parts = OutcomeParts(evaluator: evaluator)
    let policy = evaluator.policy
    let plan = evaluator.plan
    var builder = ByteArena.Builder()
    func piece(_ write: (inout ByteBuffer) -> Void) -> Piece { builder.piece(write) }
    let statuses = ChecklistStatus.allCases
    let truths = Truth.allCases

    identity = piece { parts.identity(policyIdentity, &$0) }

    // Checklist items: each item's rest joined to the next item's beginning; whole rests where
    // the detail needs nothing of the record.
    func bothDetails(_ detail: ChecklistDetail, _ requirement: Int, _ out: inout ByteBuffer) {
      parts.detail(detail, requirement: requirement, .arabic, submittedOn: .earliest, record: nil, &out)
      out.append(literal: "\",\"en\":\"")
      parts.detail(detail, requirement: requirement, .english, submittedOn: .earliest, record: nil, &out)
    }
    let requirementCount = policy.requirements.count
    /// After item `requirement`: the next item's beginning, or nothing after the last (the
    /// writer adds the members' rows, if any, and closes the checklist).
    func next(_ requirement: Int, _ out: inout ByteBuffer) {
      if requirement + 1 < requirementCount {
        out.append(UInt8(ascii: ","))
        parts.itemHead(requirement + 1, &out)
      }
    }
    checklistStart = piece { out in
      out.append(literal: ",\"checklist\":[")
      if requirementCount > 0 { parts.itemHead(0, &out) }
    }
    var joins: [Piece] = []
    var notRequired: [Piece] = []
    var missing: [Piece] = []
    var provided: [Piece] = []
    for requirement in policy.requirements.indices {
      joins += statuses.map { status in
        piece { out in
          parts.itemTail(requirement, status: status, &out)
          next(requirement, &out)
        }
      }
      notRequired.append(piece { out in
        bothDetails(.notRequired, requirement, &out)
        parts.itemTail(requirement, status: .notRequired, &out)
        next(requirement, &out)
      })
      missing.append(piece { out in
        bothDetails(.missing, requirement, &out)
        parts.itemTail(requirement, status: .missing, &out)
        next(requirement, &out)
      })
      provided += policy.documents.indices.map { type in
        piece { out in
          bothDetails(.providedDocument(type, expiresOn: nil), requirement, &out)
          parts.itemTail(requirement, status: .provided, &out)
          next(requirement, &out)
        }
      }
    }
    itemJoins = joins
    notRequiredItems = notRequired
    missingItems = missing
    providedItems = provided
    documentCount = policy.documents.count
    providedUntilArabic = policy.documents.indices.map { type in
      piece { out in
        parts.providedHead(type, .arabic, &out)
        out.append(literal: "، صالحة حتى ")
      }
    }
    providedUntilEnglish = policy.documents.indices.map { type in
      piece { out in
        out.append(literal: "\",\"en\":\"")
        parts.providedHead(type, .english, &out)
        out.append(literal: ", valid until ")
      }
    }

    // Reasons and the rules' names.
    conditionReasons = policy.conditions.flatMap { condition in
      truths.map { truth in piece { parts.reason(condition.described, kind: "condition", result: truth.rawValue, &$0) } }
    }
    requirementReasons = policy.requirements.flatMap { requirement in
      statuses.map { status in
        piece { parts.reason(requirement.described, kind: "requirement", result: status.rawValue, &$0) }
      }
    }
    conditionNames = policy.conditions.map { condition in piece { parts.string(condition.name, &$0) } }
    requirementNames = policy.requirements.map { requirement in piece { parts.string(requirement.name, &$0) } }
    missingFactHeads = policy.facts.indices.map { slot in piece { parts.missingFactHead(slot, &$0) } }

    // Next steps.
    nextStepIneligible = piece {
      parts.nextStep(action: "notify_ineligible", by: "staff", labels: OutcomeText.ineligibleLabels, &$0)
    }
    nextStepRegistration = piece {
      parts.nextStep(action: "complete_registration", by: "staff", labels: OutcomeText.registrationLabels, &$0)
    }
    nextStepIncompleteHead = piece { $0.append(literal: "{\"action\":\"complete_file\",\"by\":[") }
    nextStepIncompleteTail = piece { out in
      out.append(literal: "],\"label\":")
      parts.labels(OutcomeText.completeFileLabels, &out)
      out.append(UInt8(ascii: "}"))
    }
    if let committee = policy.committee {
      nextStepCommitteeHead = piece { parts.committeeHead(committee, &$0) }
      nextStepCommitteeTail = piece { parts.committeeTail(committee, &$0) }
    } else {
      nextStepCommitteeHead = .empty
      nextStepCommitteeTail = .empty
    }

    // Trace steps: per end of the step before and per state, one opening from that end to the
    // step's first value of the record.
    /// What closes the trace's previous step (or opens the trace) for each end.
    func join(_ end: Int, _ out: inout ByteBuffer) {
      switch end {
      case Self.traceStart: out.append(literal: "\",\"trace\":[")
      case Self.noWhen: out.append(literal: "}},")
      default:
        out.append(literal: "},\"when\":")
        parts.string(truths[end].rawValue, &out)
        out.append(literal: "},")
      }
    }
    /// What closes the last step and the trace, for each end.
    func lastEnd(_ end: Int, _ out: inout ByteBuffer) {
      switch end {
      case Self.traceStart: out.append(literal: "\",\"trace\":[")
      case Self.noWhen: out.append(literal: "}}")
      default:
        out.append(literal: "},\"when\":")
        parts.string(truths[end].rawValue, &out)
        out.append(UInt8(ascii: "}"))
      }
    }
    var openings: [Piece] = []
    var slots: [ValueSlot] = []
    func step(location: String, kind: String, name: String, results: [String]?,
              reads: [EvaluationPlan.TracedRef]) -> Step {
      let head = piece { parts.stepHead(location: location, kind: kind, &$0) }
      // The values: the record's in slots, the constant runs (keys, parameters) between them.
      let sorted = parts.sortedReads(reads)
      var beginning: [UInt8] = []
      var run = ByteBuffer(capacity: 128)
      let firstSlot = slots.count
      for (position, ref) in sorted.enumerated() {
        if position > 0 { run.append(UInt8(ascii: ",")) }
        parts.string(parts.name(of: ref), &run)
        run.append(UInt8(ascii: ":"))
        let source: ValueSlot.Source
        let index: Int
        switch ref {
        case .parameter(let parameter):
          parts.json(policy.parameters[parameter].value, type: policy.parameters[parameter].type, &run)
          continue
        case .fact(let slot): (source, index) = (.fact, slot)
        case .derived(let derived): (source, index) = (.derived, derived)
        case .document(let type): (source, index) = (.document, type)
        }
        if slots.count == firstSlot {
          beginning = run.array
        } else {
          let bytes = run.array
          slots[slots.count - 1].after = piece { $0.append(bytes) }
        }
        run.removeAll()
        slots.append(ValueSlot(source: source, index: Int32(index), after: .empty))
      }
      if slots.count == firstSlot {
        beginning = run.array
      } else {
        let bytes = run.array
        slots[slots.count - 1].after = piece { $0.append(bytes) }
      }
      let rule = piece { out in
        parts.stepRule(name, &out)
        out.append(beginning)
      }
      let first = openings.count
      for end in 0..<Self.endCount {
        guard let results else {
          openings.append(piece { out in
            join(end, &out)
            parts.stepHead(location: location, kind: kind, &out)
            out.append(literal: "\"result\":")
          })
          continue
        }
        for result in results {
          openings.append(piece { out in
            join(end, &out)
            parts.stepHead(location: location, kind: kind, &out)
            out.append(literal: "\"result\":")
            parts.string(result, &out)
            parts.stepRule(name, &out)
            out.append(beginning)
          })
        }
      }
      return Step(head: head, rule: rule, openings: first, values: firstSlot..<slots.count)
    }
    derivedSteps = policy.derived.indices.map { index in
      step(location: plan.derivedLocations[index], kind: "derived", name: policy.derived[index].name, results: nil,
           reads: plan.derivedReads[index])
    }
    conditionSteps = policy.conditions.indices.map { index in
      step(location: plan.conditionLocations[index], kind: "condition", name: policy.conditions[index].name,
           results: truths.map(\.rawValue), reads: plan.conditionReads[index])
    }
    requirementSteps = policy.requirements.indices.map { index in
      step(location: plan.requirementLocations[index], kind: "requirement", name: policy.requirements[index].name,
           results: statuses.map(\.rawValue), reads: plan.requirementReads[index])
    }
    self.openings = openings
    valueSlots = slots
    stepJoins = (0..<Self.endCount).map { end in piece { join(end, &$0) } }
    let verdicts = Verdict.allCases
    traceEnds = (0..<Self.endCount).flatMap { end in
      verdicts.map { verdict in
        piece { out in
          lastEnd(end, &out)
          out.append(literal: "],\"verdict\":")
          parts.string(verdict.rawValue, &out)
          out.append(UInt8(ascii: "}"))
        }
      }
    }
    if let committee = policy.committee, let location = plan.committeeLocation {
      committeeOpenings = (0..<Self.endCount).map { end in
        piece { out in
          join(end, &out)
          parts.stepHead(location: location, kind: "committee", &out)
          out.append(literal: "\"result\":")
        }
      }
      committeeClose = piece { out in
        parts.stepRule(committee.described.name, &out)
        out.append(literal: "}}],\"verdict\":\"eligible\"}")
      }
    } else {
      committeeOpenings = nil
      committeeClose = .empty
    }
    var names: [Piece] = []
    func valueNames(_ type: ValueType) -> Range<Int> {
      guard case .enumeration(let name) = type, let enumeration = policy.enumeration(named: name) else {
        return names.count..<names.count
      }
      let start = names.count
      for value in enumeration.values {
        names.append(piece { CanonicalJSONWriter.writeStringContent(value, into: &$0) })
      }
      return start..<names.count
    }
    factValueNames = policy.facts.map { valueNames($0.type) }
    derivedValueNames = policy.derived.map { valueNames($0.type) }
    self.valueNames = names
    arena = ByteArena(builder)
  }
}

extension ChecklistStatus {
  /// The position in `allCases`, which indexes per-status pieces.
  var ordinal: Int {
    switch self {
    case .provided: 0
    case .missing: 1
    case .expired: 2
    case .invalid: 3
    case .notRequired: 4
    case .undetermined: 5
    }
  }
}

extension Truth {
  /// The position in `allCases`, which indexes per-result pieces.
  var ordinal: Int {
    switch self {
    case .true: 0
    case .false: 1
    case .unknown: 2
    }
  }
}

extension Verdict {
  /// The position in `allCases`, which indexes per-verdict counts.
  package var ordinal: Int {
    switch self {
    case .eligible: 0
    case .ineligible: 1
    case .incomplete: 2
    }
  }
}
