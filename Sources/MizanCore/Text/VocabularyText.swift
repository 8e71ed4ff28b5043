/// How a vocabulary's values and the texts tested against them are compared: spaces at the
/// ends and runs of spaces inside do not count, nor does the tatweel; letters and their forms
/// do (a village's name is its name).
package enum VocabularyText {
  package static func normalized(_ text: String) -> String {
    let kept = text.unicodeScalars.filter { $0.value != 0x0640 }
    var words = String(String.UnicodeScalarView(kept)).split(whereSeparator: \.isWhitespace)
    if words.isEmpty { words = [] }
    return words.joined(separator: " ")
  }

  /// A data file's values: one a line, blank lines and `#` comments skipped, each normalized and
  /// kept once, in file order.
  package static func values(inFile text: String) -> [String] {
    var seen: Set<String> = []
    var values: [String] = []
    for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      let value = normalized(String(line))
      guard !value.isEmpty, !value.hasPrefix("#"), seen.insert(value).inserted else { continue }
      values.append(value)
    }
    return values
  }
}
