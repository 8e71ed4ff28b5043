import Mizan

/// `mizan versions` for people: one block per association, one aligned block per version.
extension VersionsCommand {
  static func text(_ listing: Listing, language: Language) -> String {
    func t(_ arabic: String, _ english: String) -> String { language == .arabic ? arabic : english }
    var lines: [String] = []
    for entry in listing.associations {
      let versions = entry.versions
      let names = versions.names.map { " — " + $0[language].displaySafe } ?? ""
      lines.append(versions.association + names)
      var inForce = [(t("السارية اليوم", "in force today"), entry.inForceToday)]
      if let on = entry.inForceOn { inForce.append((t("السارية في", "in force on"), on)) }
      lines += aligned(inForce.map { label, state in
        (label, dated(state.date) + "  " + describe(state, drafts: listing.includeDrafts, language: language))
      }, indent: "  ")
      for status in versions.versions {
        lines.append("")
        var marks: [String] = []
        if let policy = status.policy {
          if entry.inForceToday.isVersion(policy) { marks.append(t("[السارية اليوم]", "[in force today]")) }
          if let on = entry.inForceOn, on.isVersion(policy) {
            marks.append(t("[السارية في \(on.date.iso)]", "[in force on \(on.date.iso)]"))
          }
        }
        lines.append(([  "  " + status.name] + marks).joined(separator: "  "))
        lines += aligned(fields(of: status, language: language), indent: "    ")
      }
      for missing in versions.missing {
        lines.append("")
        lines.append("  \(versions.association)/\(missing.version).mizan  " + t("[مفقودة]", "[MISSING]"))
        lines += aligned([
          (t("سجل الاعتماد", "approvals.lock"),
           t("السطر \(missing.line) يسجّل هذه النسخة (البصمة \(missing.fingerprint)) لكن ملفها غير موجود: أعده",
             "line \(missing.line) records it (fingerprint \(missing.fingerprint)), but the file does not exist: restore it")),
        ], indent: "    ")
      }
      lines.append("")
    }
    lines.append(summary(listing, language: language))
    return lines.joined(separator: "\n") + "\n"
  }

  /// The labelled lines of one version.
  static func fields(of status: VersionStatus, language: Language) -> [(String, String)] {
    func t(_ arabic: String, _ english: String) -> String { language == .arabic ? arabic : english }
    guard let policy = status.policy else {
      let errors = status.failure?.diagnostics.filter(\.isError).count ?? 0
      return [(t("أخطاء", "errors"),
               t("\(errors) خطأ: شغّل `mizan check \(status.path)`",
                 "\(errors) error\(errors == 1 ? "" : "s"): run `mizan check \(status.path)`"))]
    }
    var fields: [(String, String)] = [
      (t("النسخة", "version"), policy.version.displaySafe),
      (t("تسري من", "effective"), dated(policy.effective)),
    ]
    if let approval = policy.approval {
      fields.append((t("الحالة", "status"), t("معتمدة", "approved")))
      fields.append((t("اعتمدها", "approved by"), approval.body[language].displaySafe))
      fields.append((t("الاجتماع", "meeting"), approval.meeting.displaySafe))
      if let date = approval.date { fields.append((t("تاريخ الاعتماد", "approval date"), dated(date))) }
      if let written = approval.written { fields.append((t("كما ورد", "as written"), written.displaySafe)) }
    } else {
      let reason = policy.draftReason.map { ": " + $0.displaySafe } ?? ""
      fields.append((t("الحالة", "status"),
                     t("مسودة — غير صالحة للاستخدام الرسمي", "DRAFT — not valid for official use") + reason))
    }
    if let supersedes = policy.supersedes { fields.append((t("تحل محل", "supersedes"), supersedes.displaySafe)) }
    fields.append((t("البصمة", "fingerprint"), policy.fingerprint))
    fields.append((t("سجل الاعتماد", "approvals.lock"), lockText(status, language: language)))
    return fields
  }

  /// How the version stands against `approvals.lock`, in words.
  static func lockText(_ status: VersionStatus, language: Language) -> String {
    func t(_ arabic: String, _ english: String) -> String { language == .arabic ? arabic : english }
    switch status.approval {
    case .matches(let line)?:
      return t("مطابقة (السطر \(line))", "matches (line \(line))")
    case .mismatch(let recorded, let line)?:
      return t("غير مطابقة: السطر \(line) يسجّل \(recorded)؛ النسخ المعتمدة مجمّدة، فأنشئ ملف نسخة جديدًا",
               "DOES NOT MATCH: line \(line) records \(recorded); approved versions are frozen, make a new version file")
    case .notRecorded?:
      return t("غير مسجلة: سجّلها بالأمر `mizan approve \(status.path)`",
               "NOT RECORDED: record it with `mizan approve \(status.path)`")
    case .draft?:
      return t("لا تُسجَّل (مسودة)", "not recorded (a draft)")
    case .draftRecorded(let line)?:
      return t("خطأ: مسودة لكن السطر \(line) يسجّلها معتمدة", "ERROR: a draft, but line \(line) records it as approved")
    case nil:
      return t("تتعذر المقارنة: في سجل الاعتماد أخطاء", "cannot compare: approvals.lock has errors")
    }
  }

  /// The version in force, or why none is.
  static func describe(_ inForce: InForce, drafts: Bool, language: Language) -> String {
    func t(_ arabic: String, _ english: String) -> String { language == .arabic ? arabic : english }
    switch inForce.state {
    case .version(let policy):
      return policy.fileName + (policy.isDraft ? t(" (مسودة)", " (DRAFT)") : "")
    case .noneYet(let earliest?):
      return t("لا توجد؛ أقدم نسخة معتمدة تسري من \(earliest.iso)", "none; the earliest approved version takes effect on \(earliest.iso)")
    case .noneYet(nil):
      return t("لا توجد نسخة معتمدة", "none: there is no approved version")
    case .onlyDraft(let version):
      return t("لا توجد؛ توجد مسودة فقط (\(version.displaySafe)) ولا تُستعمل إلا مع --draft",
               "none: only a draft (\(version.displaySafe)), used only with --draft")
    case .policyErrors:
      return t("لا يمكن التحديد: في السياسة أخطاء (شغّل `mizan check`)", "undetermined: the policy has errors (run `mizan check`)")
    }
  }

  /// `2024-01-15 (1445-07-04H)`.
  static func dated(_ date: CalendarDate) -> String { "\(date.iso) (\(date.hijriText))" }

  /// `label  value` lines with the values in one column.
  static func aligned(_ fields: [(String, String)], indent: String) -> [String] {
    let width = fields.map(\.0.count).max() ?? 0
    return fields.map { label, value in
      indent + label + String(repeating: " ", count: width - label.count + 2) + value
    }
  }

  /// `5 associations, 6 versions: 5 approved, 1 draft; 0 with problems`.
  static func summary(_ listing: Listing, language: Language) -> String {
    let statuses = listing.associations.flatMap(\.versions.versions)
    let drafts = statuses.filter { $0.policy?.isDraft == true }.count
    let approved = statuses.filter { $0.policy?.isDraft == false }.count
    let problems = statuses.filter(\.hasProblems).count + listing.associations.map(\.versions.missing.count).reduce(0, +)
    let associations = listing.associations.count
    if language == .arabic {
      return "\(associations) جمعية، \(statuses.count) نسخة: \(approved) معتمدة، \(drafts) مسودة؛ \(problems) فيها مشكلات"
    }
    return "\(associations) association\(associations == 1 ? "" : "s"), \(statuses.count) version\(statuses.count == 1 ? "" : "s"): "
      + "\(approved) approved, \(drafts) draft\(drafts == 1 ? "" : "s"); \(problems) with problems"
  }
}
