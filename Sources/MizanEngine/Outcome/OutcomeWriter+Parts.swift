import MizanChecker
import MizanCore

// The parts of an outcome that depend on the policy and on a rule's result, never on the record:
// each written by one function here. `OutcomeTemplate` runs these functions once per policy
// version and keeps their bytes; `OutcomeWriter` copies those bytes and writes the record's parts
// between them. Keys are written in RFC 8785 order (docs/records.md#outcome).

/// Writes the constant parts of one policy version's outcomes.
struct OutcomeParts {
  /// Held by reference: the policy and plan are read through it, never copied.
  let evaluator: Evaluator
  var policy: CheckedPolicy {
    _read { yield evaluator.policy }
  }
  var plan: EvaluationPlan { evaluator.plan }

  // MARK: - Small pieces

  func string(_ text: String, _ out: inout ByteBuffer) { CanonicalJSONWriter.writeString(text, into: &out) }

  /// `{"ar":…,"en":…}`.
  func labels(_ text: LocalizedText, _ out: inout ByteBuffer) {
    out.append(literal: "{\"ar\":")
    string(text.arabic, &out)
    out.append(literal: ",\"en\":")
    string(text.english, &out)
    out.append(UInt8(ascii: "}"))
  }

  /// `"assumed":…,` or `"citation":…,` (keys before `kind` and `detail` in order).
  func provenance(_ described: Described, _ out: inout ByteBuffer) {
    if let assumed = described.assumption {
      out.append(literal: "\"assumed\":")
      string(assumed, &out)
      out.append(UInt8(ascii: ","))
    }
    if let citation = described.citation {
      out.append(literal: "\"citation\":")
      string(citation, &out)
      out.append(UInt8(ascii: ","))
    }
  }

  // MARK: - Checklist items

  /// `{"accepts":[…],"citation":…,"detail":{"ar":"` — an item up to its Arabic detail.
  func itemHead(_ requirement: Int, _ out: inout ByteBuffer) {
    out.append(literal: "{\"accepts\":[")
    for (position, item) in policy.requirements[requirement].alternatives.enumerated() {
      if position > 0 { out.append(UInt8(ascii: ",")) }
      switch item {
      case .document(let type): string(policy.documents[type].name, &out)
      case .fact(let slot): string(policy.facts[slot].name, &out)
      }
    }
    out.append(literal: "],")
    provenance(policy.requirements[requirement].described, &out)
    out.append(literal: "\"detail\":{\"ar\":\"")
  }

  /// `"},"id":…,"label":{…},"provided_by":…,"status":"…"}` — an item from the end of its English detail.
  func itemTail(_ requirement: Int, status: ChecklistStatus, _ out: inout ByteBuffer) {
    out.append(literal: "\"},\"id\":")
    string(policy.requirements[requirement].name, &out)
    out.append(literal: ",\"label\":")
    labels(policy.requirements[requirement].described.labels, &out)
    out.append(literal: ",\"provided_by\":")
    string(plan.providers[requirement].rawValue, &out)
    out.append(literal: ",\"status\":")
    string(status.rawValue, &out)
    out.append(UInt8(ascii: "}"))
  }

  // MARK: - Reasons, missing facts, next steps

  /// A whole reason: `{"citation":…,"kind":…,"label":{…},"result":…,"rule":…}`.
  func reason(_ described: Described, kind: String, result: String, _ out: inout ByteBuffer) {
    out.append(UInt8(ascii: "{"))
    provenance(described, &out)
    out.append(literal: "\"kind\":")
    string(kind, &out)
    out.append(literal: ",\"label\":")
    labels(described.labels, &out)
    out.append(literal: ",\"result\":")
    string(result, &out)
    out.append(literal: ",\"rule\":")
    string(described.name, &out)
    out.append(UInt8(ascii: "}"))
  }

  /// The kind of member a list fact holds.
  func memberKind(ofList slot: Int) -> MemberKind? {
    guard case .listOf(let name) = policy.facts[slot].type else { return nil }
    return policy.members.first { $0.name == name }
  }

  /// `household_size`, or `children[2].birth_date` for a member's fact (positions from 0, as in
  /// the record's JSON paths).
  func factPath(_ fact: FactRef) -> String {
    let name = policy.facts[fact.slot].name
    guard fact.isMemberFact, let kind = memberKind(ofList: fact.slot) else { return name }
    return "\(name)[\(fact.member)].\(kind.facts[fact.memberSlot].name)"
  }

  /// `{"fact":"children[1].birth_date","label":{…},"needed_by":[` — a member's missing fact, its
  /// label naming the member: "Birth date — Child 2 (Sara)".
  func missingMemberFactHead(_ fact: FactRef, record: ApplicantRecord, _ out: inout ByteBuffer) {
    guard let kind = memberKind(ofList: fact.slot) else { return }
    out.append(literal: "{\"fact\":")
    string(factPath(fact), &out)
    out.append(literal: ",\"label\":")
    var shown = ""
    if let slot = kind.shownBy, let members = record.lists[fact.slot], fact.member < members.count,
      case .text(let text)? = members[fact.member].facts[slot]
    {
      shown = " (\(text))"
    }
    let factLabels = kind.facts[fact.memberSlot].described.labels
    let number = String(fact.member + 1)
    labels(LocalizedText(ar: "\(factLabels.arabic) — \(kind.described.labels.arabic) \(number)\(shown)",
                         en: "\(factLabels.english) — \(kind.described.labels.english) \(number)\(shown)"), &out)
    out.append(literal: ",\"needed_by\":[")
  }

  /// `{"fact":…,"label":{…},"needed_by":[` — a missing fact up to the rules that needed it.
  func missingFactHead(_ slot: Int, _ out: inout ByteBuffer) {
    out.append(literal: "{\"fact\":")
    string(policy.facts[slot].name, &out)
    out.append(literal: ",\"label\":")
    labels(policy.facts[slot].described.labels, &out)
    out.append(literal: ",\"needed_by\":[")
  }

  /// A next step without a date: `{"action":…,"by":[…],"label":{…}}`.
  func nextStep(action: String, by: String, labels text: LocalizedText, _ out: inout ByteBuffer) {
    out.append(literal: "{\"action\":")
    string(action, &out)
    out.append(literal: ",\"by\":[")
    string(by, &out)
    out.append(literal: "],\"label\":")
    labels(text, &out)
    out.append(UInt8(ascii: "}"))
  }

  /// The committee's next step up to where its date goes (`…,"committee":…` ), and from after it
  /// (`,"label":{…}}`).
  func committeeHead(_ committee: CheckedCommittee, _ out: inout ByteBuffer) {
    out.append(literal: "{\"action\":\"refer_to_committee\",\"by\":[\"staff\"],")
    if let citation = committee.described.citation {
      out.append(literal: "\"citation\":")
      string(citation, &out)
      out.append(UInt8(ascii: ","))
    }
    out.append(literal: "\"committee\":")
    string(committee.described.name, &out)
  }

  func committeeTail(_ committee: CheckedCommittee, _ out: inout ByteBuffer) {
    out.append(literal: ",\"label\":")
    labels(committee.described.labels, &out)
    out.append(UInt8(ascii: "}"))
  }

  /// `,"notice":{…}` for drafts, `,"policy":{…}` and `,"reasons":[`.
  func identity(_ identity: PolicyIdentity, _ out: inout ByteBuffer) {
    if identity.isDraft {
      out.append(literal: ",\"notice\":")
      labels(OutcomeText.draftNotice, &out)
    }
    out.append(literal: ",\"policy\":{\"association\":")
    string(identity.association, &out)
    out.append(literal: ",\"fingerprint\":")
    string(identity.fingerprint, &out)
    out.append(literal: ",\"status\":")
    string(identity.isDraft ? "draft" : "approved", &out)
    out.append(literal: ",\"version\":")
    string(identity.version, &out)
    out.append(literal: "},\"reasons\":[")
  }

  // MARK: - Trace steps

  /// `{"at":…,"kind":…,` — a step up to its notes or result.
  func stepHead(location: String, kind: String, _ out: inout ByteBuffer) {
    out.append(literal: "{\"at\":")
    string(location, &out)
    out.append(literal: ",\"kind\":")
    string(kind, &out)
    out.append(UInt8(ascii: ","))
  }

  /// `,"rule":…,"values":{` — from after a step's result to its values.
  func stepRule(_ name: String, _ out: inout ByteBuffer) {
    out.append(literal: ",\"rule\":")
    string(name, &out)
    out.append(literal: ",\"values\":{")
  }

  /// The name a trace step shows for a value it read.
  func name(of ref: EvaluationPlan.TracedRef) -> String {
    switch ref {
    case .fact(let slot): policy.facts[slot].name
    case .derived(let index): policy.derived[index].name
    case .parameter(let index): policy.parameters[index].name
    case .document(let index): policy.documents[index].name
    }
  }

  /// A step's read values in canonical key order (by UTF-16 code units, equal names in reading order).
  func sortedReads(_ refs: [EvaluationPlan.TracedRef]) -> [EvaluationPlan.TracedRef] {
    let order = refs.indices.sorted { left, right in
      let comparison = CanonicalJSONWriter.keyOrder(name(of: refs[left]), name(of: refs[right]))
      return comparison != 0 ? comparison < 0 : left < right
    }
    return order.map { refs[$0] }
  }
}

/// The fixed texts of outcomes.
package enum OutcomeText {
  /// What every outcome under a draft version says.
  package static let draftNotice = LocalizedText(ar: "مسودة: غير صالحة للاستخدام الرسمي",
                                                 en: "DRAFT: not valid for official use")
  static let registrationLabels = LocalizedText(ar: "استكمال إجراءات التسجيل وتقديم الخدمة",
                                                en: "Complete registration and provide the service")
  static let completeFileLabels = LocalizedText(ar: "استكمال الملف: النواقص أدناه",
                                                en: "Complete the file: see what is missing")
  static let ineligibleLabels = LocalizedText(
    ar: "إبلاغ المستفيد بعدم استيفاء الشروط مع الأسباب",
    en: "Inform the applicant that the conditions are not met, with the reasons")
}
