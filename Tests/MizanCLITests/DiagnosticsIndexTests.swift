import Foundation
import MizanTestSupport
import Testing

@Suite("docs/diagnostics.md")
struct DiagnosticsIndexTests {
  /// Every `"domain.name"` literal in Sources/ for the diagnostic domains.
  static func idsInSources() throws -> Set<String> {
    let root = Paths.packageRoot() + "/Sources"
    let pattern = try NSRegularExpression(pattern: #""((?:syntax|check|record|policy|audit|http)\.[a-zA-Z]+)""#)
    var ids: Set<String> = []
    let enumerator = FileManager.default.enumerator(atPath: root)
    while let path = enumerator?.nextObject() as? String {
      guard path.hasSuffix(".swift"), let text = MizanProcess.readText(root + "/" + path) else { continue }
      let range = NSRange(text.startIndex..., in: text)
      for match in pattern.matches(in: text, range: range) {
        if let idRange = Range(match.range(at: 1), in: text) { ids.insert(String(text[idRange])) }
      }
    }
    return ids
  }

  @Test("lists exactly the diagnostic ids the sources define")
  func indexIsComplete() throws {
    let document = try #require(MizanProcess.readText(Paths.packageRoot() + "/docs/diagnostics.md"))
    let pattern = try NSRegularExpression(pattern: #"^\| `((?:syntax|check|record|policy|audit|http)\.[a-zA-Z]+)`"#,
                                          options: .anchorsMatchLines)
    var documented: Set<String> = []
    for match in pattern.matches(in: document, range: NSRange(document.startIndex..., in: document)) {
      if let range = Range(match.range(at: 1), in: document) { documented.insert(String(document[range])) }
    }
    let defined = try Self.idsInSources()
    #expect(defined.subtracting(documented).sorted() == [], "ids missing from docs/diagnostics.md")
    #expect(documented.subtracting(defined).sorted() == [], "ids documented but not defined")
  }
}
