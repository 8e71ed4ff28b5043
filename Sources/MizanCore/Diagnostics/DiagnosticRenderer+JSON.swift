// MARK: - JSON value

extension DiagnosticRenderer {
  /// One diagnostic as a JSON object with the keys `id`, `severity` (`error`, `warning` or
  /// `note`, in English whatever the language), `message`, `file`, `line`, `column`,
  /// `end_line`, `end_column` (the position just after the span; all position keys are `null`
  /// without a span), `help` (a string or `null`) and `notes` (objects with `message` and the
  /// same position keys).
  package func jsonValue(of diagnostic: Diagnostic) -> JSONValue {
    var members = [
      JSONMember("id", .string(diagnostic.id.rawValue)),
      JSONMember("severity", .string(diagnostic.severity.rawValue)),
      JSONMember("message", .string(diagnostic.message.text[language])),
    ]
    members += Self.positionMembers(of: diagnostic.span)
    members.append(JSONMember("help", diagnostic.help.map { .string($0[language]) } ?? .null))
    let notes = diagnostic.notes.map { note in
      JSONValue.object([JSONMember("message", .string(note.text[language]))] + Self.positionMembers(of: note.span))
    }
    members.append(JSONMember("notes", .array(notes)))
    return .object(members)
  }

  /// All diagnostics, sorted, as a JSON array (never capped).
  package func jsonValue(of diagnostics: [Diagnostic]) -> JSONValue {
    .array(diagnostics.sortedForDisplay().map { jsonValue(of: $0) })
  }

  /// `file`, `line`, `column`, `end_line` and `end_column` of a span, or all `null`.
  static func positionMembers(of span: SourceSpan?) -> [JSONMember] {
    guard let span else {
      return ["file", "line", "column", "end_line", "end_column"].map { JSONMember($0, .null) }
    }
    let start = span.start
    let end = span.end
    return [
      JSONMember("file", .string(span.file.path)),
      JSONMember("line", .number(Double(start.line))),
      JSONMember("column", .number(Double(start.column))),
      JSONMember("end_line", .number(Double(end.line))),
      JSONMember("end_column", .number(Double(end.column))),
    ]
  }
}

// MARK: - JSON text

extension DiagnosticRenderer {
  /// Compact canonical JSON text of a value (members sorted, RFC 8785).
  func jsonText(_ value: JSONValue) -> String { value.canonicalText }
}
