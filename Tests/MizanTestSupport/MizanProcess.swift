import Foundation

/// What a run of the built `mizan` binary printed and returned.
public struct ProcessResult: Sendable {
  public let exitCode: Int32
  public let standardOutput: String
  public let standardError: String
  /// Whether the run was stopped for taking longer than its time limit (a hang).
  public var timedOut = false

  /// One text holding the command, exit code, stdout and stderr: the CLI golden format.
  public func transcript(command: String) -> String {
    "$ mizan \(command)\n--- exit \(exitCode)\n--- stdout\n\(standardOutput)--- stderr\n\(standardError)"
  }
}

/// Runs the `mizan` executable built beside the test bundle (end-to-end tests).
public enum MizanProcess {
  /// The `mizan` binary in the same build folder as the running tests.
  public static var executablePath: String {
    let testBinary = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
    var folder = testBinary.deletingLastPathComponent()
    // Under `swift test` the bundle is `…/debug/mizanPackageTests.xctest`; under Xcode-style
    // layouts it may be nested one level deeper.
    for _ in 0..<3 {
      let candidate = folder.appendingPathComponent("mizan").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      folder = folder.deletingLastPathComponent()
    }
    return Paths.packageRoot() + "/.build/debug/mizan"
  }

  /// Runs `mizan` with the arguments in `directory` (default: the package root), with colour off
  /// and `MIZAN_POLICIES` unset unless given, and optional standard input. A run longer than
  /// `timeLimit` seconds is killed and comes back with `timedOut`, so a hang fails its test
  /// instead of stopping the whole run.
  public static func run(_ arguments: [String], in directory: String? = nil,
                         environment extra: [String: String] = [:], input: [UInt8]? = nil,
                         timeLimit: Double = 300) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executablePath)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory ?? Paths.packageRoot())
    var environment = ProcessInfo.processInfo.environment
    environment["MIZAN_POLICIES"] = nil
    environment["NO_COLOR"] = "1"
    for (key, value) in extra { environment[key] = value }
    process.environment = environment
    // Output goes to files, not pipes: a child filling one pipe while the test reads the other
    // would deadlock both.
    let scratch = NSTemporaryDirectory() + "mizan-run-\(UUID().uuidString)"
    _ = FileManager.default.createFile(atPath: scratch + ".out", contents: nil)
    _ = FileManager.default.createFile(atPath: scratch + ".err", contents: nil)
    defer {
      try? FileManager.default.removeItem(atPath: scratch + ".out")
      try? FileManager.default.removeItem(atPath: scratch + ".err")
    }
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + ".out"))
    let error = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + ".err"))
    process.standardOutput = output
    process.standardError = error
    let inputPipe = Pipe()
    process.standardInput = inputPipe
    try process.run()
    if let input { inputPipe.fileHandleForWriting.write(Data(input)) }
    try inputPipe.fileHandleForWriting.close()
    let deadline = Date(timeIntervalSinceNow: timeLimit)
    var timedOut = false
    while process.isRunning {
      if Date() > deadline {
        timedOut = true
        kill(process.processIdentifier, SIGKILL)
        break
      }
      usleep(2_000)
    }
    process.waitUntilExit()
    try output.close()
    try error.close()
    let outputData = FileManager.default.contents(atPath: scratch + ".out") ?? Data()
    let errorData = FileManager.default.contents(atPath: scratch + ".err") ?? Data()
    return ProcessResult(exitCode: process.terminationStatus,
                         standardOutput: String(decoding: outputData, as: UTF8.self),
                         standardError: String(decoding: errorData, as: UTF8.self), timedOut: timedOut)
  }

  /// A fresh temporary folder for a test.
  /// Each is inside one folder per test process, removed when the process exits, so a run
  /// leaves nothing in /tmp.
  public static func temporaryDirectory(_ name: String) throws -> String {
    let path = ScratchRoot.path + "/\(name)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// Copies a file or folder.
  public static func copy(_ source: String, to destination: String) throws {
    try FileManager.default.copyItem(atPath: source, toPath: destination)
  }

  /// Reads and writes text files for tests that edit scratch copies.
  public static func readText(_ path: String) -> String? { FileAccess.text(at: path) }
  public static func writeText(_ text: String, to path: String) throws { try FileAccess.write(text, to: path) }

  /// Writes raw bytes (for inputs that are not valid UTF-8), creating missing folders.
  public static func writeBytes(_ bytes: [UInt8], to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
  }
}

/// The folder that holds every scratch folder of this test process.
enum ScratchRoot {
  static let path: String = {
    let path = NSTemporaryDirectory() + "mizan-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: ScratchRoot.path) }
    return path
  }()
}
