/// The limits on one request: what a client may send before it is refused (docs/serve.md).
package struct HTTPLimits: Sendable {
  /// The request line and header fields together, in bytes (`431` beyond).
  package var maxHeaderBytes = 16 * 1024
  /// Header fields per request (`431` beyond).
  package var maxHeaderFields = 100
  /// The body, in bytes, after any chunked coding is removed (`413` beyond).
  package var maxBodyBytes = 1 << 20

  package init() {}
}

/// Why a request was refused: the status to answer with and a sentence for the error body.
package struct HTTPRequestError: Error, Sendable, Equatable {
  package var status: HTTPStatus
  package var message: String

  package init(_ status: HTTPStatus, _ message: String) {
    self.status = status
    self.message = message
  }
}

/// What the bytes received so far make.
package enum HTTPParseResult: Sendable {
  /// Not a whole request yet. `expectsContinue` is set once the header is whole and the client
  /// waits for `100 Continue` before sending its body.
  case incomplete(expectsContinue: Bool)
  /// A whole request, and how many bytes of the input it took (the rest is the next request).
  case request(HTTPRequest, consumed: Int)
  case failure(HTTPRequestError)
}

/// Reads an HTTP/1.1 request (RFC 9112) from the start of a buffer. Pure: the same bytes give the
/// same answer, so the connection calls it again as bytes arrive, and the fuzzer calls it on
/// anything.
///
/// Strict where leniency lets two readers disagree on where a request ends (request smuggling):
/// lines end in CRLF; no space before a field's colon; no folded lines; `Content-Length` and
/// `Transfer-Encoding` never together; one `Content-Length` value; `chunked` the only coding.
package enum HTTPRequestParser {
  package static func parse(_ bytes: ArraySlice<UInt8>, limits: HTTPLimits = HTTPLimits()) -> HTTPParseResult {
    guard let headerEnd = endOfHeader(bytes, limit: limits.maxHeaderBytes) else {
      // A header of `maxHeaderBytes` ends with its CRLF CRLF 4 bytes later: only once those could
      // have arrived is a header with no end too large (found by the fuzz target: a prefix of a
      // header at the limit was refused while the whole was accepted).
      if bytes.count >= limits.maxHeaderBytes + 4 {
        return .failure(HTTPRequestError(.requestHeaderFieldsTooLarge,
                                         "the request header is over \(limits.maxHeaderBytes) bytes"))
      }
      return .incomplete(expectsContinue: false)
    }
    var request: HTTPRequest
    do {
      request = try head(bytes[bytes.startIndex..<headerEnd], limits: limits)
    } catch {
      return .failure(error)
    }
    let bodyStart = headerEnd + 4
    switch bodyFraming(of: request, limits: limits) {
    case .failure(let error):
      return .failure(error)
    case .success(.none):
      return .request(request, consumed: bodyStart - bytes.startIndex)
    case .success(.length(let length)):
      guard bytes.endIndex - bodyStart >= length else { return .incomplete(expectsContinue: expectsContinue(request)) }
      request.body = Array(bytes[bodyStart..<bodyStart + length])
      return .request(request, consumed: bodyStart + length - bytes.startIndex)
    case .success(.chunked):
      switch dechunk(bytes[bodyStart...], limits: limits) {
      case .incomplete: return .incomplete(expectsContinue: expectsContinue(request))
      case .failure(let error): return .failure(error)
      case .body(let body, let end):
        request.body = body
        return .request(request, consumed: end - bytes.startIndex)
      }
    }
  }

  // MARK: - The header

  /// The index of the CRLF CRLF ending the header, looking no further than `limit` bytes.
  static func endOfHeader(_ bytes: ArraySlice<UInt8>, limit: Int) -> Int? {
    guard bytes.count >= 4 else { return nil }
    let last = min(bytes.endIndex - 4, bytes.startIndex + limit)
    var index = bytes.startIndex
    while index <= last {
      if bytes[index] == 13, bytes[index + 1] == 10, bytes[index + 2] == 13, bytes[index + 3] == 10 { return index }
      index += 1
    }
    return nil
  }

  static func head(_ bytes: ArraySlice<UInt8>, limits: HTTPLimits) throws(HTTPRequestError) -> HTTPRequest {
    var lines = split(bytes)
    // RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request line.
    if lines.first?.isEmpty == true { lines.removeFirst() }
    guard let requestLine = lines.first else { throw HTTPRequestError(.badRequest, "the request line is missing") }
    var request = try self.requestLine(requestLine)
    guard lines.count - 1 <= limits.maxHeaderFields else {
      throw HTTPRequestError(.requestHeaderFieldsTooLarge, "more than \(limits.maxHeaderFields) header fields")
    }
    for line in lines.dropFirst() {
      request.headers.append(try field(line))
    }
    if request.minorVersion >= 1 {
      let hosts = request.headers.filter { $0.name == "host" }.count
      guard hosts == 1 else {
        throw HTTPRequestError(.badRequest, hosts == 0 ? "an HTTP/1.1 request needs a Host field" : "more than one Host field")
      }
    }
    return request
  }

  /// The lines of the header, split at CRLF; a CR or LF alone is refused in `field`.
  static func split(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
    var lines: [ArraySlice<UInt8>] = []
    var start = bytes.startIndex
    var index = bytes.startIndex
    while index < bytes.endIndex {
      if bytes[index] == 13, index + 1 < bytes.endIndex, bytes[index + 1] == 10 {
        lines.append(bytes[start..<index])
        index += 2
        start = index
      } else {
        index += 1
      }
    }
    lines.append(bytes[start..<bytes.endIndex])
    return lines
  }

  static func requestLine(_ line: ArraySlice<UInt8>) throws(HTTPRequestError) -> HTTPRequest {
    let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
    guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(isTokenByte), !parts[1].isEmpty,
          parts[1].allSatisfy({ $0 > 32 && $0 < 127 })
    else {
      throw HTTPRequestError(.badRequest, "the request line is not `METHOD /path HTTP/1.1`")
    }
    let version = Array(parts[2])
    guard version.count == 8, version.starts(with: Array("HTTP/".utf8)), version[6] == UInt8(ascii: "."),
          (48...57).contains(version[5]), (48...57).contains(version[7])
    else {
      throw HTTPRequestError(.badRequest, "the request line has no HTTP version")
    }
    guard version[5] == UInt8(ascii: "1") else {
      throw HTTPRequestError(.httpVersionNotSupported, "only HTTP/1.0 and HTTP/1.1 are served")
    }
    let target = String(decoding: parts[1], as: UTF8.self)
    guard target.hasPrefix("/") else {
      throw HTTPRequestError(.badRequest, "the request target must be a path (`/v1/evaluate`)")
    }
    let pathAndQuery = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    let path = FormEncoding.percentDecoded(pathAndQuery[0], plusIsSpace: false)
    let query = pathAndQuery.count > 1 ? FormEncoding.decode(String(pathAndQuery[1])) : []
    return HTTPRequest(method: String(decoding: parts[0], as: UTF8.self), target: target, path: path, query: query,
                       minorVersion: Int(version[7] - 48), headers: [], body: [])
  }

  static func field(_ line: ArraySlice<UInt8>) throws(HTTPRequestError) -> (name: String, value: String) {
    guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
      if let first = line.first, first == 32 || first == 9 {
        throw HTTPRequestError(.badRequest, "a folded header line (obs-fold) is not accepted")
      }
      throw HTTPRequestError(.badRequest, "a header line without `:`")
    }
    let name = line[line.startIndex..<colon]
    guard !name.isEmpty, name.allSatisfy(isTokenByte) else {
      throw HTTPRequestError(.badRequest, "a header field name with a space or a character a name cannot hold")
    }
    var value = line[(colon + 1)...]
    while let first = value.first, first == 32 || first == 9 { value = value.dropFirst() }
    while let last = value.last, last == 32 || last == 9 { value = value.dropLast() }
    // Field values are visible ASCII, spaces, tabs and bytes from 0x80 (RFC 9110 §5.5); a bare
    // CR, LF or NUL is how one request is hidden inside another.
    guard value.allSatisfy({ $0 == 9 || ($0 >= 32 && $0 != 127) }) else {
      throw HTTPRequestError(.badRequest, "a header value holding a control character")
    }
    return (String(decoding: name, as: UTF8.self).lowercased(), String(decoding: value, as: UTF8.self))
  }

  /// `tchar` of RFC 9110 §5.6.2.
  static func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      true
    default:
      Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
    }
  }

  // MARK: - The body

  enum Framing: Equatable {
    case none, length(Int), chunked
  }

  /// How the body's end is known (RFC 9112 §6.3), or why the request cannot be framed safely.
  static func bodyFraming(of request: HTTPRequest, limits: HTTPLimits) -> Result<Framing, HTTPRequestError> {
    let lengths = request.headers.filter { $0.name == "content-length" }.flatMap {
      $0.value.split(separator: ",").map { $0.trimmingCharacters(in: " \t") }
    }
    let codings = request.headers.filter { $0.name == "transfer-encoding" }.flatMap {
      $0.value.split(separator: ",").map { $0.trimmingCharacters(in: " \t").lowercased() }
    }
    if !codings.isEmpty {
      guard lengths.isEmpty else {
        return .failure(HTTPRequestError(.badRequest, "both Content-Length and Transfer-Encoding: the body's end is ambiguous"))
      }
      guard codings == ["chunked"] else {
        return .failure(HTTPRequestError(.notImplemented, "only the `chunked` transfer coding is accepted"))
      }
      return .success(.chunked)
    }
    guard let first = lengths.first else { return .success(.none) }
    guard lengths.allSatisfy({ $0 == first }), !first.isEmpty, first.count <= 18,
          first.utf8.allSatisfy({ (48...57).contains($0) }), let length = Int(first)
    else {
      return .failure(HTTPRequestError(.badRequest, "Content-Length is not one whole number"))
    }
    guard length <= limits.maxBodyBytes else {
      return .failure(HTTPRequestError(.contentTooLarge, "the body is over \(limits.maxBodyBytes) bytes"))
    }
    return .success(length == 0 ? .none : .length(length))
  }

  static func expectsContinue(_ request: HTTPRequest) -> Bool {
    request.minorVersion >= 1 && request.header("expect")?.lowercased() == "100-continue"
  }

  enum Dechunked {
    case incomplete
    case failure(HTTPRequestError)
    case body([UInt8], end: Int)
  }

  /// The body of a chunked message (RFC 9112 §7.1): size lines in hex (extensions ignored), data,
  /// a zero chunk, trailer fields (read and dropped), the final CRLF.
  static func dechunk(_ bytes: ArraySlice<UInt8>, limits: HTTPLimits) -> Dechunked {
    var body: [UInt8] = []
    var index = bytes.startIndex
    while true {
      guard let lineEnd = crlf(in: bytes, from: index, within: 1024) else {
        return bytes.endIndex - index > 1024
          ? .failure(HTTPRequestError(.badRequest, "a chunk size line over 1024 bytes")) : .incomplete
      }
      let sizeText = bytes[index..<lineEnd].prefix { $0 != UInt8(ascii: ";") }
      var size = 0
      guard !sizeText.isEmpty, sizeText.count <= 8 else {
        return .failure(HTTPRequestError(.badRequest, "a chunk size is not a hexadecimal number"))
      }
      for byte in sizeText {
        guard let digit = FormEncoding.hexValue(byte) else {
          return .failure(HTTPRequestError(.badRequest, "a chunk size is not a hexadecimal number"))
        }
        size = size * 16 + Int(digit)
      }
      index = lineEnd + 2
      if size == 0 { break }
      guard body.count + size <= limits.maxBodyBytes else {
        return .failure(HTTPRequestError(.contentTooLarge, "the body is over \(limits.maxBodyBytes) bytes"))
      }
      guard bytes.endIndex - index >= size + 2 else { return .incomplete }
      body.append(contentsOf: bytes[index..<index + size])
      index += size
      guard bytes[index] == 13, bytes[index + 1] == 10 else {
        return .failure(HTTPRequestError(.badRequest, "a chunk's data is not followed by CRLF"))
      }
      index += 2
    }
    // Trailer fields, up to the empty line.
    var trailerBytes = 0
    while true {
      guard let lineEnd = crlf(in: bytes, from: index, within: 8192) else {
        return bytes.endIndex - index > 8192
          ? .failure(HTTPRequestError(.requestHeaderFieldsTooLarge, "the trailer fields are too large")) : .incomplete
      }
      if lineEnd == index { return .body(body, end: lineEnd + 2) }
      trailerBytes += lineEnd - index
      guard trailerBytes <= 8192 else {
        return .failure(HTTPRequestError(.requestHeaderFieldsTooLarge, "the trailer fields are too large"))
      }
      do {
        _ = try field(bytes[index..<lineEnd])
      } catch {
        return .failure(error)
      }
      index = lineEnd + 2
    }
  }

  /// The index of the next CRLF from `start`, looking at most `within` bytes ahead.
  static func crlf(in bytes: ArraySlice<UInt8>, from start: Int, within: Int) -> Int? {
    var index = start
    let last = min(bytes.endIndex - 2, start + within)
    while index <= last {
      if bytes[index] == 13, bytes[index + 1] == 10 { return index }
      index += 1
    }
    return nil
  }
}
