import MizanChecker
import MizanCore
import MizanSyntax

/// What the record shows for one document type, judged on the submission date.
enum DocumentStatus: Hashable {
  case absent
  case valid(SubmittedDocument)
  case expired(SubmittedDocument, reason: LocalizedText)
  case invalid(SubmittedDocument, reason: LocalizedText)

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

extension Evaluator {
  /// The best status among the record's documents of each declared type.
  func documentStatuses(_ record: ApplicantRecord) -> [DocumentStatus] {
    var statuses = [DocumentStatus](repeating: .absent, count: policy.documents.count)
    for document in record.documents {
      let status = judge(document, of: policy.documents[document.type], submittedOn: record.submittedOn)
      if status.rank > statuses[document.type].rank { statuses[document.type] = status }
    }
    return statuses
  }

  /// Applies a document type's validity rules in order; the first that fails decides.
  func judge(_ document: SubmittedDocument, of type: DocumentType, submittedOn: CalendarDate) -> DocumentStatus {
    let submitted = submittedOn.iso
    for rule in type.validity {
      switch rule {
      case .notExpired:
        guard let expires = document.expiresOn else {
          return .invalid(document, reason: LocalizedText(ar: "لا يذكر تاريخ الانتهاء", en: "no expiry date given"))
        }
        if expires < submittedOn {
          return .expired(document, reason: LocalizedText(
            ar: "انتهى في \(expires.iso)، قبل تاريخ التقديم \(submitted)",
            en: "expired \(expires.iso), before submission \(submitted)"))
        }
      case .datedWithin(let days, _):
        guard let dated = document.dated ?? document.issuedOn else {
          return .invalid(document, reason: LocalizedText(ar: "غير مؤرخ", en: "not dated"))
        }
        if dated > submittedOn {
          return .invalid(document, reason: LocalizedText(
            ar: "مؤرخ في \(dated.iso)، بعد تاريخ التقديم \(submitted)",
            en: "dated \(dated.iso), after submission \(submitted)"))
        }
        if dated.days(to: submittedOn) > days {
          return .expired(document, reason: LocalizedText(
            ar: "مؤرخ في \(dated.iso)، أقدم من \(days) يوماً قبل التقديم \(submitted)",
            en: "dated \(dated.iso), more than \(days) days before submission \(submitted)"))
        }
      case .signed:
        guard let signed = document.signedOn else {
          return .invalid(document, reason: LocalizedText(ar: "غير موقّع", en: "not signed"))
        }
        if signed > submittedOn {
          return .invalid(document, reason: LocalizedText(
            ar: "موقّع في \(signed.iso)، بعد تاريخ التقديم \(submitted)",
            en: "signed \(signed.iso), after submission \(submitted)"))
        }
      }
    }
    return .valid(document)
  }
}
