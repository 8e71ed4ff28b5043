import MizanChecker
import MizanCore
import MizanSyntax

/// A fragment: where its bytes start in `OutcomeFragments.bytes`, and how many there are.
struct Piece: Sendable {
  var start: Int32
  var count: Int32

  static let empty = Piece(start: 0, count: 0)
}

/// The parts of a policy's canonical outcome JSON that do not depend on the record (labels,
/// citations, rule names, locations, parameter values, most checklist details), rendered once by
/// the canonical writer itself, so that `writeCanonicalOutcome` only copies them and fills in
/// what the record decides.
///
/// Constant runs are made as long as they can be: where a run depends on the record only
/// through a rule's result, it is rendered once per possible result, and runs that meet at a
/// boundary (the end of one checklist item or trace step and the start of the next) are joined
/// for every pair of states, so that a typical outcome is a few dozen copies and the dates and
/// numbers between them. All fragments sit in one byte array (`bytes`) and are named by
/// `Piece`s: writing copies bytes without touching a reference count (workers on several cores
/// share these). Keys appear in RFC 8785 order; each comment shows where a fragment starts and ends.
package struct OutcomeFragments: Sendable {
  /// A value of the record or the decision that a trace step shows, and the constant bytes after
  /// it (the next keys, and parameters' values, up to the next such value).
  struct ValueSlot: Sendable {
    enum Source: UInt8, Sendable { case fact, derived, document }
    var source: Source
    /// The fact slot, derived value or document type.
    var index: Int32
    /// For enumeration-typed values, where their names start in `valueNames` and how many there
    /// are (0 for other types).
    var namesStart: Int32
    var namesCount: Int32
    var after: Piece
  }

  /// One trace step's tables.
  struct Step: Sendable {
    /// Where this step's openings start in `stepOpenings`: one per way the previous step ended
    /// (`TraceEnd`) and this step's state, at `opening + end * states + state`, each the previous
    /// step's end, a comma and this step up to its first value of the record (no notes).
    var opening: Int
    /// `{"at":…,"kind":…,`, for steps with notes.
    var head: Piece
    /// `,"rule":…,"values":{` and the values' constant beginning.
    var rule: Piece
    /// The step's values of the record, in `valueSlots`.
    var values: Range<Int>
  }

  /// How a trace step ended, indexing joins: `,"when":…}` for each `Truth.ordinal`, without
  /// `when` (3), or no step yet (4, the trace's start).
  static let endCount = 5
  static let noWhen = 3
  static let traceStart = 4

  /// Every fragment, one after the other.
  private(set) var bytes: [UInt8] = []

  /// `,"checklist":[` and the first item's beginning (`{"accepts":[…],…"detail":{"ar":"`), or,
  /// without requirements, to `"missing_facts":[`.
  private(set) var checklistStart = Piece.empty
  /// Per requirement and status, at `requirement * statusCount + ChecklistStatus.ordinal`: from
  /// the end of the English detail, `"},"id":…,"status":"…"}`, to the next item's `"ar":"` or
  /// to `"missing_facts":[`. (Tables per state are flat, so that reading one takes no inner
  /// array, and no reference count, from memory all workers share.)
  private(set) var checklistJoin: [Piece] = []
  /// Per requirement, the whole rest of a not-required item and a missing one (details and join).
  private(set) var notRequiredItem: [Piece] = []
  private(set) var missingItem: [Piece] = []
  /// Per requirement and document type (`requirement * documentCount + type`), the rest of an
  /// item provided by a document without expiry date.
  private(set) var providedItem: [Piece] = []
  /// Per document type, a provided document's details up to its expiry date: the Arabic, and
  /// `","en":"` and the English.
  private(set) var providedUntilArabic: [Piece] = []
  private(set) var providedUntilEnglish: [Piece] = []
  let documentCount: Int
  /// Per document type and problem without a date (`type * 3 + FixedProblem`): both details.
  private(set) var problemFixed: [Piece] = []
  /// Per document type and problem with dates (`type * 4 + DatedProblem`): the Arabic detail up to
  /// the document's date, from there to the submission date, and the same in English (after
  /// `","en":"`); empty (and `problemDated` false) where the texts could not be split.
  private(set) var problemArabic: [Piece] = []
  private(set) var problemArabicMiddle: [Piece] = []
  private(set) var problemEnglish: [Piece] = []
  private(set) var problemEnglishMiddle: [Piece] = []
  private(set) var problemDated: [Bool] = []
  /// Per document type, the period its `dated too early` texts above were rendered with.
  private(set) var problemDays: [Int] = []
  /// Per condition and result (`condition * truthCount + Truth.ordinal`), and per requirement and
  /// status: the whole reason.
  private(set) var conditionReasons: [Piece] = []
  private(set) var requirementReasons: [Piece] = []
  /// Per rule, its name as a JSON string (for `needed_by`).
  private(set) var conditionNames: [Piece] = []
  private(set) var requirementNames: [Piece] = []
  /// Per fact slot: `{"fact":…,"label":{…},"needed_by":[`.
  private(set) var missingFactHead: [Piece] = []
  /// `],"next_step":` and the whole `next_step`, or up to where the record's part goes:
  /// for a committee, to `"earliest_reply_on":"`, then `","earliest_reply_on_hijri":"`, then from
  /// `"` on; without a reply date, the whole of it.
  private(set) var nextStepIneligible = Piece.empty
  private(set) var nextStepRegistration = Piece.empty
  private(set) var nextStepCommitteeHead = Piece.empty
  private(set) var nextStepCommitteeHijri = Piece.empty
  private(set) var nextStepCommitteeTail = Piece.empty
  private(set) var nextStepCommitteeUndated = Piece.empty
  /// `],"next_step":{"action":"complete_file","by":[` and `],"label":{…}}`.
  private(set) var nextStepIncompleteHead = Piece.empty
  private(set) var nextStepIncompleteTail = Piece.empty
  /// `],"submitted_on":"` and `","submitted_on_hijri":"`.
  private(set) var submittedOn = Piece.empty
  private(set) var submittedOnHijri = Piece.empty
  /// The trace's steps in order: derived values, conditions, requirements.
  private(set) var derivedSteps: [Step] = []
  private(set) var conditionSteps: [Step] = []
  private(set) var requirementSteps: [Step] = []
  private(set) var stepOpenings: [Piece] = []
  private(set) var valueSlots: [ValueSlot] = []
  /// Per `TraceEnd`: the previous step's end and a comma (or `","trace":[`), for steps with notes.
  private(set) var stepJoins: [Piece] = []
  /// Per `TraceEnd` and verdict (`end * 3 + Verdict.ordinal`): from the last step's end to the outcome's.
  private(set) var traceEnds: [Piece] = []
  /// Per `TraceEnd`: to the committee step's `"result":`; then `,"rule":…}]` to the outcome's end.
  private(set) var committeeOpenings: [Piece]?
  private(set) var committeeClose = Piece.empty
  /// Enumeration values' names as JSON strings: all in `valueNames`; per enumeration-typed fact
  /// slot or derived value, the range of its names there (nil for other types).
  private(set) var valueNames: [Piece] = []

  init(policy: CheckedPolicy, plan: EvaluationPlan) {
    typealias Bytes = [UInt8]
    var arena: [UInt8] = []
    func piece(_ fragment: Bytes) -> Piece {
      arena += fragment
      return Piece(start: Int32(arena.count - fragment.count), count: Int32(fragment.count))
    }
    func text(_ literal: String) -> Bytes { Array(literal.utf8) }
    func string(_ text: String) -> Bytes {
      var bytes: Bytes = []
      CanonicalJSONWriter.writeString(text, into: &bytes)
      return bytes
    }
    func json(_ value: JSONValue) -> Bytes {
      var bytes: Bytes = []
      value.writeCanonical(into: &bytes)
      return bytes
    }
    func labels(_ text: LocalizedText) -> Bytes { json(text.json) }
    func provenance(_ described: Described) -> Bytes {
      var bytes: Bytes = []
      if let assumed = described.assumption { bytes += text("\"assumed\":") + string(assumed) + text(",") }
      if let citation = described.citation { bytes += text("\"citation\":") + string(citation) + text(",") }
      return bytes
    }
    func reason(_ described: Described, kind: String, result: String) -> Piece {
      piece(text("{") + provenance(described) + text("\"kind\":") + string(kind) + text(",\"label\":")
        + labels(described.labels) + text(",\"result\":") + string(result) + text(",\"rule\":")
        + string(described.name) + text("}"))
    }
    /// A checklist detail in `language`, escaped, as `appendDetail` writes it.
    func detail(_ detail: ChecklistDetail, requirement: Int, _ language: Language,
                submittedOn: CalendarDate = .earliest) -> Bytes {
      var sink = ByteSink()
      defer { sink.release() }
      Evaluator.appendRecordFreeDetail(detail, requirement: requirement, language, submittedOn: submittedOn,
                                       escaped: true, plan: plan, to: &sink)
      return sink.array
    }
    func bothDetails(_ item: ChecklistDetail, requirement: Int) -> Bytes {
      detail(item, requirement: requirement, .arabic) + text("\",\"en\":\"")
        + detail(item, requirement: requirement, .english)
    }
    func traceHead(_ location: String, kind: String) -> Bytes {
      text("{\"at\":") + string(location) + text(",\"kind\":") + string(kind) + text(",")
    }
    var valueNames: [Piece] = []
    func names(_ type: ValueType) -> Range<Int>? {
      guard case .enumeration(let name) = type, let enumeration = policy.enumeration(named: name) else { return nil }
      let start = valueNames.count
      valueNames += enumeration.values.map { piece(string($0)) }
      return start..<valueNames.count
    }
    let factValueNames = policy.facts.map { names($0.type) }
    let derivedValueNames = policy.derived.map { names($0.type) }
    let parameterJSON = policy.parameters.map { json(Evaluator.json($0.value, type: $0.type, policy: policy)) }

    let statuses = ChecklistStatus.allCases
    let truths = Truth.allCases
    assert(statuses.count == Self.statusCount && truths.count == Self.truthCount)
    assert(DecimalNumber.scale == DecimalNumber.wholeScale)
    let verdicts = ["eligible", "ineligible", "incomplete"]
    documentCount = policy.documents.count

    // The trace: each step's values split at the record's, the constant runs between them joined.
    let endings = truths.map { text("},\"when\":") + string($0.rawValue) + text("}") } + [text("}}")]
    let joins = endings.map { $0 + text(",") } + [text("\",\"trace\":[")]
    stepJoins = joins.map { piece($0) }
    var slots: [ValueSlot] = []
    var openings: [Piece] = []
    /// The constant beginning of a step's values, and its values of the record in `slots`.
    func values(_ refs: [EvaluationPlan.TracedRef]) -> (Bytes, Range<Int>) {
      func name(_ ref: EvaluationPlan.TracedRef) -> String {
        switch ref {
        case .fact(let slot): policy.facts[slot].name
        case .derived(let index): policy.derived[index].name
        case .parameter(let index): policy.parameters[index].name
        case .document(let index): policy.documents[index].name
        }
      }
      // Canonical order: by UTF-16 code units, equal names in reading order (as the writer sorts).
      let order = refs.indices.sorted { left, right in
        let comparison = CanonicalJSONWriter.keyOrder(name(refs[left]), name(refs[right]))
        return comparison != 0 ? comparison < 0 : left < right
      }
      let start = slots.count
      var beginning: Bytes?
      var run: Bytes = []
      for (position, index) in order.enumerated() {
        let ref = refs[index]
        run += (position > 0 ? text(",") : []) + string(name(ref)) + text(":")
        if case .parameter(let parameter) = ref {
          run += parameterJSON[parameter]
          continue
        }
        if beginning == nil { beginning = run } else { slots[slots.count - 1].after = piece(run) }
        run = []
        let (source, index, names): (ValueSlot.Source, Int, Range<Int>?) = switch ref {
        case .fact(let slot): (.fact, slot, factValueNames[slot])
        case .derived(let index): (.derived, index, derivedValueNames[index])
        // Parameters were folded into the runs above; only documents are left.
        case .document(let index), .parameter(let index): (.document, index, nil)
        }
        slots.append(ValueSlot(source: source, index: Int32(index), namesStart: Int32(names?.lowerBound ?? 0),
                               namesCount: Int32(names?.count ?? 0), after: .empty))
      }
      if beginning == nil { beginning = run } else { slots[slots.count - 1].after = piece(run) }
      return (beginning ?? [], start..<slots.count)
    }
    /// A step's tables; `results` are its states' `"result":…` (for derived values, just the key).
    func step(location: String, kind: String, name: String, results: [Bytes], reads: [EvaluationPlan.TracedRef])
      -> Step
    {
      let head = traceHead(location, kind: kind)
      let (beginning, range) = values(reads)
      let rule = text(",\"rule\":") + string(name) + text(",\"values\":{") + beginning
      let opening = openings.count
      // A derived value's result comes from the record: its openings stop before it.
      let afterResult = results.count == 1 ? [] : rule
      for join in joins {
        openings += results.map { piece(join + head + $0 + afterResult) }
      }
      return Step(opening: opening, head: piece(head), rule: piece(rule), values: range)
    }
    for (index, derived) in policy.derived.enumerated() {
      derivedSteps.append(step(location: plan.derivedLocations[index], kind: "derived", name: derived.name,
                               results: [text("\"result\":")], reads: plan.derivedReads[index]))
    }
    for (index, condition) in policy.conditions.enumerated() {
      conditionReasons += truths.map { reason(condition.described, kind: "condition", result: $0.rawValue) }
      conditionNames.append(piece(string(condition.name)))
      conditionSteps.append(step(location: plan.conditionLocations[index], kind: "condition", name: condition.name,
                                 results: truths.map { text("\"result\":") + string($0.rawValue) },
                                 reads: plan.conditionReads[index]))
    }
    for (index, requirement) in policy.requirements.enumerated() {
      requirementReasons += statuses.map { reason(requirement.described, kind: "requirement", result: $0.rawValue) }
      requirementNames.append(piece(string(requirement.name)))
      requirementSteps.append(step(location: plan.requirementLocations[index], kind: "requirement",
                                   name: requirement.name,
                                   results: statuses.map { text("\"result\":") + string($0.rawValue) },
                                   reads: plan.requirementReads[index]))
    }
    valueSlots = slots
    stepOpenings = openings
    let closings = endings + [text("\",\"trace\":[")]
    for closing in closings {
      traceEnds += verdicts.map { piece(closing + text("],\"verdict\":") + string($0) + text("}")) }
    }
    if let committee = policy.committee, let location = plan.committeeLocation {
      committeeOpenings = joins.map { piece($0 + traceHead(location, kind: "committee") + text("\"result\":")) }
      committeeClose = piece(text(",\"rule\":") + string(committee.described.name)
        + text(",\"values\":{}}],\"verdict\":\"eligible\"}"))
    }

    // The checklist: each item's beginning joined to the previous item's end.
    func itemHead(_ index: Int) -> Bytes {
      let requirement = policy.requirements[index]
      let accepts = requirement.alternatives.map { item -> JSONValue in
        switch item {
        case .document(let type): .string(policy.documents[type].name)
        case .fact(let slot): .string(policy.facts[slot].name)
        }
      }
      return text("{\"accepts\":") + json(.array(accepts)) + text(",") + provenance(requirement.described)
        + text("\"detail\":{\"ar\":\"")
    }
    let checklistEnd = text("],\"missing_facts\":[")
    let requirementCount = policy.requirements.count
    checklistStart = piece(text(",\"checklist\":[") + (requirementCount > 0 ? itemHead(0) : checklistEnd))
    for (index, requirement) in policy.requirements.enumerated() {
      let next = index + 1 < requirementCount ? text(",") + itemHead(index + 1) : checklistEnd
      let tail = text("\"},\"id\":") + string(requirement.name) + text(",\"label\":")
        + labels(requirement.described.labels)
        + text(",\"provided_by\":") + string(plan.providers[index].rawValue) + text(",\"status\":")
      let ends = statuses.map { tail + string($0.rawValue) + text("}") + next }
      checklistJoin += ends.map { piece($0) }
      notRequiredItem.append(piece(bothDetails(.notRequired, requirement: index) + ends[ChecklistStatus.notRequired.ordinal]))
      missingItem.append(piece(bothDetails(.missing, requirement: index) + ends[ChecklistStatus.missing.ordinal]))
      providedItem += policy.documents.indices.map { type in
        piece(bothDetails(.providedDocument(type, expiresOn: nil), requirement: index)
          + ends[ChecklistStatus.provided.ordinal])
      }
    }
    for type in policy.documents.indices {
      // The texts end with the date, which the record gives.
      let dated = ChecklistDetail.providedDocument(type, expiresOn: .earliest)
      providedUntilArabic.append(piece(Array(detail(dated, requirement: 0, .arabic).dropLast(10))))
      providedUntilEnglish.append(piece(text("\",\"en\":\"") + Array(detail(dated, requirement: 0, .english).dropLast(10))))
    }

    // Problems' texts, split where their dates go: found as where two renderings with different
    // dates differ, so that the texts themselves are written only by `appendRecordFreeDetail`.
    func split(_ problem: (CalendarDate) -> DocumentProblem, type: Int, _ language: Language) -> (Bytes, Bytes)? {
      let submitted = CalendarDate.latest
      guard let day = CalendarDate(dayNumber: CalendarDate.earliest.dayNumber + 1) else { return nil }
      let first = detail(.problem(type, problem(.earliest)), requirement: 0, language, submittedOn: submitted)
      let second = detail(.problem(type, problem(day)), requirement: 0, language, submittedOn: submitted)
      guard first.count == second.count, first.count >= 20,
            let differ = first.indices.first(where: { first[$0] != second[$0] }), differ >= 9,
            differ + 1 <= first.count - 10,
            first[(differ - 9)...differ].elementsEqual("0001-01-01".utf8),
            first.suffix(10).elementsEqual("9999-12-31".utf8)
      else { return nil }
      return (Array(first[..<(differ - 9)]), Array(first[(differ + 1)..<(first.count - 10)]))
    }
    for type in policy.documents.indices {
      for fixed in [DocumentProblem.noExpiry, .notDated, .notSigned] {
        problemFixed.append(piece(bothDetails(.problem(type, fixed), requirement: 0)))
      }
      var days = 0
      for case .datedWithin(let period) in plan.validityRules[plan.validity[type]] { days = period }
      problemDays.append(days)
      let kinds: [(CalendarDate) -> DocumentProblem] = [
        { .expired($0) }, { .datedAfter($0) }, { .datedTooEarly($0, days: days) }, { .signedAfter($0) },
      ]
      for kind in kinds {
        if let (arabic, arabicMiddle) = split(kind, type: type, .arabic),
           let (english, englishMiddle) = split(kind, type: type, .english)
        {
          problemArabic.append(piece(arabic))
          problemArabicMiddle.append(piece(arabicMiddle))
          problemEnglish.append(piece(text("\",\"en\":\"") + english))
          problemEnglishMiddle.append(piece(englishMiddle))
          problemDated.append(true)
        } else {
          problemArabic.append(.empty)
          problemArabicMiddle.append(.empty)
          problemEnglish.append(.empty)
          problemEnglishMiddle.append(.empty)
          problemDated.append(false)
        }
      }
    }

    for fact in policy.facts {
      missingFactHead.append(piece(text("{\"fact\":") + string(fact.name) + text(",\"label\":")
        + labels(fact.described.labels) + text(",\"needed_by\":[")))
    }
    let nextStep = text("],\"next_step\":")
    if let committee = policy.committee {
      let head = nextStep + text("{\"action\":\"refer_to_committee\",\"by\":[\"staff\"],")
        + (committee.described.citation.map { text("\"citation\":") + string($0) + text(",") } ?? [])
        + text("\"committee\":") + string(committee.described.name)
      let tail = text(",\"label\":") + labels(committee.described.labels) + text("}")
      nextStepCommitteeHead = piece(head + text(",\"earliest_reply_on\":\""))
      nextStepCommitteeHijri = piece(text("\",\"earliest_reply_on_hijri\":\""))
      nextStepCommitteeTail = piece(text("\"") + tail)
      nextStepCommitteeUndated = piece(head + tail)
    }
    nextStepIneligible = piece(nextStep + text("{\"action\":\"notify_ineligible\",\"by\":[\"staff\"],\"label\":")
      + labels(NextStepText.ineligibleLabels) + text("}"))
    nextStepRegistration = piece(nextStep
      + text("{\"action\":\"complete_registration\",\"by\":[\"staff\"],\"label\":")
      + labels(NextStepText.registrationLabels) + text("}"))
    nextStepIncompleteHead = piece(nextStep + text("{\"action\":\"complete_file\",\"by\":["))
    nextStepIncompleteTail = piece(text("],\"label\":") + labels(NextStepText.completeFileLabels) + text("}"))
    submittedOn = piece(text("],\"submitted_on\":\""))
    submittedOnHijri = piece(text("\",\"submitted_on_hijri\":\""))
    // Never empty, so that the writer always has a base address to copy from.
    arena.append(0)
    bytes = arena
    self.valueNames = valueNames
  }

  /// The number of checklist statuses and of truth values: the strides of the per-state tables.
  /// Constants rather than `allCases.count`, which would be computed behind a lazy global's
  /// check at every use; `init` checks them.
  static var statusCount: Int { 6 }
  static var truthCount: Int { 3 }
}

/// A policy version's `OutcomeFragments`, shared by reference: the writer reads the tables
/// through it, so that no table is copied (nor its references counted) per outcome.
package final class OutcomeTables: Sendable {
  let fragments: OutcomeFragments

  init(fragments: OutcomeFragments) { self.fragments = fragments }
}

extension ChecklistStatus {
  /// The position in `allCases`, which indexes per-status fragments.
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
  /// The position in `allCases`, which indexes per-result fragments.
  var ordinal: Int {
    switch self {
    case .true: 0
    case .false: 1
    case .unknown: 2
    }
  }
}

extension Verdict {
  /// The position in `["eligible", "ineligible", "incomplete"]` (`allCases`), which indexes
  /// per-verdict fragments and the batch's per-verdict counts.
  package var ordinal: Int {
    switch self {
    case .eligible: 0
    case .ineligible: 1
    case .incomplete: 2
    }
  }
}

extension DecimalNumber {
  /// `scale` as a constant: `scale` is a lazy global of another module, behind a check at every use.
  static var wholeScale: Int64 { 10_000 }
}
