import Mizan

/// The words every report (text, HTML, explanation) uses for the outcome's terms, in one
/// language, so the three say the same thing the same way.
struct ReportWords {
  let language: Language

  /// The Arabic or the English text.
  func t(_ arabic: String, _ english: String) -> String { language == .arabic ? arabic : english }

  /// The verdict as a short heading word.
  func verdict(_ verdict: Verdict) -> String {
    switch verdict {
    case .eligible: t("مستحق", "ELIGIBLE")
    case .ineligible: t("غير مستحق", "INELIGIBLE")
    case .incomplete: t("غير مكتمل", "INCOMPLETE")
    }
  }

  /// The verdict in a sentence, saying what it means for the file: `INCOMPLETE: no condition…`.
  /// `Stage: waiting for the field visit`, for policies that name stages; nil otherwise.
  func stageSentence(_ outcome: Outcome) -> String? {
    guard outcome.hasStages else { return nil }
    guard let stage = outcome.stage else {
      return t("المرحلة: لا يمكن تحديدها بعد (تعتمد على معلومات غير معروفة)",
               "Stage: cannot be told yet (it depends on unknown facts)")
    }
    return t("المرحلة: ", "Stage: ") + stage.labels[language]
  }

  func verdictSentence(_ outcome: Outcome) -> String {
    verdict(outcome.verdict) + ": " + verdictExplanation(outcome)
  }

  /// What the verdict means for the file, without the verdict word.
  func verdictExplanation(_ outcome: Outcome) -> String {
    switch outcome.verdict {
    case .eligible:
      if outcome.nextStep.committee != nil {
        let committee = outcome.nextStep.labels[language]
        return t("الشروط متحققة والمتطلبات مكتملة؛ يُحال الطلب إلى \(committee).",
                 "the conditions hold and the checklist is complete; refer the application to the \(committee).")
      }
      return t("الشروط متحققة والمتطلبات مكتملة.", "the conditions hold and the checklist is complete.")
    case .ineligible:
      return t("شرط واحد على الأقل من شروط الاستحقاق غير متحقق.", "at least one eligibility condition does not hold.")
    case .incomplete:
      return t("لم يسقط أي شرط، لكن تنقص الملفَّ متطلبات أو معلومات.",
               "no condition failed, but required items or information are missing.")
    }
  }

  func status(_ status: ChecklistStatus) -> String {
    switch status {
    case .provided: t("مقدَّم", "provided")
    case .missing: t("ناقص", "missing")
    case .expired: t("منتهي الصلاحية", "expired")
    case .invalid: t("غير صالح", "invalid")
    case .notRequired: t("غير مطلوب", "not required")
    case .undetermined: t("غير محدد", "undetermined")
    }
  }

  /// Who provides an item or must act: `applicant` or `staff`.
  func party(_ party: String) -> String {
    switch party {
    case "staff": t("الموظف", "staff")
    case "applicant": t("المتقدم", "applicant")
    default: party
    }
  }

  /// Who must act, joined; a dash when nobody is named.
  func parties(_ parties: [String]) -> String {
    parties.isEmpty ? "—" : parties.map(party).joined(separator: t(" و", " and "))
  }

  /// A rule's result: `false`/`unknown` for conditions, a checklist status for requirements.
  func result(_ result: String) -> String {
    switch result {
    case "true": t("متحقق", "holds")
    case "false": t("غير متحقق", "does not hold")
    case "unknown": t("غير محسوم", "undecided")
    default: ChecklistStatus(rawValue: result).map(status) ?? result
    }
  }

  /// The kind of a trace step.
  func kind(_ kind: String) -> String {
    switch kind {
    case "derived": t("قيمة مشتقة", "derived")
    case "condition": t("شرط", "condition")
    case "requirement": t("متطلب", "requirement")
    case "committee": t("لجنة", "committee")
    default: kind
    }
  }

  /// The policy's status.
  func policyStatus(isDraft: Bool) -> String { isDraft ? t("مسودة", "DRAFT") : t("معتمدة", "approved") }

  /// The banner every output of a draft carries (docs/versions.md).
  var draftNotice: String { t("مسودة: غير صالحة للاستخدام الرسمي", "DRAFT: not valid for official use") }

  /// A date in both calendars: `2024-03-10 (1445-08-29H)`.
  func bothCalendars(_ date: CalendarDate) -> String { "\(date.iso) (\(date.hijriText))" }

  /// A value the evaluation saw, as staff read it: text quoted, lists with `, `, unknown in words.
  /// A value a rule read, with its unit when it is money: `1500 SAR`, `1500 ريال`.
  func value(_ value: JSONValue?, isMoney: Bool) -> String {
    guard isMoney, case .number? = value else { return self.value(value) }
    return self.value(value) + t(" ريال", " SAR")
  }

  func value(_ value: JSONValue?) -> String {
    guard let value else { return t("غير معروف", "unknown") }
    switch value {
    case .array(let elements): return "[" + elements.map { self.value($0) }.joined(separator: ", ") + "]"
    case .object(let members):
      return "{" + members.map { "\($0.key): \(self.value($0.value))" }.joined(separator: ", ") + "}"
    default: return value.canonicalText
    }
  }
}
