import Mizan

/// `mizan impact LOG --to FILE`: what another version would change over past applications.
enum ImpactCommand: Command {
  static let spec = CommandSpec(
    name: "impact", usage: "mizan impact LOG --to VERSION_FILE [--format text|json]",
    summary: "Re-evaluate the logged applications of an association under another version (for example "
      + "a draft amendment) and tabulate verdict changes with the rules responsible.",
    options: [
      OptionSpec(name: "to", value: "FILE", help: "the version file to compare with (required)"),
      OptionSpec(name: "format", value: "text|json", help: "text table (default) or canonical JSON"),
    ])

  static func run(_ arguments: Arguments, context: inout CommandContext) -> ExitCode {
    let format: String
    let target: String
    do throws(UsageError) {
      guard arguments.positionals.count == 1 else {
        throw UsageError(message: "expected one log file, found \(arguments.positionals.count)")
      }
      guard let to = arguments["to"] else { throw UsageError(message: "`--to VERSION_FILE` is required") }
      target = to
      format = try arguments.choice("format", among: ["text", "json"], default: "text")
    } catch {
      context.terminal.printError("mizan impact: \(error.message)\nRun `mizan impact --help` for usage.")
      return .usage
    }
    let log = arguments.positionals[0]
    guard Files.exists(log) else {
      context.terminal.printError("mizan impact: " + context.t("`\(log)` غير موجود", "`\(log)` does not exist"))
      return .usage
    }
    guard let found = PolicyDiscovery.versionFiles(at: target), found.files.count == 1 else {
      context.terminal.printError("mizan impact: " + context.t("`\(target)` ليس ملفَ نسخةٍ واحدة من سياسة",
                                                                 "`\(target)` is not one policy version file"))
      return .usage
    }
    let policy: LoadedPolicy
    // The target is a proposal: what matters is what it would decide, not whether it is approved.
    switch PolicyStore(root: found.root).load(target, verifyingApproval: false) {
    case .success(let loaded): policy = loaded
    case .failure(let failure):
      context.report(failure.diagnostics)
      return .policyError
    }
    switch Engine(store: context.store).impact(log: log, under: policy) {
    case .failure(let failure):
      context.terminal.printError("mizan impact: \(failure.text[context.language])")
      return .usage
    case .success(let summary):
      context.terminal.write(format == "json" ? json(summary, policy: policy) + "\n"
                                : text(summary, policy: policy, language: context.language))
      return .success
    }
  }

  static func text(_ summary: ImpactSummary, policy: LoadedPolicy, language: Language) -> String {
    func t(_ arabic: String, _ english: String) -> String { language == .arabic ? arabic : english }
    let draft = policy.isDraft ? t(" (مسودة)", " (DRAFT)") : ""
    let heading = t(
      "أثر \(policy.association) \(policy.version)\(draft) [\(policy.fingerprint.prefix(16))] على الطلبات المسجلة: \(summary.total)",
      "Impact of \(policy.association) \(policy.version)\(draft) [\(policy.fingerprint.prefix(16))] on \(summary.total) "
        + "logged application\(summary.total == 1 ? "" : "s")")
    var lines = [heading, ""]
    let header = [t("من", "from"), t("إلى", "to"), t("العدد", "count"), t("القواعد المسؤولة", "rules responsible")]
    var rows = [header]
    for row in summary.rows {
      let rules = row.rules.map { "\(summary.causeText($0.rule)[language]) (\($0.count))" }
        .joined(separator: t("، ", ", "))
      rows.append([verdictWord(row.from, language), verdictWord(row.to, language), String(row.count), rules])
    }
    let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
    for row in rows {
      let cells = (0..<3).map { column in
        column == 2 ? String(repeating: " ", count: widths[column] - row[column].count) + row[column]
          : row[column].padding(toLength: widths[column], withPad: " ", startingAt: 0)
      }
      lines.append(("  " + cells.joined(separator: "  ") + "  " + row[3]).trimmingTrailingSpaces)
    }
    lines.append("")
    lines.append(t("الطلبات المتأثرة (\(summary.affected.count)):", "Affected applications (\(summary.affected.count)):"))
    for item in summary.affected {
      // The application id comes from the log: controls in it are written out, not sent to the terminal.
      let id = item.applicationID.escapingControlCharacters
      lines.append("  \(id)  \(t("السطر", "line")) \(item.line)  "
        + "\(verdictWord(item.from, language)) → \(verdictWord(item.to, language))")
    }
    if summary.otherAssociation > 0 {
      lines.append("")
      lines.append(t("قيود جمعيات أخرى لم تُحتسب: \(summary.otherAssociation)",
                     "\(summary.otherAssociation) entries of other associations left out"))
    }
    if !summary.skippedBrokenLines.isEmpty {
      lines.append("")
      lines.append(t("لم تُحتسب لأن السلسلة مكسورة (شغّل `mizan replay`): الأسطر ",
                     "left out, chain broken (run `mizan replay`): lines ")
        + summary.skippedBrokenLines.map(String.init).joined(separator: ", "))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A verdict as the log writes it (`eligible`, or `error` when the record no longer reads), in
  /// the report's language.
  static func verdictWord(_ verdict: String, _ language: Language) -> String {
    guard language == .arabic else { return verdict }
    return switch verdict {
    case "eligible": "مستحق"
    case "ineligible": "غير مستحق"
    case "incomplete": "ناقص"
    case "error": "خطأ في البيانات"
    default: verdict
    }
  }

  static func json(_ summary: ImpactSummary, policy: LoadedPolicy) -> String {
    let rows: [JSONValue] = summary.rows.map { row in
      .object([
        "from": .string(row.from), "to": .string(row.to), "count": .number(Double(row.count)),
        "rules": .array(row.rules.map { .object(["rule": .string($0.rule), "count": .number(Double($0.count))]) }),
      ])
    }
    let affected: [JSONValue] = summary.affected.map {
      .object(["application_id": .string($0.applicationID), "line": .number(Double($0.line)),
               "from": .string($0.from), "to": .string($0.to)])
    }
    return JSONValue.object([
      "policy": .object(["association": .string(policy.association), "version": .string(policy.version),
                         "fingerprint": .string(policy.fingerprint), "draft": .bool(policy.isDraft)]),
      "total": .number(Double(summary.total)), "transitions": .array(rows), "affected": .array(affected),
      "other_association": .number(Double(summary.otherAssociation)),
      "skipped_broken_lines": .array(summary.skippedBrokenLines.map { .number(Double($0)) }),
    ]).canonicalText
  }
}

extension String {
  var trimmingTrailingSpaces: String {
    var text = self
    while text.hasSuffix(" ") { text.removeLast() }
    return text
  }
}
