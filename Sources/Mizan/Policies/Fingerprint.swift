import MizanCore
import MizanSyntax

/// The SHA-256 fingerprint of a policy version.
///
/// It is taken over the *token stream* of the version file and every file it includes, in
/// merge order — not over the bytes. So `mizan fmt`, re-indenting, line endings and comments
/// do not change it, while any change to a name, number, date, operator or quoted text
/// (labels and citations included) does. See docs/versions.md.
package enum Fingerprint {
  /// Bumped if the canonical form ever changes, so old and new fingerprints cannot collide.
  static let formatTag = "mizan-fingerprint-v1\n"

  package static func of(_ files: [SourceFile]) -> String {
    var hasher = SHA256()
    hasher.update(formatTag)
    for file in files {
      hasher.update("file \(file.name)\n")
      let lexer = Lexer.tokenize(file)
      // One token's serialization, built in a reused buffer: the same bytes as
      // "\(code) \(length):\(text)\n", without a string per token (a big draft has 100,000).
      var serialized: [UInt8] = []
      for token in lexer.tokens where token.kind != .endOfFile {
        // Length-prefixed, so no choice of text can make two token streams serialize alike.
        serialized.removeAll(keepingCapacity: true)
        serialized.append(contentsOf: code(of: token.kind).utf8)
        serialized.append(UInt8(ascii: " "))
        serialized.append(contentsOf: String(token.text.utf8.count).utf8)
        serialized.append(UInt8(ascii: ":"))
        serialized.append(contentsOf: token.text.utf8)
        serialized.append(UInt8(ascii: "\n"))
        hasher.update(serialized)
      }
    }
    return hasher.finalize().hex
  }

  static func code(of kind: TokenKind) -> String {
    switch kind {
    case .identifier: "id"
    case .number: "num"
    case .date: "date"
    case .string: "str"
    case .invalid: "bad"
    case .endOfFile: "eof"
    default: "op"
    }
  }
}
