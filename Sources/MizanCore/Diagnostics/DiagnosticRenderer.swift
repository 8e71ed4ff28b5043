/// The one place diagnostics become text: `text` for people, `gnu` for editors and scripts,
/// `json` for programs, in Arabic or English.
///
/// ```
/// policies/raabigh/2024-01-15.mizan:42:27: error[check.unknownName]: unknown fact `monthly_incom`
///    |
/// 42 |   condition income-limit: monthly_incom <= 4000 SAR
///    |                           ^~~~~~~~~~~~~
///    = help: did you mean `monthly_income`?
///    = note: declared here: policies/raabigh/2024-01-15.mizan:12:8
/// ```
///
/// Diagnostics are sorted with `sortedForDisplay()`; `text` and `gnu` show at most `limit` of
/// them and then say how many were left out. `json` is for programs and is never capped.
public struct DiagnosticRenderer: Sendable {
  /// The output forms.
  public enum Format: String, Sendable, CaseIterable {
    /// The first line, the source line with an underline, then help and notes.
    case text
    /// The first line only: `file:line:col: severity[id]: message`.
    case gnu
    /// One JSON object per line (JSON Lines), with the keys of `jsonValue(of:)`.
    case json
  }

  /// Which form to produce.
  public var format: Format
  /// The language of messages and of the renderer's own words; ids stay ASCII in both.
  public var language: Language
  /// Whether to add ANSI colour (the caller decides, typically only on a terminal).
  public var useColor: Bool
  /// The most diagnostics `text` and `gnu` show; the rest are counted in one closing line.
  public var limit: Int

  /// Creates a renderer; by default English text without colour, capped at 100 diagnostics.
  public init(format: Format = .text, language: Language = .english, useColor: Bool = false, limit: Int = 100) {
    self.format = format
    self.language = language
    self.useColor = useColor
    self.limit = limit
  }

  /// The diagnostics in this renderer's format, sorted, capped, each line ending in a newline.
  ///
  /// An empty list renders as the empty string.
  public func render(_ diagnostics: [Diagnostic]) -> String {
    let sorted = diagnostics.sortedForDisplay()
    if format == .json {
      return sorted.map { jsonText(jsonValue(of: $0)) + "\n" }.joined()
    }
    let shown = sorted.prefix(max(0, limit))
    let hidden = sorted.dropFirst(shown.count)
    var blocks: [[String]] = shown.map { format == .text ? textLines(of: $0) : [headline(of: $0)] }
    if !hidden.isEmpty {
      blocks.append([omissionLine(for: Array(hidden))])
    }
    // In `text`, a blank line separates diagnostics, as in swift-syntax and rustc.
    let separator = format == .text ? "\n\n" : "\n"
    return blocks.isEmpty ? "" : blocks.map { $0.joined(separator: "\n") }.joined(separator: separator) + "\n"
  }

  // MARK: - First line

  /// `file:line:col: severity[id]: message`, or `severity[id]: message` without a span.
  func headline(of diagnostic: Diagnostic) -> String {
    let label = diagnostic.severity.localizedName[language] + "[\(diagnostic.id)]"
    // Messages and paths may quote input: controls in them are written out (the snippet shows
    // them as U+FFFD), so that nothing in a file can rewrite the terminal it is reported on.
    let position = diagnostic.span.map { "\($0.position): ".escapingControlCharacters } ?? ""
    let message = diagnostic.message.text[language].shortened(to: Self.maxMessageCharacters)
      .escapingControlCharacters
    return position + styled(label, Self.color(of: diagnostic.severity)) + styled(": " + message, ANSI.bold)
  }

  // MARK: - Text

  /// The first line, the snippet (when there is a span), then help and notes, without newlines.
  func textLines(of diagnostic: Diagnostic) -> [String] {
    var lines = [headline(of: diagnostic)]
    var gutterWidth = 1
    if let span = diagnostic.span {
      let snippet = Snippet(span)
      gutterWidth = String(snippet.line).count
      let blank = String(repeating: " ", count: gutterWidth)
      let caretColor = Self.color(of: diagnostic.severity)
      lines.append(styled(blank + " |", ANSI.gutter))
      let sourceLine = snippet.lineText.isEmpty ? "" : " " + snippet.lineText
      lines.append(styled("\(snippet.line) |", ANSI.gutter) + sourceLine)
      lines.append(styled(blank + " |", ANSI.gutter) + " " + snippet.indent + styled(snippet.underline, caretColor))
      if Self.containsRightToLeft(snippet.underlinedText) {
        let quoted = Self.underlinedTextLabel[language] + ": «\(snippet.underlinedText)»"
        lines.append(annotation(Self.noteLabel, quoted, gutterWidth: gutterWidth))
      }
    }
    if let help = diagnostic.help {
      lines.append(annotation(Self.helpLabel, help[language], gutterWidth: gutterWidth))
    }
    for note in diagnostic.notes {
      let text = note.text[language] + (note.span.map { ": \($0.position)" } ?? "")
      lines.append(annotation(Self.noteLabel, text, gutterWidth: gutterWidth))
    }
    return lines
  }

  /// `   = help: text`, aligned under the gutter.
  func annotation(_ label: LocalizedText, _ text: String, gutterWidth: Int) -> String {
    styled(String(repeating: " ", count: gutterWidth) + " =", ANSI.gutter) + " "
      + styled(label[language] + ":", ANSI.bold) + " "
      + text.shortened(to: Self.maxMessageCharacters).escapingControlCharacters
  }

  // MARK: - Words, colours and scripts

  static let helpLabel = LocalizedText(ar: "مساعدة", en: "help")

  /// The longest message shown; longer ones (quoting a huge word of the input) are cut with `…`.
  static let maxMessageCharacters = 1_000
  static let noteLabel = Severity.note.localizedName
  static let underlinedTextLabel = LocalizedText(ar: "النص المسطّر", en: "underlined text")

  /// The escape sequences used when `useColor` is on.
  enum ANSI {
    static let reset = "\u{1B}[0m"
    static let bold = "\u{1B}[1m"
    static let red = "\u{1B}[1;31m"
    static let yellow = "\u{1B}[1;33m"
    static let cyan = "\u{1B}[1;36m"
    static let gutter = "\u{1B}[1;34m"
  }

  static func color(of severity: Severity) -> String {
    switch severity {
    case .error: ANSI.red
    case .warning: ANSI.yellow
    case .note: ANSI.cyan
    }
  }

  /// The text wrapped in a style and a reset, or as is without colour.
  func styled(_ text: String, _ style: String) -> String {
    useColor && !text.isEmpty ? style + text + ANSI.reset : text
  }

  /// Whether the text has a letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana,
  /// N'Ko and their presentation forms), under which a terminal would misplace carets.
  static func containsRightToLeft(_ text: String) -> Bool {
    text.unicodeScalars.contains { scalar in
      switch scalar.value {
      case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFE, 0x10800...0x10FFF, 0x1E800...0x1EFFF: true
      default: false
      }
    }
  }
}
