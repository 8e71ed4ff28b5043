import MizanChecker
import MizanCore
import MizanSyntax

/// The parts of a policy's canonical outcome JSON that do not depend on the record (labels,
/// citations, rule names, locations, parameter values), rendered once by the canonical writer
/// itself, so that `writeCanonicalOutcome` only copies them and fills in what the record decides.
///
/// Where a part depends on the record only through a rule's result, it is rendered once per
/// possible result (a reason object per condition and result, a checklist item's end per
/// status), so that most of an outcome is a few dozen copies. All fragments sit in one byte
/// array (`bytes`) and are named by their ranges in it: writing copies bytes without touching a
/// reference count (workers on several cores share these). Keys appear in RFC 8785 order; each
/// comment shows where a fragment starts and ends.
package struct OutcomeFragments: Sendable {
  typealias Piece = Range<Int>

  /// A value a trace step shows: its key (`"name":`, after a comma but for the first) and what it reads.
  struct TracedKey: Sendable {
    var key: Piece
    var ref: EvaluationPlan.TracedRef
  }

  /// Every fragment, one after the other.
  private(set) var bytes: [UInt8] = []

  /// Per requirement: `{"accepts":[…],("assumed":…,)("citation":…,)"detail":{"ar":"`.
  private(set) var checklistHead: [Piece] = []
  /// Per requirement and status, at `requirement * statusCount + ChecklistStatus.ordinal`:
  /// `"},"id":…,"label":{…},"provided_by":…,"status":"…"}`. (Tables per state are flat, so that
  /// reading one takes no inner array, and no reference count, from memory all workers share.)
  private(set) var checklistTail: [Piece] = []
  /// Per condition and result (`condition * truthCount + Truth.ordinal`), and per requirement and
  /// status: the whole reason.
  private(set) var conditionReasons: [Piece] = []
  private(set) var requirementReasons: [Piece] = []
  /// Per rule, its name as a JSON string (for `needed_by`).
  private(set) var conditionNames: [Piece] = []
  private(set) var requirementNames: [Piece] = []
  /// Per fact slot: `{"fact":…,"label":{…},"needed_by":[`.
  private(set) var missingFactHead: [Piece] = []
  /// Per step: `{"at":…,"kind":…,` and `,"rule":…,"values":{` (around notes and a result).
  private(set) var derivedTraceHead: [Piece] = []
  private(set) var derivedTraceRule: [Piece] = []
  private(set) var conditionTraceHead: [Piece] = []
  private(set) var conditionTraceRule: [Piece] = []
  private(set) var requirementTraceHead: [Piece] = []
  private(set) var requirementTraceRule: [Piece] = []
  /// Per condition and result, per requirement and status, for steps without notes:
  /// `{"at":…,"kind":…,"result":"…","rule":…,"values":{`.
  private(set) var conditionTraceOpen: [Piece] = []
  private(set) var requirementTraceOpen: [Piece] = []
  /// The values each step shows, in canonical key order: all steps' in `keys`, each step's range
  /// of them in `derivedKeys`, `conditionKeys` and `requirementKeys`.
  private(set) var keys: [TracedKey] = []
  private(set) var derivedKeys: [Range<Int>] = []
  private(set) var conditionKeys: [Range<Int>] = []
  private(set) var requirementKeys: [Range<Int>] = []
  /// `}` (closing `values`), `,"when":"…"` for each `Truth.ordinal` or none (index 3), and `}`.
  private(set) var traceClose: [Piece] = []
  /// `{"at":…,"kind":"committee","result":` and `,"rule":…,"values":{}}`.
  private(set) var committeeTraceHead: Piece?
  private(set) var committeeTraceTail: Piece = 0..<0
  /// Each parameter's value as canonical JSON.
  private(set) var parameterValues: [Piece] = []
  /// Enumeration values' names as JSON strings: all in `valueNames`; per enumeration-typed fact
  /// slot or derived value, the range of its names there (nil for other types).
  private(set) var valueNames: [Piece] = []
  private(set) var factValueNames: [Range<Int>?] = []
  private(set) var derivedValueNames: [Range<Int>?] = []
  /// `next_step` objects: whole, or up to where the record's part goes.
  private(set) var nextStepIneligible: Piece = 0..<0
  private(set) var nextStepRegistration: Piece = 0..<0
  /// `{"action":"refer_to_committee","by":["staff"],("citation":…,)"committee":…` and `,"label":{…}}`.
  private(set) var nextStepCommitteeHead: Piece = 0..<0
  private(set) var nextStepCommitteeTail: Piece = 0..<0
  /// `{"action":"complete_file","by":[` and `],"label":{…}}`.
  private(set) var nextStepIncompleteHead: Piece = 0..<0
  private(set) var nextStepIncompleteTail: Piece = 0..<0
  /// `,"notice":{…}` for drafts.
  private(set) var draftNotice: Piece = 0..<0

  init(policy: CheckedPolicy, plan: EvaluationPlan) {
    typealias Bytes = [UInt8]
    var arena: [UInt8] = []
    func piece(_ fragment: Bytes) -> Piece {
      arena += fragment
      return (arena.count - fragment.count)..<arena.count
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
    func traceHead(_ location: String, kind: String) -> Bytes {
      text("{\"at\":") + string(location) + text(",\"kind\":") + string(kind) + text(",")
    }
    func traceRule(_ name: String) -> Bytes { text(",\"rule\":") + string(name) + text(",\"values\":{") }
    func traceOpen(_ location: String, kind: String, name: String, result: String) -> Piece {
      piece(traceHead(location, kind: kind) + text("\"result\":") + string(result) + traceRule(name))
    }
    var valueNames: [Piece] = []
    func names(_ type: ValueType) -> Range<Int>? {
      guard case .enumeration(let name) = type, let enumeration = policy.enumeration(named: name) else { return nil }
      let start = valueNames.count
      valueNames += enumeration.values.map { piece(string($0)) }
      return start..<valueNames.count
    }
    var allKeys: [TracedKey] = []
    func keyRange(_ refs: [EvaluationPlan.TracedRef]) -> Range<Int> {
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
      let start = allKeys.count
      allKeys += order.enumerated().map { position, index in
        TracedKey(key: piece((position > 0 ? text(",") : []) + string(name(refs[index])) + text(":")),
                  ref: refs[index])
      }
      return start..<allKeys.count
    }
    let statuses = ChecklistStatus.allCases
    let truths = Truth.allCases

    for (index, requirement) in policy.requirements.enumerated() {
      let accepts = requirement.alternatives.map { item -> JSONValue in
        switch item {
        case .document(let type): .string(policy.documents[type].name)
        case .fact(let slot): .string(policy.facts[slot].name)
        }
      }
      checklistHead.append(piece(text("{\"accepts\":") + json(.array(accepts)) + text(",")
        + provenance(requirement.described) + text("\"detail\":{\"ar\":\"")))
      let tail = text("\"},\"id\":") + string(requirement.name) + text(",\"label\":")
        + labels(requirement.described.labels)
        + text(",\"provided_by\":") + string(plan.providers[index].rawValue) + text(",\"status\":")
      checklistTail += statuses.map { piece(tail + string($0.rawValue) + text("}")) }
      requirementReasons += statuses.map { reason(requirement.described, kind: "requirement", result: $0.rawValue) }
      requirementNames.append(piece(string(requirement.name)))
      let location = plan.requirementLocations[index]
      requirementTraceHead.append(piece(traceHead(location, kind: "requirement")))
      requirementTraceRule.append(piece(traceRule(requirement.name)))
      requirementTraceOpen += statuses.map {
        traceOpen(location, kind: "requirement", name: requirement.name, result: $0.rawValue)
      }
      requirementKeys.append(keyRange(plan.requirementReads[index]))
    }
    for (index, condition) in policy.conditions.enumerated() {
      conditionReasons += truths.map { reason(condition.described, kind: "condition", result: $0.rawValue) }
      conditionNames.append(piece(string(condition.name)))
      let location = plan.conditionLocations[index]
      conditionTraceHead.append(piece(traceHead(location, kind: "condition")))
      conditionTraceRule.append(piece(traceRule(condition.name)))
      conditionTraceOpen += truths.map {
        traceOpen(location, kind: "condition", name: condition.name, result: $0.rawValue)
      }
      conditionKeys.append(keyRange(plan.conditionReads[index]))
    }
    for (index, derived) in policy.derived.enumerated() {
      derivedTraceHead.append(piece(traceHead(plan.derivedLocations[index], kind: "derived")))
      derivedTraceRule.append(piece(traceRule(derived.name)))
      derivedKeys.append(keyRange(plan.derivedReads[index]))
      derivedValueNames.append(names(derived.type))
    }
    traceClose = truths.map { piece(text("},\"when\":") + string($0.rawValue) + text("}")) } + [piece(text("}}"))]
    for fact in policy.facts {
      missingFactHead.append(piece(text("{\"fact\":") + string(fact.name) + text(",\"label\":")
        + labels(fact.described.labels) + text(",\"needed_by\":[")))
      factValueNames.append(names(fact.type))
    }
    parameterValues = policy.parameters.map { piece(json(Evaluator.json($0.value, type: $0.type, policy: policy))) }
    if let committee = policy.committee, let location = plan.committeeLocation {
      committeeTraceHead = piece(traceHead(location, kind: "committee") + text("\"result\":"))
      committeeTraceTail = piece(text(",\"rule\":") + string(committee.described.name) + text(",\"values\":{}}"))
      nextStepCommitteeHead = piece(text("{\"action\":\"refer_to_committee\",\"by\":[\"staff\"],")
        + (committee.described.citation.map { text("\"citation\":") + string($0) + text(",") } ?? [])
        + text("\"committee\":") + string(committee.described.name))
      nextStepCommitteeTail = piece(text(",\"label\":") + labels(committee.described.labels) + text("}"))
    }
    nextStepIneligible = piece(text("{\"action\":\"notify_ineligible\",\"by\":[\"staff\"],\"label\":")
      + labels(NextStepText.ineligibleLabels) + text("}"))
    nextStepRegistration = piece(text("{\"action\":\"complete_registration\",\"by\":[\"staff\"],\"label\":")
      + labels(NextStepText.registrationLabels) + text("}"))
    nextStepIncompleteHead = piece(text("{\"action\":\"complete_file\",\"by\":["))
    nextStepIncompleteTail = piece(text("],\"label\":") + labels(NextStepText.completeFileLabels) + text("}"))
    draftNotice = piece(text(",\"notice\":") + labels(Outcome.draftNotice))
    bytes = arena
    self.keys = allKeys
    self.valueNames = valueNames
  }

  /// The number of checklist statuses and of truth values: the strides of the per-state tables.
  static let statusCount = ChecklistStatus.allCases.count
  static let truthCount = Truth.allCases.count
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
