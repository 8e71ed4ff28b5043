import Mizan

/// `mizan eval --format html`: one self-contained page to print and hand to the applicant.
///
/// No scripts, no external files: the style sheet is inline, with a print style sheet for A4.
/// The page holds the association's names, the application id and submission date in both
/// calendars, the verdict, the checklist with a tick box per item, the reasons with their
/// quoted clauses, the missing facts, the next step with the committee's reply date, and a
/// footer with the policy version, fingerprint and, for a draft, the DRAFT marking.
///
/// Every text from the record or the policy is escaped (`HTMLText`). The page depends on
/// nothing but the outcome and the policy, so the same input gives the same bytes.
struct HTMLReport {
  let outcome: Outcome
  let policy: LoadedPolicy
  let language: Language

  var words: ReportWords { ReportWords(language: language) }
  var other: Language { language == .arabic ? .english : .arabic }

  func t(_ arabic: String, _ english: String) -> String { words.t(arabic, english) }

  /// Text from the record or policy, escaped, its foreign runs in `<bdi>`.
  func text(_ value: String) -> String { HTMLText.keepingDatesWhole(HTMLText.isolated(value, in: language)) }

  /// A value from the record (the application id): escaped and isolated as a whole.
  func recordValue(_ value: String) -> String { "<bdi>\(HTMLText.escaped(value))</bdi>" }

  /// Text that is always left to right (ids, dates, fingerprints).
  func ltr(_ value: String) -> String { "<span dir=\"ltr\">\(HTMLText.escaped(value))</span>" }

  var rendered: String {
    let direction = language == .arabic ? "rtl" : "ltr"
    var html: [String] = [
      "<!DOCTYPE html>",
      "<html lang=\"\(language.rawValue)\" dir=\"\(direction)\">",
      "<head>",
      "<meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
      "<title>\(HTMLText.escaped(t("قائمة متطلبات الطلب ", "Application checklist ") + outcome.applicationID))</title>",
      "<style>", HTMLReport.styleSheet, "</style>",
      "</head>",
      "<body>",
      "<main class=\"sheet\">",
    ]
    if outcome.policy.isDraft { html.append("<p class=\"draft\">\(HTMLText.escaped(words.draftNotice))</p>") }
    html += header + verdict + checklist + reasons + missingFacts + nextStep + signatures + footer
    html += ["</main>", "</body>", "</html>"]
    return html.joined(separator: "\n") + "\n"
  }

  // MARK: - Sections

  var header: [String] {
    let names = policy.associationNames
    return [
      "<header class=\"masthead\">",
      "<p class=\"association\">\(HTMLText.escaped(names[language]))</p>",
      "<p class=\"association other\" lang=\"\(other.rawValue)\" dir=\"\(other == .arabic ? "rtl" : "ltr")\">"
        + "\(HTMLText.escaped(names[other]))</p>",
      "<h1>\(t("قائمة متطلبات الطلب", "Application checklist"))</h1>",
      "<dl class=\"facts\">",
      "<div><dt>\(t("رقم الطلب", "Application"))</dt><dd>\(recordValue(outcome.applicationID))</dd></div>",
      "<div><dt>\(t("تاريخ التقديم", "Submitted"))</dt><dd>\(bothCalendars(outcome.submittedOn))</dd></div>",
      outcome.evaluatedOn.map {
        "<div><dt>\(t("تاريخ تقييم المستندات", "Documents judged on"))</dt><dd>\(bothCalendars($0))</dd></div>"
      } ?? "",
      "</dl>",
      "</header>",
    ]
  }

  var verdict: [String] {
    [
      "<section class=\"verdict \(outcome.verdict.rawValue)\">",
      "<p class=\"verdict-word\">\(words.verdict(outcome.verdict))</p>",
      "<p>\(text(words.verdictExplanation(outcome).capitalizedFirst))</p>",
      words.stageSentence(outcome).map { "<p class=\"stage\">\(text($0))</p>" } ?? "",
      "</section>",
    ]
  }

  var checklist: [String] {
    var html = [
      "<section>",
      "<h2>\(t("قائمة المتطلبات", "Checklist"))</h2>",
      "<table class=\"checklist\">",
      "<thead><tr><th class=\"tick\"></th><th>\(t("البند", "Item"))</th><th>\(t("الحالة", "Status"))</th>"
        + "<th>\(t("يقدّمه", "Provided by"))</th><th>\(t("التفاصيل", "Detail"))</th></tr></thead>",
      "<tbody>",
    ]
    for item in outcome.checklist {
      let status = item.status.rawValue
      html.append("<tr class=\"\(status)\">"
        + "<td class=\"tick\">\(tickBox(item.status))</td>"
        + "<td class=\"item\">\(text(item.labels[language]))</td>"
        + "<td class=\"status\"><span class=\"badge \(status)\">\(words.status(item.status))</span></td>"
        + "<td class=\"party\">\(HTMLText.escaped(words.party(item.providedBy)))</td>"
        + "<td class=\"detail\">\(text(item.detail[language]))</td></tr>")
    }
    html += ["</tbody>", "</table>", "</section>"]
    return html
  }

  /// A box to tick by hand, already ticked when the item is provided, struck out when the
  /// item is not required.
  func tickBox(_ status: ChecklistStatus) -> String {
    switch status {
    case .provided: "<span class=\"box checked\" role=\"img\" aria-label=\"\(t("مقدَّم", "provided"))\"></span>"
    case .notRequired: "<span class=\"box na\" role=\"img\" aria-label=\"\(t("غير مطلوب", "not required"))\"></span>"
    default: "<span class=\"box\" role=\"img\" aria-label=\"\(t("مطلوب", "to provide"))\"></span>"
    }
  }

  var reasons: [String] {
    guard !outcome.reasons.isEmpty else { return [] }
    var html = ["<section>", "<h2>\(t("القواعد غير المستوفاة أو غير المحسومة", "Failed or undecided rules"))</h2>",
                "<ol class=\"reasons\">"]
    for reason in outcome.reasons {
      let isUndecided = reason.result == "unknown" || reason.result == "undetermined"
      var item = "<li class=\"\(isUndecided ? "undecided" : "failed")\">"
        + "<p><strong>\(text(reason.labels[language]))</strong>: \(HTMLText.escaped(words.result(reason.result)))"
        + " <code>\(HTMLText.escaped(reason.rule))</code></p>"
      if reason.kind == "condition", let seen = valuesSeen(by: reason.rule) {
        item += "<p class=\"values\">\(t("القيم", "Values")): \(seen)</p>"
      }
      for why in outcome.undecidedNotes(for: reason.rule, in: language) {
        let values = why.values.map { value in
          "<bdi dir=\"ltr\"><code>\(HTMLText.escaped(value.name))</code> = \(recordValue(words.value(value.value, isMoney: policy.isMoney(value.name))))</bdi>"
        }.joined(separator: t("، ", ", "))
        item += "<p class=\"why\">\(t("سبب عدم الحسم", "Why undecided")): <code>\(HTMLText.escaped(why.step))</code>: "
          + "\(text(why.note))" + (values.isEmpty ? "" : " (\(values))") + "</p>"
      }
      if let citation = reason.citation { item += quote(citation) }
      if let assumed = reason.assumed {
        let tag = t("مفترضة: ليست في النص المعتمد", "assumed: not in the approved text")
        item += "<div class=\"assumed\"><span class=\"tag\">\(tag)</span>"
          + "<p dir=\"auto\">\(HTMLText.escaped(assumed))</p></div>"
      }
      html.append(item + "</li>")
    }
    html += ["</ol>", "</section>"]
    return html
  }

  /// A clause of the approved text, quoted in Arabic whatever the page's language.
  func quote(_ citation: String) -> String {
    "<blockquote lang=\"ar\" dir=\"rtl\">«\(HTMLText.escaped(citation))»</blockquote>"
  }

  /// `name = value` for each value a condition saw, from the trace.
  func valuesSeen(by rule: String) -> String? {
    guard let event = outcome.trace.first(where: { $0.rule == rule && $0.kind == "condition" }),
      !event.values.isEmpty
    else { return nil }
    // Each `name = value` reads left to right as a unit, whatever the page's direction.
    return event.values.map { value in
      "<bdi dir=\"ltr\"><code>\(HTMLText.escaped(value.name))</code> = \(recordValue(words.value(value.value, isMoney: policy.isMoney(value.name))))</bdi>"
    }.joined(separator: t("، ", ", "))
  }

  var missingFacts: [String] {
    guard !outcome.missingFacts.isEmpty else { return [] }
    var html = ["<section>", "<h2>\(t("معلومات ناقصة", "Missing information"))</h2>", "<ul class=\"facts-missing\">"]
    for fact in outcome.missingFacts {
      let neededBy = fact.neededBy.map { "<code>\(HTMLText.escaped($0))</code>" }.joined(separator: t("، ", ", "))
      html.append("<li><strong>\(text(fact.labels[language]))</strong> <code>\(HTMLText.escaped(fact.fact))</code>"
        + t("، تحتاجها: ", ", needed by ") + neededBy
        + (fact.providedBy == "staff" ? t("، يحددها الموظف", ", decided by staff") : "") + "</li>")
    }
    html += ["</ul>", "</section>"]
    return html
  }

  var nextStep: [String] {
    let step = outcome.nextStep
    let label = step.labels[language]
    let action = step.action == "refer_to_committee"
      ? t("إحالة الطلب إلى \(label)", "Refer the application to the \(label)") : label
    var html = ["<section class=\"next\">", "<h2>\(t("الخطوة التالية", "Next step"))</h2>",
                "<p class=\"action\">\(text(action))</p>", "<dl class=\"facts\">"]
    if let reply = step.earliestReplyOn {
      html.append("<div><dt>\(t("أقرب موعد لرد اللجنة", "Earliest reply from the committee"))</dt>"
        + "<dd>\(bothCalendars(reply))</dd></div>")
    }
    html.append("<div><dt>\(t("المسؤول عن الإجراء", "Who must act"))</dt>"
      + "<dd>\(HTMLText.escaped(words.parties(outcome.actingParties(in: language))))</dd></div>")
    html.append("</dl>")
    let report = TextReport(outcome: outcome, policy: policy, language: language)
    for party in ["applicant", "staff"] where outcome.verdict == .incomplete {
      let items = report.toDo(for: party)
      guard !items.isEmpty else { continue }
      let head = party == "applicant" ? t("على المتقدم:", "The applicant must:") : t("على الموظف:", "Staff must:")
      html.append("<p class=\"todo\"><strong>\(head)</strong></p>")
      html.append("<ul class=\"todo\">" + items.map { "<li>\(text($0))</li>" }.joined() + "</ul>")
    }
    if let citation = step.citation { html.append(quote(citation)) }
    html.append("</section>")
    return html
  }

  var signatures: [String] {
    [
      "<section class=\"signatures\">",
      "<p><span>\(t("الموظف المستلم", "Received by (staff)"))</span><span class=\"line\"></span></p>",
      "<p><span>\(t("التوقيع", "Signature"))</span><span class=\"line\"></span></p>",
      "<p><span>\(t("التاريخ", "Date"))</span><span class=\"line\"></span></p>",
      "</section>",
    ]
  }

  var footer: [String] {
    let identity = outcome.policy
    var html = [
      "<footer>",
      "<p>\(t("السياسة", "Policy")): <bdi>\(HTMLText.escaped(identity.association))</bdi> — "
        + "\(t("النسخة", "version")) \(ltr(identity.version)) — "
        + "<span class=\"status-\(identity.isDraft ? "draft" : "approved")\">"
        + "\(words.policyStatus(isDraft: identity.isDraft))</span></p>",
      "<p>\(t("البصمة", "Fingerprint")) (SHA-256): "
        + "<code class=\"fingerprint\" dir=\"ltr\">\(HTMLText.escaped(identity.fingerprint))</code></p>",
    ]
    if identity.isDraft { html.append("<p class=\"draft\">\(HTMLText.escaped(words.draftNotice))</p>") }
    html.append("</footer>")
    return html
  }

  /// `10 March 2024 (2024-03-10) — 29 Shaban 1445 AH (1445-08-29H)`.
  func bothCalendars(_ date: CalendarDate) -> String {
    "\(HTMLText.escaped(LongDate.gregorian(date, language))) <span class=\"iso\">(\(ltr(date.iso)))</span>"
      + " — \(HTMLText.escaped(LongDate.hijri(date, language))) <span class=\"iso\">(\(ltr(date.hijriText)))</span>"
  }
}

extension String {
  /// The text with its first letter in capitals (`the conditions…` → `The conditions…`).
  var capitalizedFirst: String {
    guard let first else { return self }
    return first.uppercased() + dropFirst()
  }
}
