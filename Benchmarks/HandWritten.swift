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
          guard let text = value as? String else {
            throw ReadError(path: "facts.governorate", message: "expected text")
          }
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
        record.documents.append(
          Document(
            type: type, expiresOn: try optionalDate("expires_on"),
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
    let days = [
      31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]
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

  static let requirementNames = [
    "identity_document", "support_request", "signed_declaration", "personal_interview",
    "field_visit",
  ]
  static let requirementTypes = [
    ["national_id", "civil_registry"], ["support_request_form"], ["data_declaration"],
    ["interview_record"], ["field_visit_report"],
  ]

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
}
