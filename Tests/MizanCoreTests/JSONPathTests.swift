import Testing

@testable import MizanCore

@Suite("JSONPath")
struct JSONPathTests {
  /// Paths with the text each must print as.
  static let paths: [([JSONPath.Component], String)] = [
    ([], "$"),
    ([.key("facts")], "facts"),
    ([.key("facts"), .key("household_size")], "facts.household_size"),
    ([.key("documents"), .index(2), .key("expires_on")], "documents[2].expires_on"),
    ([.key("documents"), .index(0)], "documents[0]"),
    ([.index(3)], "[3]"),
    ([.index(0), .index(1)], "[0][1]"),
    ([.key("facts"), .key("monthly income")], #"facts["monthly income"]"#),
    ([.key("monthly income"), .key("amount")], #"["monthly income"].amount"#),
    ([.key("a.b")], #"["a.b"]"#),
    ([.key("")], #"[""]"#),
    ([.key("_x1")], "_x1"),
    ([.key("1x")], #"["1x"]"#),
    ([.key("expires-on")], #"["expires-on"]"#),
    ([.key("facts"), .key("الدخل")], #"facts["الدخل"]"#),
    ([.key("say \"hi\"\\")], #"["say \"hi\"\\"]"#),
    ([.key("tab\there\n")], #"["tab\there\n"]"#),
    ([.key("\u{1}")], #"["\u0001"]"#),
  ]

  @Test("prints keys after dots, indices in brackets, other keys quoted", arguments: paths)
  func printsPath(components: [JSONPath.Component], expected: String) {
    #expect(JSONPath(components).description == expected)
  }

  @Test("appending helpers build the same path as components")
  func appendingHelpers() {
    let built = JSONPath.root.appending(key: "documents").appending(index: 2).appending(.key("type"))
    #expect(built == JSONPath([.key("documents"), .index(2), .key("type")]))
    #expect(built.description == "documents[2].type")
    #expect(JSONPath.root.isRoot)
    #expect(!built.isRoot)
  }
}
