import MizanCore

extension Lexer {
  /// A double-quoted string on one line. Escapes: `\"`, `\\`, `\n`, `\t`, `\u{XXXX}`.
  /// Long quotes are written as several adjacent strings, which the parser joins: a string
  /// never swallows the following lines, so an unterminated one costs one error, not the file.
  mutating func lexString(startsLine: Bool) {
    let start = offset
    offset += 1
    var value: [UInt8] = []
    var terminated = false
    while offset < bytes.count {
      let byte = bytes[offset]
      if byte == UInt8(ascii: "\"") {
        offset += 1
        terminated = true
        break
      }
      if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
      if byte == UInt8(ascii: "\\") {
        readEscape(into: &value)
        continue
      }
      let length = Lexer.scalarLength(in: bytes, at: offset)
      if length == 0 {
        report(.invalidUTF8, offset..<offset + 1)
        value.append(contentsOf: Array("\u{FFFD}".utf8))
        offset += 1
        continue
      }
      if let control = Lexer.bidiControl(in: bytes, at: offset) {
        report(.bidiControl(control, in: "string"), offset..<offset + length,
               help: LocalizedText(ar: "احذفه، أو اكتبه صراحة `\\u{\(Lexer.hex(control.value))}` إن كان مقصوداً",
                                   en: "remove it, or write it visibly as `\\u{\(Lexer.hex(control.value))}` if it is meant"))
      }
      value.append(contentsOf: bytes[offset..<offset + length])
      offset += length
    }
    if !terminated {
      report(.unterminatedString, start..<offset, help: LocalizedText(
        ar: "أغلق النص بعلامة \" في السطر نفسه؛ لنص طويل اكتب عدة نصوص متتالية",
        en: "close the text with \" on the same line; write a long text as several texts in a row"))
    }
    tokens.append(Token(kind: .string, text: String(decoding: value, as: UTF8.self),
                        span: span(start..<offset), startsLine: startsLine))
  }

  mutating func readEscape(into value: inout [UInt8]) {
    let start = offset
    offset += 1
    guard offset < bytes.count else { return report(.invalidEscape, start..<offset) }
    let byte = bytes[offset]
    offset += 1
    switch byte {
    case UInt8(ascii: "\""): value.append(byte)
    case UInt8(ascii: "\\"): value.append(byte)
    case UInt8(ascii: "n"): value.append(UInt8(ascii: "\n"))
    case UInt8(ascii: "t"): value.append(UInt8(ascii: "\t"))
    case UInt8(ascii: "u"):
      guard offset < bytes.count, bytes[offset] == UInt8(ascii: "{") else {
        return report(.invalidEscape, start..<offset)
      }
      var end = offset + 1
      while end < bytes.count, end - offset <= 9, bytes[end] != UInt8(ascii: "}"), bytes[end] != UInt8(ascii: "\"") {
        end += 1
      }
      let hex = String(decoding: bytes[(offset + 1)..<min(end, bytes.count)], as: UTF8.self)
      guard end < bytes.count, bytes[end] == UInt8(ascii: "}"), let code = UInt32(hex, radix: 16),
        let scalar = Unicode.Scalar(code)
      else {
        offset = min(end + 1, bytes.count)
        return report(.invalidEscape, start..<offset)
      }
      offset = end + 1
      value.append(contentsOf: Array(String(Character(scalar)).utf8))
    default:
      report(.invalidEscape, start..<offset)
    }
  }
}
