/// How serious a diagnostic is.
public enum Severity: String, Sendable, Comparable {
  case note, warning, error

  var rank: Int {
    switch self {
    case .note: 0
    case .warning: 1
    case .error: 2
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

  var localizedName: LocalizedText {
    switch self {
    case .note: LocalizedText(ar: "ملاحظة", en: "note")
    case .warning: LocalizedText(ar: "تحذير", en: "warning")
    case .error: LocalizedText(ar: "خطأ", en: "error")
    }
  }
}

/// A stable diagnostic identity, `domain.name` (for example `check.unknownName`).
///
/// Stable once released, the same in both languages, listed in `docs/diagnostics.md`.
public struct DiagnosticID: Hashable, Sendable, Comparable, CustomStringConvertible {
  public let rawValue: String
  public init(_ rawValue: String) { self.rawValue = rawValue }
  public var description: String { rawValue }
  public static func < (lhs: DiagnosticID, rhs: DiagnosticID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A message a stage wants to report: its identity, severity and text in both languages.
public struct DiagnosticMessage: Sendable {
  public let id: DiagnosticID
  public let severity: Severity
  public let text: LocalizedText

  public init(_ id: String, _ severity: Severity, ar: String, en: String) {
    self.id = DiagnosticID(id)
    self.severity = severity
    self.text = LocalizedText(ar: ar, en: en)
  }
}

/// A secondary location that explains a diagnostic ("declared here").
public struct DiagnosticNote: Sendable {
  public let text: LocalizedText
  public let span: SourceSpan?

  public init(_ text: LocalizedText, at span: SourceSpan?) {
    self.text = text
    self.span = span
  }
}

/// One finding of a stage, as data. Stages never print; `DiagnosticRenderer` does.
public struct Diagnostic: Sendable {
  public let message: DiagnosticMessage
  public let span: SourceSpan?
  public var notes: [DiagnosticNote]
  public var help: LocalizedText?

  public init(_ message: DiagnosticMessage, at span: SourceSpan?, notes: [DiagnosticNote] = [],
              help: LocalizedText? = nil) {
    self.message = message
    self.span = span
    self.notes = notes
    self.help = help
  }

  public var id: DiagnosticID { message.id }
  public var severity: Severity { message.severity }
  public var isError: Bool { message.severity == .error }
}

extension [Diagnostic] {
  /// Whether any diagnostic is an error.
  public var containsErrors: Bool { contains { $0.isError } }

  /// Sorted by file, offset and id, so output is stable whatever order stages found them in.
  public func sortedForDisplay() -> [Diagnostic] {
    sorted { lhs, rhs in
      let lPath = lhs.span?.file.path ?? ""
      let rPath = rhs.span?.file.path ?? ""
      if lPath != rPath { return lPath < rPath }
      let lOffset = lhs.span?.range.lowerBound ?? -1
      let rOffset = rhs.span?.range.lowerBound ?? -1
      if lOffset != rOffset { return lOffset < rOffset }
      return lhs.id < rhs.id
    }
  }
}
