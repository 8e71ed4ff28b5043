/// "Did you mean …?": the nearest known name to an unknown one, by edit distance.
///
/// Distances are Damerau–Levenshtein in its optimal-string-alignment form (insertions,
/// deletions, substitutions and swaps of two neighbours each cost 1), counted over grapheme
/// clusters so that an Arabic letter with its marks is one step, as a reader sees it.
package enum Suggestions {
  /// The candidate closest to `name`, or `nil` when none is close enough to be a plausible typo.
  ///
  /// A candidate qualifies when its case-insensitive distance is at most `max(1, name.count / 3)`
  /// and smaller than the longer of the two names (so `x` never suggests `y`). Among those, the
  /// smallest case-insensitive distance wins (a name differing only in case is preferred to all
  /// others), then the smallest exact distance, then the alphabetically first candidate, so the
  /// answer never depends on the order the candidates came in.
  package static func nearest(to name: String, among candidates: some Sequence<String>) -> String? {
    let threshold = threshold(for: name)
    let foldedName = Array(name.lowercased())
    var best: (candidate: String, folded: Int, exact: Int)?
    for candidate in candidates {
      let foldedCandidate = Array(candidate.lowercased())
      // The length difference is a lower bound on the distance: skip the table when it is already too far.
      guard abs(foldedCandidate.count - foldedName.count) <= threshold else { continue }
      let folded = distance(foldedName, foldedCandidate)
      guard folded <= threshold, folded < max(foldedName.count, foldedCandidate.count) else { continue }
      let exact = distance(name, candidate)
      if let current = best {
        let isBetter = (folded, exact) < (current.folded, current.exact)
          || ((folded, exact) == (current.folded, current.exact) && candidate < current.candidate)
        guard isBetter else { continue }
      }
      best = (candidate, folded, exact)
    }
    return best?.candidate
  }

  /// The largest distance still taken for a typo of `name`: a third of its length, at least 1.
  package static func threshold(for name: String) -> Int {
    max(1, name.count / 3)
  }

  /// The optimal-string-alignment distance between two strings, counted in grapheme clusters.
  package static func distance(_ lhs: String, _ rhs: String) -> Int {
    distance(Array(lhs), Array(rhs))
  }

  static func distance(_ lhs: [Character], _ rhs: [Character]) -> Int {
    if lhs.isEmpty { return rhs.count }
    if rhs.isEmpty { return lhs.count }
    // Three rows of the dynamic-programming table suffice: the swap rule looks two rows back.
    var beforePrevious = [Int](repeating: 0, count: rhs.count + 1)
    var previous = Array(0...rhs.count)
    var current = [Int](repeating: 0, count: rhs.count + 1)
    for i in 1...lhs.count {
      current[0] = i
      for j in 1...rhs.count {
        let cost = lhs[i - 1] == rhs[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, lhs[i - 1] == rhs[j - 2], lhs[i - 2] == rhs[j - 1] {
          value = min(value, beforePrevious[j - 2] + 1)
        }
        current[j] = value
      }
      (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[rhs.count]
  }
}
