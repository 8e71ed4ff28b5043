import Foundation
import MizanTestSupport

/// A Language Server Protocol client for tests: runs the built `mizan lsp`, writes framed
/// messages to it and reads its answers, as an editor would. Decoding uses Foundation's JSON
/// (the test's own, independent of the reader the server is built on).
final class LSPClient {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  let process = Process()
  private let input = Pipe()
  private let output = Pipe()
  private var buffer: [UInt8] = []
  private var nextID = 1
  /// Notifications read while waiting for something else, oldest first.
  private(set) var notifications: [[String: Any]] = []
  /// How long one answer may take before the test fails (a hang, not a slow run).
  let timeLimit: Double

  init(arguments: [String] = ["lsp"], timeLimit: Double = 20) throws {
    self.timeLimit = timeLimit
    process.executableURL = URL(fileURLWithPath: MizanProcess.executablePath)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: Paths.packageRoot())
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
  }

  deinit {
    if process.isRunning { process.terminate() }
  }

  /// Writes messages in one write, so the server reads them as one batch.
  func send(_ messages: [[String: Any]]) throws {
    var bytes: [UInt8] = []
    for message in messages {
      var full = message
      full["jsonrpc"] = "2.0"
      let body = try JSONSerialization.data(withJSONObject: full)
      bytes += Array("Content-Length: \(body.count)\r\n\r\n".utf8) + Array(body)
    }
    input.fileHandleForWriting.write(Data(bytes))
  }

  /// Writes a body as it is, framed (for bodies that are not JSON).
  func sendRaw(_ body: String) {
    input.fileHandleForWriting.write(Data(("Content-Length: \(body.utf8.count)\r\n\r\n" + body).utf8))
  }

  func notify(_ method: String, _ params: [String: Any]) throws {
    try send([["method": method, "params": params]])
  }

  /// Sends a request and returns its whole response (`result` or `error`).
  @discardableResult
  func request(_ method: String, _ params: [String: Any] = [:]) throws -> [String: Any] {
    let id = takeID()
    try send([["id": id, "method": method, "params": params]])
    return try response(to: id)
  }

  func takeID() -> Int {
    defer { nextID += 1 }
    return nextID
  }

  func response(to id: Int) throws -> [String: Any] {
    while true {
      let message = try read()
      if message["method"] == nil, message["id"] as? Int == id { return message }
      notifications.append(message)
    }
  }

  /// The next diagnostics published for a file (at or after `version`, when given).
  func diagnostics(for uri: String, version: Int? = nil) throws -> [[String: Any]] {
    if let index = notifications.firstIndex(where: { Self.isDiagnostics($0, uri: uri, version: version) }) {
      return Self.diagnosticList(notifications.remove(at: index))
    }
    while true {
      let message = try read()
      if Self.isDiagnostics(message, uri: uri, version: version) { return Self.diagnosticList(message) }
      notifications.append(message)
    }
  }

  static func isDiagnostics(_ message: [String: Any], uri: String, version: Int?) -> Bool {
    guard message["method"] as? String == "textDocument/publishDiagnostics",
      let params = message["params"] as? [String: Any], params["uri"] as? String == uri
    else { return false }
    return version.map { (params["version"] as? Int ?? -1) >= $0 } ?? true
  }

  static func diagnosticList(_ message: [String: Any]) -> [[String: Any]] {
    (message["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []
  }

  /// Sends `exit` and waits for the server to end; its exit code.
  func end() throws -> Int32 {
    try notify("exit", [:])
    return try finish()
  }

  /// Closes the server's input and waits for it to end; its exit code.
  func finish() throws -> Int32 {
    try input.fileHandleForWriting.close()
    let deadline = Date(timeIntervalSinceNow: timeLimit)
    while process.isRunning {
      guard Date() < deadline else {
        process.terminate()
        throw Failure(description: "mizan lsp did not exit")
      }
      usleep(2_000)
    }
    return process.terminationStatus
  }

  /// Reads one framed message, failing after `timeLimit` seconds without one.
  func read() throws -> [String: Any] {
    let deadline = Date(timeIntervalSinceNow: timeLimit)
    while true {
      if let message = try takeMessage() { return message }
      let remaining = deadline.timeIntervalSinceNow
      guard remaining > 0 else { throw Failure(description: "no message from mizan lsp within \(timeLimit) s") }
      var descriptor = pollfd(fd: output.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
      guard poll(&descriptor, 1, Int32(remaining * 1000)) > 0 else { continue }
      let data = output.fileHandleForReading.availableData
      guard !data.isEmpty else { throw Failure(description: "mizan lsp closed its output (crashed or exited)") }
      buffer += Array(data)
    }
  }

  private func takeMessage() throws -> [String: Any]? {
    let separator = Array("\r\n\r\n".utf8)
    guard buffer.count >= 4,
      let end = (0...(buffer.count - 4)).first(where: { Array(buffer[$0..<($0 + 4)]) == separator })
    else { return nil }
    let header = String(decoding: buffer[..<end], as: UTF8.self)
    let lengthText = header.split(separator: ":").last?.trimmingCharacters(in: .whitespaces)
    guard let length = lengthText.flatMap({ Int($0) }) else {
      throw Failure(description: "bad header: \(header)")
    }
    guard buffer.count >= end + 4 + length else { return nil }
    let body = Data(buffer[(end + 4)..<(end + 4 + length)])
    buffer.removeFirst(end + 4 + length)
    guard let message = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
      throw Failure(description: "not an object: \(String(decoding: body, as: UTF8.self))")
    }
    return message
  }
}

extension LSPClient {
  /// `initialize` then `initialized`: the server's capabilities.
  @discardableResult
  func initialize(locale: String = "en") throws -> [String: Any] {
    let response = try request("initialize", [
      "processId": NSNull(), "locale": locale, "capabilities": [:] as [String: Any], "rootUri": NSNull(),
    ])
    try notify("initialized", [:])
    return response["result"] as? [String: Any] ?? [:]
  }

  func open(_ uri: String, text: String, version: Int = 1) throws {
    try notify("textDocument/didOpen", ["textDocument": ["uri": uri, "languageId": "mizan", "version": version,
                                                         "text": text]])
  }

  /// Replaces a range (line and UTF-16 column) with a text.
  func change(_ uri: String, version: Int, range: (Int, Int, Int, Int)?, text: String) throws {
    var change: [String: Any] = ["text": text]
    if let range {
      change["range"] = [
        "start": ["line": range.0, "character": range.1], "end": ["line": range.2, "character": range.3],
      ]
    }
    try notify("textDocument/didChange", ["textDocument": ["uri": uri, "version": version], "contentChanges": [change]])
  }

  static func position(_ line: Int, _ character: Int) -> [String: Any] { ["line": line, "character": character] }

  static func uri(_ path: String) -> String { URL(fileURLWithPath: path).absoluteString }
}
