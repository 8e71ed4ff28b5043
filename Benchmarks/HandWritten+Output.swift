import Foundation

// The hand-written program's output: one JSON line per record, in canonical key order.

extension HandWritten {
  // MARK: - Output

  /// The policy's texts, as a hand-written program would hold them in constants.
  struct Texts {
    var fingerprint: String
    var labels: [String: [String: String]]
    var citations: [String: String]
    var assumptions: [String: String]
    var locations: [String: String]
  }

  /// `YYYY-MM-DD` of a day number.
  static func iso(_ day: Int) -> String {
    let shifted = day + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let d = dayOfYear - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
    func pad(_ value: Int, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }

  /// The day in the Umm al-Qura calendar, through Foundation.
  static func hijri(_ day: Int) -> String {
    let date = Date(timeIntervalSince1970: Double(day) * 86_400)
    let parts = ummAlQura.dateComponents([.year, .month, .day], from: date)
    let month = parts.month ?? 0
    let dayOfMonth = parts.day ?? 0
    return "\(parts.year ?? 0)-\(month < 10 ? "0" : "")\(month)-\(dayOfMonth < 10 ? "0" : "")\(dayOfMonth)H"
  }

  /// A JSON line built by hand into bytes: keys written in sorted order by the code itself, strings
  /// escaped by a small function. (`JSONSerialization` takes ~2 ms a line on Linux with sorted keys
  /// and `JSONEncoder` ~0.3 ms; a performance-minded engineer writes the line by hand.)
  struct Line {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(6_000) }

    mutating func raw(_ part: String) { bytes.append(contentsOf: part.utf8) }

    mutating func string(_ value: String) {
      bytes.append(UInt8(ascii: "\""))
      for byte in value.utf8 {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
        case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
        case 0x0A: bytes.append(contentsOf: [92, 110])
        case 0x0D: bytes.append(contentsOf: [92, 114])
        case 0x09: bytes.append(contentsOf: [92, 116])
        case 0..<0x20: bytes.append(contentsOf: String(format: "\\u%04x", byte).utf8)
        default: bytes.append(byte)
        }
      }
      bytes.append(UInt8(ascii: "\""))
    }

    mutating func key(_ name: String) {
      if let last = bytes.last, last != UInt8(ascii: "{"), last != UInt8(ascii: "[") { bytes.append(UInt8(ascii: ",")) }
      string(name)
      bytes.append(UInt8(ascii: ":"))
    }

    mutating func label(_ labels: [String: String]) {
      raw("{")
      key("ar")
      string(labels["ar"] ?? "")
      key("en")
      string(labels["en"] ?? "")
      raw("}")
    }

    mutating func list(_ values: [String]) {
      raw("[")
      for (index, value) in values.enumerated() {
        if index > 0 { raw(",") }
        string(value)
      }
      raw("]")
    }

    mutating func number(_ value: Double?) {
      guard let value else {
        raw("null")
        return
      }
      raw(value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value))
    }
  }

  /// The output line: the same content, in the same canonical key order, as the engine's outcome.
  static func outputLine(_ record: Record, _ decision: Decision, texts: Texts) -> Data {
    func label(_ name: String) -> [String: String] { texts.labels[name] ?? [:] }
    var line = Line()
    line.raw("{")
    line.key("application_id")
    line.string(record.applicationID)
    line.key("checklist")
    line.raw("[")
    var reasons: [(name: String, kind: String, result: String)] = []
    let conditionNames = ["channel_listed", "resides_in_rabigh", "income_within_limit"]
    let conditionResults = [decision.channelListed, decision.residesInRabigh, decision.incomeWithinLimit]
    for (name, result) in zip(conditionNames, conditionResults) where result != .true {
      reasons.append((name, "condition", result.rawValue))
    }
    for (index, name) in requirementNames.enumerated() {
      let status = decision.statuses[index]
      var detailEN = ""
      var detailAR = ""
      if let position = decision.deciding[index] {
        let document = record.documents[position]
        let docLabel = label(document.type)
        switch status {
        case .provided:
          detailEN = "\(docLabel["en"] ?? "") provided" + (document.expiresOn.map { ", valid until \(iso($0))" } ?? "")
          detailAR = "تم تقديم \(docLabel["ar"] ?? "")" + (document.expiresOn.map { "، صالحة حتى \(iso($0))" } ?? "")
        default:
          detailEN = "\(docLabel["en"] ?? ""): \(status.rawValue) (submitted \(iso(record.submitted)))"
          detailAR = "\(docLabel["ar"] ?? ""): \(status.rawValue) (\(iso(record.submitted)))"
        }
      } else if status == .notRequired {
        detailEN = "not required for this application"
        detailAR = "غير مطلوب لهذا الطلب"
      } else if status == .undetermined {
        detailEN = "depends on unknown facts: needs_field_visit"
        detailAR = "يعتمد على معلومات غير معروفة: needs_field_visit"
      } else {
        detailEN = "not in the file"
        detailAR = "غير موجود في الملف"
      }
      if index > 0 { line.raw(",") }
      line.raw("{")
      line.key("accepts")
      line.list(requirementTypes[index])
      if let assumed = texts.assumptions[name] {
        line.key("assumed")
        line.string(assumed)
      }
      if let citation = texts.citations[name] {
        line.key("citation")
        line.string(citation)
      }
      line.key("detail")
      line.label(["ar": detailAR, "en": detailEN])
      line.key("id")
      line.string(name)
      line.key("label")
      line.label(label(name))
      line.key("provided_by")
      line.string(index >= 3 ? "staff" : "applicant")
      line.key("status")
      line.string(status.rawValue)
      line.raw("}")
      if status != .provided, status != .notRequired { reasons.append((name, "requirement", status.rawValue)) }
    }
    line.raw("]")
    line.key("missing_facts")
    line.raw("[")
    for (index, missing) in decision.missingFacts.enumerated() {
      if index > 0 { line.raw(",") }
      line.raw("{")
      line.key("fact")
      line.string(missing.fact)
      line.key("label")
      line.label(label(missing.fact))
      line.key("needed_by")
      line.list(missing.neededBy)
      line.raw("}")
    }
    line.raw("]")
    line.key("next_step")
    line.raw("{")
    switch decision.verdict {
    case "eligible":
      line.key("action")
      line.string("refer_to_committee")
      line.key("by")
      line.list(decision.nextBy)
      if let citation = texts.citations["research_committee"] {
        line.key("citation")
        line.string(citation)
      }
      line.key("committee")
      line.string("research_committee")
      if let reply = decision.earliestReply {
        line.key("earliest_reply_on")
        line.string(iso(reply))
        line.key("earliest_reply_on_hijri")
        line.string(hijri(reply))
      }
      line.key("label")
      line.label(label("research_committee"))
    case "incomplete":
      line.key("action")
      line.string("complete_file")
      line.key("by")
      line.list(decision.nextBy)
      line.key("label")
      line.label(["ar": "استكمال الملف: النواقص أدناه", "en": "Complete the file: see what is missing"])
    default:
      line.key("action")
      line.string("notify_ineligible")
      line.key("by")
      line.list(decision.nextBy)
      line.key("label")
      line.label([
        "ar": "إبلاغ المستفيد بعدم استيفاء الشروط مع الأسباب",
        "en": "Inform the applicant that the conditions are not met, with the reasons",
      ])
    }
    line.raw("}")
    line.key("policy")
    line.raw("{")
    line.key("association")
    line.string("raabigh")
    line.key("fingerprint")
    line.string(texts.fingerprint)
    line.key("status")
    line.string("approved")
    line.key("version")
    line.string("2024-01-15")
    line.raw("}")
    line.key("reasons")
    line.raw("[")
    for (index, reason) in reasons.enumerated() {
      if index > 0 { line.raw(",") }
      line.raw("{")
      if let assumed = texts.assumptions[reason.name] {
        line.key("assumed")
        line.string(assumed)
      }
      if let citation = texts.citations[reason.name] {
        line.key("citation")
        line.string(citation)
      }
      line.key("kind")
      line.string(reason.kind)
      line.key("label")
      line.label(label(reason.name))
      line.key("result")
      line.string(reason.result)
      line.key("rule")
      line.string(reason.name)
      line.raw("}")
    }
    line.raw("]")
    line.key("submitted_on")
    line.string(iso(record.submitted))
    line.key("submitted_on_hijri")
    line.string(hijri(record.submitted))
    line.key("trace")
    line.raw("[")
    func event(_ kind: String, _ rule: String, _ result: String, when: String? = nil, values: (inout Line) -> Void) {
      if line.bytes.last != UInt8(ascii: "[") { line.raw(",") }
      line.raw("{")
      line.key("at")
      line.string(texts.locations[rule] ?? "")
      line.key("kind")
      line.string(kind)
      line.key("result")
      line.string(result)
      line.key("rule")
      line.string(rule)
      line.key("values")
      line.raw("{")
      values(&line)
      line.raw("}")
      if let when {
        line.key("when")
        line.string(when)
      }
      line.raw("}")
    }
    event("derived", "income_per_member", decision.incomePerMember.map { String($0) } ?? "unknown") { line in
      line.key("household_size")
      line.number(record.householdSize.map(Double.init))
      line.key("monthly_income")
      line.number(record.monthlyIncome)
    }
    event("condition", "channel_listed", decision.channelListed.rawValue) { line in
      line.key("channel")
      if let channel = record.channel { line.string(channel.rawValue) } else { line.raw("null") }
      line.key("channels")
      line.list(listedChannelsInOrder)
    }
    event("condition", "resides_in_rabigh", decision.residesInRabigh.rawValue) { line in
      line.key("governorate")
      if let governorate = record.governorate { line.string(governorate) } else { line.raw("null") }
    }
    event("condition", "income_within_limit", decision.incomeWithinLimit.rawValue) { line in
      line.key("income_limit_per_member")
      line.number(1500)
      line.key("income_per_member")
      line.number(decision.incomePerMember)
    }
    for (index, name) in requirementNames.enumerated() {
      event(
        "requirement", name, decision.statuses[index].rawValue,
        when: index == 4 ? decision.fieldVisitWhen?.rawValue : nil
      ) { line in
        guard index == 4 else { return }
        line.key("needs_field_visit")
        line.raw(record.needsFieldVisit.map { $0 ? "true" : "false" } ?? "null")
      }
    }
    if decision.verdict == "eligible", let reply = decision.earliestReply {
      event("committee", "research_committee", iso(reply)) { _ in }
    }
    line.raw("]")
    line.key("verdict")
    line.string(decision.verdict)
    line.raw("}")
    return Data(line.bytes)
  }

  static let listedChannelsInOrder = [
    "interview", "phone_calls", "social_media", "letters", "help_request_services",
    "volunteering", "website", "branch_office_representatives",
  ]

  /// An error line, as the hand-written program reports a record it cannot read.
  static func errorLine(_ error: ReadError, line number: Int) -> Data {
    var line = Line()
    line.raw("{")
    line.key("error")
    line.raw("{")
    line.key("message")
    line.string(error.message)
    line.key("path")
    line.string(error.path)
    line.raw("}")
    line.key("line")
    line.raw(String(number))
    line.raw("}")
    return Data(line.bytes)
  }
}
