import Mizan

/// The outcome as text for staff at intake, in Arabic or English.
struct TextReport {
  let outcome: Outcome
  let policy: LoadedPolicy
  let language: Language

  func t(_ arabic: String, _ english: String) -> String { language == .arabic ? arabic : english }

  var rendered: String {
    var lines: [String] = []
    if outcome.policy.isDraft {
      lines.append(t("*** مسودة: غير صالحة للاستخدام الرسمي ***", "*** DRAFT: not valid for official use ***"))
    }
    lines.append(t("الطلب \(outcome.applicationID) — قُدّم في \(outcome.submittedOn.iso) (\(outcome.submittedOn.hijriText))",
                   "Application \(outcome.applicationID) — submitted \(outcome.submittedOn.iso) (\(outcome.submittedOn.hijriText))"))
    lines.append(t("الجمعية: ", "Association: ") + policy.associationNames[language])
    lines.append("")
    lines.append(verdictSentence)
    lines.append("")
    lines.append(t("قائمة المتطلبات:", "Checklist:"))
    for item in outcome.checklist {
      lines.append("  [\(statusWord(item.status))] \(item.labels[language]) — \(providerWord(item.providedBy))")
      if !item.detail[language].isEmpty { lines.append("      \(item.detail[language])") }
    }
    if !outcome.reasons.isEmpty {
      lines.append("")
      lines.append(t("القواعد غير المستوفاة أو غير المحسومة:", "Failed or undecided rules:"))
      for reason in outcome.reasons {
        lines.append("  - \(reason.labels[language]) (\(reason.rule): \(resultWord(reason.result)))")
        if let citation = reason.citation { lines.append("      " + t("النص: «\(citation)»", "clause: «\(citation)»")) }
        if let assumed = reason.assumed { lines.append("      " + t("مفترضة: \(assumed)", "assumed: \(assumed)")) }
      }
    }
    if !outcome.missingFacts.isEmpty {
      lines.append("")
      lines.append(t("معلومات ناقصة:", "Missing information:"))
      for fact in outcome.missingFacts {
        lines.append("  - \(fact.labels[language]) (\(fact.fact))")
      }
    }
    lines.append("")
    lines.append(t("الخطوة التالية: ", "Next step: ") + outcome.nextStep.labels[language])
    if let reply = outcome.nextStep.earliestReplyOn {
      lines.append("  " + t("أقرب موعد لرد اللجنة: \(reply.iso) (\(reply.hijriText))",
                            "earliest committee reply: \(reply.iso) (\(reply.hijriText))"))
    }
    lines.append("  " + t("المسؤول: ", "by: ") + outcome.nextStep.by.map(providerWord).joined(separator: t("، ", ", ")))
    lines.append("")
    lines.append(t("السياسة: \(outcome.policy.association) نسخة \(outcome.policy.version) (\(outcome.policy.isDraft ? "مسودة" : "معتمدة"))",
                   "Policy: \(outcome.policy.association) version \(outcome.policy.version) (\(outcome.policy.isDraft ? "DRAFT" : "approved"))"))
    lines.append(t("البصمة: ", "Fingerprint: ") + outcome.policy.fingerprint)
    return lines.joined(separator: "\n") + "\n"
  }

  var verdictSentence: String {
    switch outcome.verdict {
    case .eligible:
      t("الحكم: مستحق — الشروط مستوفاة والمتطلبات مكتملة.", "Verdict: ELIGIBLE — the conditions hold and the checklist is complete.")
    case .ineligible:
      t("الحكم: غير مستحق — شرط واحد على الأقل غير متحقق.", "Verdict: INELIGIBLE — at least one condition does not hold.")
    case .incomplete:
      t("الحكم: ناقص — لم يفشل أي شرط، لكن توجد متطلبات أو معلومات ناقصة.",
        "Verdict: INCOMPLETE — nothing failed, but required items or information are missing.")
    }
  }

  func statusWord(_ status: ChecklistStatus) -> String {
    switch status {
    case .provided: t("مقدّم", "provided")
    case .missing: t("ناقص", "missing")
    case .expired: t("منتهي", "expired")
    case .invalid: t("غير صالح", "invalid")
    case .notRequired: t("غير مطلوب", "not required")
    case .undetermined: t("غير محدد", "undetermined")
    }
  }

  func providerWord(_ provider: String) -> String {
    provider == "staff" ? t("الموظف", "staff") : t("المتقدم", "applicant")
  }

  func resultWord(_ result: String) -> String {
    switch result {
    case "false": t("غير متحقق", "does not hold")
    case "unknown": t("غير محسوم", "undecided")
    default: statusWord(ChecklistStatus(rawValue: result) ?? .undetermined)
    }
  }
}
