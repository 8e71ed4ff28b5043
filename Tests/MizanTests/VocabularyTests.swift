import Foundation
import MizanCore
import MizanTestSupport
import Testing

@testable import Mizan

/// Vocabularies kept in data files: read with the policy, fingerprinted with it, tested with `in`.
@Suite("Vocabularies from data files")
struct VocabularyTests {
  static let fixture = Paths.packageRoot() + "/fixtures/policies/vocabulary"

  static func record(_ village: String) -> [UInt8] {
    Array("""
      {"application_id": "V-1", "association": "sample", "submitted_on": "2024-03-10", "channel": "interview",
       "facts": {"village": \(village)}}
      """.utf8)
  }

  @Test("a village in the file is in the area; spaces and tatweel do not count; letters do", arguments: [
    (#""مستورة""#, "eligible"), (#""  مستورة ""#, "eligible"), (#""مستـــورة""#, "eligible"), (#""النويبع""#, "eligible"),
    (#""جدة""#, "ineligible"), (#""مستوره""#, "ineligible"), (##""# رابغ""##, "ineligible"), ("null", "incomplete"),
  ])
  func membership(village: String, verdict: String) throws {
    let engine = Engine(store: PolicyStore(root: Self.fixture))
    let evaluation = try engine.evaluate(recordBytes: Self.record(village), includeDrafts: true).get()
    #expect(evaluation.outcome.verdict.rawValue == verdict)
  }

  /// A scratch copy of the fixture, so its data file can be changed.
  static func scratch(_ name: String) throws -> String {
    let folder = try MizanProcess.temporaryDirectory(name)
    try MizanProcess.copy(Self.fixture, to: folder + "/policies")
    return folder + "/policies"
  }

  @Test("changing the data file changes the fingerprint; reformatting it does not")
  func fingerprint() throws {
    let root = try Self.scratch("vocabulary-fingerprint")
    let file = root + "/sample/data/villages.txt"
    let original = try PolicyStore(root: root).load(root + "/sample/2024-01-01.mizan").get().fingerprint
    let text = try #require(MizanProcess.readText(file))
    try MizanProcess.writeText("\n" + text.replacingOccurrences(of: "\n", with: "\n\n  "), to: file)
    #expect(try PolicyStore(root: root).load(root + "/sample/2024-01-01.mizan").get().fingerprint == original)
    try MizanProcess.writeText(text + "الجحفة\n", to: file)
    #expect(try PolicyStore(root: root).load(root + "/sample/2024-01-01.mizan").get().fingerprint != original)
  }

  @Test("a missing data file, or one outside the policies folder, stops the version with the file named")
  func unreadable() throws {
    let root = try Self.scratch("vocabulary-missing")
    let version = root + "/sample/2024-01-01.mizan"
    let text = try #require(MizanProcess.readText(version))
    try MizanProcess.writeText(text.replacingOccurrences(of: "data/villages.txt", with: "data/vilages.txt"), to: version)
    let missing = PolicyStore(root: root).load(version)
    guard case .failure(let failure) = missing else {
      Issue.record("loaded with a missing data file")
      return
    }
    #expect(failure.diagnostics.map(\.message.text.english)
      == ["cannot read the vocabulary file `data/vilages.txt`: no such file"])
    try MizanProcess.writeText(text.replacingOccurrences(of: "data/villages.txt", with: "../../../etc/hostname"), to: version)
    guard case .failure(let outside) = PolicyStore(root: root).load(version) else {
      Issue.record("loaded a data file outside the folder")
      return
    }
    #expect(outside.diagnostics.map(\.id.rawValue) == ["policy.vocabularyOutsideFolder"])
  }
}
