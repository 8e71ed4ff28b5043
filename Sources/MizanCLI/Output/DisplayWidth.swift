/// How many terminal columns text takes, counted by grapheme cluster.
///
/// A cluster (a base letter with its combining marks, such as an Arabic letter with its
/// harakat) takes one column; East Asian wide letters and emoji take two; clusters made only
/// of marks, format characters (the bidirectional isolates, ZWJ, ZWNJ) or controls take none.
enum DisplayWidth {
  /// The columns a string takes on a terminal.
  static func of(_ text: some StringProtocol) -> Int {
    text.reduce(0) { $0 + of($1) }
  }

  /// The columns one grapheme cluster takes: 0, 1 or 2.
  static func of(_ character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first(where: { !isZeroWidth($0) }) else { return 0 }
    return isWide(first) ? 2 : 1
  }

  /// Combining marks, format characters and controls: drawn on another cluster, or not at all.
  static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format, .control: true
    default: scalar.properties.isVariationSelector
    }
  }

  /// East Asian wide and fullwidth characters and emoji shown as pictures (UAX #11, the ranges
  /// terminals agree on).
  static func isWide(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.properties.isEmojiPresentation { return true }
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
      0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
      return true
    default:
      return false
    }
  }

  /// The text followed by spaces up to `width` columns (unchanged when already as wide).
  static func padded(_ text: String, to width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - of(text)))
  }
}

extension String {
  /// The text as a terminal or page may show it: controls (escape sequences, carriage returns,
  /// DEL, C1) become U+FFFD, line breaks and tabs a space, and bidirectional embeddings,
  /// overrides, isolates and marks are written out visibly (`<U+202E>`), so text from a record
  /// or a policy can neither move the cursor nor reorder the line around it, and two ids that
  /// differ only by an invisible control never look the same. Reports add their own isolates
  /// afterwards.
  var displaySafe: String {
    var result = String.UnicodeScalarView()
    for scalar in unicodeScalars {
      switch scalar.value {
      case 0x09, 0x0A, 0x0D: result.append(" ")
      case 0x00...0x1F, 0x7F...0x9F: result.append("\u{FFFD}")
      case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
        let digits = String(scalar.value, radix: 16, uppercase: true)
        result.append(contentsOf: "<U+\(String(repeating: "0", count: 4 - digits.count))\(digits)>".unicodeScalars)
      default: result.append(scalar)
      }
    }
    return String(result)
  }
}
