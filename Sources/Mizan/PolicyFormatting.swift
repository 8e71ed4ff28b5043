import MizanCore
import MizanSyntax

/// `mizan fmt` without the command line: what a file looks like formatted.
public enum PolicyFormatting {
  /// The original text and its formatted form, or the syntax errors that prevent formatting.
  public static func formatted(_ path: String) -> Result<(String, String), PolicyLoadFailure> {
    let bytes: [UInt8]
    do {
      bytes = try FileSystem.readBytes(path)
    } catch {
      return .failure(PolicyLoadFailure(diagnostics: [Diagnostic(.unreadableFile(path, "\(error.localizedDescription)"), at: nil)]))
    }
    let file = SourceFile(path: path, bytes: bytes)
    let (parsed, diagnostics) = Parser.parse(file)
    guard !diagnostics.containsErrors else { return .failure(PolicyLoadFailure(diagnostics: diagnostics.sortedForDisplay())) }
    return .success((String(decoding: bytes, as: UTF8.self), Formatter.format(parsed)))
  }

  /// `.mizan` files at a path: the file itself, or every one below a folder.
  public static func mizanFiles(under path: String) -> [String] {
    guard FileSystem.isDirectory(path) else { return [path] }
    var files: [String] = []
    for entry in FileSystem.contents(of: path) where !entry.hasPrefix(".") {
      let child = path + "/" + entry
      if FileSystem.isDirectory(child) {
        files += mizanFiles(under: child)
      } else if entry.hasSuffix(".mizan") {
        files.append(child)
      }
    }
    return files
  }
}
