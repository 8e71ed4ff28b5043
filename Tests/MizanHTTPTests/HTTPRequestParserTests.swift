@testable import MizanHTTP
import Testing

/// The request parser on its own: what it accepts, what it refuses with which status, each
/// limit at, below and above it, and that bytes arriving in pieces give the same request.
@Suite("HTTP request parser")
struct HTTPRequestParserTests {
  func parse(_ text: String, limits: HTTPLimits = HTTPLimits()) -> HTTPParseResult {
    HTTPRequestParser.parse(Array(text.utf8)[...], limits: limits)
  }

  func request(_ text: String) throws -> (HTTPRequest, Int) {
    guard case .request(let request, let consumed) = parse(text) else {
      Issue.record("not a request: \(parse(text))")
      throw ParseFailed()
    }
    return (request, consumed)
  }

  struct ParseFailed: Error {}

  func status(_ text: String, limits: HTTPLimits = HTTPLimits()) -> Int? {
    if case .failure(let error) = parse(text, limits: limits) { return error.status.rawValue }
    return nil
  }

  func isIncomplete(_ text: String) -> Bool {
    if case .incomplete = parse(text) { return true }
    return false
  }

  @Test("a GET: method, path decoded, query as a form, fields in lower case, keep-alive by version")
  func simpleGet() throws {
    let (request, consumed) = try request("GET /v1/policies/taafi%20x/schema?on=2024-03-10&lang=ar&explain&q=a+b HTTP/1.1\r\nHost: x\r\nX-Thing:  spaced value \t\r\n\r\nNEXT")
    #expect(request.method == "GET")
    #expect(request.path == "/v1/policies/taafi x/schema")
    #expect(request.query.map(\.name) == ["on", "lang", "explain", "q"])
    #expect(request.queryValue("q") == "a b")
    #expect(request.queryValue("explain") == "")
    #expect(request.header("x-thing") == "spaced value")
    #expect(request.keepsAlive)
    #expect(consumed == "GET /v1/policies/taafi%20x/schema?on=2024-03-10&lang=ar&explain&q=a+b HTTP/1.1\r\nHost: x\r\nX-Thing:  spaced value \t\r\n\r\n".utf8.count)
  }

  @Test("keep-alive: HTTP/1.1 unless `close`, HTTP/1.0 only with `keep-alive`", arguments: [
    ("HTTP/1.1", nil, true), ("HTTP/1.1", "close", false), ("HTTP/1.1", "Keep-Alive, Close", false),
    ("HTTP/1.0", nil, false), ("HTTP/1.0", "keep-alive", true),
  ] as [(String, String?, Bool)])
  func keepAlive(version: String, connection: String?, keeps: Bool) throws {
    let field = connection.map { "Connection: \($0)\r\n" } ?? ""
    let (request, _) = try request("GET / \(version)\r\nHost: x\r\n\(field)\r\n")
    #expect(request.keepsAlive == keeps)
  }

  @Test("a body by Content-Length: incomplete until the last byte, then exactly that many bytes")
  func contentLength() throws {
    #expect(isIncomplete("POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nabcd"))
    let (request, consumed) = try request("POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nabcdeGET")
    #expect(request.body == Array("abcde".utf8))
    #expect(consumed == "POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nabcde".utf8.count)
    let (repeated, _) = try self.request("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2, 2\r\n\r\nab")
    #expect(repeated.body == Array("ab".utf8))
  }

  @Test("a chunked body: sizes in hex, extensions ignored, trailers read and dropped")
  func chunked() throws {
    let text = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;name=v\r\nhello\r\nA\r\n, world!!!\r\n0\r\nX-Trailer: t\r\n\r\nrest"
    let (request, consumed) = try request(text)
    #expect(request.body == Array("hello, world!!!".utf8))
    #expect(consumed == text.utf8.count - 4)
    // Every prefix short of the end is incomplete, never a request or a refusal.
    let bytes = Array(text.utf8)
    for cut in 0..<(bytes.count - 4) {
      guard case .incomplete = HTTPRequestParser.parse(bytes[..<cut]) else {
        Issue.record("prefix of \(cut) bytes is not incomplete")
        continue
      }
    }
  }

  @Test("Expect: 100-continue is reported once the header is whole and the body is not")
  func expectContinue() {
    guard case .incomplete(let expects) = parse("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n") else {
      Issue.record("not incomplete")
      return
    }
    #expect(expects)
    guard case .incomplete(let before) = parse("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n") else {
      Issue.record("not incomplete")
      return
    }
    #expect(!before)
  }

  @Test("refusals and their statuses", arguments: [
    ("GET /  HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    ("GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n", 400),
    ("G@T / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
    ("GET / HTTQ/1.1\r\nHost: x\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nHost: x\r\n\tfolded\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nHost: x\r\nA: b\u{0}c\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nHost: x\r\nA: b\rc\r\n\r\n", 400),
    ("GET x HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400),
    ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n", 400),
    ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400),
    ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n", 400),
    ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
    ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
    ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nfffffffff\r\n", 400),
    ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n", 400),
  ])
  func refusals(text: String, expected: Int) {
    #expect(status(text) == expected)
  }

  @Test("the header limit: at it a request, one byte over 431")
  func headerLimit() {
    var limits = HTTPLimits()
    let head = "GET / HTTP/1.1\r\nHost: x\r\nA: "
    // The limit counts the bytes before the final CRLF CRLF.
    let fill = limits.maxHeaderBytes - head.utf8.count
    let at = head + String(repeating: "v", count: fill) + "\r\n\r\n"
    if case .request = parse(at, limits: limits) {} else { Issue.record("a header at the limit is refused") }
    // Every prefix of the header at the limit is incomplete, up to its last byte.
    let bytes = Array(at.utf8)
    for cut in (bytes.count - 5)..<bytes.count {
      if case .incomplete = HTTPRequestParser.parse(bytes[..<cut], limits: limits) { continue }
      Issue.record("a prefix of \(cut) bytes of a header at the limit is not incomplete")
    }
    let over = head + String(repeating: "v", count: fill + 1) + "\r\n\r\n"
    #expect(status(over, limits: limits) == 431)
    // An unfinished header over the limit is refused without waiting for its end.
    #expect(status(head + String(repeating: "v", count: fill + 10), limits: limits) == 431)
    limits.maxHeaderFields = 3
    let three = "GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\n\r\n"
    if case .request = parse(three, limits: limits) {} else { Issue.record("three fields refused") }
    #expect(status("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits: limits) == 431)
  }

  @Test("the body limit: at it read, one byte over 413, by length and by chunks")
  func bodyLimit() {
    var limits = HTTPLimits()
    limits.maxBodyBytes = 10
    let at = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n0123456789"
    if case .request(let request, _) = parse(at, limits: limits) {
      #expect(request.body.count == 10)
    } else {
      Issue.record("a body at the limit is refused")
    }
    #expect(status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n", limits: limits) == 413)
    let chunks = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n01234\r\n5\r\n56789\r\n"
    if case .request = parse(chunks + "0\r\n\r\n", limits: limits) {} else { Issue.record("10 chunked bytes refused") }
    #expect(status(chunks + "1\r\nx\r\n0\r\n\r\n", limits: limits) == 413)
  }

  @Test("fed a byte at a time, every prefix is incomplete and the whole is the same request")
  func incremental() throws {
    let text = "POST /v1/evaluate?explain HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n{\"a\""
    let bytes = Array(text.utf8)
    for cut in 0..<bytes.count {
      if case .incomplete = HTTPRequestParser.parse(bytes[..<cut]) { continue }
      Issue.record("prefix of \(cut) bytes is not incomplete")
    }
    let (request, _) = try request(text)
    #expect(request.body == Array("{\"a\"".utf8))
  }

  @Test("form fields and percent-decoding, with Arabic and malformed escapes")
  func formEncoding() {
    let fields = FormEncoding.decode("name=%D8%B3%D8%A7%D8%B1%D8%A9&x=a+b%2Bc&bad=%zz%4&empty=&flag")
    #expect(fields.map(\.name) == ["name", "x", "bad", "empty", "flag"])
    #expect(fields.map(\.value) == ["سارة", "a b+c", "%zz%4", "", ""])
    #expect(FormEncoding.encoded("سارة a&b") == "%D8%B3%D8%A7%D8%B1%D8%A9%20a%26b")
  }
}
