import Dispatch
import Foundation
import Mizan
import MizanHTTP

/// `mizan serve`: the staff web app and the JSON API in one process (docs/serve.md).
///
/// Policies are loaded once at start and again on `SIGHUP` (a new set replaces the old one only
/// if every file loads); `SIGTERM` or `SIGINT` stops accepting, lets the requests in flight finish
/// and closes the log.
enum ServeCommand: Command {
  static let spec = CommandSpec(
    name: "serve",
    usage: "mizan serve [--port N] [--listen ADDRESS] [--log LOG] [--token-file FILE]",
    summary: "Serve the staff web app (a form per association, in Arabic; the checklist to print) and the JSON "
      + "API (POST /v1/evaluate, GET /v1/policies, GET /v1/policies/ID/schema, GET /healthz).",
    options: [
      OptionSpec(name: "port", value: "N", help: "the TCP port (default 8080; 0 lets the system choose)"),
      OptionSpec(name: "listen", value: "ADDRESS",
                 help: "the IPv4 address to listen on (default 127.0.0.1; any other needs --token-file)"),
      OptionSpec(name: "log", value: "LOG", help: "append every decision to this hash-chained log, with the staff member's name"),
      OptionSpec(name: "token-file", value: "FILE",
                 help: "a file holding the access token: API requests send `Authorization: Bearer TOKEN`, staff sign in with it"),
      OptionSpec(name: "max-connections", value: "N", help: "open connections at once (default 1024)"),
      OptionSpec(name: "request-timeout", value: "SECONDS",
                 help: "the time a request may take to arrive, from its first byte (default 10)"),
      OptionSpec(name: "draft", value: nil,
                 help: "let drafts be in force, for rehearsals (outcomes are marked DRAFT; not with --log)"),
    ])

  static func run(_ arguments: Arguments, context: inout CommandContext) -> ExitCode {
    let address: String
    let port: UInt16
    let maxConnections: Int
    let requestTimeout: Int
    var token: String?
    do throws(UsageError) {
      guard arguments.positionals.isEmpty else {
        throw UsageError(message: "expected no arguments, found \(arguments.positionals.count)")
      }
      address = arguments["listen"] ?? "127.0.0.1"
      guard let parsed = UInt16(arguments["port"] ?? "8080") else {
        throw UsageError(message: "`--port` must be a number from 0 to 65535")
      }
      port = parsed
      guard let connections = Int(arguments["max-connections"] ?? "1024"), (1...100_000).contains(connections) else {
        throw UsageError(message: "`--max-connections` must be a number from 1 to 100000")
      }
      maxConnections = connections
      guard let timeout = Int(arguments["request-timeout"] ?? "10"), (1...3600).contains(timeout) else {
        throw UsageError(message: "`--request-timeout` must be a number of seconds from 1 to 3600")
      }
      requestTimeout = timeout
      // A rehearsal against a draft is not an official decision: it never enters the log.
      if arguments.has("draft"), arguments["log"] != nil {
        throw UsageError(message: "`--draft` cannot be combined with `--log`: decisions under a draft are not official")
      }
      if let file = arguments["token-file"] {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8), !text.trimmed.isEmpty else {
          throw UsageError(message: "`--token-file`: cannot read a token from \(file)")
        }
        token = text.trimmed
        guard token?.count ?? 0 >= 16 else { throw UsageError(message: "`--token-file`: the token must have at least 16 characters") }
      }
      // Anyone who can reach a non-loopback address could evaluate and log: require the token.
      if token == nil, !address.hasPrefix("127.") {
        throw UsageError(message: "listening on \(address) needs `--token-file` (only 127.0.0.1 is served without a token)")
      }
      _ = try Today.date()
    } catch {
      context.terminal.printError("mizan serve: \(error.message)\nRun `mizan serve --help` for usage.")
      return .usage
    }
    let store = context.store
    let snapshot: PolicySnapshot
    switch PolicySnapshot.load(store) {
    case .success(let loaded): snapshot = loaded
    case .failure(let failure):
      for diagnostics in failure.failures.map(\.diagnostics) { context.report(diagnostics) }
      for message in failure.messages { context.terminal.printError("mizan serve: \(message[context.language])") }
      return .policyError
    }
    var log: DecisionLogWriter?
    if let path = arguments["log"] {
      do {
        log = try DecisionLogWriter(path: path)
      } catch {
        context.terminal.printError("mizan serve: cannot open the log: \(error.message)")
        return .problemsFound
      }
    }
    guard let formToken = Secrets.randomToken() else {
      context.terminal.printError("mizan serve: cannot read random bytes for the form token")
      return .problemsFound
    }
    let service = StaffService(snapshot: snapshot, log: log, configuration: .init(
      token: token, formToken: formToken, includeDrafts: arguments.has("draft"), today: { try? Today.date() }))
    var options = HTTPServerOptions()
    options.maxConnections = maxConnections
    options.requestTimeout = .seconds(requestTimeout)
    let server: HTTPServer
    do {
      server = try HTTPServer(address: address, port: port, options: options, refusal: APIRoutes.refusal,
                              handlerForConnection: service.connectionHandler)
    } catch {
      context.terminal.printError("mizan serve: cannot listen on \(address):\(port): \(error.reason)")
      return .problemsFound
    }
    context.terminal.printError("mizan serve: listening on http://\(address):\(server.port)/ "
      + "(\(snapshot.associations.count) associations, \(snapshot.versionCount) versions"
      + (log.map { "; logging to \($0.path)" } ?? "") + ")")
    _ = context.terminal.flush()

    let signals = SignalWatch(server: server, service: service, store: store)
    server.run()
    signals.cancel()
    log?.close()
    context.terminal.printError("mizan serve: stopped")
    return .success
  }
}

/// `SIGTERM`/`SIGINT` stop the server; `SIGHUP` reloads the policies. Handled on a dispatch
/// queue, outside the signal handler, so the work may allocate and write.
final class SignalWatch {
  private let sources: [any DispatchSourceSignal]

  init(server: HTTPServer, service: StaffService, store: PolicyStore) {
    let queue = DispatchQueue(label: "mizan.serve.signals")
    var sources: [any DispatchSourceSignal] = []
    for number in [SIGTERM, SIGINT] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { server.stop() }
      source.resume()
      sources.append(source)
    }
    signal(SIGHUP, SIG_IGN)
    let reload = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
    reload.setEventHandler {
      switch PolicySnapshot.load(store) {
      case .success(let snapshot):
        service.replace(with: snapshot)
        Self.say("mizan serve: policies reloaded (\(snapshot.associations.count) associations, \(snapshot.versionCount) versions)")
      case .failure(let failure):
        let reasons = failure.messages.map(\.english).joined(separator: "; ")
        Self.say("mizan serve: policies not reloaded, the previous set stays in use: \(reasons)")
      }
    }
    reload.resume()
    sources.append(reload)
    self.sources = sources
  }

  func cancel() { for source in sources { source.cancel() } }

  static func say(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}
