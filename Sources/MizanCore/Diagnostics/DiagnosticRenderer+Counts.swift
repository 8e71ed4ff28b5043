// The renderer's counting sentences: the summary and the line that stands for what the cap left out.

extension DiagnosticRenderer {
  /// A count of the diagnostics by severity: `2 errors, 1 warning` or `خطآن، تحذير واحد`.
  ///
  /// Severities with no diagnostics are left out; with none at all it says so.
  package func summary(_ diagnostics: [Diagnostic]) -> String {
    var parts: [String] = []
    for severity in [Severity.error, .warning, .note] {
      let count = diagnostics.count(where: { $0.severity == severity })
      if count > 0 { parts.append(Self.counted(count, severity, in: language)) }
    }
    guard !parts.isEmpty else {
      return LocalizedText(ar: "لا أخطاء ولا تحذيرات", en: "no errors or warnings")[language]
    }
    return parts.joined(separator: language == .arabic ? "، " : ", ")
  }

  /// `and 5 more errors not shown`.
  func omissionLine(for hidden: [Diagnostic]) -> String {
    let count = hidden.count
    let severities = Set(hidden.map(\.severity))
    let kind = severities.count == 1 ? severities.first : nil
    switch language {
    case .english:
      let noun: String =
        switch kind {
        case .error: count == 1 ? "error" : "errors"
        case .warning: count == 1 ? "warning" : "warnings"
        case .note: count == 1 ? "note" : "notes"
        case nil: count == 1 ? "diagnostic" : "diagnostics"
        }
      return "and \(count) more \(noun) not shown"
    case .arabic:
      // "… عددها N" avoids the agreement of a counted noun with its number.
      if count == 1 {
        switch kind {
        case .error: return "ولم يُعرض خطأ آخر"
        case .warning: return "ولم يُعرض تحذير آخر"
        case .note: return "ولم تُعرض ملاحظة أخرى"
        case nil: return "ولم تُعرض رسالة أخرى"
        }
      }
      let noun: String =
        switch kind {
        case .error: "أخطاء"
        case .warning: "تحذيرات"
        case .note: "ملاحظات"
        case nil: "رسائل"
        }
      return "ولم تُعرض \(noun) أخرى عددها \(count)"
    }
  }

  /// `2 errors`, `خطآن`: a count with its noun, in the language's number agreement.
  package static func counted(_ count: Int, _ severity: Severity, in language: Language) -> String {
    switch language {
    case .english:
      let noun =
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
      return "\(count) \(noun)" + (count == 1 ? "" : "s")
    case .arabic:
      let noun =
        switch severity {
        case .error: ArabicCountedNoun(one: "خطأ واحد", two: "خطآن", few: "أخطاء", many: "خطأً", other: "خطأ")
        case .warning:
          ArabicCountedNoun(one: "تحذير واحد", two: "تحذيران", few: "تحذيرات", many: "تحذيرًا", other: "تحذير")
        case .note:
          ArabicCountedNoun(one: "ملاحظة واحدة", two: "ملاحظتان", few: "ملاحظات", many: "ملاحظةً", other: "ملاحظة")
        }
      return noun.counted(count)
    }
  }
}
