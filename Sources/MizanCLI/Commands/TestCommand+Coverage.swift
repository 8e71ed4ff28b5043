import Mizan

/// `mizan test --coverage` as a person reads it: per version, each rule with how many examples
/// gave each outcome it can have, what no example reaches, then one table for all versions.
struct CoverageText {
  let report: CoverageReport
  let language: Language

  func t(_ arabic: String, _ english: String) -> String { language == .arabic ? arabic : english }

  var rendered: String {
    var lines: [String] = []
    for policy in report.policies {
      lines += policyLines(policy)
      lines.append("")
    }
    lines += summaryLines
    return lines.joined(separator: "\n")
  }

  /// `raabigh 2024-01-15` (with DRAFT for a draft).
  func title(_ policy: PolicyCoverage) -> String {
    "\(policy.association) \(policy.version)" + (policy.isDraft ? t(" (مسودة)", " (DRAFT)") : "")
  }

  func kindWord(_ kind: RuleCoverage.Kind) -> String {
    switch kind {
    case .condition: t("شرط", "condition")
    case .requirement: t("متطلب", "requirement")
    }
  }

  func policyLines(_ policy: PolicyCoverage) -> [String] {
    let count = policy.examples
    var lines = [t("التغطية: \(title(policy)) — \(count) من الأمثلة",
                   "coverage of \(title(policy)): \(count) example\(count == 1 ? "" : "s")")]
    let kindWidth = policy.rules.map { kindWord($0.kind).count }.max() ?? 0
    let nameWidth = policy.rules.map(\.name.count).max() ?? 0
    for rule in policy.rules {
      let outcomes = rule.reachable.map { "\($0) \(rule.counts[$0, default: 0])" }.joined(separator: "  ")
      lines.append(Bidi.line("  " + pad(kindWord(rule.kind), kindWidth) + "  " + pad(rule.name, nameWidth) + "  "
        + outcomes, in: language))
    }
    let unreached = policy.rules.filter { !$0.unreached.isEmpty }
    if unreached.isEmpty {
      lines.append(t("  بلغت الأمثلة كل نتيجة ممكنة لكل قاعدة", "  every outcome of every rule is reached"))
    } else {
      lines.append(t("  لم يبلغه أي مثال:", "  not reached by any example:"))
      for rule in unreached {
        lines.append(Bidi.line("    \(kindWord(rule.kind)) \(rule.name): " + rule.unreached.joined(separator: ", ")
          + " (\(rule.location))", in: language))
      }
    }
    return lines
  }

  func pad(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
  }

  /// One row per version: examples, rules, conditions seen both true and false, checklist
  /// statuses seen, every outcome seen.
  var summaryLines: [String] {
    let table = TextTable(
      columns: [
        .init(header: t("النسخة", "Policy"), wraps: false),
        .init(header: t("الأمثلة", "Examples"), wraps: false),
        .init(header: t("القواعد", "Rules"), wraps: false),
        .init(header: t("صحيح وخاطئ", "True & false"), wraps: false),
        .init(header: t("الحالات", "Statuses"), wraps: false),
        .init(header: t("النتائج", "Outcomes"), wraps: false),
      ],
      rows: report.policies.map { policy in
        [
          title(policy), "\(policy.examples)", "\(policy.rules.count)",
          fraction(policy.conditionsSeenTrueAndFalse, policy.conditions.count),
          fraction(policy.requirementStatusesSeen, policy.requirementStatusesReachable),
          fraction(policy.outcomesSeen, policy.outcomesReachable),
        ]
      })
    return [t("التغطية حسب النسخة:", "coverage by version:")]
      + table.lines(width: ReportWidth.standard, language: language, useColor: false)
      + [
        t("  صحيح وخاطئ: الشروط التي جعلها مثالٌ صحيحة وآخر خاطئة (وهي النسبة التي يقارنها خيار الحد الأدنى للتغطية)",
          "  True & false: conditions some example made true and some example made false "
            + "(what --min-coverage compares)"),
        t("  الحالات: حالات قائمة المتطلبات التي بلغتها الأمثلة من الحالات الممكنة لكل متطلب",
          "  Statuses: checklist statuses the examples reached, of those each requirement can have"),
        t("  النتائج: كل نتيجة ممكنة لكل قاعدة (صحيح، خاطئ، غير معروف، لا ينطبق، والحالات)",
          "  Outcomes: every outcome each rule can have (true, false, unknown, not applicable, and the statuses)"),
      ].map { Bidi.line($0, in: language) }
  }

  /// `3/4 75%`, the percentage rounded down so that only a full count shows 100%.
  func fraction(_ part: Int, _ whole: Int) -> String {
    "\(part)/\(whole) \(Int(PolicyCoverage.percent(part, of: whole).rounded(.down)))%"
  }

  /// The versions under `--min-coverage`, for standard error.
  func belowMinimum(_ policies: [PolicyCoverage], minimum: Double) -> String {
    let shown = minimum.rounded() == minimum ? String(Int(minimum)) : String(minimum)
    let list = policies.map { "\(title($0)) (\(Int($0.conditionPercent.rounded(.down)))%)" }
    return t("أقل من \(shown)% من الشروط رآها مثال صحيحةً وآخر خاطئة: " + list.joined(separator: "، "),
             "under \(shown)% of conditions seen both true and false: " + list.joined(separator: ", "))
  }
}
