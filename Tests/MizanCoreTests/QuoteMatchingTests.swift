import Testing

@testable import MizanCore

@Suite("Finding a quote in the approved text")
struct QuoteMatchingTests {
  static let text = """
    القنوات المستخدمة للتواصل مع المستفيدين:-
    1 - المقابلة.   2-الاتصالات الهاتفية.
    التأكد على صحة البيانات المقدمة من طال ب الدعم والتوقيع عليها
    خلال مدة لا تقل عن أسبوعين.
    """

  @Test("found whatever the spacing, line breaks, tatweel, diacritics and letter forms", arguments: [
    "القنوات المستخدمة للتواصل مع المستفيدين:-",
    "1- المقابلة. 2- الاتصالات الهاتفية.",  // other spacing
    "المستفيدين:- 1 - المقابلة",  // across a line break
    "التأكد على صحة البيانات المقدمة من طالب الدعم",  // a space the extraction put inside a word
    "التأكـــد على صحة البيانات",  // tatweel
    "التأكَّد عَلى صِحّة البيانات",  // diacritics
    "التاكد علي صحه البيانات",  // alef, ya and ta marbuta written plainly
    "خلال مدة لا تقل عن أسبوعين.",
  ])
  func found(quote: String) {
    #expect(QuoteMatching(text: Self.text).contains(quote))
  }

  @Test("not found when a word, a letter or the punctuation differs", arguments: [
    "خلال مدة ل تقل عن أسبوعين.",  // a letter missing
    "القنوات المستخدمة للتواصل مع المستخدمين",  // another word
    "خلال مدة لا تقل عن أسبوعين!",  // other punctuation
    "خلال مدة لا تقل عن أسبوعين. وزيادة",  // longer than the text has
    "",  // nothing to find
    "   ",
  ])
  func notFound(quote: String) {
    #expect(!QuoteMatching(text: Self.text).contains(quote))
  }

  @Test("the closest passage is the one sharing most of the quote, as written in the text")
  func closestPassage() {
    let matching = QuoteMatching(text: Self.text)
    #expect(matching.closestPassage(to: "خلال مدة ل تقل عن أسبوعين.") == "خلال مدة لا تقل عن أسبوعين")
    #expect(matching.closestPassage(to: "القنوات المستعملة للتواصل") == "القنوات المستخدمة للتواصل")
    #expect(QuoteMatching(text: "").closestPassage(to: "أي نص") == nil)
    // A quote longer than the whole text: the passage is the whole text.
    #expect(QuoteMatching(text: "قصير").closestPassage(to: "نص أطول من النص كله") == "قصير")
  }
}
