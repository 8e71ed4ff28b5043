import Mizan

/// A `PolicyDiff` as text (one block per change, old and new on their own lines), Markdown (a
/// table for the board's papers) or canonical JSON (for programs).
struct DiffReport {
  let diff: PolicyDiff
  let language: Language

  func t(_ arabic: String, _ english: String) -> String { language == .arabic ? arabic : english }

  // MARK: - Words

  func side(_ side: PolicyDiff.Side) -> String {
    "\(side.association) \(side.version) (" + (side.isDraft ? t("مسودة", "DRAFT") : t("معتمدة", "approved")) + ")"
  }

  var heading: String { side(diff.old) + " → " + side(diff.new) }

  var verdict: String {
    let count = diff.changes.count
    if count == 0 { return t("لا تغيير في المعنى", "no change in meaning") }
    return t("\(count) \(count == 1 ? "تغيير" : "تغييرات") في المعنى",
             "\(count) change\(count == 1 ? "" : "s") in meaning")
  }

  func subject(_ subject: PolicyChange.Subject) -> String {
    switch subject {
    case .header: t("الترويسة", "header")
    case .channel: t("قناة", "channel")
    case .parameter: t("معامل", "parameter")
    case .enumeration: t("تعداد", "enumeration")
    case .fact: t("معلومة", "fact")
    case .member: t("نوع أفراد", "member kind")
    case .stage: t("مرحلة", "stage")
    case .document: t("مستند", "document")
    case .derived: t("قيمة مشتقة", "derived value")
    case .condition: t("شرط", "condition")
    case .requirement: t("متطلب", "requirement")
    case .committee: t("لجنة", "committee")
    }
  }

  func aspect(_ aspect: String) -> String {
    guard language == .arabic else { return aspect }
    let words = [
      "value": "القيمة", "test": "الاختبار", "when": "شرط when", "citation": "الاقتباس", "labels": "الأوصاف",
      "type": "النوع", "documents": "المستندات", "provided by": "من يقدّمه", "validity": "الصلاحية",
      "reply after": "مدة الرد", "values": "القيم", "date": "التاريخ", "text": "النص", "status": "الحالة",
      "id": "المعرّف", "reason": "السبب",
    ]
    return words[aspect] ?? aspect
  }

  func kind(_ kind: PolicyChange.Kind) -> String {
    switch kind {
    case .added: t("أُضيف", "added")
    case .removed: t("حُذف", "removed")
    case .changed: t("تغيّر", "changed")
    }
  }

  /// Where a channel was added or removed: a `set of channel` parameter, or the vocabulary.
  func place(_ change: PolicyChange) -> String? {
    guard change.subject == .channel, let list = change.aspect, change.kind != .changed else { return nil }
    return list == "enum channel" ? t("مفردات القنوات (`enum channel`)", "the channel vocabulary (`enum channel`)")
      : t("المعامل `\(list)`", "parameter `\(list)`")
  }

  /// What happened, after the name: `value changed`, `removed from parameter \`channels\``.
  func summary(_ change: PolicyChange) -> String {
    if let place = place(change) {
      return change.kind == .added ? t("أُضيفت إلى ", "added to ") + place : t("حُذفت من ", "removed from ") + place
    }
    guard let what = change.aspect else { return change.kind == .changed ? t("تغيّر", "changed") : kind(change.kind) }
    return change.kind == .changed ? t("تغيّر \(aspect(what))", "\(aspect(what)) changed")
      : t("\(kind(change.kind)) (\(aspect(what)))", "\(aspect(what)) \(kind(change.kind))")
  }

  func sign(_ kind: PolicyChange.Kind) -> String {
    switch kind {
    case .added: "+"
    case .removed: "-"
    case .changed: "~"
    }
  }

  // MARK: - Text

  var text: String {
    var lines = [heading + ": " + verdict]
    if !diff.changes.isEmpty { lines.append("") }
    let none = t("(لا شيء)", "(none)")
    for change in diff.changes {
      lines.append("\(sign(change.kind)) \(subject(change.subject)) `\(change.name)`: \(summary(change))")
      if change.kind != .added, change.old != nil || change.kind == .changed {
        lines.append("    " + t("قبل: ", "old: ") + (change.old ?? none))
      }
      if change.kind != .removed, change.new != nil || change.kind == .changed {
        lines.append("    " + t("بعد: ", "new: ") + (change.new ?? none))
      }
    }
    return lines.map { Bidi.line($0, in: language) }.joined(separator: "\n")
  }

  // MARK: - Markdown

  var markdown: String {
    var lines = ["# " + heading, "", verdict + "."]
    guard !diff.changes.isEmpty else { return lines.joined(separator: "\n") }
    lines += [
      "",
      "| " + [t("التغيير", "change"), t("الموضوع", "subject"), t("الاسم", "name"), t("ما تغيّر", "what"),
             t("قبل", "old"), t("بعد", "new")].joined(separator: " | ") + " |",
      "|---|---|---|---|---|---|",
    ]
    for change in diff.changes {
      let cells = [
        kind(change.kind), subject(change.subject), "`\(change.name)`",
        place(change) ?? change.aspect.map(aspect) ?? "",
        change.old.map(cell) ?? "", change.new.map(cell) ?? "",
      ]
      lines.append("| " + cells.map(escaped).joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n")
  }

  /// An old or new meaning in a table cell: code, unless it is a quote or labels in prose.
  func cell(_ text: String) -> String { text.contains("`") ? text : "`" + text + "`" }

  func escaped(_ text: String) -> String {
    text.replacing("|", with: "\\|").replacing("\n", with: " ")
  }

  // MARK: - JSON

  var json: String {
    func sideJSON(_ side: PolicyDiff.Side) -> JSONValue {
      .object([
        "association": .string(side.association), "version": .string(side.version),
        "effective": .string(side.effective), "status": .string(side.isDraft ? "draft" : "approved"),
        "fingerprint": .string(side.fingerprint),
      ])
    }
    let changes: [JSONValue] = diff.changes.map { change in
      .object([
        "subject": .string(change.subject.rawValue), "change": .string(change.kind.rawValue),
        "name": .string(change.name), "aspect": change.aspect.map(JSONValue.string) ?? .null,
        "old": change.old.map(JSONValue.string) ?? .null, "new": change.new.map(JSONValue.string) ?? .null,
      ])
    }
    let document: JSONValue = .object([
      "old": sideJSON(diff.old), "new": sideJSON(diff.new), "changes_meaning": .bool(diff.changesMeaning),
      "changes": .array(changes),
    ])
    return document.canonicalText
  }
}
