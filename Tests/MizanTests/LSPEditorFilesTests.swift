import Foundation
import MizanChecker
import MizanSyntax
import MizanTestSupport
import Testing

/// The editor files beside the server (`editors/vscode`): valid JSON, a grammar whose patterns
/// compile and that knows the language's words, and an extension that points at them.
@Suite("mizan lsp: the VS Code extension's files")
struct LSPEditorFilesTests {
  static let folder = Paths.packageRoot() + "/editors/vscode"

  static func json(_ name: String) throws -> [String: Any] {
    let data = try #require(FileManager.default.contents(atPath: folder + "/" + name), "missing \(name)")
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(name) is not an object")
  }

  /// Every `match`, `begin` and `end` pattern of the grammar.
  static func patterns(in value: Any) -> [String] {
    if let object = value as? [String: Any] {
      return object.flatMap { key, child in
        ["match", "begin", "end"].contains(key) ? [child as? String ?? ""] : patterns(in: child)
      }
    }
    if let array = value as? [Any] { return array.flatMap(patterns(in:)) }
    return []
  }

  @Test("the grammar's patterns compile and match every keyword, type and function of the language")
  func grammar() throws {
    let grammar = try Self.json("syntaxes/mizan.tmLanguage.json")
    #expect(grammar["scopeName"] as? String == "source.mizan")
    let expressions = try Self.patterns(in: grammar).map { try NSRegularExpression(pattern: $0) }
    #expect(expressions.count > 10)
    let words = Parser.declarationKeywords.sorted() + ValueType.builtins.keys.sorted()
      + BuiltinFunction.allCases.map { $0.rawValue + "(" }
      + ["label", "cite", "assumed", "include", "when", "and", "or"]
    for word in words {
      // A word is highlighted when some pattern other than the comment's matches all of it.
      let text = word.hasSuffix("(") ? word + "x)" : word
      let matched = expressions.filter { !$0.pattern.hasPrefix("#") && $0.pattern != "\"" }.contains { expression in
        expression.matches(in: text, range: NSRange(location: 0, length: (text as NSString).length))
          .contains { $0.range.length >= (word as NSString).length - (word.hasSuffix("(") ? 1 : 0) }
      }
      #expect(matched, "`\(word)` is not highlighted")
    }
  }

  @Test("the extension declares the language, its grammar and configuration, and starts `mizan lsp`")
  func extensionManifest() throws {
    let manifest = try Self.json("package.json")
    let contributes = try #require(manifest["contributes"] as? [String: Any])
    let language = try #require((contributes["languages"] as? [[String: Any]])?.first)
    #expect(language["extensions"] as? [String] == [".mizan"])
    let configuration = try #require(language["configuration"] as? String)
    let grammarPath = try #require((contributes["grammars"] as? [[String: Any]])?.first?["path"] as? String)
    for path in [configuration, grammarPath, manifest["main"] as? String ?? "missing main"] {
      #expect(FileManager.default.fileExists(atPath: Self.folder + "/" + path), "\(path) does not exist")
    }
    let comments = try Self.json("language-configuration.json")["comments"] as? [String: Any]
    #expect(comments?["lineComment"] as? String == "#")
    let client = try #require(MizanProcess.readText(Self.folder + "/extension.js"))
    #expect(client.contains("['lsp']"))
  }
}
