/// The statuses the server answers with.
package enum HTTPStatus: Int, Sendable, Equatable {
  case `continue` = 100
  case ok = 200
  case seeOther = 303
  case badRequest = 400
  case unauthorized = 401
  case forbidden = 403
  case notFound = 404
  case methodNotAllowed = 405
  case requestTimeout = 408
  case contentTooLarge = 413
  case unsupportedMediaType = 415
  case unprocessableContent = 422
  case requestHeaderFieldsTooLarge = 431
  case internalServerError = 500
  case notImplemented = 501
  case serviceUnavailable = 503
  case httpVersionNotSupported = 505

  package var reason: String {
    switch self {
    case .continue: "Continue"
    case .ok: "OK"
    case .seeOther: "See Other"
    case .badRequest: "Bad Request"
    case .unauthorized: "Unauthorized"
    case .forbidden: "Forbidden"
    case .notFound: "Not Found"
    case .methodNotAllowed: "Method Not Allowed"
    case .requestTimeout: "Request Timeout"
    case .contentTooLarge: "Content Too Large"
    case .unsupportedMediaType: "Unsupported Media Type"
    case .unprocessableContent: "Unprocessable Content"
    case .requestHeaderFieldsTooLarge: "Request Header Fields Too Large"
    case .internalServerError: "Internal Server Error"
    case .notImplemented: "Not Implemented"
    case .serviceUnavailable: "Service Unavailable"
    case .httpVersionNotSupported: "HTTP Version Not Supported"
    }
  }
}

/// A response: status, header fields and the whole body (every body here is small and known
/// before it is sent, so it always goes with `Content-Length`).
package struct HTTPResponse: Sendable {
  package var status: HTTPStatus
  package var headers: [(name: String, value: String)]
  package var body: [UInt8]

  package init(status: HTTPStatus, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  package init(status: HTTPStatus, contentType: String, body: [UInt8]) {
    self.init(status: status, headers: [("Content-Type", contentType)], body: body)
  }

  package init(status: HTTPStatus, contentType: String, text: String) {
    self.init(status: status, contentType: contentType, body: Array(text.utf8))
  }

  /// The bytes on the wire. `closing` adds `Connection: close`; a `HEAD` answer keeps the
  /// length of the body it leaves out.
  package func serialized(closing: Bool, omittingBody: Bool = false) -> [UInt8] {
    var head = "HTTP/1.1 \(status.rawValue) \(status.reason)\r\n"
    for (name, value) in headers { head += "\(name): \(value)\r\n" }
    head += "Content-Length: \(body.count)\r\n"
    if closing { head += "Connection: close\r\n" }
    head += "\r\n"
    var bytes = Array(head.utf8)
    if !omittingBody { bytes += body }
    return bytes
  }
}
