import MizanCore
import MizanSyntax
import MizanTestSupport
import Testing

@testable import Mizan

/// The fingerprint of a version (docs/versions.md): SHA-256 over the tokens of the version file
/// and its includes. Layout, line endings and comments do not change it; any token does.
@Suite("Fingerprint: stability and sensitivity")
struct FingerprintTests {
  static let main = """
    # A version file for fingerprint tests.
    policy sample {
      name ar "جمعية العينة" en "Sample association"
      version "2024-07-01"
      effective 2024-07-01
      approved {
        body ar "مجلس الإدارة" en "Board of directors"
        meeting "9"
        date 2024-06-07
      }
    }

    include "../common/channels.mizan"

    fact monthly_income: money {
      label ar "الدخل الشهري" en "Monthly income"
    }

    parameter income_limit: money = 4000 SAR {
      label ar "حد الدخل" en "Income limit"
      cite "ألا يتجاوز دخل الأسرة الحد المعتمد"
    }

    condition income_within_limit: monthly_income <= income_limit {
      label ar "الدخل ضمن الحد" en "Income within the limit"
      cite "ألا يتجاوز دخل الأسرة الحد المعتمد"
    }

    """

  static let include = """
    enum channel {
      label ar "القنوات" en "Channels"
      value interview ar "المقابلة" en "Interview"
    }

    """

  /// The fingerprint of the version file and its one include, under their names in the policies folder.
  static func fingerprint(main: String = main, include: String = include) -> String {
    Fingerprint.of([
      SourceFile(path: "policies/sample/2024-07-01.mizan", text: main, name: "sample/2024-07-01.mizan"),
      SourceFile(path: "policies/common/channels.mizan", text: include, name: "common/channels.mizan"),
    ])
  }

  static func formatted(_ text: String) -> String {
    Formatter.format(Parser.parse(SourceFile(path: "x.mizan", text: text)).0)
  }

  @Test("is 64 lowercase hex digits and the same on every run")
  func shape() {
    let value = Self.fingerprint()
    #expect(ApprovalsLock.isFingerprint(value))
    #expect(value == Self.fingerprint())
  }

  @Test("the canonical form is exactly the one docs/versions.md gives")
  func documentedForm() {
    let source = SourceFile(path: "p/t.mizan", text: "fact x: count { label ar \"س\" en \"X\" } # note\n", name: "t.mizan")
    let documented = "mizan-fingerprint-v1\nfile t.mizan\n"
      + "id 4:fact\nid 1:x\nop 1::\nid 5:count\nop 1:{\nid 5:label\nid 2:ar\nstr 2:س\nid 2:en\nstr 1:X\nop 1:}\n"
    #expect(Fingerprint.of([source]) == SHA256.hash(documented).hex)
  }

  /// Rewrites that change layout only.
  static let layoutChanges: [(String, @Sendable (String) -> String)] = [
    ("formatted by `mizan fmt` (Formatter.format) from a messy layout", { text in
      // Squash every run of blanks and line breaks, then let the formatter lay it out again.
      let messy = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        .map { $0.drop { $0 == " " } }.joined(separator: "\n  \n\t")
      return formatted(messy)
    }),
    ("re-indented with tabs and deeper levels", { text in
      text.split(separator: "\n", omittingEmptySubsequences: false).map { "\t    " + $0 }.joined(separator: "\n")
    }),
    ("with CRLF line endings", { $0.replacingOccurrences(of: "\n", with: "\r\n") }),
    ("with comments added, changed and removed", { text in
      text.replacingOccurrences(of: "# A version file for fingerprint tests.", with: "# Another comment entirely")
        .replacingOccurrences(of: "fact monthly_income", with: "# the income, as declared\nfact monthly_income")
        .replacingOccurrences(of: "money = 4000 SAR {", with: "money = 4000 SAR { # the limit")
    }),
    ("with the header on fewer lines and blank lines removed", { text in
      text.replacingOccurrences(of: "\n\n", with: "\n")
        .replacingOccurrences(of: "version \"2024-07-01\"\n  effective", with: "version \"2024-07-01\" effective")
    }),
  ]

  @Test("layout, line endings and comments leave it unchanged", arguments: layoutChanges.indices)
  func stability(index: Int) {
    let (name, change) = Self.layoutChanges[index]
    let changed = change(Self.main)
    #expect(changed != Self.main, "\(name): the rewrite changed nothing")
    #expect(Self.fingerprint(main: changed) == Self.fingerprint(), "\(name)")
  }

  @Test("formatting the include leaves it unchanged, and so does formatting an already formatted file")
  func formattingIsStable() {
    #expect(Self.fingerprint(include: Self.formatted("  # hi\n" + Self.include)) == Self.fingerprint())
    let once = Self.formatted(Self.main)
    #expect(Self.formatted(once) == once)
    #expect(Self.fingerprint(main: once) == Self.fingerprint())
  }

  /// One character changed in each kind of token.
  static let tokenChanges: [(String, String, String)] = [
    ("a label", "en \"Monthly income\"", "en \"Monthly incomes\""),
    ("an Arabic label", "ar \"حد الدخل\"", "ar \"حد الدخول\""),
    ("a citation", "cite \"ألا يتجاوز دخل الأسرة الحد المعتمد\"\n}\n\ncondition",
     "cite \"ألا يتجاوز دخل الأسرة الحد المعتمد.\"\n}\n\ncondition"),
    ("a number", "4000 SAR", "4001 SAR"),
    ("a name", "monthly_income <= income_limit", "monthly_incomf <= income_limit"),
    ("an operator", "monthly_income <= income_limit", "monthly_income < income_limit"),
    ("a date", "effective 2024-07-01", "effective 2024-07-02"),
    ("the meeting", "meeting \"9\"", "meeting \"8\""),
    ("a word split into two texts", "en \"Income limit\"", "en \"Income \" \"limit\""),
  ]

  @Test("one changed character in a token changes it", arguments: tokenChanges)
  func sensitivity(kind: String, old: String, new: String) {
    #expect(Self.main.contains(old), "\(kind): the fixture lacks \(old)")
    let changed = Self.main.replacingOccurrences(of: old, with: new)
    #expect(Self.fingerprint(main: changed) != Self.fingerprint(), "\(kind)")
  }

  @Test("a change in an included file changes the version's fingerprint")
  func includeSensitivity() {
    let changed = Self.include.replacingOccurrences(of: "en \"Interview\"", with: "en \"Interviews\"")
    #expect(Self.fingerprint(include: changed) != Self.fingerprint())
    let renamed = Fingerprint.of([
      SourceFile(path: "policies/sample/2024-07-01.mizan", text: Self.main, name: "sample/2024-07-01.mizan"),
      SourceFile(path: "policies/common/other.mizan", text: Self.include, name: "common/other.mizan"),
    ])
    #expect(renamed != Self.fingerprint(), "which file a declaration comes from is part of the version")
  }

  @Test("a rewrite `mizan fmt` makes to tokens (redundant parentheses) changes it, so approve asks for fmt first")
  func formatterTokenChanges() {
    let parenthesized = Self.main.replacingOccurrences(of: "monthly_income <= income_limit",
                                                       with: "(monthly_income) <= income_limit")
    #expect(Self.fingerprint(main: parenthesized) != Self.fingerprint())
    #expect(Self.fingerprint(main: Self.formatted(parenthesized)) == Self.fingerprint())
  }

  @Test("the shipped fixture versions are formatted in tokens, so `mizan fmt` cannot change their fingerprints")
  func fixturesAreStableUnderFormatting() throws {
    let store = PolicyStore(root: Paths.packageRoot() + "/fixtures/policies/versions")
    for path in store.versionPaths(of: "sample") {
      let policy = try store.load(path, verifyingApproval: false).get()
      #expect(policy.filesChangedByFormatting == [], "\(path)")
    }
  }
}
