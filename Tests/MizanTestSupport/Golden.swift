import Testing

/// Compares text a person reads (diagnostics, tree dumps, traces, CLI output) with its golden
/// file, recording an issue with a line diff when they differ.
///
/// A relative `goldenPath` is taken from the calling test file's folder, so
/// `assertGolden(dump, path: "golden/parse/rule.ast")` finds the file beside the test.
///
/// With `MIZAN_RECORD=1` in the environment the golden file is (re)written instead, and an issue
/// is still recorded so that a recording run never passes by accident: rerun without it.
public func assertGolden(
  _ actual: String, path goldenPath: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  let path = goldenPath.hasPrefix("/") ? goldenPath : Paths.directory(of: sourceLocation.filePath) + "/" + goldenPath
  if FileAccess.environmentValue("MIZAN_RECORD") == "1" {
    do {
      try FileAccess.write(actual, to: path)
      Issue.record("recorded golden \(path), rerun without MIZAN_RECORD", sourceLocation: sourceLocation)
    } catch {
      Issue.record(error, "could not record golden \(path)", sourceLocation: sourceLocation)
    }
    return
  }
  if let mismatch = goldenMismatch(actual, path: path) {
    Issue.record(Comment(rawValue: mismatch), sourceLocation: sourceLocation)
  }
}

/// Why `actual` does not match the golden file at `path` (missing, or a line diff), or nil.
func goldenMismatch(_ actual: String, path: String) -> String? {
  guard let expected = FileAccess.text(at: path) else {
    return "golden file \(path) is missing; record it with `MIZAN_RECORD=1 swift test`, check it, then rerun without"
  }
  guard expected != actual else { return nil }
  return """
    output differs from golden \(path) (if the new output is right, rerun with MIZAN_RECORD=1 to record it)
    \(lineDifference(expected: expected, actual: actual))
    """
}

/// A unified-style line diff: `-` lines only in `expected`, `+` lines only in `actual`, two lines
/// of context, each line with its number; long differences are cut after `maximumLines` lines.
func lineDifference(expected: String, actual: String, maximumLines: Int = 80) -> String {
  let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
  let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
  let edits = LineEdit.script(from: old, to: new)
  let changed = edits.indices.filter { edits[$0].isChange }
  let context = 2
  var shown: [Int] = []
  for index in changed {
    let lower = max(0, index - context)
    let upper = min(edits.count - 1, index + context)
    let first = max(lower, (shown.last ?? -1) + 1)
    if first <= upper { shown += first...upper }
  }
  var lines = ["--- expected", "+++ actual"]
  var previous: Int?
  for index in shown {
    if previous.map({ $0 + 1 != index }) ?? true {
      lines.append("@@ expected line \(edits[index].oldLine ?? 0), actual line \(edits[index].newLine ?? 0) @@")
    }
    previous = index
    let edit = edits[index]
    switch edit {
    case .same(let oldLine, _): lines.append("  \(number(oldLine)) |" + visible(old[oldLine - 1]))
    case .removed(let oldLine): lines.append("- \(number(oldLine)) |" + visible(old[oldLine - 1]))
    case .added(let newLine): lines.append("+ \(number(newLine)) |" + visible(new[newLine - 1]))
    }
  }
  if lines.count > maximumLines + 2 {
    let rest = lines.count - maximumLines - 2
    lines = Array(lines.prefix(maximumLines + 2)) + ["… \(rest) more lines of difference"]
  }
  if expected + "\n" == actual || actual + "\n" == expected {
    lines.append("(the texts differ only in the final newline)")
  }
  return lines.joined(separator: "\n")
}

private func number(_ line: Int) -> String {
  let text = String(line)
  return String(repeating: " ", count: max(0, 4 - text.count)) + text
}

/// The line after the gutter: a space, then the text with carriage returns made visible.
private func visible(_ line: Substring) -> String {
  line.isEmpty ? "" : " " + String(line).replacing("\r", with: "\\r")
}

/// One step of a line diff, with 1-based line numbers.
enum LineEdit: Equatable {
  case same(Int, Int)
  case removed(Int)
  case added(Int)

  var isChange: Bool {
    if case .same = self { return false }
    return true
  }

  var oldLine: Int? {
    switch self {
    case .same(let line, _), .removed(let line): line
    case .added: nil
    }
  }

  var newLine: Int? {
    switch self {
    case .same(_, let line), .added(let line): line
    case .removed: nil
    }
  }

  /// A shortest edit script by longest common subsequence, after trimming the common prefix and
  /// suffix; when the middle is too large for the table it is shown as all removed, then all added.
  static func script(from old: [Substring], to new: [Substring]) -> [LineEdit] {
    var prefix = 0
    while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < old.count - prefix, suffix < new.count - prefix,
      old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
    {
      suffix += 1
    }
    let oldMiddle = Array(old[prefix..<(old.count - suffix)])
    let newMiddle = Array(new[prefix..<(new.count - suffix)])
    var edits = (0..<prefix).map { LineEdit.same($0 + 1, $0 + 1) }
    for edit in middleScript(from: oldMiddle, to: newMiddle) {
      switch edit {
      case .same(let o, let n): edits.append(.same(o + prefix, n + prefix))
      case .removed(let o): edits.append(.removed(o + prefix))
      case .added(let n): edits.append(.added(n + prefix))
      }
    }
    for offset in 0..<suffix {
      edits.append(.same(old.count - suffix + offset + 1, new.count - suffix + offset + 1))
    }
    return edits
  }

  private static func middleScript(from old: [Substring], to new: [Substring]) -> [LineEdit] {
    guard old.count * new.count <= 4_000_000 else {
      return old.indices.map { .removed($0 + 1) } + new.indices.map { .added($0 + 1) }
    }
    // lengths[i][j]: the longest common subsequence of old[i...] and new[j...].
    var lengths = [[Int]](repeating: [Int](repeating: 0, count: new.count + 1), count: old.count + 1)
    for i in stride(from: old.count - 1, through: 0, by: -1) {
      for j in stride(from: new.count - 1, through: 0, by: -1) {
        lengths[i][j] = old[i] == new[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
      }
    }
    var edits: [LineEdit] = []
    var i = 0
    var j = 0
    while i < old.count || j < new.count {
      if i < old.count, j < new.count, old[i] == new[j] {
        edits.append(.same(i + 1, j + 1))
        i += 1
        j += 1
      } else if i < old.count, j == new.count || lengths[i + 1][j] >= lengths[i][j + 1] {
        edits.append(.removed(i + 1))
        i += 1
      } else {
        edits.append(.added(j + 1))
        j += 1
      }
    }
    return edits
  }
}
