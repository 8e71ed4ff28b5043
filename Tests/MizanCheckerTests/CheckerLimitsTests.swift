import MizanChecker
import MizanCore
import MizanSyntax
import Testing

/// The checker on policies as large as the parser allows: it must finish with diagnostics, never
/// run out of stack (regression tests of issue 8, docs/robustness.md).
@Suite("Checker limits")
struct CheckerLimitsTests {
  /// The checker's diagnostics for `text`, which must parse.
  static func diagnostics(_ text: String) throws -> [Diagnostic] {
    let (parsed, syntax) = Parser.parse(SourceFile(path: "limits.mizan", text: text))
    #expect(!syntax.containsErrors, "\(syntax.map(\.message.text.english))")
    switch Checker.check(PolicySources(main: parsed)) {
    case .success(let policy): return policy.warnings
    case .failure(let failure): return failure.diagnostics
    }
  }

  /// `count` derived values, each using the next; the last uses `last`.
  static func chain(_ count: Int, last: String) -> String {
    (0..<count).map { index in
      let value = index == count - 1 ? last : "d\(index + 1) + 1"
      return "derived d\(index): number = \(value) {\n  label ar \"ق\" en \"v\"\n  assumed \"test\"\n}\n"
    }.joined()
  }

  @Test("thousands of derived values, each using the next, are ordered without recursion")
  func longDerivedChain() throws {
    // Before the fix the dependency order was a recursive depth-first search, which overflowed
    // the stack at about 4,500 levels in a debug build.
    let ids = try Self.diagnostics(Self.chain(4_900, last: "1")).map(\.id.rawValue)
    #expect(!ids.contains("check.circularDerived"))
  }

  @Test("a cycle through thousands of derived values is reported once")
  func longDerivedCycle() throws {
    let diagnostics = try Self.diagnostics(Self.chain(4_900, last: "d0"))
    let cycles = diagnostics.filter { $0.id.rawValue == "check.circularDerived" }
    #expect(cycles.count == 1)
    #expect(cycles.first?.span?.start.line == 1)
  }

  @Test("only the first unknown names get a did-you-mean, so thousands of them stay cheap")
  func suggestionsAreBounded() throws {
    // Before the fix every unknown name sorted and scanned every declared name: a 770 KB policy
    // of 60,000 unknown names took a minute to check, a 4 MiB one ten.
    let declared = (0..<300).map { "fact known_\($0): bool { label ar \"ع\" en \"k\" }\n" }.joined()
    let conditions = (0..<100).map { index in
      let names = (0..<30).map { "known_\($0)x\(index)" }.joined(separator: " or ")
      return "condition c\(index): \(names) {\n  label ar \"ش\" en \"c\"\n  assumed \"test\"\n}\n"
    }.joined()
    let unknown = try Self.diagnostics(declared + conditions).filter { $0.id.rawValue == "check.unknownName" }
    #expect(unknown.count == 3_000)
    let withHelp = unknown.filter { $0.help != nil }
    #expect(withHelp.count == 200)
    #expect(withHelp.allSatisfy { $0.help?.english.hasPrefix("did you mean") == true })
  }
}
