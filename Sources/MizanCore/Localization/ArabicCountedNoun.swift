/// A noun as Arabic says it after a number, which it must agree with: `خطأ واحد`, `خطآن`,
/// `3 أخطاء`, `11 خطأً`, `100 خطأ`. English adds an `s`; Arabic has five forms, so every
/// counted message names all five here, once, instead of guessing one.
package struct ArabicCountedNoun: Sendable {
  /// One, said with the noun and the word for one after it (`خطأ واحد`).
  package var one: String
  /// Two, said by the dual alone (`خطآن`).
  package var two: String
  /// After 3 to 10 (and 103–110, …): the plural (`أخطاء`).
  package var few: String
  /// After 11 to 99 (and 111–199, …): the singular, accusative (`خطأً`).
  package var many: String
  /// After 100, 1000, 0 and the rest: the singular (`خطأ`).
  package var other: String

  package init(one: String, two: String, few: String, many: String, other: String) {
    self.one = one
    self.two = two
    self.few = few
    self.many = many
    self.other = other
  }

  /// The count with its noun: 1 and 2 by the noun alone, other counts as digits before the form
  /// their last two digits call for.
  package func counted(_ count: Int) -> String {
    switch (count, count % 100) {
    case (1, _): one
    case (2, _): two
    case (_, 3...10): "\(count) \(few)"
    case (_, 11...99): "\(count) \(many)"
    default: "\(count) \(other)"
    }
  }
}
