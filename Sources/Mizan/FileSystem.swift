import Foundation

/// The few file operations the façade needs, in one place.
public enum FileSystem {
  public static func readBytes(_ path: String) throws -> [UInt8] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return [UInt8](data)
  }

  public static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }

  public static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

  /// Entries of a directory, sorted by name (so every listing is deterministic).
  public static func contents(of directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
  }

  /// `a/b/../c` → `a/c`; keeps relative paths relative.
  public static func normalize(_ path: String) -> String {
    var parts: [String] = []
    let isAbsolute = path.hasPrefix("/")
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == "..", let last = parts.last, last != ".." {
        parts.removeLast()
      } else {
        parts.append(String(part))
      }
    }
    return (isAbsolute ? "/" : "") + parts.joined(separator: "/")
  }

  /// The path made absolute against the working directory, then normalized.
  public static func absolute(_ path: String) -> String {
    if path.hasPrefix("/") { return normalize(path) }
    return normalize(FileManager.default.currentDirectoryPath + "/" + path)
  }

  public static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return String(path[..<slash])
  }

  public static func fileName(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  /// Writes through a temporary file in the same folder and renames it over the target, so
  /// an interrupted write leaves the original intact.
  public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
    let temporary = directory(of: path) + "/.\(fileName(of: path)).mizan-tmp-\(getpid())"
    let url = URL(fileURLWithPath: temporary)
    try Data(bytes).write(to: url)
    guard rename(temporary, path) == 0 else {
      let error = String(cString: strerror(errno))
      unlink(temporary)
      throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: error])
    }
  }
}
