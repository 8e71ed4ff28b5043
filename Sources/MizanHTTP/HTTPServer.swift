import Foundation
import MizanCore
import Synchronization

/// How much a client may take of the server: sizes (`limits`), connections and time.
package struct HTTPServerOptions: Sendable {
  package var limits = HTTPLimits()
  /// Open connections at once; one more is answered `503` and closed.
  package var maxConnections = 1024
  /// From the first byte of a request to its last: a client sending a byte a second gets `408`.
  package var requestTimeout: Duration = .seconds(10)
  /// How long a keep-alive connection may wait for its next request before it is closed.
  package var idleTimeout: Duration = .seconds(30)
  /// How long a response may wait for a client that does not read.
  package var sendTimeoutSeconds = 10

  package init() {}
}

/// An HTTP/1.1 server over POSIX sockets: a thread accepts, a thread per connection reads
/// requests (`HTTPRequestParser`), asks `handler` and writes the response, keeping the connection
/// open between requests (keep-alive). Threads, not an event loop: a request's work is a few
/// microseconds of evaluation, connections are bounded (`maxConnections`), and every wait is
/// bounded in time, so a slow or silent client holds one parked thread and nothing else.
package final class HTTPServer: Sendable {
  /// Answers the requests of one connection, on that connection's thread only.
  package typealias Handler = (HTTPRequest) -> HTTPResponse


  private let listener: Socket
  private let options: HTTPServerOptions
  /// Makes the handler of each new connection.
  private let handlerForConnection: @Sendable () -> Handler
  private let refusal: @Sendable (HTTPRequestError) -> HTTPResponse
  // Atomics, not a lock: every request reads `stopping`, and a contended lock there costs more
  // than the evaluation it guards.
  private let stopping = Atomic<Bool>(false)
  private let active = Atomic<Int>(0)

  /// The port the server listens on (the one the system chose when asked for port 0).
  package let port: UInt16

  /// Binds `address:port`. `refusal` writes the answer to a request the parser refused (the
  /// application's error format); the connection is closed after it.
  package init(address: String, port: UInt16, options: HTTPServerOptions = HTTPServerOptions(),
              refusal: @escaping @Sendable (HTTPRequestError) -> HTTPResponse,
              handlerForConnection: @escaping @Sendable () -> Handler)
    throws(SystemError)
  {
    BrokenPipe.ignore()
    listener = try Socket.listen(address: address, port: port)
    self.port = listener.localPort
    self.options = options
    self.refusal = refusal
    self.handlerForConnection = handlerForConnection
  }

  /// Accepts and serves connections until `stop()`, then waits for the requests in flight to be
  /// answered (each connection closes after its current request) and returns.
  package func run() {
    while !stopping.load(ordering: .acquiring) {
      guard listener.waitReadable(milliseconds: 200) else { continue }
      guard let connection = try? listener.accept() else { continue }
      connection.setSendTimeout(seconds: options.sendTimeoutSeconds)
      // Only this thread adds connections, so the check and the increment cannot race with another.
      let admitted = active.load(ordering: .relaxed) < options.maxConnections
      if admitted { active.add(1, ordering: .relaxed) }
      guard admitted else {
        let busy = refusal(HTTPRequestError(.serviceUnavailable, "the server is at its connection limit or stopping"))
        try? connection.sendAll(busy.serialized(closing: true))
        connection.close()
        continue
      }
      let thread = Thread { [self] in
        serve(connection)
        connection.close()
        active.subtract(1, ordering: .releasing)
      }
      thread.stackSize = 1 << 20
      thread.start()
    }
    listener.close()
    let deadline = ContinuousClock.now + options.requestTimeout + .seconds(5)
    while active.load(ordering: .acquiring) > 0, ContinuousClock.now < deadline {
      Thread.sleep(forTimeInterval: 0.01)
    }
  }

  /// Stops accepting; connections waiting for a request close (within `stopCheck`), the others
  /// after their answer.
  package func stop() { stopping.store(true, ordering: .releasing) }

  /// How often a connection waiting for its next request looks whether the server is stopping.
  static let stopCheck: Duration = .milliseconds(200)

  // MARK: - One connection

  private func serve(_ connection: Socket) {
    let handler = handlerForConnection()
    var buffer: [UInt8] = []
    var sentContinue = false
    // When the request being read began (its first byte), or nil while waiting for one.
    var requestStart: ContinuousClock.Instant?
    var idleSince = ContinuousClock.now
    while true {
      switch HTTPRequestParser.parse(buffer[...], limits: options.limits) {
      case .request(let request, let consumed):
        buffer.removeFirst(consumed)
        let response = handler(request)
        let closing = !request.keepsAlive || stopping.load(ordering: .acquiring)
        guard (try? connection.sendAll(response.serialized(closing: closing, omittingBody: request.method == "HEAD")))
          != nil, !closing
        else { return }
        sentContinue = false
        idleSince = ContinuousClock.now
        requestStart = buffer.isEmpty ? nil : idleSince
        continue
      case .failure(let error):
        try? connection.sendAll(refusal(error).serialized(closing: true))
        return
      case .incomplete(let expectsContinue):
        if expectsContinue, !sentContinue {
          guard (try? connection.sendAll(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))) != nil else { return }
          sentContinue = true
        }
      }
      // Wait for more bytes, within the time the request (or the idle connection) has left; a
      // connection between requests also stops waiting when the server stops.
      let waiting = requestStart == nil
      if waiting, stopping.load(ordering: .acquiring) { return }
      let deadline = requestStart.map { $0 + options.requestTimeout } ?? idleSince + options.idleTimeout
      let remaining = deadline - ContinuousClock.now
      guard remaining > .zero else {
        if !waiting {
          try? connection.sendAll(refusal(HTTPRequestError(.requestTimeout, "the request took too long to arrive"))
            .serialized(closing: true))
        }
        return
      }
      let slice = waiting ? min(remaining, Self.stopCheck) : remaining
      guard connection.waitReadable(milliseconds: Self.milliseconds(slice)) else { continue }
      guard let received = try? connection.receive(into: &buffer, count: 16 * 1024), received > 0 else { return }
      if requestStart == nil { requestStart = ContinuousClock.now }
    }
  }

  static func milliseconds(_ duration: Duration) -> Int32 {
    let (seconds, attoseconds) = duration.components
    return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
  }
}
