import Foundation
import MizanCore
import MizanTestSupport

@testable import MizanSyntax

/// The golden folders beside these tests and the source files in them.
enum GoldenCases {
  /// This file's folder, where `golden/` sits.
  static let testsFolder = Paths.testsFolder()

  /// The stems of the `.mizan` files in `golden/<folder>`, sorted (`unknown-clause`, …).
  static func stems(in folder: String) -> [String] {
    let path = testsFolder + "/golden/" + folder
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.filter { $0.hasSuffix(".mizan") }.map { String($0.dropLast(".mizan".count)) }.sorted()
  }

  /// The case's source, named by its path inside `golden/` so rendered positions do not
  /// depend on where the package is checked out.
  static func source(_ stem: String, in folder: String) throws -> SourceFile {
    let relative = folder + "/" + stem + ".mizan"
    return try sourceFile(at: testsFolder + "/golden/" + relative, name: relative)
  }

  /// The golden path (relative to this folder) of a case's expected output.
  static func goldenPath(_ stem: String, in folder: String, extension suffix: String) -> String {
    "golden/" + folder + "/" + stem + "." + suffix
  }

  /// The file's bytes as a source named `name`.
  static func sourceFile(at path: String, name: String) throws -> SourceFile {
    guard let data = FileManager.default.contents(atPath: path) else { throw TestError("cannot read \(path)") }
    return SourceFile(path: name, bytes: Array(data))
  }

  /// Every `.mizan` file under the package's `policies/` folder, sorted.
  static func policyFiles() -> [String] {
    // Resolved, because an enumerator does not descend into a folder given as a symbolic link.
    let root = URL(fileURLWithPath: Paths.packageRoot() + "/policies").resolvingSymlinksInPath().path
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
    return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".mizan") }.sorted()
      .map { root + "/" + $0 }
  }
}

/// A test's own failure: a file it could not read, a shape it did not find.
struct TestError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// Parsing from text, for tests that write their source inline.
func parse(_ text: String, path: String = "test.mizan") -> (file: PolicyFile, diagnostics: [Diagnostic]) {
  Parser.parse(SourceFile(path: path, text: text))
}
