import Mizan

/// Keeps lines that mix Arabic and Latin text readable where the Unicode bidirectional
/// algorithm lays them out (terminals with bidi support, browsers, `<pre dir="rtl">`).
///
/// Each report line has one direction: Arabic reports are right-to-left, English ones
/// left-to-right. Runs of the other direction (ids, dates, numbers and file locations in
/// Arabic; quoted Arabic clauses in English) are wrapped in FIRST STRONG ISOLATE … POP
/// DIRECTIONAL ISOLATE, so the algorithm places each as one unit and the punctuation around
/// it (`:`, `(`, `.`) takes the line's direction instead of jumping to the wrong end. An
/// Arabic line whose first strong letter would be Latin gets a RIGHT-TO-LEFT MARK before it, so
/// terminals that detect a paragraph's direction from its first letter keep it right-to-left.
///
/// Isolates and the mark have no width (`DisplayWidth`), so columns stay aligned.
enum Bidi {
  static let firstStrongIsolate: Character = "\u{2068}"
  static let popDirectionalIsolate: Character = "\u{2069}"
  static let rightToLeftMark: Character = "\u{200F}"

  /// The direction a character gives the text around it, simplified from UAX #9.
  enum Strength: Equatable {
    /// Latin and other left-to-right letters.
    case left
    /// Arabic and Hebrew letters, and Arabic-Indic digits.
    case right
    /// European digits: they follow the letters around them.
    case number
    /// Spaces, punctuation, symbols, marks.
    case neutral
  }

  static func strength(of character: Character) -> Strength {
    guard let scalar = character.unicodeScalars.first else { return .neutral }
    let value = scalar.value
    if (0x30...0x39).contains(value) { return .number }
    switch value {
    case 0x060C, 0x066B, 0x066C: return .neutral
    case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF:
      return isLetterOrDigit(scalar) ? .right : .neutral
    default:
      return isLetterOrDigit(scalar) && scalar.properties.generalCategory != .decimalNumber ? .left : .neutral
    }
  }

  static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .spacingMark,
      .decimalNumber:
      true
    default: false
    }
  }

  /// The text wrapped in an isolate when it holds a letter or digit against `language`'s
  /// direction (a record's value in an Arabic report, an Arabic quote in an English one).
  static func isolated(_ text: String, in language: Language) -> String {
    let foreign: Set<Strength> = language == .arabic ? [.left, .number] : [.right]
    guard text.contains(where: { foreign.contains(strength(of: $0)) }) else { return text }
    return String(firstStrongIsolate) + text + String(popDirectionalIsolate)
  }

  /// A whole report line: its foreign runs isolated, and for Arabic a leading mark when needed.
  static func line(_ text: String, in language: Language) -> String {
    marked(isolatingRuns(text, in: language), in: language)
  }

  /// An Arabic line whose first letter is not Arabic gets a RIGHT-TO-LEFT MARK just before that
  /// letter or the isolate holding it; a line of spaces and symbols only (a table rule) gets one
  /// after its indent. Not at column 0 of an indented line: terminal multiplexers such as tmux
  /// attach a zero-width character to the cell before it and drop it at the start of a line.
  ///
  /// The first letter is looked for inside isolates too: the bidi algorithm skips isolates when
  /// it detects a paragraph's direction, but not every implementation does (Chromium's
  /// `unicode-bidi: plaintext` does not). Other lines are returned as they are.
  static func marked(_ line: String, in language: Language) -> String {
    guard language == .arabic, line.contains(where: { $0 != " " }) else { return line }
    let firstStrong = line.first { [.left, .right].contains(strength(of: $0)) }.map(strength(of:))
    guard firstStrong != .right else { return line }
    let position = line.firstIndex { $0 == firstStrongIsolate || strength(of: $0) != .neutral }
      ?? line.firstIndex { $0 != " " } ?? line.startIndex
    var marked = line
    marked.insert(rightToLeftMark, at: position)
    return marked
  }

  /// The text with every run against `language`'s direction isolated; text already inside an
  /// isolate is kept as it is.
  static func isolatingRuns(_ text: String, in language: Language) -> String {
    let characters = Array(text)
    var result = ""
    var index = 0
    while index < characters.count {
      if characters[index] == firstStrongIsolate {
        let end = closingIsolate(in: characters, from: index)
        result += String(characters[index...end])
        index = end + 1
        continue
      }
      guard startsForeignRun(characters[index], language) else {
        result.append(characters[index])
        index += 1
        continue
      }
      let end = endOfForeignRun(in: characters, from: index, language)
      result.append(firstStrongIsolate)
      result += String(characters[index...end])
      result.append(popDirectionalIsolate)
      index = end + 1
    }
    return result
  }

  static func startsForeignRun(_ character: Character, _ language: Language) -> Bool {
    let strength = strength(of: character)
    return language == .arabic ? strength == .left || strength == .number : strength == .right
  }

  /// The index of the last character of a foreign run starting at `start`: the run ends at its
  /// last foreign letter or digit before a letter of the line's own direction, then takes in the
  /// closing brackets and quotes it opened (and, in English, an Arabic sentence's last stop).
  static func endOfForeignRun(in characters: [Character], from start: Int, _ language: Language) -> Int {
    var last = start
    var index = start
    while index < characters.count, characters[index] != firstStrongIsolate {
      let strength = strength(of: characters[index])
      if strength == (language == .arabic ? .right : .left) { break }
      if startsForeignRun(characters[index], language) { last = index }
      index += 1
    }
    var open = 0
    var quotes = 0
    for character in characters[start...last] {
      if "([{<«".contains(character) { open += 1 }
      if ")]}>»".contains(character) { open = max(0, open - 1) }
      if character == "\"" { quotes += 1 }
    }
    var end = last
    while end + 1 < characters.count {
      let next = characters[end + 1]
      if open > 0, ")]}>»".contains(next) {
        open -= 1
      } else if quotes % 2 == 1, next == "\"" {
        quotes += 1
      } else if language == .english, ".،؛؟!".contains(next) {
        // An Arabic sentence's full stop belongs at its (left) end, inside the isolate.
      } else {
        break
      }
      end += 1
    }
    return end
  }

  /// The matching POP DIRECTIONAL ISOLATE of an isolate opened at `start`, or the last index.
  static func closingIsolate(in characters: [Character], from start: Int) -> Int {
    var depth = 0
    for index in start..<characters.count {
      if characters[index] == firstStrongIsolate { depth += 1 }
      if characters[index] == popDirectionalIsolate {
        depth -= 1
        if depth == 0 { return index }
      }
    }
    return characters.count - 1
  }
}
