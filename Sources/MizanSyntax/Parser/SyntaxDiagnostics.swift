import MizanCore

/// Messages of the lexer and parser, alphabetical. Ids are `syntax.<property name>`.
extension DiagnosticMessage {
  static let byteOrderMark = DiagnosticMessage(
    "syntax.byteOrderMark", .warning,
    ar: "الملف يبدأ بعلامة ترتيب البايتات (BOM)؛ احذفها",
    en: "the file starts with a byte-order mark; remove it")

  static func bidiControl(_ scalar: Unicode.Scalar, in place: String) -> DiagnosticMessage {
    let name = Lexer.describe(scalar)
    return DiagnosticMessage(
      "syntax.bidiControl", .error,
      ar: "محرف تحكم في اتجاه النص \(name) في \(place == "comment" ? "تعليق" : "نص"): قد يجعل السطر يُقرأ على غير حقيقته",
      en: "bidirectional control character \(name) in a \(place): it can make the line read differently from what it is")
  }

  static let loneCarriageReturn = DiagnosticMessage(
    "syntax.loneCarriageReturn", .error,
    ar: "محرف رجوع إلى أول السطر (U+000D) لا يتبعه سطر جديد: بعض المحررات تعرضه فاصل سطر وبعضها لا",
    en: "a carriage return (U+000D) not followed by a line feed: some editors show a line break here, others do not")

  static let citedAndAssumed = DiagnosticMessage(
    "syntax.citedAndAssumed", .error,
    ar: "التعريف إما يقتبس النص (`cite`) وإما يصرّح بأنه مفترض (`assumed`)، لا الاثنان معًا",
    en: "a declaration either quotes the text (`cite`) or says it is assumed (`assumed`), not both")

  static func duplicateClause(_ clause: String) -> DiagnosticMessage {
    let clause = clause.shortened(to: quotedWordLimit)
    return DiagnosticMessage(
      "syntax.duplicateClause", .error,
      ar: "البند `\(clause)` مكرر في هذا التعريف",
      en: "clause `\(clause)` appears more than once in this declaration")
  }

  static func expected(_ expected: String, found: String) -> DiagnosticMessage {
    let found = found.shortened(to: quotedWordLimit)
    return DiagnosticMessage(
      "syntax.expected", .error,
      ar: "متوقع \(arabicTokenName(expected))، وُجد \(arabicTokenName(found))",
      en: "expected \(expected), found \(found)")
  }

  static let expressionTooDeep = DiagnosticMessage(
    "syntax.expressionTooDeep", .error,
    ar: "التعبير متداخل بعمق يتجاوز الحد المسموح (\(ParserLimits.maxExpressionDepth))",
    en: "expression is nested deeper than the limit (\(ParserLimits.maxExpressionDepth))")

  static func invalidDate(_ text: String, reason: LocalizedText) -> DiagnosticMessage {
    DiagnosticMessage(
      "syntax.invalidDate", .error,
      ar: "تاريخ غير صالح `\(text)`: \(reason.arabic)",
      en: "invalid date `\(text)`: \(reason.english)")
  }

  static let invalidEscape = DiagnosticMessage(
    "syntax.invalidEscape", .error,
    ar: "تسلسل هروب غير صالح في النص؛ المسموح: \\\" \\\\ \\n \\t \\u{XXXX}",
    en: "invalid escape in text; allowed: \\\" \\\\ \\n \\t \\u{XXXX}")

  static func invalidNumber(_ text: String) -> DiagnosticMessage {
    let text = text.shortened(to: quotedWordLimit)
    return DiagnosticMessage(
      "syntax.invalidNumber", .error,
      ar: "رقم غير صالح `\(text)`: يُسمح بأربع منازل عشرية على الأكثر وبقيمة معقولة",
      en: "invalid number `\(text)`: at most 4 decimal places and a reasonable magnitude")
  }

  static let invalidUTF8 = DiagnosticMessage(
    "syntax.invalidUTF8", .error,
    ar: "بايتات ليست نصاً صالحاً بترميز UTF-8",
    en: "bytes that are not valid UTF-8 text")

  static let mixedDigits = DiagnosticMessage(
    "syntax.mixedDigits", .error,
    ar: "الرقم يخلط الأرقام العربية والهندية؛ اكتبه بنوع واحد",
    en: "number mixes Latin and Arabic-Indic digits; write it in one script")

  static let policyTooLarge = DiagnosticMessage(
    "syntax.policyTooLarge", .error,
    ar: "ملف السياسة أكبر من الحد المسموح (\(ParserLimits.maxPolicyBytes / 1024) كيلوبايت)",
    en: "policy file is larger than the limit (\(ParserLimits.maxPolicyBytes / 1024) KiB)")

  static func tooManyDeclarations(_ limit: Int) -> DiagnosticMessage {
    DiagnosticMessage(
      "syntax.tooManyDeclarations", .error,
      ar: "عدد التعريفات يتجاوز الحد المسموح (\(limit))",
      en: "more declarations than the limit (\(limit))")
  }

  static let tooManyErrors = DiagnosticMessage(
    "syntax.tooManyErrors", .error,
    ar: "أخطاء كثيرة جداً: توقف الإبلاغ بعد \(ParserLimits.maxDiagnostics) خطأ؛ أصلحها ثم أعد المحاولة "
      + "(هل هذا ملف سياسة؟)",
    en: "too many errors: reporting stopped after \(ParserLimits.maxDiagnostics); fix these and run again "
      + "(is this a policy file?)")

  static func unexpectedCharacter(_ text: String) -> DiagnosticMessage {
    DiagnosticMessage(
      "syntax.unexpectedCharacter", .error,
      ar: "حرف غير متوقع \(text)",
      en: "unexpected character \(text)")
  }

  static func unknownClause(_ word: String, in declaration: String) -> DiagnosticMessage {
    let word = word.shortened(to: quotedWordLimit)
    return DiagnosticMessage(
      "syntax.unknownClause", .error,
      ar: "بند غير معروف `\(word)` في تعريف `\(declaration)`",
      en: "unknown clause `\(word)` in a `\(declaration)` declaration")
  }

  static func unknownDeclaration(_ word: String) -> DiagnosticMessage {
    let word = word.shortened(to: quotedWordLimit)
    return DiagnosticMessage(
      "syntax.unknownDeclaration", .error,
      ar: "متوقع تعريف (policy، include، enum، parameter، fact، document، derived، condition، requirement، committee)، وُجد `\(word)`",
      en: "expected a declaration (policy, include, enum, parameter, fact, document, derived, condition, requirement, committee), found `\(word)`")
  }

  static let unterminatedString = DiagnosticMessage(
    "syntax.unterminatedString", .error,
    ar: "نص لم يُغلق بعلامة \"",
    en: "unterminated text: missing closing \"")

  /// The longest word of the input a message quotes; the underline shows all of it.
  static let quotedWordLimit = 80

  /// Arabic wording for the English token names used in `expected(_:found:)`.
  private static func arabicTokenName(_ english: String) -> String {
    switch english {
    case "a name": "اسم"
    case "a number": "رقم"
    case "a date": "تاريخ"
    case "a text in quotes": "نص بين علامتي تنصيص"
    case "the end of the file": "نهاية الملف"
    case "an expression": "تعبير"
    case "a type": "نوع"
    case "an invalid character": "حرف غير صالح"
    default: english
    }
  }
}

/// Size limits that keep parsing bounded on hostile input; exceeding one is a clear error.
package enum ParserLimits {
  package static let maxPolicyBytes = 4 << 20
  package static let maxExpressionDepth = 64
  package static let maxDeclarations = 5_000
  /// The most diagnostics the lexer and parser keep for one file; past it one
  /// `syntax.tooManyErrors` says so and the rest are dropped (a file of garbage would otherwise
  /// hold millions, in memory and on screen).
  package static let maxDiagnostics = 1_000
}

extension [Diagnostic] {
  /// Appends a syntax diagnostic while fewer than `ParserLimits.maxDiagnostics` are held; the
  /// first one past the limit is replaced by `syntax.tooManyErrors` at its place, later ones
  /// are dropped.
  mutating func appendCapped(_ diagnostic: Diagnostic) {
    if count < ParserLimits.maxDiagnostics {
      append(diagnostic)
    } else if count == ParserLimits.maxDiagnostics {
      append(Diagnostic(.tooManyErrors, at: diagnostic.span))
    }
  }
}
