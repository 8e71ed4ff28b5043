/// Finding a quoted clause in the approved text it quotes, as a reader would: the same words,
/// whatever the spacing, the line breaks of a PDF extraction, the tatweel and diacritics, and the
/// interchangeable spellings of alef (أ إ آ ٱ ا), ya (ى ي) and ta marbuta (ة ه).
package struct QuoteMatching: Sendable {
  /// The normalized text, one scalar per kept scalar of the original.
  private let normalized: [Unicode.Scalar]
  /// For each normalized scalar, its offset among the original's scalars.
  private let originalOffsets: [Int]
  private let original: [Unicode.Scalar]

  package init(text: String) {
    original = Array(text.unicodeScalars)
    var normalized: [Unicode.Scalar] = []
    var offsets: [Int] = []
    normalized.reserveCapacity(original.count)
    for (offset, scalar) in original.enumerated() {
      guard let kept = Self.normalize(scalar) else { continue }
      normalized.append(kept)
      offsets.append(offset)
    }
    self.normalized = normalized
    originalOffsets = offsets
  }

  /// The form a scalar is compared in; nil for what is not compared (spaces, tatweel, marks).
  package static func normalize(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
    switch scalar.value {
    case 0x0640, 0x064B...0x065F, 0x0670, 0x06D6...0x06ED: return nil  // tatweel, harakat, Quranic marks
    case 0x0623, 0x0625, 0x0622, 0x0671: return "\u{0627}"  // أ إ آ ٱ → ا
    case 0x0649: return "\u{064A}"  // ى → ي
    case 0x0629: return "\u{0647}"  // ة → ه
    case 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: return nil  // invisible marks
    default: return scalar.properties.isWhitespace ? nil : scalar
    }
  }

  /// Whether `quote`, normalized, occurs in the text.
  package func contains(_ quote: String) -> Bool {
    let needle = quote.unicodeScalars.compactMap(Self.normalize)
    guard !needle.isEmpty else { return false }
    guard needle.count <= normalized.count else { return false }
    // Texts are a few thousand scalars and quotes a few hundred: a direct search is enough.
    let first = needle[0]
    var start = 0
    while start + needle.count <= normalized.count {
      if normalized[start] == first, normalized[start..<start + needle.count].elementsEqual(needle) { return true }
      start += 1
    }
    return false
  }

  /// The passage of the text most like `quote` (the window of the quote's length sharing the
  /// most three-scalar pieces with it), as written in the original, or nil for an empty text.
  package func closestPassage(to quote: String) -> String? {
    let needle = quote.unicodeScalars.compactMap(Self.normalize)
    guard !normalized.isEmpty, !needle.isEmpty else { return nil }
    let width = min(needle.count, normalized.count)
    var wanted: [String: Int] = [:]
    for index in 0..<max(0, needle.count - 2) { wanted[Self.piece(needle, index), default: 0] += 1 }
    // Pieces of each window counted incrementally as it slides.
    var bestStart = 0
    var bestScore = -1
    var counts: [String: Int] = [:]
    var score = 0
    func add(_ index: Int, _ sign: Int) {
      guard index + 2 < normalized.count else { return }
      let piece = Self.piece(normalized, index)
      guard let limit = wanted[piece] else { return }
      let before = counts[piece, default: 0]
      let after = before + sign
      counts[piece] = after
      score += min(after, limit) - min(before, limit)
    }
    for index in 0..<max(0, width - 2) { add(index, 1) }
    for start in 0...(normalized.count - width) {
      if score > bestScore {
        bestScore = score
        bestStart = start
      }
      guard start + width < normalized.count else { break }
      add(start, -1)
      add(start + width - 2, 1)
    }
    let from = originalOffsets[bestStart]
    let to = originalOffsets[min(bestStart + width, originalOffsets.count) - 1]
    var passage = String(String.UnicodeScalarView(original[from...to]))
    passage = passage.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    return passage
  }

  private static func piece(_ scalars: [Unicode.Scalar], _ index: Int) -> String {
    var text = String.UnicodeScalarView()
    text.append(contentsOf: scalars[index..<index + 3])
    return String(text)
  }
}
