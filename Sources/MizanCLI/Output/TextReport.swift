import Mizan

/// The outcome as text for staff at intake, in Arabic or English: the verdict in a sentence,
/// the checklist as a table, the rules that failed or are undecided with their clauses, the
/// missing facts, the next step with the reply date in both calendars and who must act, and
/// the policy version and fingerprint.
///
/// Every line has the report's direction (see `Bidi`); text from the record or the policy is
/// made `displaySafe` first. Colour is added only when `useColor` (a terminal, no `NO_COLOR`).
struct TextReport {
  let outcome: Outcome
  let policy: LoadedPolicy
  let language: Language
  var useColor = false
  /// The widest a line is made, in terminal columns (the table and long clauses wrap to it).
  var width = 100

  var words: ReportWords { ReportWords(language: language) }

  func t(_ arabic: String, _ english: String) -> String { words.t(arabic, english) }

  /// Text from the record or the policy, made safe to print.
  func safe(_ text: String) -> String { text.displaySafe }

  /// A value from the record (the application id): safe, and isolated in Arabic.
  func recordText(_ text: String) -> String { Bidi.isolated(text.displaySafe, in: language) }

  var rendered: String {
    var lines: [String] = []
    if outcome.policy.isDraft {
      lines.append(styled("*** \(words.draftNotice) ***", ANSI.boldRed))
    }
    lines.append(line(safe(policy.associationNames[language])))
    let id = recordText(outcome.applicationID)
    let submitted = words.bothCalendars(outcome.submittedOn)
    lines.append(line(t("الطلب \(id)، قُدِّم في \(submitted)", "Application \(id), submitted \(submitted)")))
    if let evaluated = outcome.evaluatedOn.map(words.bothCalendars) {
      lines.append(line(t("المستندات مقيَّمة في \(evaluated)", "Documents judged on \(evaluated)")))
    }
    lines.append("")
    lines += wrapped(words.verdictSentence(outcome), indent: "").map { styled($0, verdictStyle) }
    if let stage = words.stageSentence(outcome) { lines += wrapped(stage, indent: "") }
    lines.append("")
    lines += checklistLines
    lines += reasonLines
    lines += missingFactLines
    lines += nextStepLines
    lines.append("")
    let (association, version) = (safe(outcome.policy.association), safe(outcome.policy.version))
    let status = words.policyStatus(isDraft: outcome.policy.isDraft)
    lines.append(line(t("السياسة: \(association)، نسخة \(version) (\(status))",
                        "Policy: \(association), version \(version) (\(status))")))
    lines.append(line(t("البصمة: ", "Fingerprint: ") + outcome.policy.fingerprint))
    if outcome.policy.isDraft {
      lines.append(styled("*** \(words.draftNotice) ***", ANSI.boldRed))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: - Sections

  var checklistLines: [String] {
    let table = TextTable(
      columns: [
        .init(header: t("البند", "Item"), wraps: true),
        .init(header: t("الحالة", "Status"), wraps: false),
        .init(header: t("يقدّمه", "Provided by"), wraps: false),
        .init(header: t("التفاصيل", "Detail"), wraps: true),
      ],
      rows: outcome.checklist.map { item in
        [safe(item.labels[language]), words.status(item.status), words.party(item.providedBy),
         safe(item.detail[language])]
      })
    let body = table.lines(width: width, language: language, useColor: useColor) { row, column in
      column == 1 ? statusStyle(outcome.checklist[row].status) : nil
    }
    return [heading(t("قائمة المتطلبات", "Checklist"))] + body
  }

  var reasonLines: [String] {
    guard !outcome.reasons.isEmpty else { return [] }
    var lines = ["", heading(t("القواعد غير المستوفاة أو غير المحسومة", "Failed or undecided rules"))]
    for reason in outcome.reasons {
      let result = words.result(reason.result)
      let headline = line("  - \(safe(reason.labels[language])) — \(result) [\(safe(reason.rule))]")
      lines.append(styled(headline, reason.result == "unknown" ? ANSI.yellow : ANSI.red))
      if reason.kind == "condition", let seen = valuesSeen(by: reason.rule) {
        lines += wrapped(t("القيم: ", "values: ") + seen, indent: "      ")
      }
      for why in outcome.undecidedNotes(for: reason.rule, in: language) {
        let values = why.values.map { recordText("\(safe($0.name)) = " + safe(words.value($0.value, isMoney: policy.isMoney($0.name)))) }
          .joined(separator: t("، ", ", "))
        lines += wrapped(t("سبب عدم الحسم: ", "why undecided: ") + "\(safe(why.step)): \(safe(why.note))"
                           + (values.isEmpty ? "" : " (\(values))"), indent: "      ")
      }
      if let citation = reason.citation {
        lines += quoted(t("النص: ", "clause: "), safe(citation), indent: "      ")
      }
      if let assumed = reason.assumed {
        lines += wrapped(t("مفترضة: ", "assumed: ") + safe(assumed), indent: "      ")
      }
    }
    return lines
  }

  var missingFactLines: [String] {
    guard !outcome.missingFacts.isEmpty else { return [] }
    var lines = ["", heading(t("معلومات ناقصة", "Missing information"))]
    for fact in outcome.missingFacts {
      let neededBy = fact.neededBy.map(safe).joined(separator: t("، ", ", "))
      let by = fact.providedBy == "staff" ? t("، يحددها الموظف", ", decided by staff") : ""
      lines.append(line(t("  - \(safe(fact.labels.arabic)) [\(safe(fact.fact))]، تحتاجها: \(neededBy)\(by)",
                          "  - \(safe(fact.labels.english)) [\(safe(fact.fact))], needed by \(neededBy)\(by)")))
    }
    return lines
  }

  var nextStepLines: [String] {
    let step = outcome.nextStep
    var lines = ["", heading(t("الخطوة التالية", "Next step"))]
    let label = safe(step.labels[language])
    lines.append(line("  " + (step.action == "refer_to_committee"
      ? t("إحالة الطلب إلى \(label)", "Refer the application to the \(label)") : label)))
    if let reply = step.earliestReplyOn {
      lines.append(line("  " + t("أقرب موعد لرد اللجنة: \(words.bothCalendars(reply))",
                                 "Earliest reply from the committee: \(words.bothCalendars(reply))")))
    }
    lines.append(line("  " + t("المسؤول عن الإجراء: ", "Who must act: ")
      + words.parties(outcome.actingParties(in: language))))
    // What is still to do matters only while the file can still be completed.
    for party in ["applicant", "staff"] where outcome.verdict == .incomplete {
      let items = toDo(for: party)
      guard !items.isEmpty else { continue }
      let head = party == "applicant" ? t("على المتقدم:", "The applicant must:") : t("على الموظف:", "Staff must:")
      lines.append(line("  " + head))
      for item in items { lines += wrapped("- " + item, indent: "    ", hanging: "      ") }
    }
    if let citation = step.citation {
      lines += quoted(t("النص: ", "clause: "), safe(citation), indent: "  ")
    }
    return lines
  }

  /// What one party must still do: provide, renew or correct items, state facts, decide.
  func toDo(for party: String) -> [String] {
    var items: [String] = []
    for item in outcome.checklist {
      let label = t("«\(safe(item.labels.arabic))»", "“\(safe(item.labels.english))”")
      switch item.status {
      case .missing where item.providedBy == party: items.append(t("تقديم \(label)", "provide \(label)"))
      case .expired where item.providedBy == party: items.append(t("تجديد \(label)", "renew \(label)"))
      case .invalid where item.providedBy == party: items.append(t("تصحيح \(label)", "correct \(label)"))
      case .undetermined where party == "staff":
        items.append(t("تحديد الحاجة إلى \(label)", "decide whether \(label) is needed"))
      default: break
      }
    }
    if party == "staff" {
      for reason in outcome.reasons where reason.result == "unknown"
        && !outcome.undecidedNotes(for: reason.rule, in: language).isEmpty
      {
        items.append(t("تصحيح القيم التي تترك «\(safe(reason.labels.arabic))» غير محسومة (انظر السبب أعلاه)",
                       "correct the values that leave “\(safe(reason.labels.english))” undecided (see why above)"))
      }
    }
    for fact in outcome.missingFacts where fact.providedBy == party {
      // The applicant states a fact; staff decide theirs (a researcher's finding).
      items.append(party == "staff"
        ? t("تحديد «\(safe(fact.labels.arabic))»", "decide “\(safe(fact.labels.english))”")
        : t("ذكر «\(safe(fact.labels.arabic))»", "state “\(safe(fact.labels.english))”"))
    }
    return items
  }

  /// `name = value, …` for the values a condition saw, from the trace.
  func valuesSeen(by rule: String) -> String? {
    guard let event = outcome.trace.first(where: { $0.rule == rule && $0.kind == "condition" }),
      !event.values.isEmpty
    else { return nil }
    return event.values.map { value in
      recordText("\(safe(value.name)) = " + safe(words.value(value.value, isMoney: policy.isMoney(value.name))))
    }.joined(separator: t("، ", ", "))
  }

  // MARK: - Lines

  /// A report line with its runs isolated for the report's direction.
  func line(_ text: String) -> String { Bidi.line(text, in: language) }

  func heading(_ text: String) -> String { styled(line(text), ANSI.bold) }

  /// Long text wrapped to the report's width, each line isolated.
  func wrapped(_ text: String, indent: String, hanging: String? = nil) -> [String] {
    let continuation = hanging ?? indent
    let fragments = TextTable.wrap(text, width: max(20, width - DisplayWidth.of(continuation)))
    return fragments.enumerated().map { index, fragment in line((index == 0 ? indent : continuation) + fragment) }
  }

  /// A clause in guillemets after a lead (`clause: «…»`), wrapped; the Arabic quote is isolated
  /// as one right-to-left run per line, so its punctuation stays at its own end.
  func quoted(_ lead: String, _ clause: String, indent: String) -> [String] {
    let fragments = TextTable.wrap(clause, width: max(20, width - DisplayWidth.of(indent) - DisplayWidth.of(lead) - 2))
    let pad = String(repeating: " ", count: DisplayWidth.of(lead) + 1)
    return fragments.enumerated().map { index, fragment in
      let open = index == 0 ? lead + "«" : pad
      let close = index == fragments.count - 1 ? "»" : ""
      return line(indent + open + Bidi.isolated(fragment, in: language) + close)
    }
  }

  // MARK: - Colour

  func styled(_ text: String, _ style: String) -> String { useColor ? ANSI.styled(text, style) : text }

  var verdictStyle: String {
    switch outcome.verdict {
    case .eligible: ANSI.boldGreen
    case .ineligible: ANSI.boldRed
    case .incomplete: ANSI.boldYellow
    }
  }

  func statusStyle(_ status: ChecklistStatus) -> String {
    switch status {
    case .provided: ANSI.green
    case .missing, .expired, .invalid: ANSI.red
    case .undetermined: ANSI.yellow
    case .notRequired: ANSI.dim
    }
  }
}
