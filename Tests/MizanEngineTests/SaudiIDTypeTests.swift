import MizanChecker
import MizanCore
import MizanEngine
import MizanSyntax
import Testing

/// `saudi_id`: read and checked as a record is read, told citizen from resident by `is_citizen`.
@Suite("The saudi_id type")
struct SaudiIDTypeTests {
  static let policyText = testHeader + """
    fact applicant_id: saudi_id { label ar "رقم الهوية" en "ID number" }
    condition citizen: is_citizen(applicant_id) { label ar "مواطن" en "Citizen" cite "نص" }
    """

  static func record(_ id: String) -> String {
    """
    {"application_id": "S-1", "association": "test", "submitted_on": "2024-03-10", "channel": "interview",
     "facts": {"applicant_id": \(id)}}
    """
  }

  @Test("a citizen's ID holds, a resident's Iqama fails, an unknown one is undecided", arguments: [
    (#""1000000008""#, Verdict.eligible), (#""١٠٠٠٠٠٠٠٠٨""#, .eligible), (#""2172323137""#, .ineligible),
    ("null", .incomplete),
  ])
  func verdicts(id: String, verdict: Verdict) throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    #expect(try outcome(policy, Self.record(id)).verdict == verdict)
  }

  @Test("a number that is not an ID is refused with the path and why", arguments: [
    (#""1012345678""#, "facts.applicant_id: not a valid Saudi ID or Iqama number \"1012345678\": its last (check) digit does not match"),
    (#""100000000""#, "facts.applicant_id: not a valid Saudi ID or Iqama number \"100000000\": it has 9 digits, not 10"),
    (#""3000000001""#, "facts.applicant_id: not a valid Saudi ID or Iqama number \"3000000001\": it starts with 3"),
    (#""10000-0008""#, "facts.applicant_id: not a valid Saudi ID or Iqama number \"10000-0008\": it is not all digits"),
    ("1000000008", "facts.applicant_id: expected a Saudi ID or Iqama number, 10 digits in a string, found 1000000008"),
  ])
  func refused(id: String, message: String) throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    do {
      _ = try outcome(policy, Self.record(id))
      Issue.record("accepted \(id)")
    } catch let error as RecordError {
      #expect(error.description.hasPrefix(message), "\(error.description)")
    }
  }

  @Test("is_citizen takes a saudi_id, not a text")
  func typed() {
    let text = testHeader + """
      fact applicant_id: text { label ar "الرقم" en "Number" }
      condition citizen: is_citizen(applicant_id) { label ar "مواطن" en "Citizen" cite "نص" }
      """
    let (parsed, _) = Parser.parse(SourceFile(path: "test.mizan", text: text))
    let result = Checker.check(PolicySources(main: parsed))
    guard case .failure(let failure) = result else {
      Issue.record("accepted")
      return
    }
    #expect(failure.diagnostics.map(\.message.text.english)
      == ["expected a Saudi ID or Iqama number (saudi_id), found a text"])
  }
}
