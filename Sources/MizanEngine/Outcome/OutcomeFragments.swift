import MizanChecker
import MizanCore
import MizanSyntax

/// The parts of a policy's canonical outcome JSON that do not depend on the record (labels,
/// citations, rule names, locations, parameter values), rendered once by the canonical writer
/// itself, so that `writeCanonicalOutcome` only copies them and fills in what the record decides.
///
/// Keys appear in RFC 8785 order; each fragment's comment shows where it starts and ends.
package struct OutcomeFragments: Sendable {
  typealias Bytes = [UInt8]

  /// A value a trace step shows, with its key (`"name":`), in canonical key order.
  struct TracedKey: Sendable {
    var key: Bytes
    var ref: EvaluationPlan.TracedRef
  }

  /// Per requirement: `{"accepts":[…],("assumed":…,)("citation":…,)"detail":`.
  var checklistHead: [Bytes] = []
  /// Per requirement: `,"id":…,"label":{…},"provided_by":…,"status":"`.
  var checklistTail: [Bytes] = []
  /// Per condition and requirement: `{("assumed":…,)("citation":…,)"kind":…,"label":{…},"result":"`.
  var conditionReasonHead: [Bytes] = []
  var requirementReasonHead: [Bytes] = []
  /// Per condition and requirement: `","rule":…}`.
  var conditionReasonTail: [Bytes] = []
  var requirementReasonTail: [Bytes] = []
  /// Per rule, its name as a JSON string (for `needed_by`).
  var conditionNames: [Bytes] = []
  var requirementNames: [Bytes] = []
  /// Per fact slot: `{"fact":…,"label":{…},"needed_by":[`.
  var missingFactHead: [Bytes] = []
  /// Per step: `{"at":…,"kind":…,` and `,"rule":…,"values":{`.
  var derivedTraceHead: [Bytes] = []
  var derivedTraceRule: [Bytes] = []
  var conditionTraceHead: [Bytes] = []
  var conditionTraceRule: [Bytes] = []
  var requirementTraceHead: [Bytes] = []
  var requirementTraceRule: [Bytes] = []
  /// Per step, the values it shows in canonical key order.
  var derivedKeys: [[TracedKey]] = []
  var conditionKeys: [[TracedKey]] = []
  var requirementKeys: [[TracedKey]] = []
  /// `{"at":…,"kind":"committee","result":` and `,"rule":…,"values":{}}`.
  var committeeTraceHead: Bytes?
  var committeeTraceTail: Bytes = []
  /// Each parameter's value as canonical JSON.
  var parameterValues: [Bytes] = []
  /// Per enumeration-typed fact slot or derived value: its values' names as JSON strings.
  var factValueNames: [[Bytes]?] = []
  var derivedValueNames: [[Bytes]?] = []
  /// `next_step` objects: whole, or up to where the record's part goes.
  var nextStepIneligible: Bytes = []
  var nextStepRegistration: Bytes = []
  /// `{"action":"refer_to_committee","by":["staff"],("citation":…,)"committee":…` and `,"label":{…}}`.
  var nextStepCommitteeHead: Bytes = []
  var nextStepCommitteeTail: Bytes = []
  /// `{"action":"complete_file","by":[` and `],"label":{…}}`.
  var nextStepIncompleteHead: Bytes = []
  var nextStepIncompleteTail: Bytes = []
  /// `,"notice":{…}` for drafts.
  var draftNotice: Bytes = []

  init(policy: CheckedPolicy, plan: EvaluationPlan) {
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
      if let assumed = described.assumption { bytes += Array("\"assumed\":".utf8) + string(assumed) + [UInt8(ascii: ",")] }
      if let citation = described.citation { bytes += Array("\"citation\":".utf8) + string(citation) + [UInt8(ascii: ",")] }
      return bytes
    }
    func reasonHead(_ described: Described, kind: String) -> Bytes {
      Array("{".utf8) + provenance(described) + Array("\"kind\":".utf8) + string(kind) + Array(",\"label\":".utf8)
        + labels(described.labels) + Array(",\"result\":\"".utf8)
    }
    func reasonTail(_ described: Described) -> Bytes { Array("\",\"rule\":".utf8) + string(described.name) + [UInt8(ascii: "}")] }
    func traceHead(_ location: String, kind: String) -> Bytes {
      Array("{\"at\":".utf8) + string(location) + Array(",\"kind\":".utf8) + string(kind) + [UInt8(ascii: ",")]
    }
    func traceRule(_ name: String) -> Bytes { Array(",\"rule\":".utf8) + string(name) + Array(",\"values\":{".utf8) }
    func names(_ type: ValueType) -> [Bytes]? {
      guard case .enumeration(let name) = type, let enumeration = policy.enumeration(named: name) else { return nil }
      return enumeration.values.map(string)
    }
    func keys(_ refs: [EvaluationPlan.TracedRef]) -> [TracedKey] {
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
      return order.map { TracedKey(key: string(name(refs[$0])) + [UInt8(ascii: ":")], ref: refs[$0]) }
    }

    for (index, requirement) in policy.requirements.enumerated() {
      let accepts = requirement.alternatives.map { item -> JSONValue in
        switch item {
        case .document(let type): .string(policy.documents[type].name)
        case .fact(let slot): .string(policy.facts[slot].name)
        }
      }
      checklistHead.append(Array("{\"accepts\":".utf8) + json(.array(accepts)) + [UInt8(ascii: ",")]
        + provenance(requirement.described) + Array("\"detail\":".utf8))
      checklistTail.append(Array(",\"id\":".utf8) + string(requirement.name) + Array(",\"label\":".utf8)
        + labels(requirement.described.labels) + Array(",\"provided_by\":".utf8)
        + string(plan.providers[index].rawValue) + Array(",\"status\":\"".utf8))
      requirementReasonHead.append(reasonHead(requirement.described, kind: "requirement"))
      requirementReasonTail.append(reasonTail(requirement.described))
      requirementNames.append(string(requirement.name))
      requirementTraceHead.append(traceHead(plan.requirementLocations[index], kind: "requirement"))
      requirementTraceRule.append(traceRule(requirement.name))
      requirementKeys.append(keys(plan.requirementReads[index]))
    }
    for (index, condition) in policy.conditions.enumerated() {
      conditionReasonHead.append(reasonHead(condition.described, kind: "condition"))
      conditionReasonTail.append(reasonTail(condition.described))
      conditionNames.append(string(condition.name))
      conditionTraceHead.append(traceHead(plan.conditionLocations[index], kind: "condition"))
      conditionTraceRule.append(traceRule(condition.name))
      conditionKeys.append(keys(plan.conditionReads[index]))
    }
    for (index, derived) in policy.derived.enumerated() {
      derivedTraceHead.append(traceHead(plan.derivedLocations[index], kind: "derived"))
      derivedTraceRule.append(traceRule(derived.name))
      derivedKeys.append(keys(plan.derivedReads[index]))
      derivedValueNames.append(names(derived.type))
    }
    for fact in policy.facts {
      missingFactHead.append(Array("{\"fact\":".utf8) + string(fact.name) + Array(",\"label\":".utf8)
        + labels(fact.described.labels) + Array(",\"needed_by\":[".utf8))
      factValueNames.append(names(fact.type))
    }
    parameterValues = policy.parameters.map { json(Evaluator.json($0.value, type: $0.type, policy: policy)) }
    if let committee = policy.committee, let location = plan.committeeLocation {
      committeeTraceHead = traceHead(location, kind: "committee") + Array("\"result\":".utf8)
      committeeTraceTail = Array(",\"rule\":".utf8) + string(committee.described.name) + Array(",\"values\":{}}".utf8)
      nextStepCommitteeHead = Array("{\"action\":\"refer_to_committee\",\"by\":[\"staff\"],".utf8)
        + (committee.described.citation.map { Array("\"citation\":".utf8) + string($0) + [UInt8(ascii: ",")] } ?? [])
        + Array("\"committee\":".utf8) + string(committee.described.name)
      nextStepCommitteeTail = Array(",\"label\":".utf8) + labels(committee.described.labels) + [UInt8(ascii: "}")]
    }
    nextStepIneligible = Array("{\"action\":\"notify_ineligible\",\"by\":[\"staff\"],\"label\":".utf8)
      + labels(NextStepText.ineligibleLabels) + [UInt8(ascii: "}")]
    nextStepRegistration = Array("{\"action\":\"complete_registration\",\"by\":[\"staff\"],\"label\":".utf8)
      + labels(NextStepText.registrationLabels) + [UInt8(ascii: "}")]
    nextStepIncompleteHead = Array("{\"action\":\"complete_file\",\"by\":[".utf8)
    nextStepIncompleteTail = Array("],\"label\":".utf8) + labels(NextStepText.completeFileLabels) + [UInt8(ascii: "}")]
    draftNotice = Array(",\"notice\":".utf8) + labels(Outcome.draftNotice)
  }
}
