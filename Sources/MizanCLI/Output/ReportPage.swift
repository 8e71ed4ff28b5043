import Mizan

/// `mizan report --format html`: one self-contained, printable page in Arabic (right to left) or
/// English. Charts are inline SVG drawn here; there are no scripts, no external files, and every
/// text from the log is escaped (`HTMLText`).
struct ReportPage {
  let report: AuditReport
  let log: String
  let period: (from: String?, to: String?, today: String)
  let language: Language

  /// The verdicts in the order the charts stack them, with their colours.
  static let verdicts: [(name: String, ar: String, en: String, colour: String)] = [
    ("eligible", "مستحق", "eligible", "#2e7d32"), ("incomplete", "غير مكتمل", "incomplete", "#f9a825"),
    ("ineligible", "غير مستحق", "ineligible", "#c62828"),
  ]

  func t(_ arabic: String, _ english: String) -> String { language == .arabic ? arabic : english }
  func text(_ value: String) -> String { "<bdi>\(HTMLText.escaped(value))</bdi>" }

  var rendered: String {
    let title = t("تقرير سجل القرارات", "Decision log report")
    var periodText = t("كل الطلبات", "all applications")
    if period.from != nil || period.to != nil {
      periodText = t("الطلبات المقدَّمة من \(period.from ?? "…") إلى \(period.to ?? "…")",
                     "applications submitted from \(period.from ?? "…") to \(period.to ?? "…")")
    }
    var html = [
      "<!DOCTYPE html>",
      "<html lang=\"\(language == .arabic ? "ar" : "en")\" dir=\"\(language == .arabic ? "rtl" : "ltr")\">",
      "<head><meta charset=\"utf-8\"><title>\(title) — \(HTMLText.escaped(log))</title>",
      "<style>body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse;margin:.5em 0}"
        + "th,td{border:1px solid #bbb;padding:.2em .6em;text-align:start}td.n{text-align:end}"
        + "section{break-inside:avoid}.key span{display:inline-block;width:.8em;height:.8em;margin-inline:.6em .2em}"
        + "@media print{body{margin:0}}</style></head>",
      "<body>",
      "<h1>\(title)</h1>",
      "<p>\(text(log)) — \(periodText)\(t("؛", ";")) \(t("اليوم", "today")) \(period.today). "
        + t("القرارات: \(report.entries)", "decisions: \(report.entries)")
        + (report.marked > 0 ? t("؛ قيود افتراضية أو مسودات غير محسوبة: \(report.marked)",
                                 "; what-if or draft entries left out: \(report.marked)") : "")
        + (report.outsidePeriod > 0 ? t("؛ خارج الفترة: \(report.outsidePeriod)", "; outside the period: \(report.outsidePeriod)") : "")
        + (report.brokenLines.isEmpty ? "" : t("؛ أسطر تالفة تُركت (شغّل mizan replay): ", "; damaged lines left out (run mizan replay): ")
          + report.brokenLines.map(String.init).joined(separator: ", "))
        + "</p>",
      "<p class=\"key\">" + Self.verdicts.map { "<span style=\"background:\($0.colour)\"></span>\(t($0.ar, $0.en))" }.joined() + "</p>",
    ]
    for association in report.associations { html += section(association) }
    html += overdue()
    html += ["</body>", "</html>"]
    return html.joined(separator: "\n") + "\n"
  }

  /// One association: the monthly chart and table, rules, documents, versions.
  func section(_ association: AuditReport.Association) -> [String] {
    var html = ["<section>", "<h2>\(text(association.name))</h2>",
                "<h3>\(t("القرارات شهريًا حسب النتيجة", "Decisions per month by verdict"))</h3>", monthlyChart(association)]
    html.append("<table><tr><th>\(t("الشهر", "Month"))</th>"
      + Self.verdicts.map { "<th>\(t($0.ar, $0.en))</th>" }.joined() + "</tr>")
    for month in association.months {
      html.append("<tr><td>\(text(month.month))</td>"
        + Self.verdicts.map { "<td class=\"n\">\(month.verdicts[$0.name] ?? 0)</td>" }.joined() + "</tr>")
    }
    html.append("</table>")
    if !association.rules.isEmpty {
      html.append("<h3>\(t("القواعد الأكثر إخفاقًا", "Rules that fail most"))</h3>")
      html.append(barChart(association.rules.prefix(10).map { ($0.rule, $0.count) }, colour: "#c62828"))
    }
    if !association.documents.isEmpty {
      html.append("<h3>\(t("الوثائق الأكثر نقصًا أو انتهاءً", "Documents most often missing or expired"))</h3>")
      html.append("<table><tr><th>\(t("الوثيقة", "Document"))</th><th>\(t("ناقصة", "missing"))</th><th>\(t("منتهية", "expired"))</th></tr>")
      for document in association.documents.prefix(10) {
        html.append("<tr><td>\(text(document.id))</td><td class=\"n\">\(document.missing)</td><td class=\"n\">\(document.expired)</td></tr>")
      }
      html.append("</table>")
    }
    html.append("<h3>\(t("النسخ المستعملة", "Versions used"))</h3><table><tr><th>\(t("النسخة", "Version"))</th><th>\(t("القرارات", "Decisions"))</th></tr>")
    for version in association.versions {
      html.append("<tr><td>\(text(version.version))</td><td class=\"n\">\(version.count)</td></tr>")
    }
    html += ["</table>", "</section>"]
    return html
  }

  /// A stacked bar per month, as inline SVG (bars grow up; months read in the page's direction).
  func monthlyChart(_ association: AuditReport.Association) -> String {
    let months = association.months
    let highest = max(1, months.map { $0.verdicts.values.reduce(0, +) }.max() ?? 1)
    let barWidth = 36, gap = 12, height = 120
    let width = max(1, months.count) * (barWidth + gap) + gap
    var svg = ["<svg role=\"img\" aria-label=\"\(t("القرارات شهريًا", "Decisions per month"))\" width=\"\(width)\" "
      + "height=\"\(height + 20)\" viewBox=\"0 0 \(width) \(height + 20)\" xmlns=\"http://www.w3.org/2000/svg\">"]
    for (index, month) in months.enumerated() {
      let position = language == .arabic ? months.count - 1 - index : index
      let x = gap + position * (barWidth + gap)
      var top = height
      for verdict in Self.verdicts {
        let count = month.verdicts[verdict.name] ?? 0
        guard count > 0 else { continue }
        let barHeight = max(1, count * height / highest)
        top -= barHeight
        svg.append("<rect x=\"\(x)\" y=\"\(top)\" width=\"\(barWidth)\" height=\"\(barHeight)\" fill=\"\(verdict.colour)\">"
          + "<title>\(HTMLText.escaped(month.month)) \(t(verdict.ar, verdict.en)): \(count)</title></rect>")
      }
      svg.append("<text x=\"\(x + barWidth / 2)\" y=\"\(height + 14)\" font-size=\"9\" text-anchor=\"middle\">"
        + "\(HTMLText.escaped(month.month))</text>")
    }
    svg.append("</svg>")
    return svg.joined()
  }

  /// Horizontal bars with their names and counts, as inline SVG.
  func barChart(_ rows: [(name: String, count: Int)], colour: String) -> String {
    let highest = max(1, rows.map(\.count).max() ?? 1)
    let rowHeight = 20, labelWidth = 260, barSpace = 240
    let width = labelWidth + barSpace + 40
    var svg = ["<svg role=\"img\" width=\"\(width)\" height=\"\(rows.count * rowHeight + 4)\" "
      + "viewBox=\"0 0 \(width) \(rows.count * rowHeight + 4)\" xmlns=\"http://www.w3.org/2000/svg\">"]
    for (index, row) in rows.enumerated() {
      let y = index * rowHeight + 2
      let length = max(1, row.count * barSpace / highest)
      svg.append("<text x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" font-size=\"11\" text-anchor=\"end\" direction=\"ltr\">"
        + "\(HTMLText.escaped(row.name))</text>")
      svg.append("<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(length)\" height=\"\(rowHeight - 6)\" fill=\"\(colour)\"/>")
      svg.append("<text x=\"\(labelWidth + length + 4)\" y=\"\(y + 14)\" font-size=\"11\">\(row.count)</text>")
    }
    svg.append("</svg>")
    return svg.joined()
  }

  /// The entries whose committee reply date has passed.
  func overdue() -> [String] {
    var html = ["<section>", "<h2>\(t("طلبات فات موعد رد اللجنة عليها", "Applications whose committee reply date has passed"))</h2>"]
    guard !report.overdue.isEmpty else { return html + ["<p>\(t("لا يوجد", "None"))</p>", "</section>"] }
    html.append("<table><tr><th>\(t("رقم الطلب", "Application"))</th><th>\(t("الجمعية", "Association"))</th>"
      + "<th>\(t("موعد الرد", "Reply date"))</th><th>\(t("السطر", "Line"))</th></tr>")
    for entry in report.overdue {
      html.append("<tr><td>\(text(entry.applicationID))</td><td>\(text(entry.association))</td>"
        + "<td>\(text(entry.replyOn))</td><td class=\"n\">\(entry.line)</td></tr>")
    }
    return html + ["</table>", "</section>"]
  }
}
