import MizanCore
import MizanSyntax

extension Checker {
  /// A version file states who it belongs to, which version it is, from when it applies and
  /// whether (and by whom) it was approved.
  mutating func checkHeader(_ header: PolicyHeader?, file: SourceFile) -> PolicyInfo? {
    guard let header else {
      report(.missingHeader, at: SourceSpan(file: file, range: 0..<0))
      return nil
    }
    let at = header.association.span
    if header.names == nil { report(.missingHeaderField("name"), at: at) }
    lintLabels(header.names, name: header.association.name, at: at)
    if header.version == nil { report(.missingHeaderField("version"), at: at) }
    var effective: CalendarDate?
    if case .date(let date, _)? = header.effective { effective = date } else { report(.missingHeaderField("effective"), at: at) }
    var status: PolicyInfo.Status?
    switch header.status {
    case .approved(let approval):
      if approval.body == nil { report(.missingHeaderField("approved.body"), at: approval.span) }
      if approval.meeting == nil { report(.missingHeaderField("approved.meeting"), at: approval.span) }
      var approvalDate: CalendarDate?
      if case .date(let date, _)? = approval.date { approvalDate = date } else {
        report(.missingHeaderField("approved.date"), at: approval.span)
      }
      status = .approved(body: approval.body?.localized ?? .same(""), meeting: approval.meeting?.value ?? "",
                         date: approvalDate, written: approval.written?.value)
    case .draft(let reason):
      status = .draft(reason: reason.value)
    case nil:
      report(.missingHeaderField("approved"), at: at,
             help: LocalizedText(ar: "اكتب `approved { … }` أو `draft \"السبب\"`",
                                 en: "write `approved { … }` or `draft \"why\"`"))
    }
    guard let effective, let status, let version = header.version else { return nil }
    return PolicyInfo(association: header.association.name, names: header.names?.localized ?? .same(""),
                      version: version.value, effective: effective, status: status,
                      supersedes: header.supersedes?.value, source: header.source?.value)
  }
}
