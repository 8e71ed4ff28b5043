import MizanCore
import Testing

@testable import MizanSyntax

/// Association ids are spelt as the policies folder and records spell them: names joined by
/// `-` with nothing between (`bir-bin-hirmas`, `creative-mom`).
@Suite("Parser: association ids")
struct AssociationIDTests {
  static func header(_ source: String) -> (id: String?, diagnostics: [Diagnostic]) {
    let (file, diagnostics) = Parser.parse(SourceFile(path: "test.mizan", text: source))
    return (file.header?.association.name, diagnostics)
  }

  @Test("a hyphenated id is one name", arguments: [
    ("policy raabigh { }", "raabigh"),
    ("policy creative-mom { }", "creative-mom"),
    ("policy bir-bin-hirmas { }", "bir-bin-hirmas"),
    ("policy a1-b_2 { }", "a1-b_2"),
  ])
  func hyphenated(source: String, id: String) {
    let (parsed, diagnostics) = Self.header(source)
    #expect(parsed == id)
    #expect(diagnostics.isEmpty)
  }

  @Test("spaces around `-`, or a trailing `-`, are not part of an id", arguments: [
    "policy bir - bin { }", "policy bir- bin { }", "policy bir -bin { }", "policy bir- { }",
  ])
  func spaced(source: String) {
    let (_, diagnostics) = Self.header(source)
    #expect(diagnostics.contains { $0.id.rawValue == "syntax.expected" }, "\(diagnostics.map(\.id))")
  }

  @Test("the span covers the whole id, so the formatter and carets see it")
  func span() throws {
    let (file, _) = Parser.parse(SourceFile(path: "test.mizan", text: "policy bir-bin-hirmas { }"))
    let header = try #require(file.header)
    #expect(header.association.span.range == 7..<21)
    #expect(Formatter.format(file).hasPrefix("policy bir-bin-hirmas {"))
  }
}
