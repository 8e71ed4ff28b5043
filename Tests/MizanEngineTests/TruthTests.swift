import MizanCore
import Testing

@Suite("Three-valued logic")
struct TruthTests {
  static let and: [(Truth, Truth, Truth)] = [
    (.true, .true, .true), (.true, .false, .false), (.true, .unknown, .unknown),
    (.false, .true, .false), (.false, .false, .false), (.false, .unknown, .false),
    (.unknown, .true, .unknown), (.unknown, .false, .false), (.unknown, .unknown, .unknown),
  ]
  static let or: [(Truth, Truth, Truth)] = [
    (.true, .true, .true), (.true, .false, .true), (.true, .unknown, .true),
    (.false, .true, .true), (.false, .false, .false), (.false, .unknown, .unknown),
    (.unknown, .true, .true), (.unknown, .false, .unknown), (.unknown, .unknown, .unknown),
  ]

  @Test("and is Kleene's: false absorbs unknown", arguments: and)
  func conjunction(left: Truth, right: Truth, expected: Truth) {
    #expect((left && right) == expected)
  }

  @Test("or is Kleene's: true absorbs unknown", arguments: or)
  func disjunction(left: Truth, right: Truth, expected: Truth) {
    #expect((left || right) == expected)
  }

  @Test("not swaps true and false and keeps unknown", arguments: [(Truth.true, Truth.false), (.false, .true), (.unknown, .unknown)])
  func negation(value: Truth, expected: Truth) {
    #expect(!value == expected)
  }
}
