import MizanCore

/// `mizan lsp`: the Language Server Protocol over JSON-RPC 2.0, on the project's own JSON
/// reader and writer. The command line feeds it message bodies and writes what it returns;
/// everything the server knows about policies comes from `EditorWorkspace` and `EditorIndex`.
///
/// Messages arrive in batches (what the client had sent when the server was ready to read): a
/// `$/cancelRequest` anywhere in a batch cancels the requests before it that are still waiting,
/// and the files changed in a batch are checked once, after its last change.
package struct LanguageServer: Sendable {
  var workspace = EditorWorkspace()
  var language: Language = .english
  var isInitialized = false
  package private(set) var isShuttingDown = false
  /// Ids (canonical JSON) of requests the client cancelled.
  var cancelled: Set<String> = []
  /// Files changed since they were last checked, in order.
  var changed: [String] = []
  /// The diagnostics last published for each file, so an unchanged list is not sent again.
  var published: [String: JSONValue] = [:]
  /// Set by `exit`: 0 after `shutdown`, 1 without it (the protocol's rule).
  package private(set) var exitCode: Int32?

  /// Limits on one message body: a policy file is at most 4 MiB, sent whole on open.
  static let limits = JSONLimits(maxBytes: MessageFraming.maxMessageBytes, maxDepth: 64,
                                 maxStringBytes: MessageFraming.maxMessageBytes, maxMembers: 100_000)

  /// Whether the client's `locale` chooses the language (it does unless `mizan lsp --lang` did).
  let followsClientLocale: Bool

  /// `language` holds unless `followsClientLocale` and the client's `initialize` names a locale.
  package init(language: Language = .english, followsClientLocale: Bool = true) {
    self.language = language
    self.followsClientLocale = followsClientLocale
  }

  /// Handles a batch of message bodies; returns the bodies to send, in order.
  package mutating func handle(_ bodies: [[UInt8]]) -> [[UInt8]] {
    var messages: [JSONValue?] = []
    for body in bodies {
      let message = try? JSONReader.read(body, limits: Self.limits)
      if message?["method"] == .string("$/cancelRequest"), let id = message?["params"]?["id"] {
        cancelled.insert(id.canonicalText)
      }
      messages.append(message)
    }
    var out: [JSONValue] = []
    for message in messages where exitCode == nil {
      guard let message, case .object = message else {
        out.append(Self.error(id: .null, code: -32700, "the message is not a JSON object"))
        continue
      }
      out += handle(message)
    }
    if exitCode == nil { out += checkChangedFiles() }
    // Every request of this batch has been answered: a cancellation cannot reach a later one.
    cancelled.removeAll()
    return out.map { Array($0.canonicalText.utf8) }
  }

  mutating func handle(_ message: JSONValue) -> [JSONValue] {
    guard case .string(let method)? = message["method"] else {
      // A response to a request the server never sends: nothing to do.
      return []
    }
    let params = message["params"] ?? .null
    guard let id = message["id"] else {
      // Before `initialize`, notifications are dropped (the protocol's rule), except `exit`.
      if isInitialized || method == "exit" { notify(method, params) }
      return []
    }
    if cancelled.remove(id.canonicalText) != nil {
      return [Self.error(id: id, code: -32800, "cancelled")]
    }
    if !isInitialized, method != "initialize" {
      return [Self.error(id: id, code: -32002, "the server is not initialized")]
    }
    if isShuttingDown {
      return [Self.error(id: id, code: -32600, "the server is shutting down")]
    }
    // Answers read the files as they are now: check what changed first.
    let diagnostics = method == "initialize" || method == "shutdown" ? [] : checkChangedFiles()
    switch respond(method, params) {
    case .success(let result):
      return diagnostics + [.object(["jsonrpc": .string("2.0"), "id": id, "result": result])]
    case .failure(let failure):
      return diagnostics + [Self.error(id: id, code: failure.code, failure.message)]
    }
  }

  /// A request the server cannot answer, as JSON-RPC's error codes say why.
  struct RequestFailure: Error {
    var code: Int
    var message: String

    static func invalidParams(_ message: String) -> Self { RequestFailure(code: -32602, message: message) }
  }

  mutating func respond(_ method: String, _ params: JSONValue) -> Result<JSONValue, RequestFailure> {
    switch method {
    case "initialize": return .success(initialize(params))
    case "shutdown":
      isShuttingDown = true
      return .success(.null)
    case "textDocument/hover": return hover(params)
    case "textDocument/definition": return definition(params)
    case "textDocument/references": return references(params)
    case "textDocument/documentSymbol": return documentSymbols(params)
    case "textDocument/completion": return completion(params)
    case "textDocument/formatting": return formatting(params)
    case "textDocument/codeAction": return codeActions(params)
    default: return .failure(RequestFailure(code: -32601, message: "unknown method `\(method)`"))
    }
  }

  mutating func notify(_ method: String, _ params: JSONValue) {
    switch method {
    case "exit":
      exitCode = isShuttingDown ? 0 : 1
    case "textDocument/didOpen":
      guard let document = params["textDocument"], let path = Self.path(document["uri"]),
        case .string(let text)? = document["text"]
      else { return }
      workspace.open(path, text: text, version: Self.integer(document["version"]) ?? 0)
      markChanged(path)
    case "textDocument/didChange":
      guard let path = Self.path(params["textDocument"]?["uri"]), case .array(let items)? = params["contentChanges"]
      else { return }
      let changes = items.compactMap { item -> (range: EditorRange?, text: String)? in
        guard case .string(let text)? = item["text"] else { return nil }
        return (Self.range(item["range"]), text)
      }
      workspace.change(path, version: Self.integer(params["textDocument"]?["version"]) ?? 0, changes: changes)
      markChanged(path)
    case "textDocument/didClose":
      guard let path = Self.path(params["textDocument"]?["uri"]) else { return }
      workspace.close(path)
      // The versions that read it go back to the file on disk.
      markChanged(path)
    default:
      // `initialized`, `$/cancelRequest` (seen with its batch), `didSave`, `$/setTrace`, and
      // notifications this server does not know: nothing to do.
      break
    }
  }

  mutating func markChanged(_ path: String) {
    if !changed.contains(path) { changed.append(path) }
  }

  mutating func initialize(_ params: JSONValue) -> JSONValue {
    if followsClientLocale, case .string(let locale)? = params["locale"] {
      language = locale.lowercased().hasPrefix("ar") ? .arabic : .english
    }
    isInitialized = true
    return .object([
      "capabilities": .object([
        // UTF-16 is the one encoding every client supports; the server counts in it throughout.
        "positionEncoding": .string("utf-16"),
        "textDocumentSync": .object(["openClose": .bool(true), "change": .number(2)]),
        "hoverProvider": .bool(true),
        "definitionProvider": .bool(true),
        "referencesProvider": .bool(true),
        "documentSymbolProvider": .bool(true),
        "completionProvider": .object(["triggerCharacters": .array([.string(":")])]),
        "documentFormattingProvider": .bool(true),
        "codeActionProvider": .object(["codeActionKinds": .array([.string("quickfix")])]),
      ]),
      "serverInfo": .object(["name": .string("mizan"), "version": .string(MizanVersion.current)]),
    ])
  }

  static func error(id: JSONValue, code: Int, _ message: String) -> JSONValue {
    .object(["jsonrpc": .string("2.0"), "id": id,
             "error": .object(["code": .number(Double(code)), "message": .string(message)])])
  }
}
