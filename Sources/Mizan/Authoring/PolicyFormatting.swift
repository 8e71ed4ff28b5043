import MizanCore
import MizanSyntax

/// `mizan fmt` without the command line: what a file looks like formatted.
package enum PolicyFormatting {
  /// The original text and its formatted form, or the syntax errors that prevent formatting.
  package static func formatted(_ path: String) -> Result<(String, String), PolicyLoadFailure> {
    let bytes: [UInt8]
    do {
      bytes = try FileSystem.readFile(path, maxBytes: ParserLimits.maxPolicyBytes + 1)
    } catch {
      return .failure(PolicyLoadFailure(diagnostics: [Diagnostic(.unreadableFile(path, error.reason), at: nil)]))
    }
    return formatted(bytes: bytes, path: path).map { (String(decoding: bytes, as: UTF8.self), $0) }
  }

  /// The formatted form of a text (a file's bytes, or an editor's unsaved buffer), or the syntax
  /// errors that prevent formatting: `mizan fmt` and `mizan lsp` format through here.
  package static func formatted(bytes: [UInt8], path: String) -> Result<String, PolicyLoadFailure> {
    let (parsed, diagnostics) = Parser.parse(SourceFile(path: path, bytes: bytes))
    guard !diagnostics.containsErrors else { return .failure(PolicyLoadFailure(diagnostics: diagnostics.sortedForDisplay())) }
    return .success(Formatter.format(parsed))
  }

  /// True when the file is an approved version and formatting would change its tokens (and so
  /// its fingerprint): approved versions are frozen, so `fmt` must leave such a file alone.
  package static func wouldChangeApprovedFingerprint(_ path: String, original: String, formatted: String) -> Bool {
    let file = SourceFile(path: path, text: original)
    guard case .approved? = Parser.parse(file).file.header?.status else { return false }
    return Fingerprint.of([file]) != Fingerprint.of([SourceFile(path: path, text: formatted)])
  }

  /// `.mizan` files at a path: the file itself, or every one below a folder.
  package static func mizanFiles(under path: String) -> [String] {
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
