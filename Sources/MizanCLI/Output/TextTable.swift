import Mizan

/// A table of text for a terminal: columns aligned by display width (grapheme clusters, not
/// bytes or scalars), long cells wrapped at word boundaries to fit a total width, a rule under
/// the header, and optional colour per cell.
///
/// Rows are written in logical order, first column first, so in an Arabic report (read right
/// to left) the first column is the rightmost.
struct TextTable {
  /// One column: its header, and whether its cells may wrap onto more lines.
  struct Column {
    var header: String
    var wraps: Bool
  }

  var columns: [Column]
  /// Cell texts, one array per row, as many as there are columns. Text is shown as given, so
  /// it must already be `displaySafe`.
  var rows: [[String]]
  /// What goes before every line.
  var indent = "  "
  /// Spaces between columns.
  var gap = 3
  /// The narrowest a wrapping column is made.
  var minimumWrapWidth = 14

  /// The table's lines, none wider than `width` columns unless a column cannot shrink further.
  /// `style` gives the ANSI style of a body cell, or nil; headers are bold when `useColor`.
  func lines(width: Int, language: Language, useColor: Bool,
             style: (_ row: Int, _ column: Int) -> String? = { _, _ in nil }) -> [String] {
    let widths = columnWidths(fitting: width)
    var lines: [String] = []
    let headers = columns.map(\.header)
    lines += render(cells: headers.map { [$0] }, widths: widths, language: language) { _ in
      useColor ? ANSI.bold : nil
    }
    lines.append(Bidi.marked(indent + widths.map { String(repeating: "─", count: $0) }.joined(separator: spacing),
                             in: language))
    for (rowIndex, row) in rows.enumerated() {
      let wrapped = row.enumerated().map { column, text in
        columns[column].wraps ? Self.wrap(text, width: widths[column]) : [text]
      }
      lines += render(cells: wrapped, widths: widths, language: language) { column in
        useColor ? style(rowIndex, column) : nil
      }
    }
    return lines
  }

  var spacing: String { String(repeating: " ", count: gap) }

  /// One table row, possibly several lines high, each cell isolated for its direction and
  /// padded to its column, trailing blanks dropped.
  func render(cells: [[String]], widths: [Int], language: Language, style: (Int) -> String?) -> [String] {
    let height = cells.map(\.count).max() ?? 0
    var lines: [String] = []
    for lineIndex in 0..<height {
      var plain: [String] = []
      var styled: [String] = []
      for (column, fragments) in cells.enumerated() {
        let text = lineIndex < fragments.count ? Bidi.isolatingRuns(fragments[lineIndex], in: language) : ""
        let padding = String(repeating: " ", count: max(0, widths[column] - DisplayWidth.of(text)))
        plain.append(text + padding)
        styled.append((style(column).map { ANSI.styled(text, $0) } ?? text) + padding)
      }
      let plainLine = indent + plain.joined(separator: spacing)
      // The mark, when needed, goes after the indent, before the first cell (see `Bidi.marked`).
      let mark = Bidi.marked(plainLine, in: language) != plainLine ? String(Bidi.rightToLeftMark) : ""
      lines.append(Self.trimmingTrailingBlanks(indent + mark + styled.joined(separator: spacing)))
    }
    return lines
  }

  /// Column widths: fixed columns as wide as their widest cell; wrapping columns share what is
  /// left of `total`, none wider than it needs nor narrower than `minimumWrapWidth`.
  func columnWidths(fitting total: Int) -> [Int] {
    var natural = columns.indices.map { column in
      ([columns[column].header] + rows.map { $0[column] }).map(DisplayWidth.of).max() ?? 0
    }
    let fixed = columns.indices.filter { !columns[$0].wraps }.reduce(0) { $0 + natural[$1] }
    var available = total - DisplayWidth.of(indent) - gap * (columns.count - 1) - fixed
    var flexible = columns.indices.filter { columns[$0].wraps }.sorted { natural[$0] < natural[$1] }
    while !flexible.isEmpty {
      let column = flexible.removeFirst()
      let share = max(minimumWrapWidth, available / (flexible.count + 1))
      natural[column] = min(natural[column], share)
      available -= natural[column]
    }
    return natural
  }

  /// The text broken at spaces into lines of at most `width` columns; a word longer than that
  /// is broken between grapheme clusters.
  static func wrap(_ text: String, width: Int) -> [String] {
    guard DisplayWidth.of(text) > width else { return [text] }
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      var word = String(word)
      let separator = current.isEmpty ? "" : " "
      if DisplayWidth.of(current) + DisplayWidth.of(separator) + DisplayWidth.of(word) <= width {
        current += separator + word
        continue
      }
      if !current.isEmpty { lines.append(current) }
      current = ""
      while DisplayWidth.of(word) > width {
        var head = ""
        for character in word {
          if DisplayWidth.of(head) + DisplayWidth.of(character) > width { break }
          head.append(character)
        }
        if head.isEmpty, let first = word.first { head = String(first) }
        lines.append(head)
        word = String(word.dropFirst(head.count))
      }
      current = word
    }
    if !current.isEmpty { lines.append(current) }
    return rebalancingIsolates(lines)
  }

  /// Lines where an isolate opened on one line is closed at its end and opened again at the
  /// start of the next, so every line is balanced on its own (a terminal lays out each line
  /// as a paragraph).
  static func rebalancingIsolates(_ lines: [String]) -> [String] {
    var open = 0
    return lines.map { line in
      var depth = open
      for character in line {
        if character == Bidi.firstStrongIsolate { depth += 1 }
        if character == Bidi.popDirectionalIsolate { depth = max(0, depth - 1) }
      }
      let balanced = String(repeating: Bidi.firstStrongIsolate, count: open) + line
        + String(repeating: Bidi.popDirectionalIsolate, count: depth)
      open = depth
      return balanced
    }
  }

  static func trimmingTrailingBlanks(_ line: String) -> String {
    String(line.reversed().drop(while: { $0 == " " }).reversed())
  }
}

/// The few ANSI styles the reports use; the caller decides whether colour is on.
enum ANSI {
  static let bold = "1"
  static let dim = "2"
  static let red = "31"
  static let green = "32"
  static let yellow = "33"
  static let boldRed = "1;31"
  static let boldGreen = "1;32"
  static let boldYellow = "1;33"

  /// The text between the style's start and a reset.
  static func styled(_ text: String, _ style: String) -> String { "\u{1B}[\(style)m\(text)\u{1B}[0m" }
}
