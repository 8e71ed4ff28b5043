import Testing

@testable import MizanCore

/// Sources and diagnostics shared by the renderer tests.
private enum Fixture {
  static let path = "policies/raabigh/2024-01-15.mizan"

  /// A policy whose line 12 declares `monthly_income` and whose line 42 misspells it.
  static let policy = makeFile(
    path,
    lines: [
      5: "  rule base-eligibility:",
      9: "  rule late-eligibility:",
      12: "  fact monthly_income: Money",
      42: "  condition income-limit: monthly_incom <= 4000 SAR",
    ],
    count: 45)

  static let unknownName = DiagnosticMessage(
    "check.unknownName", .error, ar: "بيان غير معروف `monthly_incom`", en: "unknown fact `monthly_incom`")
  static let unreachableRule = DiagnosticMessage(
    "check.unreachableRule", .warning, ar: "القاعدة `late-eligibility` لا تنطبق أبدًا",
    en: "rule `late-eligibility` can never apply")

  static func unknownFact() throws -> Diagnostic {
    Diagnostic(
      unknownName, at: try span("monthly_incom", line: 42, in: policy),
      notes: [
        DiagnosticNote(
          LocalizedText(ar: "مُعرَّف هنا", en: "declared here"), at: try span("monthly_income", line: 12, in: policy))
      ],
      help: LocalizedText(ar: "هل تقصد `monthly_income`؟", en: "did you mean `monthly_income`?"))
  }

  static func unreachable() throws -> Diagnostic {
    Diagnostic(
      unreachableRule, at: try span("late-eligibility", line: 9, in: policy),
      notes: [
        DiagnosticNote(
          LocalizedText(ar: "تحجبها القاعدة `base-eligibility`", en: "shadowed by rule `base-eligibility`"),
          at: try span("base-eligibility", line: 5, in: policy))
      ])
  }

  /// A file of `count` lines, each `# line N` unless given.
  static func makeFile(_ path: String, lines: [Int: String], count: Int) -> SourceFile {
    let text = (1...count).map { lines[$0] ?? "# line \($0)" }.joined(separator: "\n") + "\n"
    return SourceFile(path: path, text: text)
  }

  /// The span of the first `needle` on a 1-based line.
  static func span(_ needle: String, line: Int, in file: SourceFile, length: Int? = nil) throws -> SourceSpan {
    let text = file.lineText(line)
    let range = try #require(text.firstRange(of: needle), "`\(needle)` is not on line \(line)")
    let start = file.lineStarts[line - 1] + text.utf8.distance(from: text.startIndex, to: range.lowerBound)
    return SourceSpan(file: file, range: start..<(start + (length ?? needle.utf8.count)))
  }
}

@Suite("DiagnosticRenderer")
struct DiagnosticRendererTests {
  // MARK: - Text

  @Test("an error shows its line, an underline, help and a note with its position")
  func errorWithHelp() throws {
    let output = DiagnosticRenderer().render([try Fixture.unknownFact()])
    #expect(
      output == """
        policies/raabigh/2024-01-15.mizan:42:27: error[check.unknownName]: unknown fact `monthly_incom`
           |
        42 |   condition income-limit: monthly_incom <= 4000 SAR
           |                           ^~~~~~~~~~~~~
           = help: did you mean `monthly_income`?
           = note: declared here: policies/raabigh/2024-01-15.mizan:12:8

        """)
  }

  @Test("a warning with a note, gutter as wide as its line number, separated by a blank line")
  func warningWithNote() throws {
    let output = DiagnosticRenderer().render([try Fixture.unknownFact(), try Fixture.unreachable()])
    #expect(
      output == """
        policies/raabigh/2024-01-15.mizan:9:8: warning[check.unreachableRule]: rule `late-eligibility` can never apply
          |
        9 |   rule late-eligibility:
          |        ^~~~~~~~~~~~~~~~
          = note: shadowed by rule `base-eligibility`: policies/raabigh/2024-01-15.mizan:5:8

        policies/raabigh/2024-01-15.mizan:42:27: error[check.unknownName]: unknown fact `monthly_incom`
           |
        42 |   condition income-limit: monthly_incom <= 4000 SAR
           |                           ^~~~~~~~~~~~~
           = help: did you mean `monthly_income`?
           = note: declared here: policies/raabigh/2024-01-15.mizan:12:8

        """)
  }

  @Test("Arabic localizes the severity, labels and messages but keeps ids and positions")
  func arabic() throws {
    let output = DiagnosticRenderer(language: .arabic).render([try Fixture.unknownFact(), try Fixture.unreachable()])
    #expect(
      output == """
        policies/raabigh/2024-01-15.mizan:9:8: تحذير[check.unreachableRule]: القاعدة `late-eligibility` لا تنطبق أبدًا
          |
        9 |   rule late-eligibility:
          |        ^~~~~~~~~~~~~~~~
          = ملاحظة: تحجبها القاعدة `base-eligibility`: policies/raabigh/2024-01-15.mizan:5:8

        policies/raabigh/2024-01-15.mizan:42:27: خطأ[check.unknownName]: بيان غير معروف `monthly_incom`
           |
        42 |   condition income-limit: monthly_incom <= 4000 SAR
           |                           ^~~~~~~~~~~~~
           = مساعدة: هل تقصد `monthly_income`؟
           = ملاحظة: مُعرَّف هنا: policies/raabigh/2024-01-15.mizan:12:8

        """)
  }

  @Test("underlined right-to-left text is quoted, and columns count grapheme clusters")
  func rightToLeftUnderline() throws {
    let file = SourceFile(path: "p.mizan", text: "rule r:\n  label: \"دخلٌ شهري\" مثلا\n")
    let span = try Fixture.span("\"دخلٌ شهري\"", line: 2, in: file)
    let message = DiagnosticMessage("check.duplicateLabel", .error, ar: "تسمية مكررة", en: "duplicate label")
    let english = DiagnosticRenderer().render([Diagnostic(message, at: span)])
    #expect(
      english == """
        p.mizan:2:10: error[check.duplicateLabel]: duplicate label
          |
        2 |   label: "دخلٌ شهري" مثلا
          |          ^~~~~~~~~~
          = note: underlined text: «"دخلٌ شهري"»

        """)
    let arabic = DiagnosticRenderer(language: .arabic).render([Diagnostic(message, at: span)])
    #expect(arabic.contains("  = ملاحظة: النص المسطّر: «\"دخلٌ شهري\"»\n"))
  }

  @Test("left-to-right underlines get no quoting note")
  func leftToRightUnderline() throws {
    let output = DiagnosticRenderer().render([try Fixture.unknownFact()])
    #expect(!output.contains("underlined text"))
  }

  @Test("tabs show as four spaces and the carets stay under the span")
  func tab() throws {
    let file = SourceFile(path: "t.mizan", text: "rule r:\n\tcondition a:\tx <= 1\n")
    let span = try Fixture.span("x", line: 2, in: file)
    let message = DiagnosticMessage("check.unknownName", .error, ar: "اسم غير معروف `x`", en: "unknown name `x`")
    let output = DiagnosticRenderer().render([Diagnostic(message, at: span)])
    #expect(
      output == """
        t.mizan:2:15: error[check.unknownName]: unknown name `x`
          |
        2 |     condition a:    x <= 1
          |                     ^

        """)
  }

  @Test("an underlined tab is four carets wide")
  func underlinedTab() throws {
    let file = SourceFile(path: "t.mizan", text: "a\tb\n")
    let message = DiagnosticMessage("syntax.unexpectedTab", .warning, ar: "علامة جدولة", en: "tab")
    let output = DiagnosticRenderer().render([Diagnostic(message, at: SourceSpan(file: file, range: 1..<3))])
    #expect(
      output == """
        t.mizan:1:2: warning[syntax.unexpectedTab]: tab
          |
        1 | a    b
          |  ^~~~~

        """)
  }

  @Test("a zero-width span at the end of a file gets a single caret after the last character")
  func zeroWidthAtEndOfFile() {
    let unterminated = SourceFile(path: "a.mizan", text: "rule r:\n  when x")
    let terminated = SourceFile(path: "b.mizan", text: "rule r:\n  when x\n")
    let message = DiagnosticMessage(
      "syntax.expectedThen", .error, ar: "يُنتظر `then`", en: "expected `then`, found end of file")
    let atEnd = { (file: SourceFile) in
      Diagnostic(message, at: SourceSpan(file: file, range: file.bytes.count..<file.bytes.count))
    }
    let output = DiagnosticRenderer().render([atEnd(terminated), atEnd(unterminated)])
    #expect(
      output == """
        a.mizan:2:9: error[syntax.expectedThen]: expected `then`, found end of file
          |
        2 |   when x
          |         ^

        b.mizan:3:1: error[syntax.expectedThen]: expected `then`, found end of file
          |
        3 |
          | ^

        """)
  }

  @Test("a span over two lines is underlined to the end of its first line")
  func twoLineSpan() throws {
    let file = SourceFile(path: "m.mizan", text: "rule r:\n  when a and\n    b\n")
    let start = try Fixture.span("a and", line: 2, in: file).range.lowerBound
    let end = try Fixture.span("b", line: 3, in: file).range.upperBound
    let message = DiagnosticMessage(
      "check.typeMismatch", .error, ar: "نوع غير متوافق", en: "expected a condition, found a number")
    let output = DiagnosticRenderer().render([Diagnostic(message, at: SourceSpan(file: file, range: start..<end))])
    #expect(
      output == """
        m.mizan:2:8: error[check.typeMismatch]: expected a condition, found a number
          |
        2 |   when a and
          |        ^~~~~

        """)
  }

  @Test("a diagnostic without a span prints its first line without a path, then help and notes")
  func withoutSpan() {
    let message = DiagnosticMessage(
      "store.noPolicyInForce", .error, ar: "لا توجد سياسة سارية", en: "no policy in force on 2024-01-01")
    let diagnostic = Diagnostic(
      message, at: nil, notes: [DiagnosticNote(.same("earliest version: 2024-01-15"), at: nil)],
      help: LocalizedText(ar: "اختر تاريخًا لاحقًا", en: "choose a later date"))
    #expect(
      DiagnosticRenderer().render([diagnostic]) == """
        error[store.noPolicyInForce]: no policy in force on 2024-01-01
          = help: choose a later date
          = note: earliest version: 2024-01-15

        """)
  }

  @Test("colour marks the severity, the message, the gutter and the carets")
  func color() throws {
    let output = DiagnosticRenderer(useColor: true).render([try Fixture.unreachable()])
    let escape = "\u{1B}"
    #expect(output.hasPrefix("\(Fixture.path):9:8: \(escape)[1;33mwarning[check.unreachableRule]\(escape)[0m"))
    #expect(output.contains("\(escape)[1;34m9 |\(escape)[0m   rule late-eligibility:"))
    #expect(output.contains("\(escape)[1;33m^~~~~~~~~~~~~~~~\(escape)[0m"))
    #expect(!DiagnosticRenderer().render([try Fixture.unreachable()]).contains(escape))
  }

  @Test("nothing to render is the empty string")
  func empty() {
    for format in DiagnosticRenderer.Format.allCases {
      #expect(DiagnosticRenderer(format: format).render([]) == "")
    }
  }

  // MARK: - Cap

  @Test("output is sorted and capped, with a count of what was left out")
  func cap() {
    let file = Fixture.makeFile("c.mizan", lines: [:], count: 105)
    let message = DiagnosticMessage("check.example", .error, ar: "مثال", en: "example")
    let diagnostics = (0..<105).reversed().map { line in
      Diagnostic(message, at: SourceSpan(file: file, range: file.lineStarts[line]..<(file.lineStarts[line] + 1)))
    }
    let gnu = DiagnosticRenderer(format: .gnu).render(diagnostics)
    let expected = (1...100).map { "c.mizan:\($0):1: error[check.example]: example\n" }.joined()
      + "and 5 more errors not shown\n"
    #expect(gnu == expected)

    let text = DiagnosticRenderer().render(diagnostics)
    #expect(text.ranges(of: "error[check.example]").count == 100)
    #expect(text.hasSuffix("100 | # line 100\n    | ^\n\nand 5 more errors not shown\n"))

    let arabic = DiagnosticRenderer(format: .gnu, language: .arabic).render(diagnostics)
    #expect(arabic.hasSuffix("\nولم تُعرض أخطاء أخرى عددها 5\n"))
  }

  @Test("the omission line names the kind of what was left out", arguments: [
    ([Severity.error], Language.english, "and 1 more error not shown"),
    ([.warning, .warning], .english, "and 2 more warnings not shown"),
    ([.error, .warning], .english, "and 2 more diagnostics not shown"),
    ([.error], .arabic, "ولم يُعرض خطأ آخر"),
    ([.warning], .arabic, "ولم يُعرض تحذير آخر"),
    ([.warning, .error, .note], .arabic, "ولم تُعرض رسائل أخرى عددها 3"),
  ])
  func omission(severities: [Severity], language: Language, expected: String) {
    let hidden = severities.map { Diagnostic(DiagnosticMessage("x.y", $0, ar: "", en: ""), at: nil) }
    #expect(DiagnosticRenderer(language: language).omissionLine(for: hidden) == expected)
  }

  @Test("a limit of zero shows only the count")
  func zeroLimit() throws {
    let output = DiagnosticRenderer(limit: 0).render([try Fixture.unknownFact(), try Fixture.unreachable()])
    #expect(output == "and 2 more diagnostics not shown\n")
  }

  // MARK: - GNU

  @Test("gnu shows the first line of each diagnostic only")
  func gnu() throws {
    let spanless = Diagnostic(DiagnosticMessage("store.empty", .note, ar: "لا سياسات", en: "no policies"), at: nil)
    let diagnostics = [try Fixture.unknownFact(), try Fixture.unreachable(), spanless]
    #expect(
      DiagnosticRenderer(format: .gnu).render(diagnostics) == """
        note[store.empty]: no policies
        policies/raabigh/2024-01-15.mizan:9:8: warning[check.unreachableRule]: rule `late-eligibility` can never apply
        policies/raabigh/2024-01-15.mizan:42:27: error[check.unknownName]: unknown fact `monthly_incom`

        """)
    #expect(
      DiagnosticRenderer(format: .gnu, language: .arabic).render(diagnostics) == """
        ملاحظة[store.empty]: لا سياسات
        policies/raabigh/2024-01-15.mizan:9:8: تحذير[check.unreachableRule]: القاعدة `late-eligibility` لا تنطبق أبدًا
        policies/raabigh/2024-01-15.mizan:42:27: خطأ[check.unknownName]: بيان غير معروف `monthly_incom`

        """)
  }

  // MARK: - JSON

  @Test("json gives every field, positions and notes included")
  func json() throws {
    let renderer = DiagnosticRenderer(format: .json)
    let value = renderer.jsonValue(of: try Fixture.unknownFact())
    let expected = JSONValue.object([
      "id": .string("check.unknownName"),
      "severity": .string("error"),
      "message": .string("unknown fact `monthly_incom`"),
      "file": .string(Fixture.path),
      "line": .number(42),
      "column": .number(27),
      "end_line": .number(42),
      "end_column": .number(40),
      "help": .string("did you mean `monthly_income`?"),
      "notes": .array([
        .object([
          "message": .string("declared here"),
          "file": .string(Fixture.path),
          "line": .number(12),
          "column": .number(8),
          "end_line": .number(12),
          "end_column": .number(22),
        ])
      ]),
    ])
    #expect(value == expected)
  }

  @Test("json uses null for a missing span or help and keeps the severity in English")
  func jsonWithoutSpan() {
    let message = DiagnosticMessage("store.empty", .warning, ar: "لا سياسات", en: "no policies")
    let value = DiagnosticRenderer(format: .json, language: .arabic).jsonValue(of: Diagnostic(message, at: nil))
    #expect(value["severity"] == .string("warning"))
    #expect(value["message"] == .string("لا سياسات"))
    for key in ["file", "line", "column", "end_line", "end_column", "help"] {
      #expect(value[key] == .null, "\(key)")
    }
    #expect(value["notes"] == .array([]))
  }

  @Test("json text is one canonical object per line (keys sorted), diagnostics sorted, never capped")
  func jsonText() throws {
    let spanless = Diagnostic(DiagnosticMessage("store.empty", .note, ar: "", en: "a \"quoted\"\nline"), at: nil)
    let output = DiagnosticRenderer(format: .json, limit: 1).render([try Fixture.unreachable(), spanless])
    #expect(
      output == """
        {"column":null,"end_column":null,"end_line":null,"file":null,"help":null,"id":"store.empty","line":null,"message":"a \\"quoted\\"\\nline","notes":[],"severity":"note"}
        {"column":8,"end_column":24,"end_line":9,"file":"policies/raabigh/2024-01-15.mizan","help":null,"id":"check.unreachableRule","line":9,"message":"rule `late-eligibility` can never apply","notes":[{"column":8,"end_column":24,"end_line":5,"file":"policies/raabigh/2024-01-15.mizan","line":5,"message":"shadowed by rule `base-eligibility`"}],"severity":"warning"}

        """)
  }

  // MARK: - Summary

  @Test("the summary counts by severity with the language's number agreement", arguments: [
    (0, 0, Language.english, "no errors or warnings"),
    (2, 1, .english, "2 errors, 1 warning"),
    (1, 0, .english, "1 error"),
    (0, 3, .english, "3 warnings"),
    (0, 0, .arabic, "لا أخطاء ولا تحذيرات"),
    (2, 1, .arabic, "خطآن، تحذير واحد"),
    (1, 2, .arabic, "خطأ واحد، تحذيران"),
    (3, 10, .arabic, "3 أخطاء، 10 تحذيرات"),
    (11, 99, .arabic, "11 خطأً، 99 تحذيرًا"),
    (100, 102, .arabic, "100 خطأ، 102 تحذير"),
    (103, 111, .arabic, "103 أخطاء، 111 تحذيرًا"),
  ])
  func summary(errors: Int, warnings: Int, language: Language, expected: String) {
    let error = DiagnosticMessage("x.error", .error, ar: "", en: "")
    let warning = DiagnosticMessage("x.warning", .warning, ar: "", en: "")
    let diagnostics = Array(repeating: Diagnostic(error, at: nil), count: errors)
      + Array(repeating: Diagnostic(warning, at: nil), count: warnings)
    #expect(DiagnosticRenderer(language: language).summary(diagnostics) == expected)
  }

  @Test("notes are counted when there are any")
  func summaryWithNotes() {
    let note = Diagnostic(DiagnosticMessage("x.note", .note, ar: "", en: ""), at: nil)
    #expect(DiagnosticRenderer().summary([note]) == "1 note")
    #expect(DiagnosticRenderer(language: .arabic).summary([note, note]) == "ملاحظتان")
  }
}
