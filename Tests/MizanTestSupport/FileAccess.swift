import Foundation

/// The test support library's only file and environment access, kept in one place.
enum FileAccess {
  /// Whether a file or folder exists at the path.
  static func exists(_ path: String) -> Bool {
    FileManager.default.fileExists(atPath: path)
  }

  /// The file's text, or `nil` when it cannot be read.
  static func text(at path: String) -> String? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return String(decoding: data, as: UTF8.self)
  }

  /// Writes the text, creating missing folders.
  static func write(_ text: String, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url, options: .atomic)
  }

  /// The value of an environment variable.
  static func environmentValue(_ name: String) -> String? {
    ProcessInfo.processInfo.environment[name]
  }
}
