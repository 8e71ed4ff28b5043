import Foundation
import MizanTestSupport
import Testing

/// `mizan lsp` driven as an editor drives it: a scratch copy of `fixtures/policies/editor`, a
/// draft version that includes a shared file, opened with a mistake on a line that holds Arabic
/// text.
@Suite("mizan lsp: a scripted editor session")
struct LSPSessionTests {
  static let fixture = Paths.packageRoot() + "/fixtures/policies/editor"

  /// The shared file and the version as typed: `monthly_incom` after an Arabic text.
  static var shared: String { MizanProcess.readText(fixture + "/common/shared.mizan") ?? "" }
  static var version: String { MizanProcess.readText(fixture + "/sample/2030-01-01.mizan") ?? "" }

  /// A scratch copy of the editor fixture's policies folder (the tests write into it).
  static func makeFolder() throws -> (root: String, version: String, shared: String) {
    let root = try MizanProcess.temporaryDirectory("lsp") + "/policies"
    try MizanProcess.copy(fixture, to: root)
    return (root, root + "/sample/2030-01-01.mizan", root + "/common/shared.mizan")
  }

  /// A server on a scratch copy of the fixture, initialized, with the version open (as typed, or
  /// as `text`).
  static func session(arguments: [String] = ["lsp"], locale: String = "en", text: String? = nil) throws
    -> (client: LSPClient, uri: String, folder: (root: String, version: String, shared: String))
  {
    let folder = try makeFolder()
    let client = try LSPClient(arguments: arguments)
    try client.initialize(locale: locale)
    let uri = LSPClient.uri(folder.version)
    try client.open(uri, text: text ?? version)
    return (client, uri, folder)
  }

  /// The 0-based line holding `needle` and the UTF-16 column where it starts.
  static func place(of needle: String, in text: String, after: String? = nil) throws -> (line: Int, character: Int) {
    let lines = text.components(separatedBy: "\n")
    let line = try #require(lines.firstIndex { $0.contains(needle) && (after.map($0.contains) ?? true) })
    let character = (lines[line] as NSString).range(of: needle).location
    return (line, character)
  }

  static func range(_ diagnostic: [String: Any]) -> [Int] {
    let range = diagnostic["range"] as? [String: Any]
    let start = range?["start"] as? [String: Int] ?? [:]
    let end = range?["end"] as? [String: Int] ?? [:]
    return [start["line"] ?? -1, start["character"] ?? -1, end["line"] ?? -1, end["character"] ?? -1]
  }

  @Test("an error after Arabic text is placed in UTF-16 units, and fixing it clears the diagnostics")
  func diagnosticsOnOpenAndChange() throws {
    let folder = try Self.makeFolder()
    let client = try LSPClient()
    let capabilities = try client.initialize()
    #expect((capabilities["capabilities"] as? [String: Any])?["positionEncoding"] as? String == "utf-16")
    let uri = LSPClient.uri(folder.version)
    try client.open(uri, text: Self.version)
    let diagnostics = try client.diagnostics(for: uri, version: 1)
    #expect(diagnostics.count == 1)
    let error = try #require(diagnostics.first)
    #expect(error["code"] as? String == "check.unknownName")
    #expect(error["severity"] as? Int == 1)
    let message = error["message"] as? String
    #expect(message?.hasPrefix("unknown name `monthly_incom`\nhelp: did you mean `monthly_income`?") == true)
    let (line, character) = try Self.place(of: "monthly_incom", in: Self.version, after: "رابغ")
    // The line's Arabic letters are two bytes each in UTF-8, one unit each in UTF-16: 57, not 61.
    #expect(character == 57)
    #expect(Self.range(error) == [line, character, line, character + "monthly_incom".count])

    // A quick fix offers the suggested name.
    let actions = try client.request("textDocument/codeAction", [
      "textDocument": ["uri": uri], "range": ["start": LSPClient.position(line, character),
                                              "end": LSPClient.position(line, character)],
      "context": ["diagnostics": diagnostics]])["result"] as? [[String: Any]] ?? []
    #expect(actions.count == 1)
    let changes = (actions.first?["edit"] as? [String: Any])?["changes"] as? [String: Any]
    let edit = (changes?[uri] as? [[String: Any]])?.first
    #expect(edit?["newText"] as? String == "monthly_income")
    #expect(edit.map(Self.range) == [line, character, line, character + 13])

    // Typing the missing letter (an incremental change) clears the error.
    let end = character + "monthly_incom".count
    try client.change(uri, version: 2, range: (line, end, line, end), text: "e")
    #expect(try client.diagnostics(for: uri, version: 2).isEmpty)
    #expect(try client.request("shutdown")["result"] is NSNull)
    #expect(try client.end() == 0)
  }

  @Test("messages are in Arabic when the client's locale is Arabic, or `--lang ar` says so", arguments: [
    (["lsp"], "ar-SA"), (["lsp", "--lang", "ar"], "en-US"),
  ])
  func arabicLocale(arguments: [String], locale: String) throws {
    let (client, uri, _) = try Self.session(arguments: arguments, locale: locale)
    let message = try client.diagnostics(for: uri).first?["message"] as? String
    #expect(message == "اسم غير معروف `monthly_incom`\nمساعدة: هل تقصد `monthly_income`؟ (معرّف في 13:6)")
    // `exit` without `shutdown` ends the server with 1, as the protocol says.
    #expect(try client.end() == 1)
  }

  @Test("hover on a parameter shows its kind, type, value, both labels, its quote and where it is declared")
  func hoverOnParameter() throws {
    let (client, uri, _) = try Self.session()
    let (line, character) = try Self.place(of: "income_limit {", in: Self.version, after: "monthly_incom")
    let hover = try client.request("textDocument/hover", ["textDocument": ["uri": uri],
                                                          "position": LSPClient.position(line, character + 3)])
    let result = try #require(hover["result"] as? [String: Any])
    let value = (result["contents"] as? [String: Any])?["value"] as? String
    #expect(value == """
      **parameter** `income_limit`: `money` = `4000 SAR`

      حد الدخل الشهري  
      Monthly income limit

      cite: «ألا يتجاوز دخل الأسرة الشهري أربعة آلاف ريال»

      declared at `sample/2030-01-01.mizan:17:11`
      """)
    #expect(Self.range(result) == [line, character, line, character + "income_limit".count])
    // A rule's hover says what it tests.
    let rule = try Self.place(of: "resides_and_in_need", in: Self.version)
    let ruleHover = try client.request("textDocument/hover", [
      "textDocument": ["uri": uri], "position": LSPClient.position(rule.line, rule.character)])
    let ruleText = ((ruleHover["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String
    #expect(ruleText?.hasPrefix(
      "**condition** `resides_and_in_need`: `governorate == \"رابغ\" and monthly_incom <= income_limit`\n\n") == true)
    _ = try client.end()
  }

  @Test("definition and references cross into the included file")
  func definitionAcrossInclude() throws {
    let (client, uri, folder) = try Self.session()
    let (line, character) = try Self.place(of: "national_id", in: Self.version)
    let definition = try client.request("textDocument/definition", [
      "textDocument": ["uri": uri], "position": LSPClient.position(line, character + 1)])
    let locations = try #require(definition["result"] as? [[String: Any]])
    #expect(locations.count == 1)
    #expect(locations.first?["uri"] as? String == LSPClient.uri(folder.shared))
    let declared = try Self.place(of: "national_id", in: Self.shared)
    let declaredRange = [declared.line, declared.character, declared.line, declared.character + 11]
    #expect(locations.first.map(Self.range) == declaredRange)

    let references = try client.request("textDocument/references", [
      "textDocument": ["uri": uri], "position": LSPClient.position(line, character + 1),
      "context": ["includeDeclaration": true]])
    let found = (references["result"] as? [[String: Any]] ?? []).compactMap { $0["uri"] as? String }
    #expect(found.sorted() == [uri, LSPClient.uri(folder.shared)].sorted())
    _ = try client.end()
  }

  @Test("a change in the included file re-checks the open version that includes it")
  func includeChangeRechecksVersion() throws {
    let fixed = Self.version.replacingOccurrences(of: "monthly_incom <=", with: "monthly_income <=")
    let (client, uri, folder) = try Self.session(text: fixed)
    let sharedURI = LSPClient.uri(folder.shared)
    #expect(try client.diagnostics(for: uri, version: 1).isEmpty)
    try client.open(sharedURI, text: Self.shared)
    #expect(try client.diagnostics(for: sharedURI, version: 1).isEmpty)
    // Renaming the document in the shared file leaves the version's requirement naming nothing.
    let (line, character) = try Self.place(of: "national_id", in: Self.shared)
    try client.change(sharedURI, version: 2, range: (line, character, line, character + 11), text: "national_card")
    let diagnostics = try client.diagnostics(for: uri)
    #expect(diagnostics.compactMap { $0["code"] as? String } == ["check.unknownName"])
    let use = try Self.place(of: "national_id", in: fixed)
    #expect(diagnostics.first.map(Self.range) == [use.line, use.character, use.line, use.character + 11])
    _ = try client.end()
  }

  @Test("completion after `requirement x: ` lists the document types first, with their labels")
  func completionOfDocumentTypes() throws {
    let (client, uri, _) = try Self.session()
    let lastLine = Self.version.components(separatedBy: "\n").count - 1
    try client.change(uri, version: 2, range: (lastLine, 0, lastLine, 0), text: "requirement proof: ")
    let items = try client.request("textDocument/completion", [
      "textDocument": ["uri": uri], "position": LSPClient.position(lastLine, 19)])["result"] as? [[String: Any]] ?? []
    let sorted = items.sorted { ($0["sortText"] as? String ?? "") < ($1["sortText"] as? String ?? "") }
    #expect(sorted.prefix(2).compactMap { $0["label"] as? String } == ["family_card", "national_id"])
    #expect(sorted.first?["detail"] as? String == "document — Family card")
    // Facts can satisfy a requirement too; they follow the documents.
    #expect(sorted.dropFirst(2).compactMap { $0["label"] as? String }.contains("monthly_income"))
    _ = try client.end()
  }

  @Test("formatting gives what `mizan fmt` writes")
  func formattingEqualsFmt() throws {
    let folder = try Self.makeFolder()
    #expect(!Self.version.isEmpty)
    // Unformatted: a declaration on one line, odd spaces.
    let untidy = Self.version.replacingOccurrences(of: "monthly_incom <=", with: "monthly_income   <=")
      .replacingOccurrences(of: "fact monthly_income: money {\n  label", with: "fact   monthly_income:money {  label")
    try MizanProcess.writeText(untidy, to: folder.version)
    let client = try LSPClient()
    try client.initialize()
    let uri = LSPClient.uri(folder.version)
    try client.open(uri, text: untidy)
    let edits = try client.request("textDocument/formatting", [
      "textDocument": ["uri": uri], "options": ["tabSize": 2, "insertSpaces": true]])["result"] as? [[String: Any]]
    let edit = try #require(edits?.first)
    #expect(edits?.count == 1)
    let lines = untidy.components(separatedBy: "\n")
    #expect(Self.range(edit) == [0, 0, lines.count - 1, (lines.last.map { ($0 as NSString).length }) ?? 0])
    let fmt = try MizanProcess.run(["fmt", folder.version])
    #expect(fmt.exitCode == 0)
    #expect(edit["newText"] as? String == MizanProcess.readText(folder.version))
    #expect(edit["newText"] as? String != untidy)
    _ = try client.end()
  }

  @Test("an approved version gets a warning on open that approvals.lock locks it")
  func approvedVersionWarning() throws {
    let path = Paths.packageRoot() + "/policies/raabigh/2024-01-15.mizan"
    let client = try LSPClient()
    try client.initialize()
    let uri = LSPClient.uri(path)
    try client.open(uri, text: try #require(MizanProcess.readText(path)))
    let diagnostics = try client.diagnostics(for: uri)
    #expect(diagnostics.compactMap { $0["code"] as? String } == ["policy.approvedVersionLocked"])
    #expect(diagnostics.first?["severity"] as? Int == 2)
    // A change in meaning: `mizan check` would fail, and so do the diagnostics.
    let text = try #require(MizanProcess.readText(path))
    let (line, character) = try Self.place(of: "1500 SAR", in: text)
    try client.change(uri, version: 2, range: (line, character, line, character + 4), text: "1600")
    let changed = try client.diagnostics(for: uri, version: 2)
    let codes = changed.compactMap { $0["code"] as? String }
    #expect(codes == ["policy.approvedVersionLocked", "policy.fingerprintMismatch"])
    // Names are still found in the includes of a version that no longer matches the lock.
    let use = try Self.place(of: "national_id or", in: text)
    let definition = try client.request("textDocument/definition", [
      "textDocument": ["uri": uri], "position": LSPClient.position(use.line, use.character)])
    let target = (definition["result"] as? [[String: Any]])?.first?["uri"] as? String
    #expect(target == LSPClient.uri(Paths.packageRoot() + "/policies/common/documents.mizan"))
    _ = try client.end()
  }

  @Test("a request cancelled in the same batch is answered with RequestCancelled")
  func cancellation() throws {
    let (client, uri, _) = try Self.session()
    let id = client.takeID()
    try client.send([
      ["id": id, "method": "textDocument/hover",
       "params": ["textDocument": ["uri": uri], "position": LSPClient.position(0, 0)]],
      ["method": "$/cancelRequest", "params": ["id": id]],
    ])
    let response = try client.response(to: id)
    #expect((response["error"] as? [String: Any])?["code"] as? Int == -32800)
    // The server goes on answering.
    #expect(try client.request("shutdown")["result"] is NSNull)
    #expect(try client.end() == 0)
  }

  @Test("protocol mistakes get their JSON-RPC errors and the server goes on")
  func protocolErrors() throws {
    let client = try LSPClient()
    // Before `initialize`: ServerNotInitialized, and notifications are dropped.
    let early = try client.request("textDocument/hover", [:])
    #expect((early["error"] as? [String: Any])?["code"] as? Int == -32002)
    let folder = try Self.makeFolder()
    try client.open(LSPClient.uri(folder.version), text: Self.version)
    try client.initialize()
    let dropped = try client.request("textDocument/documentSymbol", [
      "textDocument": ["uri": LSPClient.uri(folder.version)]])
    #expect((dropped["error"] as? [String: Any])?["code"] as? Int == -32602)
    client.sendRaw("{not json")
    let parseError = try client.read()
    #expect((parseError["error"] as? [String: Any])?["code"] as? Int == -32700)
    let unknown = try client.request("textDocument/rename", [:])
    #expect((unknown["error"] as? [String: Any])?["code"] as? Int == -32601)
    let notOpen = try client.request("textDocument/hover", [
      "textDocument": ["uri": "file:///nowhere/x.mizan"], "position": LSPClient.position(0, 0)])
    #expect((notOpen["error"] as? [String: Any])?["code"] as? Int == -32602)
    #expect(try client.request("shutdown")["result"] is NSNull)
    // After `shutdown`: InvalidRequest.
    let late = try client.request("textDocument/hover", [:])
    #expect((late["error"] as? [String: Any])?["code"] as? Int == -32600)
    #expect(try client.end() == 0)
  }

  @Test("`mizan lsp` with a file is a usage error: the editor sends the files")
  func positionalIsUsageError() throws {
    let result = try MizanProcess.run(["lsp", "policies/raabigh/2024-01-15.mizan"])
    #expect(result.exitCode == 2)
    #expect(result.standardError == "mizan lsp: the server takes no files: the editor sends them\n")
  }
}
