import MizanCore

/// Why outcome bytes could not be read back (they are always the writer's, so this means they were
/// altered or cut: a decision log edited by hand, a truncated file).
package struct OutcomeReadError: Error, Sendable, CustomStringConvertible {
  package var description: String
}

extension Outcome {
  /// The outcome that canonical JSON written by `OutcomeWriter` says: how reports (text, HTML),
  /// `mizan test`, impact and replay read an outcome, so that all of them read the one the writer
  /// wrote.
  package init(canonicalJSON bytes: [UInt8]) throws(OutcomeReadError) {
    let json: JSONValue
    do {
      var limits = JSONLimits.default
      limits.maxBytes = Int(Int32.max) - 1
      limits.maxMembers = 1 << 20
      json = try JSONReader.read(bytes, limits: limits)
    } catch {
      throw OutcomeReadError(description: "not JSON: \(error)")
    }
    let reader = OutcomeJSON(json)
    applicationID = try reader.string("application_id")
    submittedOn = try reader.date("submitted_on")
    evaluatedOn = try reader.optionalString("evaluated_on").map { text throws(OutcomeReadError) in
      try OutcomeJSON.date(text, "evaluated_on")
    }
    hasStages = reader.json["stage"] != nil
    if case .object? = reader.json["stage"] {
      let stage = try reader.object("stage")
      self.stage = OutcomeStage(id: try stage.string("id"), labels: try stage.labels("label"))
    }
    verdict = try reader.enumeration("verdict")
    reasons = try reader.list("reasons") { item throws(OutcomeReadError) in
      Reason(rule: try item.string("rule"), kind: try item.string("kind"), result: try item.string("result"),
             labels: try item.labels("label"), citation: item.optionalString("citation"),
             assumed: item.optionalString("assumed"))
    }
    checklist = try reader.list("checklist") { item throws(OutcomeReadError) in
      ChecklistItem(id: try item.string("id"), labels: try item.labels("label"), status: try item.enumeration("status"),
                    providedBy: try item.string("provided_by"), accepts: try item.strings("accepts"),
                    detail: try item.labels("detail"), citation: item.optionalString("citation"),
                    assumed: item.optionalString("assumed"), member: item.optionalString("member"))
    }
    missingFacts = try reader.list("missing_facts") { item throws(OutcomeReadError) in
      MissingFact(fact: try item.string("fact"), labels: try item.labels("label"), neededBy: try item.strings("needed_by"),
                  providedBy: item.optionalString("provided_by") ?? "applicant")
    }
    let next = try reader.object("next_step")
    nextStep = NextStep(action: try next.string("action"), labels: try next.labels("label"), by: try next.strings("by"),
                        committee: next.optionalString("committee"),
                        earliestReplyOn: try next.optionalString("earliest_reply_on").map { text throws(OutcomeReadError) in
                          try OutcomeJSON.date(text, "next_step.earliest_reply_on")
                        },
                        citation: next.optionalString("citation"))
    let identity = try reader.object("policy")
    policy = PolicyIdentity(association: try identity.string("association"), version: try identity.string("version"),
                            fingerprint: try identity.string("fingerprint"),
                            isDraft: try identity.string("status") == "draft")
    trace = try reader.list("trace") { step throws(OutcomeReadError) in
      guard case .object(let values)? = step.json["values"] else {
        throw OutcomeReadError(description: "trace step without `values`")
      }
      return TraceEvent(kind: try step.string("kind"), rule: try step.string("rule"), result: try step.string("result"),
                        location: try step.string("at"),
                        values: values.map { TracedValue(name: $0.key, value: $0.value == .null ? nil : $0.value) },
                        when: step.optionalString("when"), notes: try step.optionalStrings("notes") ?? [])
    }
  }
}

/// Typed access to one object of an outcome's JSON, with errors that name the missing field.
private struct OutcomeJSON {
  let json: JSONValue

  init(_ json: JSONValue) { self.json = json }

  func string(_ key: String) throws(OutcomeReadError) -> String {
    guard case .string(let text)? = json[key] else { throw OutcomeReadError(description: "missing `\(key)`") }
    return text
  }

  func optionalString(_ key: String) -> String? {
    if case .string(let text)? = json[key] { return text }
    return nil
  }

  func strings(_ key: String) throws(OutcomeReadError) -> [String] {
    guard let strings = try optionalStrings(key) else { throw OutcomeReadError(description: "missing `\(key)`") }
    return strings
  }

  func optionalStrings(_ key: String) throws(OutcomeReadError) -> [String]? {
    guard let value = json[key] else { return nil }
    guard case .array(let items) = value else { throw OutcomeReadError(description: "`\(key)` is not a list") }
    var strings: [String] = []
    for item in items {
      guard case .string(let text) = item else { throw OutcomeReadError(description: "`\(key)` holds a non-string") }
      strings.append(text)
    }
    return strings
  }

  func labels(_ key: String) throws(OutcomeReadError) -> LocalizedText {
    let object = try self.object(key)
    return LocalizedText(ar: try object.string("ar"), en: try object.string("en"))
  }

  func object(_ key: String) throws(OutcomeReadError) -> OutcomeJSON {
    guard case .object? = json[key], let value = json[key] else { throw OutcomeReadError(description: "missing `\(key)`") }
    return OutcomeJSON(value)
  }

  func date(_ key: String) throws(OutcomeReadError) -> CalendarDate {
    try Self.date(try string(key), key)
  }

  static func date(_ text: String, _ key: String) throws(OutcomeReadError) -> CalendarDate {
    guard case .success(let date) = CalendarDate.parse(text) else {
      throw OutcomeReadError(description: "`\(key)` is not a date")
    }
    return date
  }

  func enumeration<Value: RawRepresentable<String>>(_ key: String) throws(OutcomeReadError) -> Value {
    guard let value = Value(rawValue: try string(key)) else { throw OutcomeReadError(description: "unknown `\(key)`") }
    return value
  }

  func list<Item>(_ key: String, _ read: (OutcomeJSON) throws(OutcomeReadError) -> Item) throws(OutcomeReadError)
    -> [Item]
  {
    guard case .array(let items)? = json[key] else { throw OutcomeReadError(description: "missing `\(key)`") }
    var result: [Item] = []
    for item in items { result.append(try read(OutcomeJSON(item))) }
    return result
  }
}
