extension String {
  /// The text with every character that could move a terminal's cursor, change its colours or
  /// reorder the line written as `\u{XXXX}`: C0 and C1 controls, DEL, and the bidirectional
  /// embeddings, overrides and isolates. For messages that quote input (a record's value, a
  /// policy's character), so that a hostile input cannot rewrite the screen it is reported on.
  package var escapingControlCharacters: String {
    guard unicodeScalars.contains(where: Self.isControl) else { return self }
    var escaped = ""
    for scalar in unicodeScalars {
      if Self.isControl(scalar) {
        escaped += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped
  }

  /// The text cut to `limit` characters, with `…` when it was longer: for a word of the input
  /// quoted in a message (a "name" can be a megabyte of letters).
  package func shortened(to limit: Int) -> String {
    guard utf8.count > limit, count > limit else { return self }
    return String(prefix(max(0, limit - 1))) + "…"
  }

  /// Whether a scalar is one `escapingControlCharacters` writes out.
  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }
}
