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

  /// The fingerprint of the files' tokens and, when the version reads vocabulary files, of their
  /// values too (so that changing a data file changes the version, as changing its text does).
  /// Without vocabularies the fingerprint is what it always was.
  package static func of(_ files: [SourceFile], vocabularies: [(file: String, values: [String])] = []) -> String {
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
    for vocabulary in vocabularies {
      hasher.update("vocabulary \(vocabulary.file.utf8.count):\(vocabulary.file) \(vocabulary.values.count)\n")
      for value in vocabulary.values {
        hasher.update("\(value.utf8.count):")
        hasher.update(value)
        hasher.update("\n")
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
