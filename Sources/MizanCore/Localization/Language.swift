/// The two languages every user-facing message and label exists in.
public enum Language: String, Sendable, CaseIterable {
  case arabic = "ar"
  case english = "en"
}

/// A text given in both Arabic and English.
public struct LocalizedText: Hashable, Sendable {
  public var arabic: String
  public var english: String

  public init(ar arabic: String, en english: String) {
    self.arabic = arabic
    self.english = english
  }

  public subscript(language: Language) -> String {
    language == .arabic ? arabic : english
  }

  /// The same text in both languages (identifiers, numbers, dates).
  public static func same(_ text: String) -> LocalizedText { LocalizedText(ar: text, en: text) }

  /// Concatenates two localized texts language by language.
  public static func + (lhs: LocalizedText, rhs: LocalizedText) -> LocalizedText {
    LocalizedText(ar: lhs.arabic + rhs.arabic, en: lhs.english + rhs.english)
  }
}
