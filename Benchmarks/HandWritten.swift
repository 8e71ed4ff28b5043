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
    enum Kind {
      case nationalID, civilRegistry, supportRequestForm, dataDeclaration, interviewRecord, fieldVisitReport
      case membershipProof

      init?(_ name: String) {
        switch name {
        case "national_id": self = .nationalID
        case "civil_registry": self = .civilRegistry
        case "support_request_form": self = .supportRequestForm
        case "data_declaration": self = .dataDeclaration
        case "interview_record": self = .interviewRecord
        case "field_visit_report": self = .fieldVisitReport
        case "membership_proof": self = .membershipProof
        default: return nil
        }
      }
    }

    var type: String
    var kind: Kind
    var expiresOn: Int?
    var dated: Int?
    var signedOn: Int?
    var issuedOn: Int?
  }

  struct Record {
    var applicationID: String
    var association: String
    var submitted: Int
    var channel: Channel?
    var governorate: String?
    var monthlyIncome: Double?
    var householdSize: Int?
    var needsFieldVisit: Bool?
    var nationalIDNumber: String?
    var birthDate: Int?
    var documents: [Document]
  }

  enum Channel: String {
    case interview, phoneCalls = "phone_calls", socialMedia = "social_media", letters
    case helpRequestServices = "help_request_services", volunteering, website
    case branchOfficeRepresentatives = "branch_office_representatives"
    case associationRepresentatives = "association_representatives"

    /// One of the eight channels Raabigh's policy lists.
    var isListed: Bool { self != .associationRepresentatives }
  }

  struct ReadError: Error {
    var path: String
    var message: String
  }

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
      guard let name = channel as? String, let known = Channel(rawValue: name) else {
        throw ReadError(path: "channel", message: "unknown channel")
      }
      record.channel = known
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
        guard let fields = item as? [String: Any], let type = fields["type"] as? String, let kind = Document.Kind(type)
        else { throw ReadError(path: "documents[\(position)].type", message: "unknown document type") }
        func optionalDate(_ key: String) throws -> Int? {
          guard let value = fields[key], !(value is NSNull) else { return nil }
          return try date(value, path: "documents[\(position)].\(key)")
        }
        record.documents.append(
          Document(
            type: type, kind: kind, expiresOn: try optionalDate("expires_on"),
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

  /// The five requirements' statuses (or deciding documents), without an array to allocate.
  struct Five<Element>: RandomAccessCollection, MutableCollection {
    var storage: (Element, Element, Element, Element, Element)
    init(repeating value: Element) { storage = (value, value, value, value, value) }
    var startIndex: Int { 0 }
    var endIndex: Int { 5 }
    subscript(position: Int) -> Element {
      get {
        switch position {
        case 0: storage.0
        case 1: storage.1
        case 2: storage.2
        case 3: storage.3
        default: storage.4
        }
      }
      set {
        switch position {
        case 0: storage.0 = newValue
        case 1: storage.1 = newValue
        case 2: storage.2 = newValue
        case 3: storage.3 = newValue
        default: storage.4 = newValue
        }
      }
    }
  }

  /// What the rules decide, before any text.
  struct Decision {
    var verdict = "eligible"
    var incomePerMember: Double?
    var divisionByZero = false
    var channelListed = Truth.unknown
    var residesInRabigh = Truth.unknown
    var incomeWithinLimit = Truth.unknown
    var statuses = Five<Status>(repeating: .missing)
    /// Per requirement: which document decided (index into the record's documents), if any.
    var deciding = Five<Int?>(repeating: nil)
    var fieldVisitWhen: Truth?
    var missingFacts: [(fact: String, neededBy: [String])] = []
    var nextBy: [String] = []
    var earliestReply: Int?
  }

  static let requirementNames = [
    "identity_document", "support_request", "signed_declaration", "personal_interview",
    "field_visit",
  ]
  /// The document types each requirement accepts, as the output lists them.
  static let requirementTypes = [
    ["national_id", "civil_registry"], ["support_request_form"], ["data_declaration"],
    ["interview_record"], ["field_visit_report"],
  ]
  static let staffOnly = ["staff"]
  static let applicantOnly = ["applicant"]
  static let applicantAndStaff = ["applicant", "staff"]
  static let neededByIncomeRule = ["income_within_limit"]

  /// The requirement a document of this kind can satisfy.
  static func requirement(of kind: Document.Kind) -> Int? {
    switch kind {
    case .nationalID, .civilRegistry: 0
    case .supportRequestForm: 1
    case .dataDeclaration: 2
    case .interviewRecord: 3
    case .fieldVisitReport: 4
    case .membershipProof: nil
    }
  }

  /// The status of one document on the submission date: the validity rules of its kind.
  static func status(of document: Document, submitted: Int) -> Status {
    switch document.kind {
    case .nationalID:
      guard let expires = document.expiresOn else { return .invalid }
      return expires < submitted ? .expired : .provided
    case .supportRequestForm:
      guard let dated = document.dated ?? document.issuedOn else { return .invalid }
      if dated > submitted { return .invalid }
      return submitted - dated > 90 ? .expired : .provided
    case .dataDeclaration:
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
    if let channel = record.channel { decision.channelListed = channel.isListed ? .true : .false }
    if let governorate = record.governorate { decision.residesInRabigh = governorate == "rabigh" ? .true : .false }
    if let perMember = decision.incomePerMember { decision.incomeWithinLimit = perMember <= 1500 ? .true : .false }

    // Every document once: the best of each requirement's kinds.
    for (position, document) in record.documents.enumerated() {
      guard let index = requirement(of: document.kind) else { continue }
      let status = status(of: document, submitted: record.submitted)
      // Ties go to the kind the requirement lists first (a national ID before a civil registry).
      let better: Bool
      if let current = decision.deciding[index] {
        let currentRank = rank(decision.statuses[index])
        better = rank(status) > currentRank || (rank(status) == currentRank && document.kind == .nationalID
          && record.documents[current].kind == .civilRegistry)
      } else {
        better = true
      }
      if better {
        decision.statuses[index] = status
        decision.deciding[index] = position
      }
    }
    switch record.needsFieldVisit {
    case nil:
      decision.fieldVisitWhen = .unknown
      decision.statuses[4] = .undetermined
      decision.deciding[4] = nil
    case false?:
      decision.fieldVisitWhen = .false
      decision.statuses[4] = .notRequired
      decision.deciding[4] = nil
    case true?:
      decision.fieldVisitWhen = .true
    }

    // Missing facts, in the policy's fact order.
    if decision.channelListed == .unknown { decision.missingFacts.append(("channel", ["channel_listed"])) }
    if decision.residesInRabigh == .unknown { decision.missingFacts.append(("governorate", ["resides_in_rabigh"])) }
    if decision.incomeWithinLimit == .unknown {
      if record.monthlyIncome == nil { decision.missingFacts.append(("monthly_income", neededByIncomeRule)) }
      if record.householdSize == nil { decision.missingFacts.append(("household_size", neededByIncomeRule)) }
    }
    if record.needsFieldVisit == nil { decision.missingFacts.append(("needs_field_visit", ["field_visit"])) }

    let anyFalse =
      decision.channelListed == .false || decision.residesInRabigh == .false || decision.incomeWithinLimit == .false
    var applicantMustAct = !decision.missingFacts.isEmpty
    var staffMustAct = false
    for index in 0..<5 {
      let status = decision.statuses[index]
      guard status != .provided, status != .notRequired else { continue }
      if status == .undetermined || index >= 3 { staffMustAct = true } else { applicantMustAct = true }
    }
    let anyOpen =
      decision.channelListed == .unknown || decision.residesInRabigh == .unknown
      || decision.incomeWithinLimit == .unknown || applicantMustAct || staffMustAct
    if anyFalse {
      decision.verdict = "ineligible"
      decision.nextBy = staffOnly
    } else if anyOpen {
      decision.verdict = "incomplete"
      decision.nextBy = applicantMustAct ? (staffMustAct ? applicantAndStaff : applicantOnly) : staffOnly
    } else {
      decision.nextBy = staffOnly
      decision.earliestReply = record.submitted + 14
    }
    return decision
  }
}
