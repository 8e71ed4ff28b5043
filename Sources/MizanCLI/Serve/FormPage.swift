import Mizan

/// The staff form for one association's version in force: every fact with its labels and kind of
/// entry, the documents with the dates their validity rules read, the lists of members with "add"
/// and "remove" buttons. Plain HTML: it works without JavaScript (each button submits the form,
/// and the server answers with the form again, one member more or less, every value kept).
///
/// Arabic first (`dir="rtl"`), English with `?lang=en`; each label also shows the other
/// language, small, since staff and policy texts mix both.
struct FormPage {
  let form: RecordForm
  let values: FormValues
  /// Error messages by field name, shown beside the field.
  let errors: [String: String]
  /// Messages for the top of the form (an error that names no field, an expired form).
  let notices: [String]
  let language: Language
  let formToken: String
  /// Whether decisions are logged (then the staff member's name is asked for).
  let logging: Bool

  func t(_ arabic: String, _ english: String) -> String { language == .arabic ? arabic : english }
  var other: Language { language == .arabic ? .english : .arabic }

  var rendered: String {
    var html = Page.head(title: form.associationNames[language] + " — " + t("طلب جديد", "New application"),
                         language: language)
    html.append("<main class=\"sheet\">")
    html.append(Page.languageSwitch(path: "/form/\(form.association)", language: language))
    html.append("<p class=\"association\">\(HTMLText.escaped(form.associationNames[language]))</p>")
    html.append("<p class=\"association other\" lang=\"\(other.rawValue)\">\(HTMLText.escaped(form.associationNames[other]))</p>")
    let draft = form.isDraft ? " — " + t("مسودة", "DRAFT") : ""
    html.append("<h1>\(t("ملف المستفيد", "Applicant's file"))</h1>")
    html.append("<p class=\"muted\">\(t("السياسة المعمول بها", "Policy in force")): "
      + "<span dir=\"ltr\">\(HTMLText.escaped(form.version))</span>\(draft)</p>")
    if !notices.isEmpty || !errors.isEmpty {
      html.append("<div class=\"notice\" role=\"alert\"><p>\(t("راجع الحقول المعلّمة أدناه:", "Check the fields marked below:"))</p><ul>")
      for notice in notices { html.append("<li>\(HTMLText.escaped(notice))</li>") }
      for (name, message) in errors.sorted(by: { $0.key < $1.key }) {
        html.append("<li><a href=\"#\(Self.anchor(name))\">\(HTMLText.escaped(message))</a></li>")
      }
      html.append("</ul></div>")
    }
    let query = language == .english ? "?lang=en" : ""
    html.append("<form method=\"post\" action=\"/form/\(form.association)\(query)\" accept-charset=\"utf-8\">")
    // The first submit button is what Enter in a text field presses: it must evaluate, not
    // remove a member.
    html.append("<button type=\"submit\" name=\"action\" value=\"evaluate\" class=\"offscreen\" tabindex=\"-1\">"
      + "\(t("تقييم", "Evaluate"))</button>")
    html.append(hidden("csrf", formToken))
    html.append("<fieldset><legend>\(t("الطلب", "The application"))</legend>")
    html.append(textInput("application_id", LocalizedText(ar: "رقم الطلب", en: "Application id"), required: true))
    html.append(dateInput("submitted_on", LocalizedText(ar: "تاريخ تقديم الطلب", en: "Submission date")))
    html.append(dateInput("evaluated_on", LocalizedText(ar: "تاريخ تقييم المستندات (اختياري)",
                                                         en: "Day the documents are judged on (optional)")))
    html.append(select("channel", LocalizedText(ar: "قناة التواصل", en: "Channel"), form.channels, unknownLabel: nil))
    if logging {
      html.append(textInput("staff", LocalizedText(ar: "اسم الموظف (يُسجَّل مع القرار)",
                                                   en: "Staff member's name (logged with the decision)"), required: true))
    }
    html.append("</fieldset>")
    if !form.facts.isEmpty {
      html.append("<fieldset><legend>\(t("المعلومات", "Facts"))</legend>")
      for field in form.facts { html.append(input(field, name: "f.\(field.name)")) }
      html.append("</fieldset>")
    }
    for list in form.lists { html += members(list) }
    if !form.documents.isEmpty {
      html.append("<fieldset><legend>\(t("المستندات المقدَّمة", "Documents brought"))</legend>")
      for document in form.documents { html += self.document(document, prefix: "") }
      html.append("</fieldset>")
    }
    html.append("<p class=\"actions\"><button type=\"submit\" name=\"action\" value=\"evaluate\" class=\"primary\">"
      + "\(t("تقييم الطلب", "Evaluate the application"))</button></p>")
    html.append("</form>")
    html.append("</main></body></html>")
    return html.joined(separator: "\n") + "\n"
  }

  // MARK: - Parts

  func members(_ list: RecordForm.MemberList) -> [String] {
    let count = values.memberCount(list.name)
    var html = ["<fieldset class=\"members\"><legend>\(label(list.labels))</legend>",
                hidden("\(list.name).count", String(count))]
    if let message = errors["\(list.name).count"] { html.append(errorLine(message)) }
    for index in 0..<count {
      let prefix = "m.\(list.name).\(index)"
      html.append("<fieldset class=\"member\" id=\"\(Self.anchor(prefix))\"><legend>"
        + "\(HTMLText.escaped(list.memberLabels[language])) \(index + 1)</legend>")
      if let message = errors[prefix] { html.append(errorLine(message)) }
      for field in list.fields { html.append(input(field, name: "\(prefix).\(field.name)")) }
      for document in list.documents { html += self.document(document, prefix: "\(prefix).") }
      html.append("<button type=\"submit\" name=\"action\" value=\"remove:\(list.name):\(index)\" class=\"remove\">"
        + "\(t("حذف", "Remove")) \(HTMLText.escaped(list.memberLabels[language])) \(index + 1)</button>")
      html.append("</fieldset>")
    }
    if count < FormRecord.maxMembers {
      html.append("<button type=\"submit\" name=\"action\" value=\"add:\(list.name)\">"
        + "\(t("إضافة", "Add")) \(HTMLText.escaped(list.memberLabels[language]))</button>")
    }
    html.append("</fieldset>")
    return html
  }

  func document(_ document: RecordForm.Document, prefix: String) -> [String] {
    let name = "\(prefix)d.\(document.type)"
    var html = ["<div class=\"document\" id=\"\(Self.anchor(name))\">",
                "<label class=\"check\"><input type=\"checkbox\" name=\"\(name)\" value=\"1\"\(values.has(name) ? " checked" : "")> "
                  + "\(label(document.labels))</label>"]
    if let message = errors[name] { html.append(errorLine(message)) }
    for date in document.dates {
      let labels: LocalizedText = switch date {
      case "expires_on": LocalizedText(ar: "تاريخ الانتهاء", en: "Expires on")
      case "signed_on": LocalizedText(ar: "تاريخ التوقيع", en: "Signed on")
      default: LocalizedText(ar: "تاريخ المستند", en: "Dated")
      }
      html.append(dateInput("\(name).\(date)", labels))
    }
    for field in document.fields { html.append(input(field, name: "\(name).f.\(field.name)")) }
    html.append("</div>")
    return html
  }

  func input(_ field: RecordForm.Field, name: String) -> String {
    var labels = field.labels
    if field.byStaff {
      labels = LocalizedText(ar: labels.arabic + " (يحددها الموظف)", en: labels.english + " (staff decide)")
    }
    switch field.entry {
    case .text: return textInput(name, labels)
    case .saudiID: return textInput(name, labels, inputMode: "numeric", placeholder: "1XXXXXXXXX")
    case .number(let whole): return textInput(name, labels, inputMode: whole ? "numeric" : "decimal")
    case .date: return dateInput(name, labels)
    case .yesNo:
      return select(name, labels, [RecordForm.Option(value: "yes", labels: LocalizedText(ar: "نعم", en: "Yes")),
                                   RecordForm.Option(value: "no", labels: LocalizedText(ar: "لا", en: "No"))],
                    unknownLabel: LocalizedText(ar: "— غير معروف —", en: "— not known —"))
    case .choice(let options):
      return select(name, labels, options, unknownLabel: LocalizedText(ar: "— غير معروف —", en: "— not known —"))
    case .choices(let options):
      let chosen = Set(values.values(name))
      var html = ["<div class=\"field\" id=\"\(Self.anchor(name))\"><span class=\"label\">\(label(labels))</span>"]
      for option in options + [RecordForm.Option(value: "none", labels: LocalizedText(ar: "لا شيء مما سبق", en: "None of these"))] {
        html.append("<label class=\"check\"><input type=\"checkbox\" name=\"\(HTMLText.escaped(name))\" "
          + "value=\"\(HTMLText.escaped(option.value))\"\(chosen.contains(option.value) ? " checked" : "")> "
          + "\(HTMLText.escaped(option.labels[language]))</label>")
      }
      if let message = errors[name] { html.append(errorLine(message)) }
      html.append("</div>")
      return html.joined(separator: "\n")
    }
  }

  func textInput(_ name: String, _ labels: LocalizedText, required: Bool = false, inputMode: String? = nil,
                 placeholder: String? = nil) -> String {
    let id = Self.anchor(name)
    var attributes = "type=\"text\" id=\"\(id)\" name=\"\(HTMLText.escaped(name))\" value=\"\(HTMLText.escaped(values[name]))\""
    if let inputMode { attributes += " inputmode=\"\(inputMode)\" dir=\"ltr\"" }
    if let placeholder { attributes += " placeholder=\"\(placeholder)\"" }
    if required { attributes += " required" }
    if errors[name] != nil { attributes += " aria-invalid=\"true\" class=\"invalid\"" }
    return "<div class=\"field\"><label for=\"\(id)\">\(label(labels))</label><input \(attributes)>"
      + (errors[name].map(errorLine) ?? "") + "</div>"
  }

  /// A date in either calendar: the digits as typed (ASCII or Arabic-Indic) and which calendar
  /// they are in; Hijri dates are sent with the record's `H`.
  func dateInput(_ name: String, _ labels: LocalizedText) -> String {
    let id = Self.anchor(name)
    let hijri = values["\(name).calendar"] == "hijri" || values[name].hasSuffix("H")
    let shown = values[name].hasSuffix("H") ? String(values[name].dropLast()) : values[name]
    return "<div class=\"field\"><label for=\"\(id)\">\(label(labels))</label><span class=\"date\">"
      + "<input type=\"text\" id=\"\(id)\" name=\"\(HTMLText.escaped(name))\" value=\"\(HTMLText.escaped(shown))\" "
      + "placeholder=\"YYYY-MM-DD\" inputmode=\"numeric\" dir=\"ltr\"\(errors[name] != nil ? " aria-invalid=\"true\" class=\"invalid\"" : "")>"
      + "<select name=\"\(HTMLText.escaped(name)).calendar\" aria-label=\"\(t("التقويم", "Calendar"))\">"
      + "<option value=\"gregorian\"\(hijri ? "" : " selected")>\(t("ميلادي", "Gregorian"))</option>"
      + "<option value=\"hijri\"\(hijri ? " selected" : "")>\(t("هجري", "Hijri"))</option></select></span>"
      + (errors[name].map(errorLine) ?? "") + "</div>"
  }

  func select(_ name: String, _ labels: LocalizedText, _ options: [RecordForm.Option],
              unknownLabel: LocalizedText?) -> String {
    let id = Self.anchor(name)
    let current = values[name]
    var html = "<div class=\"field\"><label for=\"\(id)\">\(label(labels))</label><select id=\"\(id)\" name=\"\(HTMLText.escaped(name))\""
      + (errors[name] != nil ? " aria-invalid=\"true\" class=\"invalid\"" : "") + ">"
    if let unknownLabel { html += "<option value=\"\">\(HTMLText.escaped(unknownLabel[language]))</option>" }
    for option in options {
      html += "<option value=\"\(HTMLText.escaped(option.value))\"\(option.value == current ? " selected" : "")>"
        + "\(HTMLText.escaped(option.labels[language]))</option>"
    }
    return html + "</select>" + (errors[name].map(errorLine) ?? "") + "</div>"
  }

  func label(_ labels: LocalizedText) -> String {
    "\(HTMLText.escaped(labels[language])) <small lang=\"\(other.rawValue)\">\(HTMLText.escaped(labels[other]))</small>"
  }

  func errorLine(_ message: String) -> String { "<p class=\"error\">\(HTMLText.escaped(message))</p>" }

  func hidden(_ name: String, _ value: String) -> String {
    "<input type=\"hidden\" name=\"\(HTMLText.escaped(name))\" value=\"\(HTMLText.escaped(value))\">"
  }

  /// An element id from a field name (ids may not hold every character a name may).
  static func anchor(_ name: String) -> String {
    "field-" + String(name.map { $0.isLetter || $0.isNumber ? $0 : "-" })
  }
}

/// The parts every page of the web app shares.
enum Page {
  static func head(title: String, language: Language) -> [String] {
    [
      "<!DOCTYPE html>",
      "<html lang=\"\(language.rawValue)\" dir=\"\(language == .arabic ? "rtl" : "ltr")\">",
      "<head>",
      "<meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
      "<title>\(HTMLText.escaped(title))</title>",
      "<style>", styleSheet, "</style>",
      "</head>",
      "<body>",
    ]
  }

  static func languageSwitch(path: String, language: Language) -> String {
    language == .arabic
      ? "<nav class=\"top\"><a href=\"/\">الجمعيات</a> · <a href=\"\(path)?lang=en\" lang=\"en\">English</a></nav>"
      : "<nav class=\"top\"><a href=\"/?lang=en\">Associations</a> · <a href=\"\(path)\" lang=\"ar\">العربية</a></nav>"
  }

  static let styleSheet = """
    :root { --ink: #1b1f24; --muted: #5b6470; --line: #c9cfd6; --accent: #0b5d4b; --bad: #b42318; --bad-bg: #fdf0ef; }
    * { box-sizing: border-box; }
    html { background: #e9ecef; }
    body { margin: 0; padding: 24px 0; color: var(--ink); font-size: 15px; line-height: 1.55;
      font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Noto Sans", "DejaVu Sans", Tahoma, Arial, sans-serif; }
    html[lang="en"] body { font-family: "Noto Sans", "DejaVu Sans", Helvetica, Arial, "Noto Naskh Arabic", sans-serif; }
    .sheet { background: #fff; max-width: 210mm; margin: 0 auto; padding: 12mm 14mm; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
    nav.top { font-size: .9em; margin-bottom: 8px; }
    a { color: var(--accent); }
    .association { margin: 0; font-weight: 700; font-size: 1.15em; color: var(--accent); }
    .association.other { font-weight: 400; font-size: .9em; color: var(--muted); }
    .muted { color: var(--muted); }
    h1 { font-size: 1.4em; margin: .3em 0; }
    fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 14px 0; padding: 8px 14px 12px; }
    legend { font-weight: 700; padding: 0 6px; }
    fieldset.member { background: #f7f9fa; }
    .field { margin: 8px 0; }
    .field > label, .field > .label { display: block; font-weight: 600; }
    small { color: var(--muted); font-weight: 400; }
    input[type=text], select { font: inherit; padding: 5px 8px; border: 1px solid var(--line); border-radius: 4px;
      min-width: 16em; }
    .date input { min-width: 10em; margin-inline-end: 6px; }
    .date select { min-width: 0; }
    .invalid { border-color: var(--bad) !important; background: var(--bad-bg); }
    .error { color: var(--bad); margin: 2px 0 0; font-size: .92em; }
    .notice { border: 1px solid var(--bad); background: var(--bad-bg); border-radius: 6px; padding: 6px 14px; }
    .notice a { color: var(--bad); }
    label.check { display: block; margin: 4px 0; }
    .document { margin: 8px 0 12px; padding-inline-start: 4px; }
    .document .field { margin-inline-start: 26px; }
    button { font: inherit; padding: 5px 12px; border: 1px solid var(--accent); border-radius: 4px; background: #fff;
      color: var(--accent); cursor: pointer; }
    button.primary { background: var(--accent); color: #fff; font-weight: 700; padding: 8px 20px; }
    button.remove { border-color: var(--bad); color: var(--bad); margin-top: 6px; }
    .offscreen { position: absolute; inset-inline-start: -10000px; width: 1px; height: 1px; overflow: hidden; }
    ul.associations li { margin: 6px 0; }
    @media print { .no-print { display: none !important; } }
    """
}
