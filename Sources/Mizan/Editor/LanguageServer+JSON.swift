import MizanCore

/// The protocol's shapes (URIs, positions, ranges, locations, diagnostics) to and from JSON.
extension LanguageServer {
  /// The absolute path of a `file://` URI (percent escapes decoded), or nil for any other URI.
  static func path(_ uri: JSONValue?) -> String? {
    guard case .string(let text)? = uri, text.hasPrefix("file://") else { return nil }
    var bytes: [UInt8] = []
    var utf8 = Array(text.utf8.dropFirst(7))[...]
    while let byte = utf8.popFirst() {
      if byte == UInt8(ascii: "%"), utf8.count >= 2,
        let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
        bytes.append(value)
        utf8.removeFirst(2)
      } else {
        bytes.append(byte)
      }
    }
    let path = String(decoding: bytes, as: UTF8.self)
    return path.hasPrefix("/") ? FileSystem.normalize(path) : nil
  }

  /// The `file://` URI of an absolute path, escaping what a URI path may not hold.
  static func uri(_ path: String) -> String {
    var text = "file://"
    for byte in path.utf8 {
      let isPlain = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        || "/-._~".utf8.contains(byte)
      let escaped = "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
      text += isPlain ? String(UnicodeScalar(byte)) : escaped
    }
    return text
  }

  static func integer(_ value: JSONValue?) -> Int? {
    guard case .number(let number)? = value, number.rounded() == number, abs(number) < 1e15 else { return nil }
    return Int(number)
  }

  static func position(_ value: JSONValue?) -> EditorPosition? {
    guard let line = integer(value?["line"]), let character = integer(value?["character"]) else { return nil }
    return EditorPosition(line: line, character: character)
  }

  static func range(_ value: JSONValue?) -> EditorRange? {
    guard let start = position(value?["start"]), let end = position(value?["end"]) else { return nil }
    return EditorRange(start: start, end: end)
  }

  static func json(_ position: EditorPosition) -> JSONValue {
    .object(["line": .number(Double(position.line)), "character": .number(Double(position.character))])
  }

  static func json(_ range: EditorRange) -> JSONValue {
    .object(["start": json(range.start), "end": json(range.end)])
  }

  /// The text a span lies in: the open document's when the file is open, else the bytes read.
  func text(of file: SourceFile) -> EditorText {
    workspace.documents[file.path]?.text ?? EditorText(file.bytes)
  }

  func json(_ span: SourceSpan) -> JSONValue {
    json(location: span, in: text(of: span.file))
  }

  func json(location span: SourceSpan, in text: EditorText) -> JSONValue {
    .object(["uri": .string(Self.uri(span.file.path)), "range": Self.json(text.range(of: span.range))])
  }

  /// A diagnostic as the protocol shows it: its id as the code, the message and its help in the
  /// client's language, its notes as related places.
  func json(_ diagnostic: Diagnostic, in text: EditorText) -> JSONValue {
    let range = diagnostic.span.map { text.range(of: $0.range) }
      ?? EditorRange(start: EditorPosition(line: 0, character: 0), end: EditorPosition(line: 0, character: 0))
    let severity: Double = switch diagnostic.severity {
    case .error: 1
    case .warning: 2
    case .note: 3
    }
    var message = diagnostic.message.text[language]
    if let help = diagnostic.help { message += "\n" + (language == .arabic ? "مساعدة: " : "help: ") + help[language] }
    var members: [JSONMember] = [
      JSONMember("range", Self.json(range)), JSONMember("severity", .number(severity)),
      JSONMember("code", .string(diagnostic.id.rawValue)), JSONMember("source", .string("mizan")),
      JSONMember("message", .string(message)),
    ]
    let related = diagnostic.notes.compactMap { note in
      note.span.map { JSONValue.object(["location": json($0), "message": .string(note.text[language])]) }
    }
    if !related.isEmpty { members.append(JSONMember("relatedInformation", .array(related))) }
    return .object(members)
  }

  /// The replacement a diagnostic's help offers ("did you mean `x`?"), if it offers one.
  static func suggestedReplacement(_ diagnostic: Diagnostic) -> String? {
    guard let help = diagnostic.help?.english, let start = help.range(of: "did you mean `") else { return nil }
    let rest = help[start.upperBound...]
    guard let end = rest.firstIndex(of: "`") else { return nil }
    let name = String(rest[..<end])
    return name.isEmpty || name.contains(" ") ? nil : name
  }
}
