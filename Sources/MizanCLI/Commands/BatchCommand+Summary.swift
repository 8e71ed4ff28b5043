import Mizan

/// `mizan batch --format summary`: what a year of files came to, per association and version,
/// and what held files back most; as text in either language, or as canonical JSON (`--json`).
extension BatchCommand {
  /// How many rules, items and facts the text shows per list (the JSON holds them all).
  static let summaryListLength = 10

  static func summaryText(_ summary: BatchSummary, language: Language) -> String {
    let words = ReportWords(language: language)
    let report = summary.report
    var lines = [String(summaryLine(summary, language: language).dropFirst("mizan batch: ".count)), ""]
    func table(_ headers: [String], _ rows: [[String]]) {
      let columns = headers.map { TextTable.Column(header: $0, wraps: false) }
      lines += TextTable(columns: columns, rows: rows).lines(width: 120, language: language, useColor: false)
    }
    table(
      [words.t("الجمعية", "association"), words.t("الإصدار", "version"), words.t("القرارات", "decisions")]
        + Verdict.allCases.map { words.t(BatchReport.word(for: $0, .arabic), $0.rawValue) },
      report.versions.map { row in
        [row.association, row.version + (row.isDraft ? words.t(" (مسودة)", " (draft)") : ""), String(row.decisions)]
          + Verdict.allCases.map { String(row.verdicts[$0.ordinal]) }
      })
    func counts(_ title: String, _ nameHeader: String, _ counts: [BatchReport.Count]) {
      lines += ["", title]
      guard !counts.isEmpty else {
        lines.append(words.t("  لا شيء", "  none"))
        return
      }
      table([words.t("الجمعية", "association"), nameHeader, words.t("الملفات", "files")],
            counts.prefix(summaryListLength).map { [$0.association, $0.name, String($0.count)] })
      if counts.count > summaryListLength {
        lines.append(words.t("  و\(counts.count - summaryListLength) غيرها (`--json` يذكرها كلها)",
                             "  and \(counts.count - summaryListLength) more (`--json` lists them all)"))
      }
    }
    counts(words.t("الشروط الأكثر عدم تحقق", "Rules that fail most"), words.t("الشرط", "rule"), report.failedRules)
    counts(words.t("المتطلبات الأكثر نقصاً", "Checklist items most often missing"), words.t("المتطلب", "item"),
           report.missingItems)
    counts(words.t("المعلومات الأكثر نقصاً", "Facts most often missing"), words.t("المعلومة", "fact"),
           report.missingFacts)
    if !summary.errorIDs.isEmpty {
      lines += ["", words.t("الأخطاء", "Errors")]
      table([words.t("الرمز", "id"), words.t("الأسطر", "lines")],
            summary.errorIDs.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { [$0.key, String($0.value)] })
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func summaryJSON(_ summary: BatchSummary) -> JSONValue {
    let report = summary.report
    func counts(_ counts: [BatchReport.Count], key: String) -> JSONValue {
      .array(counts.map { count in
        .object([
          JSONMember("association", .string(count.association)), JSONMember(key, .string(count.name)),
          JSONMember("count", .number(Double(count.count))),
        ])
      })
    }
    return .object([
      JSONMember("lines", .number(Double(summary.lines))),
      JSONMember("decisions", .number(Double(summary.decisions))),
      JSONMember("verdicts", .object(Verdict.allCases.map { verdict in
        JSONMember(verdict.rawValue, .number(Double(summary.verdictCounts[verdict.ordinal])))
      })),
      JSONMember("errors", .object(summary.errorIDs.sorted { $0.key < $1.key }.map { id, count in
        JSONMember(id, .number(Double(count)))
      })),
      JSONMember("versions", .array(report.versions.map { row in
        .object([
          JSONMember("association", .string(row.association)), JSONMember("version", .string(row.version)),
          JSONMember("draft", .bool(row.isDraft)), JSONMember("decisions", .number(Double(row.decisions))),
        ] + Verdict.allCases.map { JSONMember($0.rawValue, .number(Double(row.verdicts[$0.ordinal]))) })
      })),
      JSONMember("failed_rules", counts(report.failedRules, key: "rule")),
      JSONMember("missing_items", counts(report.missingItems, key: "item")),
      JSONMember("missing_facts", counts(report.missingFacts, key: "fact")),
    ])
  }
}
