import Foundation
import MizanTestSupport
import Testing

/// The attacks of an adversarial tester (issue 17), end to end through the built `mizan`, each on
/// a scratch copy of the versions fixture (`sample`: approved 2024-01-01 and 2024-07-01, a
/// draft 2025-01-01). Every run has a time limit, so a hang fails its test.
@Suite("Adversarial inputs through the command line", .serialized)
struct AdversarialCLITests {
  static let limit = 60.0

  /// A scratch folder holding `policies/` (the versions fixture) and records for `sample`.
  static func scratch(_ name: String) throws -> String {
    let folder = try MizanProcess.temporaryDirectory(name)
    try MizanProcess.copy(Paths.packageRoot() + "/fixtures/policies/versions", to: folder + "/policies")
    for (file, day) in [("2024-03.json", "2024-03-01"), ("2024-08.json", "2024-08-01"), ("2025-02.json", "2025-02-01")] {
      try MizanProcess.writeText(record(submittedOn: day), to: folder + "/" + file)
    }
    return folder
  }

  static func record(submittedOn day: String, income: Int = 3500) -> String {
    """
    {"application_id": "S-\(day)", "association": "sample", "submitted_on": "\(day)", "channel": "interview", \
    "facts": {"monthly_income": \(income)}}

    """
  }

  static func run(_ arguments: [String], in folder: String) throws -> ProcessResult {
    let result = try MizanProcess.run(arguments, in: folder, timeLimit: limit)
    #expect(!result.timedOut, "mizan \(arguments.joined(separator: " ")) hung")
    return result
  }

  static let draft = "policies/sample/2025-01-01.mizan"

  /// Inserts `line` after the draft's include of the channels.
  static func addToDraft(_ line: String, in folder: String) throws {
    let text = try #require(MizanProcess.readText(folder + "/" + draft))
    let include = "include \"../common/channels.mizan\"\n"
    #expect(text.contains(include))
    try MizanProcess.writeText(text.replacingOccurrences(of: include, with: include + line + "\n"), to: folder + "/" + draft)
  }

  // MARK: - Choosing a version

  @Test("a deleted approved version: eval, batch and the earlier period all refuse with exit 4, naming the file")
  func deletedApprovedVersion() throws {
    let folder = try Self.scratch("deleted-approved")
    let before = try Self.run(["eval", "2024-08.json", "--format", "json"], in: folder)
    #expect(before.exitCode == 0)
    try FileManager.default.removeItem(atPath: folder + "/policies/sample/2024-07-01.mizan")
    for record in ["2024-08.json", "2024-03.json"] {
      let eval = try Self.run(["eval", record], in: folder)
      #expect(eval.exitCode == 4, "\(record): \(eval.standardOutput)")
      #expect(eval.standardOutput.isEmpty)
      #expect(eval.standardError.contains("error[policy.approvedVersionMissing]"))
      #expect(eval.standardError.contains("`sample/2024-07-01.mizan` does not exist"))
    }
    let batch = try Self.run(["batch", "2024-08.json"], in: folder)
    #expect(batch.exitCode == 4)
    #expect(batch.standardOutput.contains("\"id\":\"record.policyNotLoaded\""))
    #expect(!batch.standardOutput.contains("\"verdict\""))
  }

  @Test("a broken draft is left out with a warning naming it; the approved version still decides; check fails")
  func brokenDraft() throws {
    let folder = try Self.scratch("broken-draft")
    try Self.addToDraft("condition broken: undeclared_name > 3 { label ar \"خ\" en \"B\" assumed \"t\" }", in: folder)
    let eval = try Self.run(["eval", "2024-08.json", "--format", "json"], in: folder)
    #expect(eval.exitCode == 0, "\(eval.standardError)")
    #expect(eval.standardOutput.contains("\"version\":\"2024-07-01\""))
    #expect(eval.standardError == "mizan eval: warning: the draft `sample/2025-01-01.mizan` does not load and was "
      + "left out (`mizan check` shows why)\n")
    let batch = try Self.run(["batch", "2024-08.json"], in: folder)
    #expect(batch.exitCode == 0)
    #expect(batch.standardError.contains("`sample/2025-01-01.mizan`"))
    // Asked for drafts, on a date the draft would decide: the broken draft is a refusal.
    let withDraft = try Self.run(["eval", "2025-02.json", "--draft"], in: folder)
    #expect(withDraft.exitCode == 4)
    #expect(withDraft.standardError.contains("undeclared_name"))
    let check = try Self.run(["check", "policies"], in: folder)
    #expect(check.exitCode == 1)
  }

  // MARK: - Policy folders that attack the loader

  @Test("an include loop through symbolic links is a cycle, found at once, in check and eval")
  func includeLoopThroughLinks() throws {
    let folder = try Self.scratch("include-loop")
    try MizanProcess.writeText("include \"a/x.mizan\"\ninclude \"b/x.mizan\"\n", to: folder + "/policies/common/x.mizan")
    #expect(symlink(".", folder + "/policies/common/a") == 0)
    #expect(symlink(".", folder + "/policies/common/b") == 0)
    try Self.addToDraft("include \"../common/x.mizan\"", in: folder)
    let check = try Self.run(["check", Self.draft], in: folder)
    #expect(check.exitCode == 1)
    #expect(check.standardError.contains("error[policy.includeCycle]: include cycle: `a/x.mizan` ends up including itself"))
    let eval = try Self.run(["eval", "2025-02.json", "--draft"], in: folder)
    #expect(eval.exitCode == 4)
    #expect(eval.standardError.contains("policy.includeCycle"))
  }

  @Test("a FIFO among the versions or as approvals.lock is named, never opened")
  func fifos() throws {
    let folder = try Self.scratch("fifo")
    #expect(mkfifo(folder + "/policies/sample/notes.mizan", 0o644) == 0)
    let check = try Self.run(["check", "policies"], in: folder)
    #expect(check.exitCode == 1)
    #expect(check.standardError.contains(
      "error[policy.notARegularFile]: `sample/notes.mizan` is a FIFO (named pipe), not a policy file; it is not opened"))
    // A file whose name is not a date is not a version: evaluation goes on.
    let eval = try Self.run(["eval", "2024-08.json"], in: folder)
    #expect(eval.exitCode == 0, "\(eval.standardError)")
    let versions = try Self.run(["versions"], in: folder)
    #expect(!versions.timedOut)
    try FileManager.default.removeItem(atPath: folder + "/policies/sample/notes.mizan")

    try FileManager.default.removeItem(atPath: folder + "/policies/approvals.lock")
    #expect(mkfifo(folder + "/policies/approvals.lock", 0o644) == 0)
    let lockCheck = try Self.run(["check", "policies"], in: folder)
    #expect(lockCheck.exitCode == 1)
    #expect(lockCheck.standardError.contains("`policies/approvals.lock`: it is a FIFO (named pipe), not a regular file"))
    #expect(!lockCheck.standardError.contains("permission"))
    let lockEval = try Self.run(["eval", "2024-08.json"], in: folder)
    #expect(lockEval.exitCode == 4)
  }

  @Test("an include that leaves the policies folder is refused unread")
  func includeOutsideFolder() throws {
    let folder = try Self.scratch("include-outside")
    let secret = "secret-\(UUID().uuidString)"
    try MizanProcess.writeText("fact \(secret): bool\n", to: folder + "/outside.mizan")
    try Self.addToDraft("include \"../../../outside.mizan\"", in: folder)
    let check = try Self.run(["check", Self.draft], in: folder)
    #expect(check.exitCode == 1)
    #expect(check.standardError.contains("error[policy.includeOutsideFolder]"))
    #expect(!check.standardError.contains(secret))
    try Self.addToDraft("include \"../../../../../../../../../../etc/hostname\"", in: folder)
    let etc = try Self.run(["check", Self.draft], in: folder)
    #expect(etc.standardError.contains("`../../../../../../../../../../etc/hostname` lies outside the policies folder"))
  }

  // MARK: - Batch paths

  @Test("batch refuses to write over its own input, however the path is spelled", arguments: [
    "./in.jsonl", "sub/../in.jsonl", "ABSOLUTE/in.jsonl", "ABSOLUTE/../FOLDER/in.jsonl", "link.jsonl",
  ])
  func batchOverOwnInput(output: String) throws {
    let folder = try Self.scratch("batch-self")
    let input = Self.record(submittedOn: "2024-08-01")
    try MizanProcess.writeText(input, to: folder + "/in.jsonl")
    try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
    #expect(symlink(folder + "/in.jsonl", folder + "/link.jsonl") == 0)
    let spelled = output.replacingOccurrences(of: "ABSOLUTE", with: folder)
      .replacingOccurrences(of: "FOLDER", with: (folder as NSString).lastPathComponent)
    let result = try Self.run(["batch", "in.jsonl", "-o", spelled], in: folder)
    #expect(result.exitCode == 2, "\(spelled): \(result.standardError)")
    #expect(result.standardError.contains("is the input"), "\(result.standardError)")
    #expect(MizanProcess.readText(folder + "/in.jsonl") == input)
  }

  @Test("a full disk is a failure (exit 1) with the reason, for batch -o, batch and eval to standard output")
  func fullDisk() throws {
    let folder = try Self.scratch("full-disk")
    let toDevice = try Self.run(["batch", "2024-08.json", "-o", "/dev/full"], in: folder)
    #expect(toDevice.exitCode == 1)
    #expect(toDevice.standardError.contains("No space left on device"))
    let shell = "'\(MizanProcess.executablePath)' eval 2024-08.json > /dev/full; echo \"exit $?\" >&2"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", shell]
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(text == "mizan: cannot write the output: No space left on device\nexit 1\n")
  }

  // MARK: - The wrong policies folder

  @Test("a wrong policies folder is named as such (exit 4), never blamed on the record", arguments: [
    ["eval", "2024-08.json", "--policies", "/nonexistent"],
    ["eval", "2024-08.json", "--policies", "policies/sample"],
    ["batch", "2024-08.json", "--policies", "/nonexistent"],
    ["replay", "LOG", "--policies", "/nonexistent"],
    ["eval", "2024-08.json", "--policies", "policies/sample/2024-01-01.mizan"],
  ])
  func wrongPoliciesFolder(arguments: [String]) throws {
    let folder = try Self.scratch("wrong-folder")
    let log = Paths.packageRoot() + "/fixtures/logs/clean.jsonl"
    let result = try Self.run(arguments.map { $0 == "LOG" ? log : $0 }, in: folder)
    #expect(result.exitCode == 4, "\(result.standardOutput)\(result.standardError)")
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError.contains("point at the policies folder with --policies DIR or MIZAN_POLICIES"),
            "\(result.standardError)")
    #expect(!result.standardError.contains("unknown association"))
  }

  @Test("run from a folder without policies/: eval says so instead of 'unknown association'")
  func outsideTheRepository() throws {
    let folder = try MizanProcess.temporaryDirectory("no-policies")
    try MizanProcess.writeText(Self.record(submittedOn: "2024-08-01"), to: folder + "/r.json")
    let result = try Self.run(["eval", "r.json"], in: folder)
    #expect(result.exitCode == 4)
    #expect(result.standardError == "mizan eval: the policies folder `policies` does not exist; point at the policies "
      + "folder with --policies DIR or MIZAN_POLICIES\n")
  }

  @Test("replay names what a missing policy is: the association, version and fingerprint of the entry")
  func replayPolicyMissing() throws {
    let folder = try Self.scratch("replay-missing")
    let log = Paths.packageRoot() + "/fixtures/logs/clean.jsonl"
    let result = try Self.run(["replay", log], in: folder)
    #expect(result.exitCode == 1)
    #expect(result.standardOutput.contains("policy missing — no version in the policies folder has fingerprint "))
    #expect(result.standardOutput.contains("(the entry was decided under raabigh 2024-01-15)"))
  }

  // MARK: - Records

  @Test("a Hijri date written without its H is refused with the hint, in eval and batch", arguments: [
    ("\"submitted_on\": \"1445-08-29\"", "1445-08-29H"),
    ("\"submitted_on\": \"١٤٤٥-٠٨-٢٩\"", "١٤٤٥-٠٨-٢٩H"),
  ])
  func hijriWithoutH(field: String, hint: String) throws {
    let folder = try Self.scratch("hijri-without-h")
    let text = Self.record(submittedOn: "2024-08-01").replacingOccurrences(of: "\"submitted_on\": \"2024-08-01\"", with: field)
    try MizanProcess.writeText(text, to: folder + "/hijri.json")
    let eval = try Self.run(["eval", "hijri.json"], in: folder)
    #expect(eval.exitCode == 3)
    #expect(eval.standardError.contains("submitted_on: invalid date"))
    #expect(eval.standardError.contains("a Gregorian year before 1900; did you mean \(hint)?"), "\(eval.standardError)")
    let batch = try Self.run(["batch", "hijri.json"], in: folder)
    #expect(batch.standardOutput.contains("\"id\":\"record.invalidDate\""))
    #expect(batch.standardOutput.contains("did you mean \(hint)?"))
  }

  @Test("a bidi control in an application id is shown visibly in the text and HTML reports, never dropped", arguments: [
    ("\u{202E}", "<U+202E>"), ("\u{2066}", "<U+2066>"), ("\u{200F}", "<U+200F>"),
  ])
  func spoofedApplicationID(control: String, shown: String) throws {
    let folder = try Self.scratch("spoofed-id")
    let record = Self.record(submittedOn: "2024-08-01").replacingOccurrences(of: "S-2024-08-01", with: "S-1\(control)2")
    try MizanProcess.writeText(record, to: folder + "/spoofed.json")
    for format in ["text", "html"] {
      let result = try Self.run(["eval", "spoofed.json", "--format", format], in: folder)
      #expect(result.exitCode == 0)
      let visible = format == "html" ? shown.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;") : shown
      #expect(result.standardOutput.contains("S-1\(visible)2"), "\(format)")
      #expect(!result.standardOutput.contains(control), "\(format)")
    }
  }

  @Test("check names a bidi control in a comment, a lone CR and a look-alike letter, with code points")
  func spoofedPolicy() throws {
    let folder = try Self.scratch("spoofed-policy")
    try Self.addToDraft("# approved \u{202E}delif\u{202C} by the board\nfact inc\u{043E}me: bool {\r label ar \"د\" en \"I\" }", in: folder)
    let check = try Self.run(["check", Self.draft], in: folder)
    #expect(check.exitCode == 1)
    #expect(check.standardError.contains("error[syntax.bidiControl]: bidirectional control character U+202E RIGHT-TO-LEFT OVERRIDE in a comment"))
    #expect(check.standardError.contains("error[syntax.bidiControl]: bidirectional control character U+202C POP DIRECTIONAL FORMATTING in a comment"))
    #expect(check.standardError.contains("error[syntax.loneCarriageReturn]"))
    #expect(check.standardError.contains("unexpected character `\u{043E}` (U+043E CYRILLIC SMALL LETTER O)"))
  }

  // MARK: - A newcomer's first steps

  @Test("mizan --version prints the engine version every log entry records")
  func version() throws {
    let result = try MizanProcess.run(["--version"])
    #expect(result.exitCode == 0)
    #expect(result.standardOutput == "mizan 0.1.0\n")
    let logged = try #require(MizanProcess.readText(Paths.packageRoot() + "/fixtures/logs/clean.jsonl"))
    #expect(logged.contains("\"engine\":\"0.1.0\""))
    #expect(try MizanProcess.run(["--version", "now"]).exitCode == 2)
  }

  @Test("batch on a pretty-printed record says batch reads one record per line; one bad line among good ones does not")
  func batchOnPrettyPrintedRecord() throws {
    let pretty = try MizanProcess.run(["batch", "fixtures/records/raabigh/eligible-complete.json"])
    #expect(pretty.exitCode == 0)
    #expect(pretty.standardError.contains("batch reads one JSON record per line (JSON Lines)"))
    #expect(pretty.standardError.contains("`mizan eval FILE`"))
    let mixed = try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl"])
    #expect(!mixed.standardError.contains("JSON Lines"))
    let folder = try Self.scratch("batch-two-bad")
    try MizanProcess.writeText("{\n}\n", to: folder + "/one-bad.jsonl")
    let single = try Self.run(["batch", "one-bad.jsonl"], in: folder)
    #expect(single.standardError.contains("JSON Lines"))
    try MizanProcess.writeText("{\n", to: folder + "/only-one.jsonl")
    let one = try Self.run(["batch", "only-one.jsonl"], in: folder)
    #expect(!one.standardError.contains("JSON Lines"), "a single unreadable line is reported on its own")
  }
}
