import Mizan
import MizanHTTP

/// The staff web app: pick an association (`/`), fill in its form (`/form/{id}`), read the
/// checklist (the page `mizan eval --format html` prints). Arabic unless `?lang=en`.
struct WebRoutes {
  let service: StaffService
  let policies: PolicySnapshot

  func route(_ segments: [String], _ request: HTTPRequest) -> HTTPResponse {
    let language = request.queryValue("lang") == "en" ? Language.english : .arabic
    if segments == ["sign-in"] {
      return service.only(["GET", "POST"], request) { signIn(request, language) }
    }
    guard service.isSignedIn(request) else {
      return HTTPResponse(status: .seeOther, headers: [("Location", "/sign-in" + (language == .english ? "?lang=en" : ""))])
    }
    switch segments {
    case []:
      return service.only(["GET", "HEAD"], request) { home(request, language) }
    case let path where path.count == 2 && path[0] == "form":
      return service.only(["GET", "HEAD", "POST"], request) {
        request.method == "POST" ? submit(path[1], request, language) : blankForm(path[1], request, language)
      }
    default:
      return page(.notFound, language, title: LocalizedText(ar: "غير موجود", en: "Not found"),
                  body: "<p>\(HTMLText.escaped(request.path))</p>")
    }
  }

  // MARK: - Pages

  func home(_ request: HTTPRequest, _ language: Language) -> HTTPResponse {
    let today = service.configuration.today()
    var items: [String] = []
    for association in policies.associations {
      let versions = policies.versions(of: association)
      let names = versions.last?.associationNames ?? LocalizedText(ar: association, en: association)
      let inForce = today.flatMap { try? policies.policyInForce(for: association, on: $0, includeDrafts: service.configuration.includeDrafts).get() }
      let status = inForce.map { "<span dir=\"ltr\">\($0.version)</span>" }
        ?? (language == .arabic ? "لا نسخة معتمدة معمول بها اليوم" : "no approved version in force today")
      items.append("<li><a href=\"/form/\(association)\(language == .english ? "?lang=en" : "")\">"
        + "\(HTMLText.escaped(names[language]))</a> <small>(\(status))</small></li>")
    }
    return page(.ok, language, title: LocalizedText(ar: "ميزان — اختر الجمعية", en: "Mizan — choose the association"),
                body: "<ul class=\"associations\">\n" + items.joined(separator: "\n") + "\n</ul>", switchPath: "/")
  }

  func blankForm(_ association: String, _ request: HTTPRequest, _ language: Language) -> HTTPResponse {
    guard let form = recordForm(association, language: language) else { return noForm(association, language) }
    var values = FormValues()
    values.set("submitted_on", service.configuration.today()?.iso ?? "")
    for list in form.lists { values.set("\(list.name).count", "0") }
    return formPage(form, values, errors: [:], notices: [], language, status: .ok)
  }

  func submit(_ association: String, _ request: HTTPRequest, _ language: Language) -> HTTPResponse {
    guard let form = recordForm(association, language: language) else { return noForm(association, language) }
    var values = FormValues(request.formFields)
    let csrf = values["csrf"]
    values.fields["csrf"] = nil
    let action = values["action"]
    values.fields["action"] = nil
    guard Secrets.equal(csrf, service.configuration.formToken) else {
      // The form came from elsewhere, or from before a restart: show it again, values kept.
      return formPage(form, values, errors: [:], notices: [language == .arabic
        ? "انتهت صلاحية النموذج أو لم يصدر من هذا الخادم؛ راجع القيم وأعد الإرسال"
        : "the form has expired or did not come from this server; check the values and submit again"],
        language, status: .forbidden)
    }
    if action.hasPrefix("add:") {
      let list = String(action.dropFirst(4))
      values.set("\(list).count", String(min(values.memberCount(list) + 1, FormRecord.maxMembers)))
      return formPage(form, values, errors: [:], notices: [], language, status: .ok)
    }
    if action.hasPrefix("remove:") {
      let parts = action.split(separator: ":")
      if parts.count == 3, let index = Int(parts[2]) { values = values.removingMember(index, of: String(parts[1])) }
      return formPage(form, values, errors: [:], notices: [], language, status: .ok)
    }
    if action == "edit" { return formPage(form, values, errors: [:], notices: [], language, status: .ok) }
    return evaluate(form, values, language)
  }

  func evaluate(_ form: RecordForm, _ values: FormValues, _ language: Language) -> HTTPResponse {
    if service.log != nil, values["staff"].trimmed.isEmpty {
      return formPage(form, values, errors: ["staff": language == .arabic
        ? "اكتب اسمك: يُسجَّل كل قرار مع اسم الموظف" : "give your name: every decision is logged with the staff member's name"],
        notices: [], language, status: .unprocessableContent)
    }
    let record = FormRecord(form, values)
    let engine = Engine(snapshot: policies)
    switch engine.evaluate(recordBytes: record.bytes, includeDrafts: service.configuration.includeDrafts) {
    case .success(let evaluation):
      var logged = ""
      if let log = service.log {
        switch log.log(evaluation.canonical, by: engine, loggedAt: WallClock.timestamp, loggedBy: values["staff"].trimmed) {
        case .success(let sequence):
          logged = language == .arabic ? "سُجّل القرار برقم \(sequence)" : "logged as entry \(sequence)"
        case .failure(let failure):
          return formPage(form, values, errors: [:], notices: [(language == .arabic
            ? "تعذر تسجيل القرار، فلم يُعرض: " : "the decision could not be logged, so it is not shown: ") + failure.message],
            language, status: .internalServerError)
        }
      }
      return resultPage(evaluation, form: form, values: values, logged: logged, language)
    case .failure(.record(let error)):
      let message = error.message[language]
      if let field = record.field(for: error.path) {
        return formPage(form, values, errors: [field: message], notices: [], language, status: .unprocessableContent)
      }
      return formPage(form, values, errors: [:], notices: ["\(error.path): \(message)"], language,
                      status: .unprocessableContent)
    case .failure(let failure):
      let answer = APIRoutes.failure(failure)
      let message: String = switch failure {
      case .selection(let selection): selection.message[language]
      case .internalError(let text): text
      case .record(let error): error.message[language]
      }
      return formPage(form, values, errors: [:], notices: [message], language, status: answer.status)
    }
  }

  /// The checklist page of `mizan eval --format html`, with a bar (hidden in print) to edit the
  /// same application or start another.
  func resultPage(_ evaluation: Evaluation, form: RecordForm, values: FormValues, logged: String,
                  _ language: Language) -> HTTPResponse {
    let report = HTMLReport(outcome: evaluation.outcome, policy: evaluation.policy, language: language).rendered
    let query = language == .english ? "?lang=en" : ""
    var carried = values
    carried.set("csrf", service.configuration.formToken)
    let bar = [
      "<div class=\"result-bar no-print\" style=\"max-width:210mm;margin:0 auto 12px;display:flex;gap:10px;align-items:center\">",
      "<form method=\"post\" action=\"/form/\(form.association)\(query)\" style=\"margin:0\">",
      carried.hiddenInputs,
      "<button type=\"submit\" name=\"action\" value=\"edit\">\(language == .arabic ? "تعديل هذا الطلب" : "Edit this application")</button>",
      "</form>",
      "<a href=\"/form/\(form.association)\(query)\">\(language == .arabic ? "طلب جديد" : "New application")</a>",
      logged.isEmpty ? "" : "<span>\(HTMLText.escaped(logged))</span>",
      "</div>",
    ].joined(separator: "\n")
    let page = report.replacingFirst("<body>\n", with: "<body>\n" + bar + "\n")
    return HTTPResponse(status: .ok, contentType: "text/html; charset=utf-8", text: page)
  }

  func signIn(_ request: HTTPRequest, _ language: Language) -> HTTPResponse {
    let t = { (ar: String, en: String) in language == .arabic ? ar : en }
    if request.method == "POST" {
      let given = FormValues(request.formFields)["token"]
      if let token = service.configuration.token, Secrets.equal(given, token) {
        return HTTPResponse(status: .seeOther, headers: [
          ("Location", language == .english ? "/?lang=en" : "/"),
          ("Set-Cookie", "\(Secrets.cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict"),
        ])
      }
    }
    let wrong = request.method == "POST" ? "<p class=\"error\">\(t("الرمز غير صحيح", "That is not the token"))</p>" : ""
    return page(request.method == "POST" ? .unauthorized : .ok, language,
                title: LocalizedText(ar: "تسجيل الدخول", en: "Sign in"),
                body: "<form method=\"post\" action=\"/sign-in\(language == .english ? "?lang=en" : "")\">"
                  + "<div class=\"field\"><label for=\"token\">\(t("رمز الدخول", "Access token"))</label>"
                  + "<input type=\"text\" id=\"token\" name=\"token\" autocomplete=\"off\" dir=\"ltr\"></div>\(wrong)"
                  + "<button type=\"submit\" class=\"primary\">\(t("دخول", "Sign in"))</button></form>")
  }

  // MARK: - Helpers

  func recordForm(_ association: String, language: Language) -> RecordForm? {
    guard let today = service.configuration.today(),
          let policy = try? policies.policyInForce(for: association, on: today, includeDrafts: service.configuration.includeDrafts).get()
    else { return nil }
    return RecordForm(policy)
  }

  func noForm(_ association: String, _ language: Language) -> HTTPResponse {
    let known = policies.associations.contains(association)
    return page(known ? .unprocessableContent : .notFound, language,
                title: LocalizedText(ar: "لا يوجد نموذج", en: "No form"),
                body: "<p>" + HTMLText.escaped(known
                  ? (language == .arabic ? "لا نسخة معتمدة من سياسة \(association) معمول بها اليوم"
                                         : "no approved \(association) policy is in force today")
                  : (language == .arabic ? "جمعية غير معروفة: \(association)" : "unknown association: \(association)"))
                  + "</p>")
  }

  func formPage(_ form: RecordForm, _ values: FormValues, errors: [String: String], notices: [String],
                _ language: Language, status: HTTPStatus) -> HTTPResponse {
    let html = FormPage(form: form, values: values, errors: errors, notices: notices, language: language,
                        formToken: service.configuration.formToken, logging: service.log != nil).rendered
    return HTTPResponse(status: status, contentType: "text/html; charset=utf-8", text: html)
  }

  func page(_ status: HTTPStatus, _ language: Language, title: LocalizedText, body: String,
            switchPath: String = "/") -> HTTPResponse {
    var html = Page.head(title: title[language], language: language)
    html += ["<main class=\"sheet\">", Page.languageSwitch(path: switchPath, language: language),
             "<h1>\(HTMLText.escaped(title[language]))</h1>", body, "</main>", "</body>", "</html>"]
    return HTTPResponse(status: status, contentType: "text/html; charset=utf-8", text: html.joined(separator: "\n") + "\n")
  }
}

extension String {
  func replacingFirst(_ target: String, with replacement: String) -> String {
    guard let range = range(of: target) else { return self }
    return replacingCharacters(in: range, with: replacement)
  }
}
