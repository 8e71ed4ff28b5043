import Foundation
import Testing

@testable import MizanTestSupport

/// The golden and path helpers other test targets rely on.
@Suite("Test support")
struct TestSupportTests {
  @Test("the package root holds Package.swift and the tests folder is this file's folder")
  func paths() {
    let root = Paths.packageRoot()
    #expect(FileManager.default.fileExists(atPath: root + "/Package.swift"))
    #expect(Paths.testsFolder() == root + "/Tests/MizanCoreTests")
  }

  @Test("a path's folder", arguments: [
    ("/a/b/c.swift", "/a/b"), ("/a/b/", "/a"), ("/a", "/"), ("/", "/"), ("c.swift", "."), ("a/b", "a"),
  ])
  func directory(path: String, expected: String) {
    #expect(Paths.directory(of: path) == expected)
  }

  @Test("a matching golden passes; a different or missing one is reported with why")
  func golden() throws {
    guard ProcessInfo.processInfo.environment["MIZAN_RECORD"] != "1" else { return }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-golden-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("sample.txt").path
    try Data("one\ntwo\n".utf8).write(to: URL(fileURLWithPath: path))

    assertGolden("one\ntwo\n", path: path)
    #expect(goldenMismatch("one\ntwo\n", path: path) == nil)
    let differs = try #require(goldenMismatch("one\nTWO\n", path: path))
    #expect(differs.hasPrefix("output differs from golden \(path)"))
    #expect(differs.contains("-    2 | two\n+    2 | TWO"))
    let missing = try #require(goldenMismatch("one\ntwo\n", path: path + ".missing"))
    #expect(missing.hasPrefix("golden file \(path).missing is missing"))
  }

  @Test("the difference shows changed lines with their numbers and two lines of context")
  func difference() {
    let expected = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
    let actual = expected.replacing("line 6\n", with: "line six\nline 6b\n")
    #expect(
      lineDifference(expected: expected, actual: actual) == """
        --- expected
        +++ actual
        @@ expected line 4, actual line 4 @@
             4 | line 4
             5 | line 5
        -    6 | line 6
        +    6 | line six
        +    7 | line 6b
             7 | line 7
             8 | line 8
        """)
  }

  @Test("a missing final newline is pointed out")
  func finalNewline() {
    let difference = lineDifference(expected: "a\nb\n", actual: "a\nb")
    #expect(difference.hasSuffix("-    3 |\n(the texts differ only in the final newline)"))
  }
}
