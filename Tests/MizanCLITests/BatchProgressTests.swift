import Foundation
import Mizan
import MizanTestSupport
import Testing

@testable import MizanCLI

/// Progress on stderr: shown on a terminal only, never into a pipe, with `NO_COLOR` or `--quiet`.
@Suite("mizan batch progress", .serialized)
struct BatchProgressTests {
  /// Runs `mizan` with stderr on a new pseudo-terminal and stdout to a file; what the terminal got.
  static func runOnTerminal(_ arguments: [String], environment extra: [String: String] = [:],
                            standardInput: Data? = nil) throws
    -> (exitCode: Int32, standardOutput: String, terminal: String)
  {
    var master: Int32 = -1
    var slave: Int32 = -1
    try #require(openpty(&master, &slave, nil, nil, nil) == 0)
    let folder = try MizanProcess.temporaryDirectory("pty")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    FileManager.default.createFile(atPath: folder + "/out", contents: nil)
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/out"))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: MizanProcess.executablePath)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: Paths.packageRoot())
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = nil
    environment["MIZAN_POLICIES"] = nil
    for (key, value) in extra { environment[key] = value }
    process.environment = environment
    process.standardOutput = output
    process.standardError = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
    // The terminal is read while the child writes, so that a full terminal buffer cannot stop it.
    let received = TerminalBytes()
    let terminal = master
    let reader = Thread {
      var buffer = [UInt8](repeating: 0, count: 4096)
      while true {
        let count = read(terminal, &buffer, buffer.count)
        if count <= 0 { break }
        received.append(buffer[..<count])
      }
    }
    let pipe = Pipe()
    if standardInput != nil { process.standardInput = pipe }
    try process.run()
    close(slave)
    if let standardInput {
      // Written by a thread of its own: the child reads it while writing to the terminal.
      Thread {
        pipe.fileHandleForWriting.write(standardInput)
        try? pipe.fileHandleForWriting.close()
      }.start()
    }
    reader.start()
    process.waitUntilExit()
    try output.close()
    // Once the child is gone and the slave closed, reading the master ends (EIO).
    received.waitUntilDone(reader)
    close(master)
    return (process.terminationStatus, MizanProcess.readText(folder + "/out") ?? "", received.text)
  }

  /// A batch of several chunks, so that progress is reported more than once.
  static func input() throws -> String {
    let fixtures = try BatchTests.fixtureLines().map(\.line)
    return try BatchTests.write((0..<5_000).map { fixtures[$0 % fixtures.count] }, to: "progress.jsonl")
  }

  @Test("on a terminal: lines, errors, records/s, the share done and the time left, erased before the summary")
  func terminal() throws {
    let input = try Self.input()
    defer { BatchTests.remove(folderOf: input) }
    let run = try Self.runOnTerminal(["batch", input])
    #expect(run.exitCode == 0)
    let terminal = run.terminal
    #expect(terminal.contains("\rmizan batch: 1,024 lines, "), "\(terminal.debugDescription)")
    #expect(terminal.contains(" records/s, "), "\(terminal.debugDescription)")
    #expect(terminal.contains("%, "), "\(terminal.debugDescription)")
    #expect(terminal.contains(" left\u{1B}[K"), "\(terminal.debugDescription)")
    // Erased, then the summary on a clean line.
    #expect(terminal.contains("\r\u{1B}[Kmizan batch: 5000 lines = "), "\(terminal.debugDescription)")
    // The output is the same as without a terminal.
    #expect(run.standardOutput == (try MizanProcess.run(["batch", input]).standardOutput))
  }

  @Test("standard input from a pipe: its size is unknown, so neither the share done nor the time left")
  func terminalWithoutSize() throws {
    let input = try Self.input()
    defer { BatchTests.remove(folderOf: input) }
    let bytes = try #require(FileManager.default.contents(atPath: input))
    let run = try Self.runOnTerminal(["batch", "-"], standardInput: bytes)
    #expect(run.exitCode == 0)
    #expect(run.terminal.contains(" records/s\u{1B}[K"), "\(run.terminal.debugDescription)")
    #expect(!run.terminal.contains("left"), "\(run.terminal.debugDescription)")
  }

  @Test("--quiet on a terminal: neither progress nor the summary line")
  func quiet() throws {
    let input = try Self.input()
    defer { BatchTests.remove(folderOf: input) }
    let run = try Self.runOnTerminal(["batch", input, "--quiet"])
    #expect(run.exitCode == 0)
    #expect(run.terminal.isEmpty, "\(run.terminal.debugDescription)")
    #expect(!run.standardOutput.isEmpty)
  }

  @Test("NO_COLOR on a terminal: no progress, the summary line only")
  func noColor() throws {
    let input = try Self.input()
    defer { BatchTests.remove(folderOf: input) }
    let run = try Self.runOnTerminal(["batch", input], environment: ["NO_COLOR": "1"])
    #expect(run.exitCode == 0)
    #expect(!run.terminal.contains("records/s"), "\(run.terminal.debugDescription)")
    #expect(run.terminal.hasPrefix("mizan batch: 5000 lines = "), "\(run.terminal.debugDescription)")
  }

  @Test("stderr into a pipe: no progress, the summary line only")
  func pipe() throws {
    let input = try Self.input()
    defer { BatchTests.remove(folderOf: input) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: MizanProcess.executablePath)
    process.arguments = ["batch", input, "-o", "/dev/null"]
    process.currentDirectoryURL = URL(fileURLWithPath: Paths.packageRoot())
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = nil
    process.environment = environment
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(!text.contains("\r") && !text.contains("records/s"), "\(text.debugDescription)")
    #expect(text.hasPrefix("mizan batch: 5000 lines = "), "\(text.debugDescription)")
  }

  @Test("the progress text: grouped numbers, the share done and the time left when the size is known",
        arguments: [
          (1_234_567, 12, 0, nil, "en", "mizan batch: 1,234,567 lines, 12 errors, 617,283 records/s"),
          (500, 0, 250, 1_000, "en", "mizan batch: 500 lines, 0 errors, 250 records/s, 25%, 0:06 left"),
          (1_000, 3, 1_000, 1_000, "en", "mizan batch: 1,000 lines, 3 errors, 500 records/s, 100%, 0:00 left"),
          (60_000, 1, 100, 10_000, "ar", "mizan batch: 60,000 سطر، 1 خطأ، 30,000 سجل/ث، 1%، يتبقى 3:18"),
        ] as [(Int, Int, Int, Int?, String, String)])
  func text(lines: Int, errors: Int, bytes: Int, size: Int?, language: String, expected: String) {
    let progress = BatchProgress(lines: lines, errors: errors, bytesRead: bytes)
    let language: Language = language == "ar" ? .arabic : .english
    #expect(BatchProgressLine.text(progress, seconds: 2, inputBytes: size, language: language) == expected)
  }
}

/// Bytes a reader thread collects, read by the test once the thread is done.
final class TerminalBytes: @unchecked Sendable {
  private let lock = NSLock()
  private var bytes: [UInt8] = []

  func append(_ more: ArraySlice<UInt8>) {
    lock.lock()
    bytes += more
    lock.unlock()
  }

  func waitUntilDone(_ thread: Thread) {
    let deadline = Date().addingTimeInterval(20)
    while !thread.isFinished, Date() < deadline { usleep(10_000) }
  }

  var text: String {
    lock.lock()
    defer { lock.unlock() }
    return String(decoding: bytes, as: UTF8.self)
  }
}
