import MizanChecker
import MizanCore
import MizanSyntax

/// What the record shows for one document type, judged on the submission date.
package enum DocumentStatus: Hashable, Sendable {
  case absent
  case valid(SubmittedDocument)
  case expired(SubmittedDocument, DocumentProblem)
  case invalid(SubmittedDocument, DocumentProblem)

  var isProvided: Bool { self != .absent }

  var isValid: Bool {
    if case .valid = self { return true }
    return false
  }

  /// Better statuses win when a record holds several documents of a type.
  var rank: Int {
    switch self {
    case .valid: 3
    case .expired: 2
    case .invalid: 1
    case .absent: 0
    }
  }
}

/// Why a document fails its type's validity rules (the text is rendered from it).
package enum DocumentProblem: Hashable, Sendable {
  /// `not_expired`, but no `expires_on`.
  case noExpiry
  /// Expired on this date, before the submission date.
  case expired(CalendarDate)
  /// `dated_within`, but neither `dated` nor `issued_on`.
  case notDated
  /// Dated after the submission date.
  case datedAfter(CalendarDate)
  /// Dated before the submission date minus the period.
  case datedTooEarly(CalendarDate, Period)
  /// `signed`, but no `signed_on`.
  case notSigned
  /// Signed after the submission date.
  case signedAfter(CalendarDate)
  /// A `valid if` test failed: the index of its `otherwise` words in the plan's
  /// `documentTestMessages` (an index, so that statuses stay plain values to copy).
  case failedTest(Int)
  /// A `valid if` test could not be judged: a field it reads is not given.
  case untestable
}

extension Evaluator {
  /// The best status among the record's documents of each declared type, into `statuses`
  /// (one per declared type, already sized).
  func documentStatuses(_ record: ApplicantRecord, into statuses: inout [DocumentStatus]) {
    for type in statuses.indices { statuses[type] = .absent }
    for document in record.documents {
      let status = judge(document, rules: plan.validity[document.type], submittedOn: record.validityDate,
                         fieldsOf: record.documentFields)
      if status.rank > statuses[document.type].rank { statuses[document.type] = status }
    }
  }

  /// The earliest date a document may carry to be `dated_within` the period: submission minus
  /// the days, or minus the calendar months (the same day of the month, or the month's last day
  /// when it is shorter: within 1 month of 31 March is from 29 February 2024 on). Before 0001 there
  /// is no limit.
  static func earliestDate(within period: Period, before submittedOn: CalendarDate) -> CalendarDate {
    let earliest = if let months = period.months {
      submittedOn.adding(months: -months)
    } else {
      submittedOn.adding(days: -period.amount)
    }
    return earliest ?? .earliest
  }

  /// What a document's test sees of the decision: nothing (it reads fields and parameters).
  static let noDecision = Decision()

  /// Applies a document type's validity rules in order; the first that fails decides.
  func judge(_ document: SubmittedDocument, rules: Range<Int>, submittedOn: CalendarDate,
             fieldsOf documentFields: [[Value?]]) -> DocumentStatus {
    for position in rules {
      switch plan.validityRules[position] {
      case .notExpired:
        guard let expires = document.expiresOn else { return .invalid(document, .noExpiry) }
        if expires < submittedOn { return .expired(document, .expired(expires)) }
      case .datedWithin(let period):
        guard let dated = document.dated ?? document.issuedOn else { return .invalid(document, .notDated) }
        if dated > submittedOn { return .invalid(document, .datedAfter(dated)) }
        if dated < Self.earliestDate(within: period, before: submittedOn) {
          return .expired(document, .datedTooEarly(dated, period))
        }
      case .signed:
        guard let signed = document.signedOn else { return .invalid(document, .notSigned) }
        if signed > submittedOn { return .invalid(document, .signedAfter(signed)) }
      case .test(let root, let message):
        let fields = document.position < documentFields.count ? documentFields[document.position] : []
        switch test(root, fields: fields) {
        case .true: break
        case .false: return .invalid(document, .failedTest(message))
        case .unknown: return .invalid(document, .untestable)
        }
      }
    }
    return .valid(document)
  }

  /// A `valid if` test on a document's fields. It reads the fields and parameters only, never a
  /// rule's result; kept out of `judge`, which most documents go through without a test.
  @inline(never)
  private func test(_ root: Int32, fields: [Value?]) -> Truth {
    var scoped = ApplicantRecord()
    scoped.judgedFields = fields
    var notes: [String] = []
    return truth(Int(root), scoped, Self.noDecision, notes: &notes)
  }
}
