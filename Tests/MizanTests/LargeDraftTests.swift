import Foundation
import MizanCore
import MizanTestSupport
import Testing

@testable import Mizan

/// A big generated draft beside the approved raabigh version: decisions under the approved
/// version neither change nor wait for it. Loading for evaluation checks names and types only;
/// the analyses of `mizan check` (which would find the draft's contradiction) are not run.
@Suite("A large draft beside an approved version")
struct LargeDraftTests {
  /// The approved raabigh file turned into a draft effective 2026-01-01, with two conditions
  /// that contradict each other and `count` generated conditions of sixteen alternatives each.
  static func draft(conditions count: Int) throws -> String {
    let approved = try #require(MizanProcess.readText(Paths.packageRoot() + "/policies/raabigh/2024-01-15.mizan"))
    let start = try #require(approved.range(of: "  approved {"))
    let end = try #require(approved.range(of: "  }\n", range: start.upperBound..<approved.endIndex))
    var text = approved.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "  draft \"generated\"\n")
      .replacingOccurrences(of: "version \"2024-01-15\"", with: "version \"2026-01-01\"")
      .replacingOccurrences(of: "effective 2024-01-15", with: "effective 2026-01-01")
    text += """

      condition generated_high_income: monthly_income > 5000 SAR {
        label ar "دخل مرتفع" en "High income"
        assumed "generated"
      }

      condition generated_low_income: monthly_income < 100 SAR {
        label ar "دخل منخفض" en "Low income"
        assumed "generated"
      }

      """
    for index in 0..<count {
      let alternatives = (0..<16).map { step in
        "(monthly_income > \(index * 100 + step) SAR and household_size < \(step + 2))"
      }
      text += """
        condition generated_\(index): \(alternatives.joined(separator: " or ")) {
          label ar "شرط \(index)" en "Condition \(index)"
          assumed "generated"
        }

        """
    }
    return text
  }

  /// A copy of the shipped policies folder with the draft written beside raabigh's approved file.
  static func policiesWithDraft() throws -> (root: String, draft: String, size: Int) {
    let folder = try MizanProcess.temporaryDirectory("large-draft")
    try MizanProcess.copy(Paths.packageRoot() + "/policies", to: folder + "/policies")
    let text = try draft(conditions: 380)
    let path = folder + "/policies/raabigh/2026-01-01.mizan"
    try MizanProcess.writeText(text, to: path)
    return (folder + "/policies", path, text.utf8.count)
  }

  @Test("the draft is loaded for choosing a version but not analysed; decisions under the approved version do not change")
  func notAnalysed() throws {
    let (root, draftPath, size) = try Self.policiesWithDraft()
    #expect(size > 300_000, "the draft must be large: \(size) bytes")
    let store = PolicyStore(root: root)

    // `mizan check`'s analysis finds the contradiction: so its absence below means it did not run.
    let analysed = try store.load(draftPath, verifyingApproval: false, analyzing: true).get()
    #expect(analysed.warnings.contains { $0.id.rawValue == "check.conditionsContradict" })

    let policies = try store.policies(of: "raabigh").get()
    let loadedDraft = try #require(policies.versions.first { $0.isDraft })
    #expect(loadedDraft.version == "2026-01-01")
    #expect(!loadedDraft.warnings.contains { $0.id.rawValue.hasPrefix("check.condition") })
    #expect(loadedDraft.warnings.isEmpty, "\(loadedDraft.warnings.map(\.id))")

    // The same outcome bytes as with the shipped folder, draft or no draft.
    let record = try #require(MizanProcess.readText(Paths.packageRoot()
                                                     + "/fixtures/records/raabigh/eligible-complete.json"))
    let withDraft = try Engine(store: store).evaluate(recordBytes: Array(record.utf8)).get()
    let shipped = try Engine(store: PolicyStore(root: Paths.packageRoot() + "/policies"))
      .evaluate(recordBytes: Array(record.utf8)).get()
    #expect(withDraft.policy.identity.version == "2024-01-15")
    #expect(withDraft.canonicalJSON == shipped.canonicalJSON)

    // Choosing the approved version neither hashes the draft nor lowers its plan; the chosen
    // version gets both when it evaluates.
    let chosen = try policies.choose(on: try CalendarDate.parse("2024-03-10").get(), includeDrafts: false).get()
    #expect(chosen.identity.version == "2024-01-15")
    _ = chosen.evaluator
    #expect(chosen.hasPreparedForEvaluation == (true, true))
    #expect(loadedDraft.hasPreparedForEvaluation == (false, false))
  }

  @Test("mizan check reports the draft's contradiction, and its pairing of conditions stops within its budget")
  func checkAnalyses() throws {
    let (root, draftPath, _) = try Self.policiesWithDraft()
    let check = try MizanProcess.run(["check", draftPath])
    #expect(check.exitCode == 0, "\(check.standardError)")
    #expect(check.standardError.contains("check.conditionsContradict"))
    #expect(check.standardError.contains("conditions `generated_high_income` and `generated_low_income` contradict"))
    // 382 conditions of up to 256 conjunctions per pair are far beyond the budget.
    #expect(check.standardError.contains("note[check.contradictionsNotAllChecked]"))
    // The note is not counted as a warning; the contradictions found are.
    #expect(check.standardOutput.contains("0 with errors, \(check.standardError.components(separatedBy: "warning[").count - 1) warnings"))

    let record = Paths.packageRoot() + "/fixtures/records/raabigh/eligible-complete.json"
    let eval = try MizanProcess.run(["eval", record, "--policies", root, "--format", "json"])
    #expect(eval.exitCode == 0, "\(eval.standardError)")
    #expect(eval.standardError.isEmpty)
    let shipped = try MizanProcess.run(["eval", record, "--format", "json"])
    #expect(eval.standardOutput == shipped.standardOutput)
  }
}
