import Foundation

/// Raabigh's rules written by hand in Swift, the way an engineer would without Mizan: the record
/// read with Foundation's `JSONSerialization`, decoded into a struct, the eight rules as `if`s,
/// the output line written by hand in canonical key order (Foundation's JSON writers take 0.3–2 ms
/// a line on Linux).
///
/// It gives the same verdicts, checklist statuses and missing facts as the engine (the benchmark
/// checks this on every record) and writes an output line with the same content (labels,
/// citations, details, trace), so the two do the same work. Its texts are constants (`Texts`),
/// copied once from the policy so that both write the same words.
enum HandWritten {
  // MARK: - Record

  struct Document {
    var type: String
    var expiresOn: Int?
    var dated: Int?
    var signedOn: Int?
    var issuedOn: Int?
  }

  struct Record {
    var applicationID: String
    var association: String
    var submitted: Int
    var channel: String?
    var governorate: String?
    var monthlyIncome: Double?
    var householdSize: Int?
    var needsFieldVisit: Bool?
    var nationalIDNumber: String?
    var birthDate: Int?
    var documents: [Document]
  }

  struct ReadError: Error {
    var path: String
    var message: String
  }

  static let channels: Set<String> = [
    "interview", "phone_calls", "social_media", "letters", "help_request_services", "volunteering", "website",
    "branch_office_representatives", "association_representatives",
  ]
  static let listedChannels: Set<String> = [
    "interview", "phone_calls", "social_media", "letters", "help_request_services", "volunteering", "website",
    "branch_office_representatives",
  ]
  static let documentTypes: Set<String> = [
    "national_id", "civil_registry", "support_request_form", "data_declaration", "interview_record",
    "field_visit_report", "membership_proof",
  ]
  static let ummAlQura: Calendar = {
    var calendar = Calendar(identifier: .islamicUmmAlQura)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    return calendar
  }()

  /// Reads one line with `JSONSerialization` and decodes it.
  static func read(_ line: Data) throws -> Record {
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: line)
    } catch {
      throw ReadError(path: "$", message: "not valid JSON")
    }
    return try decode(object)
  }

  static func decode(_ object: Any) throws -> Record {
    guard let json = object as? [String: Any] else { throw ReadError(path: "$", message: "expected an object") }
    guard let id = json["application_id"] as? String, !id.isEmpty else {
      throw ReadError(path: "application_id", message: "expected a non-empty string")
    }
    guard let association = json["association"] as? String, association == "raabigh" else {
      throw ReadError(path: "association", message: "unknown association")
    }
    let submitted = try date(json["submitted_on"], path: "submitted_on")
    var record = Record(applicationID: id, association: association, submitted: submitted, documents: [])
    if let channel = json["channel"], !(channel is NSNull) {
      guard let name = channel as? String, channels.contains(name) else {
        throw ReadError(path: "channel", message: "unknown channel")
      }
      record.channel = name
    }
    if let facts = json["facts"] {
      guard let facts = facts as? [String: Any] else { throw ReadError(path: "facts", message: "expected an object") }
      for (key, value) in facts where !(value is NSNull) {
        switch key {
        case "governorate":
          guard let text = value as? String else { throw ReadError(path: "facts.governorate", message: "expected text") }
          record.governorate = text
        case "national_id_number":
          guard let text = value as? String else { throw ReadError(path: "facts.\(key)", message: "expected text") }
          record.nationalIDNumber = text
        case "birth_date":
          record.birthDate = try date(value, path: "facts.birth_date")
        case "monthly_income":
          guard !isBool(value), let number = value as? NSNumber, number.doubleValue >= 0 else {
            throw ReadError(path: "facts.monthly_income", message: "expected an amount")
          }
          record.monthlyIncome = number.doubleValue
        case "household_size":
          guard !isBool(value), let number = value as? NSNumber, let whole = Int(exactly: number.doubleValue),
            whole >= 0
          else { throw ReadError(path: "facts.household_size", message: "expected a whole number") }
          record.householdSize = whole
        case "needs_field_visit":
          guard isBool(value), let number = value as? NSNumber else {
            throw ReadError(path: "facts.needs_field_visit", message: "expected true or false")
          }
          record.needsFieldVisit = number.boolValue
        default:
          throw ReadError(path: "facts.\(key)", message: "unknown fact")
        }
      }
    }
    if let documents = json["documents"] {
      guard let items = documents as? [Any] else { throw ReadError(path: "documents", message: "expected an array") }
      for (position, item) in items.enumerated() {
        guard let fields = item as? [String: Any], let type = fields["type"] as? String, documentTypes.contains(type)
        else { throw ReadError(path: "documents[\(position)].type", message: "unknown document type") }
        func optionalDate(_ key: String) throws -> Int? {
          guard let value = fields[key], !(value is NSNull) else { return nil }
          return try date(value, path: "documents[\(position)].\(key)")
        }
        record.documents.append(Document(type: type, expiresOn: try optionalDate("expires_on"),
                                         dated: try optionalDate("dated"), signedOn: try optionalDate("signed_on"),
                                         issuedOn: try optionalDate("issued_on")))
      }
    }
    return record
  }

  /// `JSONSerialization` gives booleans as `NSNumber`s too, and an `NSNumber` 1 or 0 casts to `Bool`:
  /// the number's type code tells them apart.
  static func isBool(_ value: Any) -> Bool {
    guard let number = value as? NSNumber else { return false }
    return String(cString: number.objCType) == "c"
  }

  /// A day number from `YYYY-MM-DD` (days-from-civil by hand: `DateFormatter` costs ~27 µs) or
  /// `YYYY-MM-DDH` (Umm al-Qura, through Foundation's calendar).
  static func date(_ value: Any?, path: String) throws -> Int {
    guard let text = value as? String else { throw ReadError(path: path, message: "expected a date") }
    let utf8 = Array(text.utf8)
    func number(_ range: Range<Int>) -> Int? {
      var result = 0
      for index in range {
        guard index < utf8.count, utf8[index] >= 48, utf8[index] <= 57 else { return nil }
        result = result * 10 + Int(utf8[index] - 48)
      }
      return result
    }
    guard utf8.count == 10 || (utf8.count == 11 && utf8[10] == UInt8(ascii: "H")), utf8[4] == 45, utf8[7] == 45,
      let year = number(0..<4), let month = number(5..<7), let day = number(8..<10)
    else { throw ReadError(path: path, message: "invalid date") }
    if utf8.count == 11 {
      let components = DateComponents(calendar: ummAlQura, year: year, month: month, day: day)
      guard let date = ummAlQura.date(from: components) else { throw ReadError(path: path, message: "invalid date") }
      return Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }
    let days = [31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    guard month >= 1, month <= 12, day >= 1, day <= days[month - 1] else {
      throw ReadError(path: path, message: "invalid date")
    }
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
  }

  // MARK: - Rules

  enum Truth: String { case `true`, `false`, unknown }

  enum Status: String {
    case provided, missing, expired, invalid
    case notRequired = "not_required"
    case undetermined
  }

  /// What the rules decide, before any text.
  struct Decision {
    var verdict = "eligible"
    var incomePerMember: Double?
    var divisionByZero = false
    var channelListed = Truth.unknown
    var residesInRabigh = Truth.unknown
    var incomeWithinLimit = Truth.unknown
    var statuses: [Status] = []
    /// Per requirement: which document decided (index into the record's documents), if any.
    var deciding: [Int?] = []
    var fieldVisitWhen: Truth?
    var missingFacts: [(fact: String, neededBy: [String])] = []
    var nextBy: [String] = []
    var earliestReply: Int?
  }

  static let requirementNames = ["identity_document", "support_request", "signed_declaration", "personal_interview",
                                 "field_visit"]
  static let requirementTypes = [["national_id", "civil_registry"], ["support_request_form"], ["data_declaration"],
                                 ["interview_record"], ["field_visit_report"]]

  /// The status of one document of `type` on the submission date: validity rules of its type.
  static func status(of document: Document, submitted: Int) -> Status {
    switch document.type {
    case "national_id":
      guard let expires = document.expiresOn else { return .invalid }
      return expires < submitted ? .expired : .provided
    case "support_request_form":
      guard let dated = document.dated ?? document.issuedOn else { return .invalid }
      if dated > submitted { return .invalid }
      return submitted - dated > 90 ? .expired : .provided
    case "data_declaration":
      guard let signed = document.signedOn else { return .invalid }
      return signed > submitted ? .invalid : .provided
    default:
      return .provided
    }
  }

  static func rank(_ status: Status) -> Int {
    switch status {
    case .provided: 3
    case .expired: 2
    case .invalid: 1
    default: 0
    }
  }

  static func evaluate(_ record: Record) -> Decision {
    var decision = Decision()
    if let income = record.monthlyIncome, let size = record.householdSize {
      if size == 0 {
        decision.divisionByZero = true
      } else {
        // Four decimals, half to even, as the policy language computes money.
        decision.incomePerMember = (income / Double(size) * 10_000).rounded(.toNearestOrEven) / 10_000
      }
    }
    if let channel = record.channel { decision.channelListed = listedChannels.contains(channel) ? .true : .false }
    if let governorate = record.governorate { decision.residesInRabigh = governorate == "rabigh" ? .true : .false }
    if let perMember = decision.incomePerMember { decision.incomeWithinLimit = perMember <= 1500 ? .true : .false }
    let conditions = [decision.channelListed, decision.residesInRabigh, decision.incomeWithinLimit]
    var needed: [String: [String]] = [:]
    if decision.channelListed == .unknown { needed["channel", default: []].append("channel_listed") }
    if decision.residesInRabigh == .unknown { needed["governorate", default: []].append("resides_in_rabigh") }
    if decision.incomeWithinLimit == .unknown {
      if record.monthlyIncome == nil { needed["monthly_income", default: []].append("income_within_limit") }
      if record.householdSize == nil { needed["household_size", default: []].append("income_within_limit") }
    }
    for (index, types) in requirementTypes.enumerated() {
      if index == 4 {
        guard let needsVisit = record.needsFieldVisit else {
          decision.fieldVisitWhen = .unknown
          decision.statuses.append(.undetermined)
          decision.deciding.append(nil)
          needed["needs_field_visit", default: []].append("field_visit")
          continue
        }
        decision.fieldVisitWhen = needsVisit ? .true : .false
        if !needsVisit {
          decision.statuses.append(.notRequired)
          decision.deciding.append(nil)
          continue
        }
      }
      var best: (status: Status, document: Int)?
      for type in types {
        for (position, document) in record.documents.enumerated() where document.type == type {
          let status = status(of: document, submitted: record.submitted)
          if best == nil || rank(status) > rank(best?.status ?? .missing) { best = (status, position) }
        }
      }
      decision.statuses.append(best?.status ?? .missing)
      decision.deciding.append(best?.document)
    }
    let anyFalse = conditions.contains(.false)
    let anyOpen = conditions.contains(.unknown) || decision.statuses.contains { $0 != .provided && $0 != .notRequired }
    decision.verdict = anyFalse ? "ineligible" : anyOpen ? "incomplete" : "eligible"
    let order = ["channel", "governorate", "monthly_income", "household_size", "needs_field_visit"]
    decision.missingFacts = order.compactMap { fact in needed[fact].map { (fact, $0) } }
    switch decision.verdict {
    case "eligible":
      decision.nextBy = ["staff"]
      decision.earliestReply = record.submitted + 14
    case "incomplete":
      var by: Set<String> = []
      for (index, status) in decision.statuses.enumerated() where status != .provided && status != .notRequired {
        by.insert(status == .undetermined || index == 3 || index == 4 ? "staff" : "applicant")
      }
      if !decision.missingFacts.isEmpty { by.insert("applicant") }
      decision.nextBy = by.sorted()
    default:
      decision.nextBy = ["staff"]
    }
    return decision
  }

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
      line.label(["ar": "إبلاغ المستفيد بعدم استيفاء الشروط مع الأسباب",
                  "en": "Inform the applicant that the conditions are not met, with the reasons"])
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
      if let channel = record.channel { line.string(channel) } else { line.raw("null") }
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
      event("requirement", name, decision.statuses[index].rawValue,
            when: index == 4 ? decision.fieldVisitWhen?.rawValue : nil) { line in
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

  static let listedChannelsInOrder = ["interview", "phone_calls", "social_media", "letters", "help_request_services",
                                      "volunteering", "website", "branch_office_representatives"]

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
