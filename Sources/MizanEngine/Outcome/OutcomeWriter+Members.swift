import MizanChecker
import MizanCore

extension ChecklistStatus {
  /// How much a status holds a file up, for the one a member requirement's reason shows.
  var severity: Int {
    switch self {
    case .missing: 4
    case .expired: 3
    case .invalid: 2
    case .undetermined: 1
    case .provided, .notRequired: 0
    }
  }
}

/// The checklist rows of member requirements: written whole, per record (their number depends
/// on the household), in the same shape as the other items plus `member`.
extension OutcomeParts {
  /// `{"accepts":[…],…,"detail":{…},"id":…,"label":{…},"member":"children[1]","provided_by":…,"status":…}`.
  func memberItem(_ row: Decision.MemberRow, record: ApplicantRecord, _ out: inout ByteBuffer) {
    let requirement = policy.memberRequirements[row.requirement]
    let kind = policy.members[requirement.kind]
    out.append(literal: "{\"accepts\":[")
    for (position, type) in requirement.alternatives.enumerated() {
      if position > 0 { out.append(UInt8(ascii: ",")) }
      string(kind.documents[type].name, &out)
    }
    out.append(literal: "],")
    provenance(requirement.described, &out)
    out.append(literal: "\"detail\":{\"ar\":\"")
    memberDetail(row, .arabic, submittedOn: record.validityDate, evaluated: record.evaluatedOn != nil, &out)
    out.append(literal: "\",\"en\":\"")
    memberDetail(row, .english, submittedOn: record.validityDate, evaluated: record.evaluatedOn != nil, &out)
    out.append(literal: "\"},\"id\":")
    string(requirement.name, &out)
    out.append(literal: ",\"label\":")
    labels(memberLabel(requirement.described.labels, list: requirement.list, member: row.member, record: record), &out)
    if row.member >= 0 {
      out.append(literal: ",\"member\":")
      string("\(policy.facts[requirement.list].name)[\(row.member)]", &out)
    }
    out.append(literal: ",\"provided_by\":")
    string(evaluator.memberProvider(row.requirement).rawValue, &out)
    out.append(literal: ",\"status\":")
    string(row.status.rawValue, &out)
    out.append(UInt8(ascii: "}"))
  }

  /// "Birth certificate — Child 2 (Sara)": the requirement's label with the member's number and
  /// the fact the member kind is shown by; the label alone for an unknown list.
  func memberLabel(_ labels: LocalizedText, list: Int, member: Int, record: ApplicantRecord) -> LocalizedText {
    guard member >= 0, let kind = memberKind(ofList: list) else { return labels }
    var shown = ""
    if let slot = kind.shownBy, let members = record.lists[list], member < members.count,
      case .text(let text)? = members[member].facts[slot]
    {
      shown = " (\(text))"
    }
    let number = String(member + 1)
    return LocalizedText(ar: "\(labels.arabic) — \(kind.described.labels.arabic) \(number)\(shown)",
                         en: "\(labels.english) — \(kind.described.labels.english) \(number)\(shown)")
  }

  /// The row's detail, as the other items word theirs.
  private func memberDetail(_ row: Decision.MemberRow, _ language: Language, submittedOn: CalendarDate,
                            evaluated: Bool, _ out: inout ByteBuffer) {
    let arabic = language == .arabic
    let requirement = policy.memberRequirements[row.requirement]
    let documents = policy.members[requirement.kind].documents
    func label(_ type: Int) { CanonicalJSONWriter.writeStringContent(documents[type].described.labels[language], into: &out) }
    switch row.status {
    case .provided:
      guard let document = row.document else { return }
      if arabic { out.append(literal: "تم تقديم ") }
      label(document.type)
      if !arabic { out.append(literal: " provided") }
      if let expires = document.expiresOn {
        out.append(literal: arabic ? "، صالحة حتى " : ", valid until ")
        expires.appendISO(to: &out)
      }
    case .expired, .invalid:
      guard let document = row.document, let problem = row.problem else { return }
      label(document.type)
      out.append(literal: ": ")
      problem.write(language, judgedOn: submittedOn, evaluated: evaluated, messages: plan.documentTestMessages, &out)
    case .missing:
      if requirement.alternatives.count == 1 {
        out.append(literal: arabic ? "غير موجود في الملف" : "not in the file")
      } else {
        out.append(literal: arabic ? "لا يوجد أي من: " : "none of: ")
        for (position, type) in requirement.alternatives.enumerated() {
          if position > 0 { out.append(literal: arabic ? "، " : ", ") }
          label(type)
        }
      }
    case .undetermined:
      out.append(literal: arabic ? "يعتمد على معلومات غير معروفة: " : "depends on unknown facts: ")
      for (position, fact) in row.unknownFacts.enumerated() {
        if position > 0 { out.append(literal: arabic ? "، " : ", ") }
        CanonicalJSONWriter.writeStringContent(factPath(fact), into: &out)
      }
    case .notRequired:
      out.append(literal: arabic ? "غير مطلوب لهذا الطلب" : "not required for this application")
    }
  }
}
