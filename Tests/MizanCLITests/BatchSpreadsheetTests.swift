import Foundation
import MizanTestSupport
import Testing

/// The CSV as LibreOffice reads it: converted headless to xlsx and back to CSV, every cell is
/// what `mizan` wrote (Arabic included), and no cell became a formula. Runs only where
/// `soffice` is installed (`apt-get install libreoffice-calc`); elsewhere it is skipped, with
/// the reason shown in the test output.
@Suite("mizan batch CSV in LibreOffice", .serialized)
struct BatchSpreadsheetTests {
  static let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

  /// Runs `soffice --headless` with a home of its own (it keeps a profile there).
  static func convert(_ arguments: [String], home: String) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: soffice ?? "soffice")
    process.arguments = ["--headless"] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = home
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
  }

  @Test("CSV → xlsx → CSV in LibreOffice keeps every cell; formulas stay text", .enabled(
    if: soffice != nil, "LibreOffice (soffice) is not installed: the CSV was not opened in a spreadsheet"),
        arguments: [("fixtures/batch/spreadsheet-hazards.jsonl", "en"), ("fixtures/batch/mixed.jsonl", "ar")])
  func roundTrip(input: String, language: String) throws {
    let folder = try MizanProcess.temporaryDirectory("libreoffice")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let csv = try MizanProcess.run(["batch", input, "--format", "csv", "--lang", language])
    try MizanProcess.writeText(csv.standardOutput, to: folder + "/batch.csv")
    // Comma, double quote, UTF-8 (76), from line 1: what the import dialog offers for this file.
    #expect(try Self.convert(["--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", folder,
                              folder + "/batch.csv"], home: folder) == 0)
    try FileManager.default.createDirectory(atPath: folder + "/back", withIntermediateDirectories: true)
    #expect(try Self.convert(["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir",
                              folder + "/back", folder + "/batch.xlsx"], home: folder) == 0)
    let written = BatchFormatTests.csvRows(csv.standardOutput)
    // LibreOffice writes LF between rows and inside cells; a CR inside a cell comes back as LF.
    let back = BatchFormatTests.csvRows((MizanProcess.readText(folder + "/back/batch.csv") ?? "")
      .replacingOccurrences(of: "\n", with: "\r\n"))
    try #require(back.count == written.count, "rows: \(back.count) read back, \(written.count) written")
    for (number, (ours, theirs)) in zip(written, back).enumerated() {
      #expect(theirs.count == ours.count, "row \(number)")
      for (column, (cell, read)) in zip(ours, theirs).enumerated() {
        let expected = cell.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        #expect(read.replacingOccurrences(of: "\r\n", with: "\n") == expected, "row \(number), column \(column)")
      }
    }
  }
}
