import Mizan

/// Turning text into HTML for the printable report.
enum HTMLText {
  /// The text escaped for element content and quoted attribute values: `&`, `<`, `>`, `"` and
  /// `'` become references, after `displaySafe` has replaced controls and written bidi controls out (`<U+202E>`).
  static func escaped(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text.displaySafe {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }

  /// Escaped text whose runs against the page's direction (a date or id in Arabic, an Arabic
  /// quote in English) are wrapped in `<bdi>`, so the browser lays each out as one unit.
  static func isolated(_ text: String, in language: Language) -> String {
    bdiElements(Bidi.isolatingRuns(text.displaySafe, in: language))
  }

  /// The HTML text with every `YYYY-MM-DD` or `YYYY-MM-DDH` date in a `<span class="date">`,
  /// which the style sheet keeps from breaking at its hyphens.
  static func keepingDatesWhole(_ html: String) -> String {
    let characters = Array(html)
    var result = ""
    var index = 0
    while index < characters.count {
      if let length = dateLength(in: characters, at: index),
        index == 0 || !(characters[index - 1].isASCII && characters[index - 1].isNumber)
      {
        result += "<span class=\"date\">" + String(characters[index..<(index + length)]) + "</span>"
        index += length
      } else {
        result.append(characters[index])
        index += 1
      }
    }
    return result
  }

  /// The length of a date starting at `index` (10, or 11 with a Hijri `H`), or nil.
  static func dateLength(in characters: [Character], at index: Int) -> Int? {
    let shape = Array("dddd-dd-dd")
    guard index + shape.count <= characters.count else { return nil }
    for (offset, expected) in shape.enumerated() {
      let character = characters[index + offset]
      let matches = expected == "d" ? character.isASCII && character.isNumber : character == expected
      guard matches else { return nil }
    }
    let end = index + shape.count
    if end < characters.count, characters[end].isASCII, characters[end].isNumber { return nil }
    return end < characters.count && characters[end] == "H" ? shape.count + 1 : shape.count
  }

  /// Escapes the text and turns each isolate into a `<bdi>` element. The isolates are the
  /// reports' own (`displaySafe` removed any that came from the record or the policy).
  static func bdiElements(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case Bidi.firstStrongIsolate: result += "<bdi>"
      case Bidi.popDirectionalIsolate: result += "</bdi>"
      default: result += escaped(String(character))
      }
    }
    return result
  }
}

/// Dates as printed forms write them: the Gregorian day with its month name, and the Umm
/// al-Qura day with its month name.
enum LongDate {
  static let gregorianMonths = [
    LocalizedText(ar: "يناير", en: "January"), LocalizedText(ar: "فبراير", en: "February"),
    LocalizedText(ar: "مارس", en: "March"), LocalizedText(ar: "أبريل", en: "April"),
    LocalizedText(ar: "مايو", en: "May"), LocalizedText(ar: "يونيو", en: "June"),
    LocalizedText(ar: "يوليو", en: "July"), LocalizedText(ar: "أغسطس", en: "August"),
    LocalizedText(ar: "سبتمبر", en: "September"), LocalizedText(ar: "أكتوبر", en: "October"),
    LocalizedText(ar: "نوفمبر", en: "November"), LocalizedText(ar: "ديسمبر", en: "December"),
  ]

  static let hijriMonths = [
    LocalizedText(ar: "محرم", en: "Muharram"), LocalizedText(ar: "صفر", en: "Safar"),
    LocalizedText(ar: "ربيع الأول", en: "Rabi al-Awwal"), LocalizedText(ar: "ربيع الآخر", en: "Rabi al-Akhir"),
    LocalizedText(ar: "جمادى الأولى", en: "Jumada al-Ula"), LocalizedText(ar: "جمادى الآخرة", en: "Jumada al-Akhirah"),
    LocalizedText(ar: "رجب", en: "Rajab"), LocalizedText(ar: "شعبان", en: "Shaban"),
    LocalizedText(ar: "رمضان", en: "Ramadan"), LocalizedText(ar: "شوال", en: "Shawwal"),
    LocalizedText(ar: "ذو القعدة", en: "Dhu al-Qadah"), LocalizedText(ar: "ذو الحجة", en: "Dhu al-Hijjah"),
  ]

  /// `10 March 2024` / `10 مارس 2024م`.
  static func gregorian(_ date: CalendarDate, _ language: Language) -> String {
    let (year, month, day) = date.components
    let name = gregorianMonths[max(0, min(11, month - 1))][language]
    return language == .arabic ? "\(day) \(name) \(year)م" : "\(day) \(name) \(year)"
  }

  /// `29 Shaban 1445 AH` / `29 شعبان 1445هـ`, or the `hijriText` dash outside the table's years.
  static func hijri(_ date: CalendarDate, _ language: Language) -> String {
    guard let hijri = date.hijri else { return date.hijriText }
    let name = hijriMonths[max(0, min(11, hijri.month - 1))][language]
    return language == .arabic ? "\(hijri.day) \(name) \(hijri.year)هـ" : "\(hijri.day) \(name) \(hijri.year) AH"
  }
}
