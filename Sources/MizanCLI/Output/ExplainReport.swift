import Mizan

/// `mizan eval --explain`: the evaluation trace as an indented tree, one node per step, in the
/// order the engine took them: derived values, conditions, requirements, the committee; then
/// the verdict. Each step shows its kind, rule id and result, where it is written in the
/// policy (`raabigh/2024-01-15.mizan:89:11`), and below it the rule's label, what its `when`
/// gave, the values it saw and any notes (a division by zero, a date out of range).
///
/// ```
/// ├─ condition resides_in_rabigh: false                raabigh/2024-01-15.mizan:89:11
/// │  ├─ Residence in Rabigh governorate
/// │  └─ governorate = "jeddah"
/// ```
///
/// In Arabic the branches are mirrored (`┤─`), since the lines run right to left.
struct ExplainReport {
  let outcome: Outcome
  let policy: LoadedPolicy
  let language: Language
  var useColor = false
  /// Long value lines wrap to this many columns.
  var width = ReportWidth.standard

  /// Node heads are padded to this many columns before the location, when they fit.
  static let locationColumn = 52

  var words: ReportWords { ReportWords(language: language) }

  func t(_ arabic: String, _ english: String) -> String { words.t(arabic, english) }

  /// One node of the tree: its head, an optional location and style, and its children's lines.
  struct Node {
    var head: String
    var location: String?
    var style: String?
    var children: [Child]
  }

  /// A line under a node: words, or data (`name = value`) that is laid out left to right as a
  /// whole even in an Arabic report.
  struct Child {
    var text: String
    var isData = false
  }

  var rendered: String {
    var lines: [String] = []
    if outcome.policy.isDraft { lines.append(styled("*** \(words.draftNotice) ***", ANSI.boldRed)) }
    let id = Bidi.isolated(outcome.applicationID.displaySafe, in: language)
    lines.append(line(t("شرح تقييم الطلب \(id)، المقدَّم في \(words.bothCalendars(outcome.submittedOn))",
                        "Explanation of application \(id), submitted \(words.bothCalendars(outcome.submittedOn))")))
    let identity = outcome.policy
    let (association, version) = (identity.association.displaySafe, identity.version.displaySafe)
    let status = words.policyStatus(isDraft: identity.isDraft)
    let fingerprint = identity.fingerprint
    lines.append(line(t("وفق سياسة \(association)، نسخة \(version) (\(status))، البصمة \(fingerprint)",
                        "under policy \(association), version \(version) (\(status)), fingerprint \(fingerprint)")))
    let nodes = outcome.trace.map(node) + [verdictNode]
    let headWidth = min(Self.locationColumn, nodes.map { DisplayWidth.of($0.head) }.max() ?? 0)
    for (index, node) in nodes.enumerated() {
      let isLast = index == nodes.count - 1
      var head = Bidi.isolatingRuns(branch(isLast: isLast) + node.head, in: language)
      if let location = node.location {
        // The location is isolated on its own, apart from the head's last run.
        head = DisplayWidth.padded(head, to: headWidth + DisplayWidth.of(branch(isLast: false)) + 2)
          + Bidi.isolatingRuns(location, in: language)
      }
      lines.append(styled(Bidi.marked(TextTable.trimmingTrailingBlanks(head), in: language), node.style))
      let stem = isLast ? "   " : vertical + "  "
      for (childIndex, child) in node.children.enumerated() {
        let isLastChild = childIndex == node.children.count - 1
        let first = stem + branch(isLast: isLastChild)
        let continuation = stem + (isLastChild ? "   " : vertical + "  ")
        let text = child.isData ? Bidi.isolated(child.text, in: language) : child.text
        for (index, fragment) in TextTable.wrap(text, width: max(30, width - DisplayWidth.of(first))).enumerated() {
          lines.append(styled(line((index == 0 ? first : continuation) + fragment), useColor ? ANSI.dim : nil))
        }
      }
    }
    if outcome.policy.isDraft { lines.append(styled("*** \(words.draftNotice) ***", ANSI.boldRed)) }
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: - Nodes

  func node(_ event: TraceEvent) -> Node {
    let rule = event.rule.displaySafe
    let head = event.kind == "derived"
      ? "\(words.kind(event.kind)) \(rule) = \(derivedResult(event.result))"
      : "\(words.kind(event.kind)) \(rule): \(words.result(event.result.displaySafe))"
    var children: [Child] = []
    if let label = labels[event.kind + " " + event.rule] { children.append(Child(text: label[language].displaySafe)) }
    if let when = event.when { children.append(Child(text: t("شرط الانطباق (when): ", "when: ") + words.result(when))) }
    for value in event.values {
      children.append(Child(text: "\(value.name.displaySafe) = " + words.value(value.value, isMoney: policy.isMoney(value.name)).displaySafe, isData: true))
    }
    children += event.notes(in: language).map { note in Child(text: t("ملاحظة: ", "note: ") + note.displaySafe) }
    return Node(head: head, location: event.location.displaySafe, style: resultStyle(event.result), children: children)
  }

  func derivedResult(_ result: String) -> String {
    result == "unknown" ? t("غير معروف", "unknown") : result.displaySafe
  }

  var verdictNode: Node {
    var children = outcome.reasons.map { Child(text: "\($0.rule.displaySafe): \(words.result($0.result))") }
    children += outcome.missingFacts.map { Child(text: t("معلومة ناقصة: ", "missing fact: ") + $0.fact.displaySafe) }
    let step = outcome.nextStep
    children.append(Child(text: t("الخطوة التالية: ", "next step: ") + step.action.displaySafe
      + t("، المسؤول: ", ", by ") + words.parties(step.by)))
    return Node(head: t("الحكم: ", "verdict: ") + words.verdict(outcome.verdict), location: nil,
                style: verdictStyle, children: children)
  }

  /// Labels of the policy's rules by `kind name`, for the line under each step.
  var labels: [String: LocalizedText] {
    var labels: [String: LocalizedText] = [:]
    for entry in policy.provenance { labels[entry.kind + " " + entry.name] = entry.labels }
    for derived in policy.checked.derived { labels["derived " + derived.name] = derived.described.labels }
    return labels
  }

  // MARK: - Drawing

  /// `├─ ` and `└─ `; mirrored (`┤─ `, `┘─ `) in Arabic, whose lines run right to left.
  func branch(isLast: Bool) -> String {
    switch (language, isLast) {
    case (.arabic, false): "┤─ "
    case (.arabic, true): "┘─ "
    case (.english, false): "├─ "
    case (.english, true): "└─ "
    }
  }

  var vertical: String { "│" }

  func line(_ text: String) -> String { Bidi.line(text, in: language) }

  func styled(_ text: String, _ style: String?) -> String {
    guard useColor, let style else { return text }
    return ANSI.styled(text, style)
  }

  func resultStyle(_ result: String) -> String? {
    switch result {
    case "true", "provided": ANSI.green
    case "false", "missing", "expired", "invalid": ANSI.red
    case "unknown", "undetermined": ANSI.yellow
    default: nil
    }
  }

  var verdictStyle: String {
    switch outcome.verdict {
    case .eligible: ANSI.boldGreen
    case .ineligible: ANSI.boldRed
    case .incomplete: ANSI.boldYellow
    }
  }
}
