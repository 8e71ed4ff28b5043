import Mizan
import Testing

@testable import MizanCLI

/// The pieces the text reports are built from: display widths, bidi isolation, wrapping, HTML
/// escaping.
@Suite("report text")
struct ReportTextTests {
  @Test("display width counts grapheme clusters; marks and isolates take no column", arguments: [
    ("abc", 3),
    ("مقدَّم", 4),
    ("موقعاً", 5),
    ("رَابِغ", 4),
    ("\u{2068}RBG-1\u{2069}", 5),
    ("\u{200F}x", 1),
    ("e\u{301}", 1),
    ("日本", 4),
    ("", 0),
  ])
  func displayWidth(text: String, width: Int) {
    #expect(DisplayWidth.of(text) == width)
  }

  @Test("Arabic lines isolate left-to-right runs, brackets and quotes they open included", arguments: [
    ("الطلب RBG-2024-000302، قُدِّم", "الطلب \u{2068}RBG-2024-000302\u{2069}، قُدِّم"),
    ("البصمة: 3a50cd", "البصمة: \u{2068}3a50cd\u{2069}"),
    ("ناقص [identity_document]", "ناقص [\u{2068}identity_document\u{2069}]"),
    ("المعرّف alert(1) هنا", "المعرّف \u{2068}alert(1)\u{2069} هنا"),
    ("القيمة \"jeddah\" هنا", "القيمة \"\u{2068}jeddah\u{2069}\" هنا"),
    ("بلا أحرف لاتينية", "بلا أحرف لاتينية"),
  ])
  func arabicIsolation(line: String, expected: String) {
    #expect(Bidi.isolatingRuns(line, in: .arabic) == expected)
  }

  @Test("English lines isolate Arabic runs with their final stop")
  func englishIsolation() {
    #expect(Bidi.isolatingRuns("clause: «الوثائق الرسمية.»", in: .english)
      == "clause: «\u{2068}الوثائق الرسمية.\u{2069}»")
    #expect(Bidi.isolatingRuns("no Arabic here", in: .english) == "no Arabic here")
  }

  @Test("an Arabic line led by Latin text gets a right-to-left mark after its indent")
  func rightToLeftMark() {
    #expect(Bidi.line("  x = 1", in: .arabic) == "  \u{200F}\u{2068}x = 1\u{2069}")
    #expect(Bidi.line("  ───", in: .arabic) == "  \u{200F}───")
    #expect(Bidi.line("عربي x", in: .arabic) == "عربي \u{2068}x\u{2069}")
    #expect(Bidi.line("  x = 1", in: .english) == "  x = 1")
  }

  @Test("text from a record cannot move the cursor or reorder the line")
  func displaySafe() {
    #expect("a\u{1B}[2Jb".displaySafe == "a\u{FFFD}[2Jb")
    // Bidi controls and marks are shown, not dropped: two ids differing by one never look alike.
    #expect("a\u{202E}b\u{2066}c".displaySafe == "a<U+202E>b<U+2066>c")
    #expect("a\u{200E}\u{200F}\u{061C}b".displaySafe == "a<U+200E><U+200F><U+061C>b")
    #expect("a\u{2029}\u{202F}\u{2065}\u{206A}b".displaySafe == "a\u{2029}\u{202F}\u{2065}\u{206A}b")
    #expect("a\nb\tc".displaySafe == "a b c")
  }

  @Test("wrapping keeps each line within the width and every isolate closed on its line")
  func wrapping() {
    let lines = TextTable.wrap("\u{2068}one two three four five six\u{2069}", width: 10)
    #expect(lines.count > 1)
    for line in lines {
      #expect(DisplayWidth.of(line) <= 10)
      #expect(line.first == Bidi.firstStrongIsolate && line.last == Bidi.popDirectionalIsolate)
    }
    #expect(TextTable.wrap("short", width: 10) == ["short"])
    #expect(TextTable.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
  }

  @Test("HTML escaping covers the five characters and keeps dates whole")
  func htmlEscaping() {
    #expect(HTMLText.escaped("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    #expect(HTMLText.isolated("انتهى في 2023-12-01", in: .arabic) == "انتهى في <bdi>2023-12-01</bdi>")
    #expect(HTMLText.keepingDatesWhole("on 2024-03-10 (1445-08-29H), not 12024-03-100")
      == "on <span class=\"date\">2024-03-10</span> (<span class=\"date\">1445-08-29H</span>), not 12024-03-100")
  }

  @Test("dates in words in both calendars")
  func longDates() throws {
    let date = try #require(CalendarDate(year: 2024, month: 3, day: 10))
    #expect(LongDate.gregorian(date, .english) == "10 March 2024")
    #expect(LongDate.gregorian(date, .arabic) == "10 مارس 2024م")
    #expect(LongDate.hijri(date, .english) == "29 Shaban 1445 AH")
    #expect(LongDate.hijri(date, .arabic) == "29 شعبان 1445هـ")
  }
}
