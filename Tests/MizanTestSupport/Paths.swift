/// Where tests find their files: from `#filePath`, never `Bundle.module`, so golden folders can
/// stay `exclude:`d from their targets (the argument-parser and pkl-swift pattern).
public enum Paths {
  /// The package root: the nearest folder above the calling file that holds `Package.swift`.
  ///
  /// Falls back to the calling file's folder when no such folder exists (a test then fails on
  /// the missing file it was looking for, naming the path it tried).
  public static func packageRoot(filePath: StaticString = #filePath) -> String {
    var folder = directory(of: "\(filePath)")
    while true {
      if FileAccess.exists(folder == "/" ? "/Package.swift" : folder + "/Package.swift") { return folder }
      let parent = directory(of: folder)
      if parent == folder { return directory(of: "\(filePath)") }
      folder = parent
    }
  }

  /// The folder of the calling test file, where its `golden/` folder sits.
  public static func testsFolder(_ filePath: StaticString = #filePath) -> String {
    directory(of: "\(filePath)")
  }

  /// The path without its last component (`/` for a top-level path, `.` for a bare name).
  static func directory(of path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    guard let slash = trimmed.lastIndex(of: "/") else { return "." }
    let parent = trimmed[..<slash]
    return parent.isEmpty ? "/" : String(parent)
  }
}
