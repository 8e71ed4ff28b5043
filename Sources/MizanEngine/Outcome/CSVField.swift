import MizanCore

/// One field of a CSV row (RFC 4180), made safe to open in a spreadsheet.
///
/// A field is quoted when it holds a quote (doubled inside), a comma, a CR or an LF. A field
/// that starts with `=`, `+`, `-`, `@`, a tab or a CR would be read by a spreadsheet as a
/// formula (CSV injection): it gets a leading `'` and is quoted, as OWASP recommends, so that
/// an application id such as `=HYPERLINK(…)` shows as text and runs nothing.
package enum CSVField {
  /// Appends `text` as one field.
  package static func write(_ text: String, into out: inout ByteBuffer) {
    var text = text
    text.withUTF8 { utf8 in write(utf8: utf8.span, into: &out) }
  }

  /// Appends well-formed UTF-8 bytes as one field.
  package static func write(utf8: Span<UInt8>, into out: inout ByteBuffer) {
    guard !utf8.isEmpty else { return }
    let startsFormula = startsFormula(utf8[0])
    guard startsFormula || needsQuotes(utf8) else {
      out.append(utf8)
      return
    }
    out.append(UInt8(ascii: "\""))
    if startsFormula { out.append(UInt8(ascii: "'")) }
    var runStart = 0
    for index in utf8.indices where utf8[index] == UInt8(ascii: "\"") {
      // The quote is copied with the run before it and written once more: `"` becomes `""`.
      out.append(utf8.extracting(runStart..<(index + 1)))
      out.append(UInt8(ascii: "\""))
      runStart = index + 1
    }
    out.append(utf8.extracting(runStart..<utf8.count))
    out.append(UInt8(ascii: "\""))
  }

  /// Whether `text` would be written as it is: no quotes, no prefix.
  package static func isPlain(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { utf8 in utf8.isEmpty || (!startsFormula(utf8[0]) && !needsQuotes(utf8.span)) }
  }

  /// The bytes a spreadsheet reads as the start of a formula (OWASP, CSV injection).
  @inline(__always)
  static func startsFormula(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
      || byte == 0x09 || byte == 0x0D
  }

  @inline(__always)
  static func needsQuotes(_ utf8: Span<UInt8>) -> Bool {
    for index in utf8.indices {
      let byte = utf8[index]
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: ",") || byte == 0x0A || byte == 0x0D { return true }
    }
    return false
  }
}
