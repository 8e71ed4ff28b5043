import Foundation
import Mizan

/// Output to stdout and stderr, and what kind of terminal they are.
struct Terminal {
  /// Buffered so a command's output is written in few system calls.
  private(set) var standardOutput: [UInt8] = []
  private(set) var standardError: [UInt8] = []

  mutating func print(_ text: String) {
    standardOutput.append(contentsOf: Array(text.utf8))
    standardOutput.append(UInt8(ascii: "\n"))
  }

  mutating func write(_ text: String) { standardOutput.append(contentsOf: Array(text.utf8)) }

  mutating func printError(_ text: String) {
    standardError.append(contentsOf: Array(text.utf8))
    if !text.hasSuffix("\n") { standardError.append(UInt8(ascii: "\n")) }
  }

  /// Writes everything buffered; called once when the command ends. Returns the reason the
  /// standard output could not be written (a full disk), or nil; a closed pipe (`| head`) is
  /// not a failure: the reader has what it wanted.
  mutating func flush() -> String? {
    var failure: String?
    do {
      try FileDescriptor.standardOutput.writeAll(standardOutput)
    } catch where error.code != EPIPE {
      failure = error.reason
    } catch {}
    try? FileDescriptor.standardError.writeAll(standardError)
    standardOutput.removeAll()
    standardError.removeAll()
    return failure
  }

  /// Writes all of `bytes` at once (progress lines), retrying after signals; nowhere is left
  /// to report a failure.
  static func writeAll(_ bytes: [UInt8], to descriptor: FileDescriptor) {
    try? descriptor.writeAll(bytes)
  }

  /// Colour only on a terminal, and never when `NO_COLOR` is set (no-color.org).
  static func usesColor(descriptor: Int32) -> Bool {
    isatty(descriptor) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
  }
}

/// Standard input, read whole (`mizan eval -`).
enum StandardInput {
  static func read(maxBytes: Int) throws(FileError) -> [UInt8] {
    do {
      return try FileDescriptor.standardInput.readAll(maxBytes: maxBytes)
    } catch {
      throw FileError(path: "<stdin>", problem: .system(error))
    }
  }
}
