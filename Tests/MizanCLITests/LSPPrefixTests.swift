import Foundation
import MizanTestSupport
import Testing

/// A file being typed is mostly broken: the server must answer every state of it. Each shipped
/// policy file is sent as a run of its prefixes (every `stride`-th Unicode scalar, and the
/// whole file), each as a change followed by an outline, a hover and a completion request at
/// the cursor. Every change must be checked and every request answered (not with an error)
/// within the client's time limit, and the server must still be running at the end.
@Suite("mizan lsp: every prefix of the shipped policies")
struct LSPPrefixTests {
  /// Every prefix of every file (≈ 26,000) takes minutes in a debug build; one in `stride`
  /// keeps the test to seconds while still cutting each line at several places. A prime, so
  /// the cuts do not line up with the two-space indentation. `MIZAN_LSP_PREFIX_STRIDE=1` sends
  /// every prefix (docs/editors.md).
  static let stride = ProcessInfo.processInfo.environment["MIZAN_LSP_PREFIX_STRIDE"].flatMap { Int($0) }
    .map { max(1, $0) } ?? 29

  static var files: [String] {
    let root = Paths.packageRoot() + "/policies"
    return ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted().flatMap { folder in
      ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + folder)) ?? []).sorted()
        .filter { $0.hasSuffix(".mizan") }.map { root + "/" + folder + "/" + $0 }
    }
  }

  @Test("finds the shipped policy files")
  func findsFiles() {
    // Five associations' versions and four shared files.
    #expect(Self.files.count == 9)
  }

  @Test("each prefix is checked and every request answered", arguments: files)
  func prefixes(path: String) throws {
    let text = try #require(MizanProcess.readText(path))
    let scalars = Array(text.unicodeScalars)
    let client = try LSPClient()
    try client.initialize()
    let uri = LSPClient.uri(path)
    try client.open(uri, text: "")
    _ = try client.diagnostics(for: uri, version: 1)
    var version = 1
    for end in Swift.stride(from: 1, to: scalars.count, by: Self.stride) + [scalars.count] {
      version += 1
      var prefix = String.UnicodeScalarView()
      prefix.append(contentsOf: scalars[..<end])
      let typed = String(prefix)
      let lines = typed.components(separatedBy: "\n")
      let cursor = LSPClient.position(lines.count - 1, (lines.last.map { ($0 as NSString).length }) ?? 0)
      let document = ["uri": uri]
      let first = client.takeID()
      try client.send([
        ["method": "textDocument/didChange",
         "params": ["textDocument": ["uri": uri, "version": version], "contentChanges": [["text": typed]]]],
        ["id": first, "method": "textDocument/documentSymbol", "params": ["textDocument": document]],
        ["id": first + 1, "method": "textDocument/hover", "params": ["textDocument": document, "position": cursor]],
        ["id": first + 2, "method": "textDocument/completion",
         "params": ["textDocument": document, "position": cursor]],
      ])
      _ = client.takeID()
      _ = client.takeID()
      for id in first...(first + 2) {
        let response = try client.response(to: id)
        #expect(response["error"] == nil, "request \(id) at \(end) scalars of \(path)")
      }
      _ = try client.diagnostics(for: uri, version: version)
    }
    #expect(client.process.isRunning)
    #expect(try client.request("shutdown")["result"] is NSNull)
    #expect(try client.end() == 0)
  }
}
