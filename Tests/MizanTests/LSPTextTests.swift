import Mizan
import MizanCore
import Testing

/// The editor's text: protocol positions (UTF-16) against the parser's byte offsets, edits,
/// and the base protocol's framing.
@Suite("mizan lsp: positions, edits and framing")
struct LSPTextTests {
  /// `a` (1 byte, 1 unit), `ر` (2 bytes, 1 unit), `€` (3 bytes, 1 unit), `𝟙` (4 bytes, 2 units).
  static let text = EditorText("aر€𝟙b\nسطر\n")

  @Test("byte offsets become UTF-16 columns", arguments: [
    (0, 0, 0), (1, 0, 1), (3, 0, 2), (6, 0, 3), (10, 0, 5), (11, 0, 6), (12, 1, 0), (14, 1, 1), (18, 1, 3), (19, 2, 0),
    // Past the end: the end.
    (99, 2, 0),
  ])
  func positions(offset: Int, line: Int, character: Int) {
    #expect(Self.text.position(of: offset) == EditorPosition(line: line, character: character))
  }

  @Test("UTF-16 columns become byte offsets, clamped to the line", arguments: [
    (0, 0, 0), (0, 2, 3), (0, 3, 6), (0, 5, 10), (0, 6, 11),
    // Inside the surrogate pair of 𝟙: the character's start.
    (0, 4, 6),
    // Past the line's end: its end, before the line feed.
    (0, 40, 11), (1, 1, 14), (1, 3, 18), (1, 9, 18),
    // Past the last line: the end of the text.
    (7, 0, 19), (-1, 0, 0),
  ])
  func offsets(line: Int, character: Int, offset: Int) {
    #expect(Self.text.offset(of: EditorPosition(line: line, character: character)) == offset)
  }

  @Test("an incremental change replaces its UTF-16 range; a change without a range replaces all")
  func changes() {
    var text = Self.text
    text.replace(EditorRange(start: EditorPosition(line: 0, character: 3), end: EditorPosition(line: 1, character: 1)),
                 with: "x\nي")
    #expect(text.string == "aر€x\nيطر\n")
    // The line table follows the edit: `ي` now starts line 1.
    #expect(text.position(of: 10) == EditorPosition(line: 1, character: 1))
    #expect(text.position(of: text.bytes.count) == EditorPosition(line: 2, character: 0))
    text.replace(nil, with: "new")
    #expect(text.string == "new")
  }

  @Test("framing: whole messages, split messages, a header without a length, a message too large")
  func framing() {
    var framing = MessageFraming()
    let body = Array(#"{"a":"ب"}"#.utf8)
    let framed = MessageFraming.framed(body)
    #expect(String(decoding: framed.prefix(20), as: UTF8.self) == "Content-Length: 10\r\n")
    framing.append(framed.prefix(5))
    #expect(framing.next() == nil)
    framing.append(framed.dropFirst(5) + framed)
    #expect(framing.next() == .success(body))
    #expect(framing.next() == .success(body))
    #expect(framing.next() == nil)
    framing.append(Array("Content-Type: x\r\n\r\n".utf8) + framed)
    #expect(framing.next() == .failure(.badHeader("Content-Type: x")))
    #expect(framing.next() == .success(body))
    let tooLarge = MessageFraming.maxMessageBytes + 1
    framing.append(Array("Content-Length: \(tooLarge)\r\n\r\n".utf8) + [UInt8](repeating: 32, count: 100))
    #expect(framing.next() == .failure(.tooLarge(tooLarge)))
    // The rest of the large message is dropped as it comes; the next one is read.
    framing.append([UInt8](repeating: 32, count: tooLarge - 100) + framed)
    #expect(framing.next() == .success(body))
  }
}
