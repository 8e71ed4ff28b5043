import Foundation
import MizanTestSupport
import Testing

/// `mizan batch --format csv|summary`: spreadsheet rows and counts, in both languages, the same
/// with any number of jobs, and safe to open in a spreadsheet.
@Suite("mizan batch --format csv and summary", .serialized)
struct BatchFormatTests {
  /// The fields of a CSV text (RFC 4180: quoted fields, doubled quotes, CRLF rows), read
  /// independently of the writer.
  static func csvRows(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var characters = Array(text.unicodeScalars)
    if characters.first == "\u{FEFF}" { characters.removeFirst() }
    var index = 0
    while index < characters.count {
      let character = characters[index]
      if quoted {
        if character == "\"" {
          if index + 1 < characters.count, characters[index + 1] == "\"" {
            field.unicodeScalars.append("\"")
            index += 1
          } else {
            quoted = false
          }
        } else {
          field.unicodeScalars.append(character)
        }
      } else if character == "\"" {
        quoted = true
      } else if character == "," {
        row.append(field)
        field = ""
      } else if character == "\r", index + 1 < characters.count, characters[index + 1] == "\n" {
        row.append(field)
        rows.append(row)
        row = []
        field = ""
        index += 1
      } else {
        field.unicodeScalars.append(character)
      }
      index += 1
    }
    if !field.isEmpty || !row.isEmpty { rows.append(row + [field]) }
    return rows
  }

  static let hazards = "fixtures/batch/spreadsheet-hazards.jsonl"

  @Test("CSV goldens: English, Arabic, error rows, formula injection, quotes and line breaks; 1 and 2 jobs alike",
        arguments: [
          ("fixtures/batch/mixed.jsonl", "en", "csv-english"), ("fixtures/batch/mixed.jsonl", "ar", "csv-arabic"),
          (hazards, "en", "csv-spreadsheet-hazards"),
        ])
  func csvGoldens(input: String, language: String, golden: String) throws {
    for jobs in ["1", "2"] {
      let result = try MizanProcess.run(["batch", input, "--format", "csv", "--lang", language, "--jobs", jobs])
      assertGolden(result.transcript(command: "batch \(input) --format csv --lang \(language)"),
                   path: "golden/batch/\(golden).txt")
    }
  }

  @Test("CSV golden: stages (a policy that names them) and households (a row per member in the item columns)")
  func csvStagesAndHouseholds() throws {
    var transcript = ""
    for (policies, folder) in [
      ("fixtures/policies/staff-facts", "staff-facts"), ("fixtures/policies/households", "households"),
    ] {
      let directory = Paths.packageRoot() + "/fixtures/records/" + folder
      var lines: [String] = []
      let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
      for name in names where name.hasSuffix(".json") {
        let data = try #require(FileManager.default.contents(atPath: directory + "/" + name))
        let object = try JSONSerialization.jsonObject(with: data)
        lines.append(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
                            as: UTF8.self))
      }
      let input = try BatchTests.write(lines, to: "\(folder).jsonl")
      defer { BatchTests.remove(folderOf: input) }
      let result = try MizanProcess.run(
        ["batch", input, "--format", "csv", "--no-bom", "--draft", "--policies", policies])
      transcript += result.transcript(command: "batch fixtures/records/\(folder)/*.json --format csv --no-bom --draft")
    }
    assertGolden(transcript, path: "golden/batch/csv-stages-and-households.txt")
  }

  @Test("every row has the header's 18 fields; a cell that starts a formula gets a quote mark, others are kept exactly")
  func csvCells() throws {
    let result = try MizanProcess.run(["batch", Self.hazards, "--format", "csv"])
    #expect(result.exitCode == 0)
    let rows = Self.csvRows(result.standardOutput)
    let input = BatchTests.outputLines(MizanProcess.readText(Paths.packageRoot() + "/" + Self.hazards) ?? "")
    try #require(rows.count == input.count + 1)
    #expect(rows[0].first == "line" && rows[0].last == "error_message")
    for (number, row) in rows.enumerated() {
      #expect(row.count == 18, "row \(number)")
      guard number > 0 else { continue }
      #expect(row[0] == String(number))
      let record = try #require(
        JSONSerialization.jsonObject(with: Data(input[number - 1].utf8)) as? [String: Any])
      let id = try #require(record["application_id"] as? String)
      let startsFormula = ["=", "+", "-", "@", "\t", "\r"].contains { id.hasPrefix($0) }
      #expect(row[1] == (startsFormula ? "'" + id : id), "row \(number)")
      let association = try #require(record["association"] as? String)
      #expect(row[2] == (association.hasPrefix("=") ? "'" + association : association), "row \(number)")
      for cell in row where cell.hasPrefix("=") || cell.hasPrefix("+") || cell.hasPrefix("@") {
        Issue.record("row \(number): a cell starts a formula: \(cell)")
      }
    }
  }

  @Test("the CSV starts with a UTF-8 byte order mark; --no-bom leaves it out and changes nothing else")
  func byteOrderMark() throws {
    let withMark = try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl", "--format", "csv"])
    let without = try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl", "--format", "csv", "--no-bom"])
    #expect(Array(withMark.standardOutput.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
    #expect(without.standardOutput.utf8.first == UInt8(ascii: "l"))
    #expect(Array(withMark.standardOutput.utf8.dropFirst(3)) == Array(without.standardOutput.utf8))
  }

  @Test("summary goldens: text in English and Arabic, and JSON", arguments: [
    (["--lang", "en"], "summary-english"), (["--lang", "ar"], "summary-arabic"), (["--json"], "summary-json"),
  ])
  func summaryGoldens(options: [String], golden: String) throws {
    for jobs in ["1", "2"] {
      let result = try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl", "--format", "summary", "--jobs", jobs]
        + options)
      assertGolden(result.transcript(command: "batch fixtures/batch/mixed.jsonl --format summary "
        + options.joined(separator: " ")), path: "golden/batch/\(golden).txt")
    }
  }

  @Test("over many chunks, csv and summary are the same with 1 and 2 jobs, and agree with the jsonl lines")
  func manyChunks() throws {
    let lines = try BatchTests.distinctLines(3_000, idPrefix: "N", every: 97, replacedBy: "")
    let input = try BatchTests.write(lines, to: "many.jsonl")
    defer { BatchTests.remove(folderOf: input) }
    for format in [["--format", "csv"], ["--format", "summary"], ["--format", "summary", "--json"]] {
      let one = try MizanProcess.run(["batch", input, "--jobs", "1"] + format)
      let two = try MizanProcess.run(["batch", input, "--jobs", "2"] + format)
      #expect(one.exitCode == 0)
      #expect(one.standardOutput == two.standardOutput, "\(format)")
      #expect(one.standardError == two.standardError, "\(format)")
    }
    let jsonl = BatchTests.outputLines(try MizanProcess.run(["batch", input]).standardOutput)
    let rows = Self.csvRows(try MizanProcess.run(["batch", input, "--format", "csv"]).standardOutput)
    try #require(rows.count == jsonl.count + 1)
    var verdicts: [String: Int] = [:]
    for (line, row) in zip(jsonl, rows.dropFirst()) {
      if line.hasPrefix("{\"error\":") {
        #expect(row[16].hasPrefix("record."))
        #expect(line.contains("\"id\":\"\(row[16])\""))
      } else {
        let outcome = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(outcome["application_id"] as? String == row[1])
        #expect(outcome["verdict"] as? String == row[4])
        verdicts[row[4], default: 0] += 1
      }
    }
    let summary = try MizanProcess.run(["batch", input, "--format", "summary", "--json"]).standardOutput
    let object = try #require(JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [String: Any])
    #expect(object["verdicts"] as? [String: Int] == verdicts)
    #expect(object["lines"] as? Int == lines.count)
  }

  @Test("--log records every decision in every format: the same outcomes as with jsonl, and replay reproduces them")
  func logInEveryFormat() throws {
    let folder = try MizanProcess.temporaryDirectory("format-log")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // An entry holds the decision and the digest of the whole outcome (docs/audit.md): those of
    // the csv and summary runs must be the jsonl run's.
    func digests(_ log: String) -> [String] {
      BatchTests.outputLines(MizanProcess.readText(log) ?? "").map { entry in
        let decision = entry.range(of: #""decision":\{.*\},"engine""#, options: .regularExpression).map { String(entry[$0]) }
        let digest = entry.range(of: #""outcome_sha256":"[0-9a-f]{64}""#, options: .regularExpression).map { String(entry[$0]) }
        return (decision ?? "no decision") + (digest ?? "no digest")
      }
    }
    let jsonlLog = folder + "/jsonl.log"
    let jsonl = try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl", "-o", folder + "/out.jsonl", "--log", jsonlLog])
    #expect(jsonl.exitCode == 0, "\(jsonl.standardError)")
    let expected = digests(jsonlLog)
    try #require(expected.count == 8 && !expected.contains { $0.contains("no ") })
    for format in ["csv", "summary"] {
      let log = folder + "/\(format).log"
      let run = try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl", "--format", format, "--log", log])
      #expect(run.exitCode == 0, "\(run.standardError)")
      #expect(!run.standardOutput.contains("\"checklist\""), "the outcome leaked into the \(format) output")
      #expect(digests(log) == expected, "\(format)")
      let replay = try MizanProcess.run(["replay", log])
      #expect(replay.exitCode == 0, "\(replay.standardOutput)")
    }
  }

  @Test("options that go with one format only are refused with the others; an unknown format is refused")
  func usage() throws {
    for arguments in [["--no-bom"], ["--format", "summary", "--no-bom"], ["--json"], ["--format", "csv", "--json"],
                      ["--format", "xlsx"]] {
      let result = try MizanProcess.run(["batch", "fixtures/batch/mixed.jsonl"] + arguments)
      #expect(result.exitCode == 2, "\(arguments)")
      #expect(result.standardOutput.isEmpty)
    }
  }
}
