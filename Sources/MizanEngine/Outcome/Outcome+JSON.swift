import MizanCore

extension LocalizedText {
  /// `{"ar": …, "en": …}`: every human text in an outcome is given in both languages.
  var json: JSONValue { .object(["ar": .string(arabic), "en": .string(english)]) }
}

extension Outcome {
  /// The SPEC §5 outcome as JSON; `canonicalText` of it is the byte-identical form.
  public var json: JSONValue {
    var members: [JSONMember] = [
      JSONMember("application_id", .string(applicationID)),
      JSONMember("submitted_on", .string(submittedOn.iso)),
      JSONMember("submitted_on_hijri", .string(submittedOn.hijriText)),
      JSONMember("verdict", .string(verdict.rawValue)),
      JSONMember("reasons", .array(reasons.map(\.json))),
      JSONMember("checklist", .array(checklist.map(\.json))),
      JSONMember("missing_facts", .array(missingFacts.map(\.json))),
      JSONMember("next_step", nextStep.json),
      JSONMember("policy", policy.json),
      JSONMember("trace", .array(trace.map(\.json))),
    ]
    if policy.isDraft {
      members.append(JSONMember("notice", Outcome.draftNotice.json))
    }
    return .object(members)
  }

  /// What every outcome under a draft version says.
  static let draftNotice = LocalizedText(ar: "مسودة: غير صالحة للاستخدام الرسمي",
                                         en: "DRAFT: not valid for official use")

  /// The canonical JSON text (RFC 8785 style), one line, no trailing newline.
  public var canonicalJSON: String { json.canonicalText }
}

extension Reason {
  var json: JSONValue {
    var members: [JSONMember] = [
      JSONMember("rule", .string(rule)), JSONMember("kind", .string(kind)), JSONMember("result", .string(result)),
      JSONMember("label", labels.json),
    ]
    if let citation { members.append(JSONMember("citation", .string(citation))) }
    if let assumed { members.append(JSONMember("assumed", .string(assumed))) }
    return .object(members)
  }
}

extension ChecklistItem {
  var json: JSONValue {
    var members: [JSONMember] = [
      JSONMember("id", .string(id)), JSONMember("label", labels.json), JSONMember("status", .string(status.rawValue)),
      JSONMember("provided_by", .string(providedBy)), JSONMember("accepts", .array(accepts.map(JSONValue.string))),
      JSONMember("detail", detail.json),
    ]
    if let citation { members.append(JSONMember("citation", .string(citation))) }
    if let assumed { members.append(JSONMember("assumed", .string(assumed))) }
    return .object(members)
  }
}

extension MissingFact {
  var json: JSONValue {
    .object([
      "fact": .string(fact), "label": labels.json, "needed_by": .array(neededBy.map(JSONValue.string)),
    ])
  }
}

extension NextStep {
  var json: JSONValue {
    var members: [JSONMember] = [
      JSONMember("action", .string(action)), JSONMember("label", labels.json),
      JSONMember("by", .array(by.map(JSONValue.string))),
    ]
    if let committee { members.append(JSONMember("committee", .string(committee))) }
    if let earliestReplyOn {
      members.append(JSONMember("earliest_reply_on", .string(earliestReplyOn.iso)))
      members.append(JSONMember("earliest_reply_on_hijri", .string(earliestReplyOn.hijriText)))
    }
    if let citation { members.append(JSONMember("citation", .string(citation))) }
    return .object(members)
  }
}

extension PolicyIdentity {
  var json: JSONValue {
    .object([
      "association": .string(association), "version": .string(version), "fingerprint": .string(fingerprint),
      "status": .string(isDraft ? "draft" : "approved"),
    ])
  }
}

extension TraceEvent {
  var json: JSONValue {
    var members: [JSONMember] = [
      JSONMember("kind", .string(kind)), JSONMember("rule", .string(rule)), JSONMember("result", .string(result)),
      JSONMember("at", .string(location)),
      JSONMember("values", .object(values.map { JSONMember($0.name, $0.value ?? .null) })),
    ]
    if let when { members.append(JSONMember("when", .string(when))) }
    if !notes.isEmpty { members.append(JSONMember("notes", .array(notes.map(JSONValue.string)))) }
    return .object(members)
  }
}
