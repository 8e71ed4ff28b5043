import Testing

@testable import MizanCore

@Suite("Saudi national ID and Iqama numbers")
struct SaudiIDTests {
  @Test("the published test vectors", arguments: [
    ("1000000008", "1000000008", true), ("2172323137", "2172323137", false), ("1012345672", "1012345672", true),
    ("1020304059", "1020304059", true), ("1122334459", "1122334459", true), ("1044556676", "1044556676", true),
    ("2109876546", "2109876546", false), ("2200112239", "2200112239", false),
    ("١٠٠٠٠٠٠٠٠٨", "1000000008", true), ("۱۰۰۰۰۰۰۰۰۸", "1000000008", true), ("10000 00008", "1000000008", true),
  ])
  func valid(text: String, normalized: String, citizen: Bool) {
    #expect(SaudiID.normalized(text) == .success(normalized))
    #expect(SaudiID.isCitizen(normalized) == citizen)
  }

  @Test("what is refused, and why", arguments: [
    ("1000000000", SaudiID.Problem.checkDigit), ("1012345678", .checkDigit), ("100000000", .notTenDigits(9)),
    ("10000000080", .notTenDigits(11)), ("3000000001", .badPrefix("3")), ("0000000000", .badPrefix("0")),
    ("10000000O8", .notTenDigits(-1)), ("", .notTenDigits(0)),
  ])
  func refused(text: String, problem: SaudiID.Problem) {
    #expect(SaudiID.normalized(text) == .failure(problem))
  }
}
