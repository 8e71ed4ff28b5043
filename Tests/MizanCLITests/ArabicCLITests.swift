import Foundation
import MizanTestSupport
import Testing

/// `--lang ar` reaches every message a command prints: check's summaries, replay, impact,
/// log repair and fmt, not only the evaluation reports. Each case is a golden, and each
/// output is searched for English sentences left behind.
@Suite("Arabic messages of every command", .serialized)
struct ArabicCLITests {
  /// English words that only a sentence meant for people would contain. Identifiers
  /// (`income_within_limit`), paths and code in backticks are not sentences and are removed first.
  static let englishWords = [
    "the", "is", "not", "of", "and", "with", "line", "lines", "error", "errors", "warning", "warnings",
    "checked", "reproduced", "diverged", "missing", "broken", "formatted", "saved", "would", "cannot",
    "does", "exist", "from", "to", "count", "rules", "affected", "applications", "impact", "torn", "bytes",
    "nothing", "repair", "left", "entries", "record", "ok", "approved", "assumed", "fingerprint", "cite",
  ]

  /// The English sentence words in `text`, after removing what is not prose.
  static func englishLeft(in text: String) -> [String] {
    // The command's name before a message (`mizan log repair: …`) is a name, not a sentence.
    var prose = text.replacing(/(?m)^mizan [a-z ]+:/, with: " ")
    prose = prose.replacing(/`[^`]*`/, with: " ")
    prose = prose.replacing(/[^\s]*[\/#\[\]][^\s]*/, with: " ")
    prose = prose.replacing(/[^\s]+\.[^\s]+/, with: " ")
    let words = prose.split(whereSeparator: { !$0.isLetter && $0 != "_" && $0 != "-" }).map(String.init)
    return words.filter { englishWords.contains($0.lowercased()) }
  }

  @Test("the detector finds English prose and ignores identifiers, paths and code")
  func detectorHasTeeth() {
    #expect(Self.englishLeft(in: "5 lines: 4 reproduced") == ["lines", "reproduced"])
    #expect(Self.englishLeft(in: "+income_within_limit (2) policies/raabigh/2024-01-15.mizan `mizan log repair LOG`").isEmpty)
    #expect(Self.englishLeft(in: "السياسات المفحوصة: 5\nmizan log repair: تعذّر").isEmpty)
    #expect(Self.englishLeft(in: "mizan log repair: cannot create") == ["cannot"])
  }

  static let cases: [(String, [String])] = [
    ("check-policies-ar", ["check", "policies", "--lang", "ar"]),
    ("replay-tampered-ar", ["replay", "fixtures/logs/tampered.jsonl", "--lang", "ar"]),
    ("replay-reordered-ar", ["replay", "fixtures/logs/reordered.jsonl", "--lang", "ar"]),
    ("replay-torn-tail-ar", ["replay", "fixtures/logs/torn-tail.jsonl", "--lang", "ar"]),
    ("replay-missing-log-ar", ["replay", "fixtures/logs/no-such.jsonl", "--lang", "ar"]),
    ("log-repair-dry-run-ar", ["log", "repair", "fixtures/logs/torn-tail.jsonl", "--lang", "ar"]),
    ("log-repair-whole-ar", ["log", "repair", "fixtures/logs/clean.jsonl", "--lang", "ar"]),
    ("fmt-check-ar", ["fmt", "--check", "policies", "--lang", "ar"]),
    ("fmt-missing-ar", ["fmt", "no-such-folder", "--lang", "ar"]),
  ]

  @Test("the command's Arabic output matches its golden and has no English sentence left", arguments: cases)
  func golden(name: String, arguments: [String]) throws {
    let result = try MizanProcess.run(arguments)
    assertGolden(result.transcript(command: arguments.joined(separator: " ")), path: "golden/arabic/\(name).txt")
    let leftover = Self.englishLeft(in: result.standardOutput + result.standardError)
    #expect(leftover.isEmpty, "English left in `\(arguments.joined(separator: " "))`: \(leftover)")
  }

  @Test("the same commands in English still speak English: the detector would see them")
  func englishStaysEnglish() throws {
    for (_, arguments) in Self.cases.filter({ !$0.0.hasPrefix("fmt-check") }) {
      let english = Array(arguments.dropLast(2))
      let result = try MizanProcess.run(english)
      #expect(!Self.englishLeft(in: result.standardOutput + result.standardError).isEmpty, "\(english)")
    }
  }

  /// A copy of the shipped policies whose raabigh version is an unapproved draft with a lower
  /// income limit, and a file that is not formatted.
  static func scratchPolicies(_ name: String) throws -> String {
    let folder = try MizanProcess.temporaryDirectory(name)
    try MizanProcess.copy(Paths.packageRoot() + "/policies", to: folder + "/policies")
    return folder
  }

  @Test("impact in Arabic: headings, verdicts and a record that no longer reads under the new version")
  func impact() throws {
    let folder = try Self.scratchPolicies("impact-ar")
    let file = folder + "/policies/raabigh/2024-01-15.mizan"
    var text = try #require(MizanProcess.readText(file))
    text = text.replacingOccurrences(of: "money = 1500 SAR", with: "money = 400 SAR")
    try MizanProcess.writeText(text, to: file)
    let log = Paths.packageRoot() + "/fixtures/logs/clean.jsonl"
    let result = try MizanProcess.run(["impact", log, "--to", file, "--lang", "ar"])
    #expect(result.exitCode == 0, "\(result.standardError)")
    let stable = result.standardOutput.replacingOccurrences(of: Paths.packageRoot() + "/", with: "")
    assertGolden(stable, path: "golden/arabic/impact-lower-limit-ar.txt")
    #expect(Self.englishLeft(in: stable).isEmpty, "\(Self.englishLeft(in: stable))")
    #expect(stable.contains("مستحق → غير مستحق"))

    // A version that renames a fact the logged records give: each record no longer reads.
    let renamed = text.replacingOccurrences(of: "household_size", with: "family_size")
    try MizanProcess.writeText(renamed, to: file)
    let broken = try MizanProcess.run(["impact", log, "--to", file, "--lang", "ar"])
    #expect(broken.exitCode == 0, "\(broken.standardError)")
    #expect(broken.standardOutput.contains("بيانات الطلب: "), "\(broken.standardOutput)")
    #expect(broken.standardOutput.contains("خطأ في البيانات"))
    let english = try MizanProcess.run(["impact", log, "--to", file])
    #expect(english.standardOutput.contains("record: "))
  }

  @Test("log repair in Arabic: the dry run, the repair and its failure when the side file exists")
  func repair() throws {
    let folder = try MizanProcess.temporaryDirectory("repair-ar")
    let log = folder + "/decisions.jsonl"
    try MizanProcess.copy(Paths.packageRoot() + "/fixtures/logs/torn-tail.jsonl", to: log)
    let size = try #require(FileManager.default.attributesOfItem(atPath: log)[.size] as? Int)
    // The torn line starts after the last newline.
    let offset = try #require(MizanProcess.readText(log)?.utf8.lastIndex(of: UInt8(ascii: "\n"))
      .map { (MizanProcess.readText(log) ?? "").utf8.distance(from: (MizanProcess.readText(log) ?? "").utf8.startIndex, to: $0) + 1 })
    // The side file is already there: the repair refuses, in Arabic, and the log is untouched.
    try MizanProcess.writeText("x", to: "\(log).torn-\(offset)")
    let refused = try MizanProcess.run(["log", "repair", log, "--yes", "--lang", "ar"])
    #expect(refused.exitCode == 1)
    #expect(refused.standardError.contains("تعذّر إنشاء"), "\(refused.standardError)")
    #expect(Self.englishLeft(in: refused.standardError).isEmpty, "\(refused.standardError)")
    #expect(try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int == size)
    try FileManager.default.removeItem(atPath: "\(log).torn-\(offset)")
    let repaired = try MizanProcess.run(["log", "repair", log, "--yes", "--lang", "ar"])
    #expect(repaired.exitCode == 0, "\(repaired.standardError)")
    #expect(repaired.standardOutput.contains("حُفظ السطر المبتور في \(log).torn-\(offset)؛ ينتهي السجل الآن عند السطر 4"))
    #expect(Self.englishLeft(in: repaired.standardOutput).isEmpty, "\(repaired.standardOutput)")
  }

  @Test("fmt and check in Arabic on a file with an error and one that is not formatted")
  func fmtAndCheck() throws {
    let folder = try Self.scratchPolicies("fmt-ar")
    let file = folder + "/policies/taafi/2020-01-22.mizan"
    let text = try #require(MizanProcess.readText(file))
    // Extra blank lines: not formatted, and formatting changes no token (allowed for an approved file).
    try MizanProcess.writeText(text.replacingOccurrences(of: "\n\n", with: "\n\n\n"), to: file)
    let check = try MizanProcess.run(["fmt", "--check", "policies", "--lang", "ar"], in: folder)
    #expect(check.exitCode == 1)
    #expect(check.standardOutput == "policies/taafi/2020-01-22.mizan: غير منسَّق\n")
    let format = try MizanProcess.run(["fmt", "policies", "--lang", "ar"], in: folder)
    #expect(format.exitCode == 0, "\(format.standardError)")
    #expect(format.standardOutput == "نُسِّق policies/taafi/2020-01-22.mizan\n")
    #expect(try MizanProcess.readText(file) == text)

    let rida = folder + "/policies/rida/2021-12-11.mizan"
    let ridaText = try #require(MizanProcess.readText(rida))
    try MizanProcess.writeText(ridaText + "\nrule broken: undeclared_name > 1\n", to: rida)
    let checked = try MizanProcess.run(["check", "policies", "--lang", "ar"], in: folder)
    #expect(checked.exitCode == 1)
    #expect(checked.standardOutput.contains("rida/2021-12-11.mizan: خطأ واحد\n"), "\(checked.standardOutput)")
    #expect(checked.standardOutput.hasSuffix("السياسات المفحوصة: 5 — ذات أخطاء: 1، التحذيرات: 0\n"), "\(checked.standardOutput)")
    #expect(Self.englishLeft(in: checked.standardOutput).isEmpty, "\(Self.englishLeft(in: checked.standardOutput))")
  }
}
