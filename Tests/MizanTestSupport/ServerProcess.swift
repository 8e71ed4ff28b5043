import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A `mizan serve` started for a test on a port the system chose, stopped with `SIGTERM`.
public final class ServerProcess: @unchecked Sendable {
  public let process = Process()
  public let port: UInt16
  public let errorPath: String

  /// Starts `mizan serve --port 0 ARGUMENTS` in the package root (or `directory`) and waits for
  /// its "listening on" line.
  public init(_ arguments: [String], in directory: String? = nil, environment extra: [String: String] = [:]) throws {
    let folder = try MizanProcess.temporaryDirectory("serve")
    errorPath = folder + "/stderr"
    FileManager.default.createFile(atPath: errorPath, contents: nil)
    process.executableURL = URL(fileURLWithPath: MizanProcess.executablePath)
    process.arguments = ["serve", "--port", "0"] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory ?? Paths.packageRoot())
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment["MIZAN_POLICIES"] = nil
    environment["MIZAN_TODAY"] = "2024-03-10"
    for (key, value) in extra { environment[key] = value }
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle(forWritingAtPath: errorPath)
    try process.run()
    var found: UInt16?
    for _ in 0..<400 {
      let text = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
      if let range = text.range(of: "listening on http://127.0.0.1:") {
        let digits = text[range.upperBound...].prefix { $0.isNumber }
        found = UInt16(digits)
        break
      }
      if !process.isRunning { break }
      Thread.sleep(forTimeInterval: 0.025)
    }
    guard let found else {
      if process.isRunning { process.terminate() }
      throw ServerProcessError.didNotStart((try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
    }
    port = found
  }

  /// What the server wrote to standard error so far.
  public var standardError: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }

  public func signal(_ number: Int32) { kill(process.processIdentifier, number) }

  /// Sends `SIGTERM` and waits (at most `seconds`) for the exit status; nil if it did not stop.
  @discardableResult
  public func stop(within seconds: Double = 20) -> Int32? {
    if process.isRunning { signal(SIGTERM) }
    return waitForExit(within: seconds)
  }

  public func waitForExit(within seconds: Double) -> Int32? {
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    guard !process.isRunning else {
      process.terminate()
      return nil
    }
    return process.terminationStatus
  }

  /// Waits until standard error holds `text` (at most `seconds`).
  public func waitForError(containing text: String, within seconds: Double = 10) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if standardError.contains(text) { return true }
      Thread.sleep(forTimeInterval: 0.02)
    }
    return false
  }

  deinit { if process.isRunning { process.terminate() } }
}

public enum ServerProcessError: Error {
  case didNotStart(String)
}

/// A response as the test client read it.
public struct HTTPTestResponse: Sendable {
  public var status: Int
  public var headers: [(name: String, value: String)]
  public var body: [UInt8]
  public var text: String { String(decoding: body, as: UTF8.self) }
  public func header(_ name: String) -> String? { headers.first { $0.name == name.lowercased() }?.value }
}

/// A plain HTTP/1.1 client over one TCP connection, to send exactly the bytes a test wants
/// (malformed requests, slow bodies, pipelining) and read the responses.
public final class HTTPTestConnection: @unchecked Sendable {
  public let descriptor: Int32
  private var pending: [UInt8] = []

  public init(port: UInt16) throws {
    descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard result == 0 else {
      close(descriptor)
      throw HTTPTestError.cannotConnect(errno)
    }
    var limit = timeval(tv_sec: 30, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
  }

  deinit { close(descriptor) }

  public func send(_ bytes: [UInt8]) throws {
    var sent = 0
    while sent < bytes.count {
      let result = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
      guard result > 0 else { throw HTTPTestError.sendFailed(errno) }
      sent += result
    }
  }

  public func send(_ text: String) throws { try send(Array(text.utf8)) }

  /// Sends a request with a body and the usual fields.
  public func request(_ method: String, _ target: String, body: [UInt8] = [], headers: [String: String] = [:]) throws
    -> HTTPTestResponse
  {
    var head = "\(method) \(target) HTTP/1.1\r\nHost: localhost\r\n"
    for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
    if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
    try send(Array((head + "\r\n").utf8) + body)
    return try readResponse(bodyless: method == "HEAD")
  }

  /// Reads one response (by its Content-Length), or throws when the connection closes first.
  /// `bodyless` for the answer to `HEAD`, whose length describes a body that is not sent.
  public func readResponse(bodyless: Bool = false) throws -> HTTPTestResponse {
    while true {
      if let end = find([13, 10, 13, 10], in: pending) {
        let head = String(decoding: pending[..<end], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        let status = statusLine.count > 1 ? Int(statusLine[1]) ?? 0 : 0
        let headers = lines.compactMap { line -> (String, String)? in
          guard let colon = line.firstIndex(of: ":") else { return nil }
          return (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = bodyless ? 0 : Int(headers.first { $0.0 == "content-length" }?.1 ?? "0") ?? 0
        if status == 100 {
          pending.removeFirst(end + 4)
          continue
        }
        if pending.count >= end + 4 + length {
          let body = Array(pending[(end + 4)..<(end + 4 + length)])
          pending.removeFirst(end + 4 + length)
          return HTTPTestResponse(status: status, headers: headers, body: body)
        }
      }
      var chunk = [UInt8](repeating: 0, count: 65536)
      let received = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, 65536, 0) }
      guard received > 0 else { throw HTTPTestError.closed(pending.count) }
      pending += chunk[..<received]
    }
  }

  /// Whether the server closed the connection (a read returns end of file) within `seconds`.
  public func isClosedByServer(within seconds: Int = 5) -> Bool {
    var limit = timeval(tv_sec: seconds, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    var byte: UInt8 = 0
    while true {
      let received = recv(descriptor, &byte, 1, 0)
      if received == 0 { return true }
      if received < 0 { return errno == ECONNRESET }
    }
  }

  func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    for index in 0...(haystack.count - needle.count) where haystack[index..<index + needle.count].elementsEqual(needle) {
      return index
    }
    return nil
  }
}

public enum HTTPTestError: Error {
  case cannotConnect(Int32)
  case sendFailed(Int32)
  case closed(Int)
}
