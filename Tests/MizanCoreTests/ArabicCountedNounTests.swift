import Testing

@testable import MizanCore

@Suite("Arabic nouns after numbers")
struct ArabicCountedNounTests {
  static let line = ArabicCountedNoun(one: "سطر واحد", two: "سطران", few: "أسطر", many: "سطرًا", other: "سطر")

  @Test("one and two by the noun alone; 3–10 the plural, 11–99 the accusative singular, by the last two digits", arguments: [
    (0, "0 سطر"), (1, "سطر واحد"), (2, "سطران"), (3, "3 أسطر"), (10, "10 أسطر"), (11, "11 سطرًا"),
    (99, "99 سطرًا"), (100, "100 سطر"), (101, "101 سطر"), (102, "102 سطر"), (103, "103 أسطر"),
    (111, "111 سطرًا"), (1000, "1000 سطر"),
  ])
  func counted(count: Int, expected: String) {
    #expect(Self.line.counted(count) == expected)
  }
}
