import MizanChecker
import MizanCore
import MizanEngine
import Testing

/// Documents with fields rules can read: "the orphan's own IBAN, not the mother's".
@Suite("Evaluator: fields of documents")
struct DocumentFieldTests {
  static let policyText = testHeader + """
    enum account_holder {
      label ar "صاحب الحساب" en "Account holder"
      value orphan ar "اليتيم" en "The orphan"
      value mother ar "الأم" en "The mother"
      value other ar "غيرهما" en "Someone else"
    }
    document iban_certificate {
      label ar "شهادة الآيبان" en "IBAN certificate"
      provided_by applicant
      field holder: account_holder ar "صاحب الحساب" en "Account holder"
      field iban: text ar "رقم الآيبان" en "IBAN"
      valid if holder == orphan
        otherwise ar "صاحب الحساب ليس اليتيم؛ المطلوب حساب اليتيم نفسه"
                  en "the account holder is not the orphan; the orphan's own account is required"
    }
    requirement orphan_account: iban_certificate { label ar "حساب اليتيم" en "The orphan's account" cite "نص" }
    """

  static func record(_ documents: String) -> String {
    """
    {"application_id": "D-1", "association": "test", "submitted_on": "2024-03-10", "channel": "interview",
     "documents": [\(documents)]}
    """
  }

  @Test("a test of the document's fields judges it, with the policy's words", arguments: [
    (#"{"type": "iban_certificate", "holder": "orphan", "iban": "SA03800000006080101675"}"#, ChecklistStatus.provided,
     "IBAN certificate provided"),
    (#"{"holder": "orphan", "type": "iban_certificate"}"#, .provided, "IBAN certificate provided"),
    (#"{"type": "iban_certificate", "holder": "mother"}"#, .invalid,
     "IBAN certificate: the account holder is not the orphan; the orphan's own account is required"),
    (#"{"type": "iban_certificate"}"#, .invalid, "IBAN certificate: it does not give what is needed to judge it"),
    (#"{"type": "iban_certificate", "holder": "mother"}, {"type": "iban_certificate", "holder": "orphan"}"#, .provided,
     "IBAN certificate provided"),
  ])
  func judged(documents: String, status: ChecklistStatus, detail: String) throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let item = try #require(try outcome(policy, Self.record(documents)).checklist.first)
    #expect(item.status == status)
    #expect(item.detail.english == detail)
  }

  @Test("the Arabic detail is the policy's Arabic")
  func arabic() throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    let item = try #require(try outcome(policy, Self.record(#"{"type": "iban_certificate", "holder": "mother"}"#)).checklist.first)
    #expect(item.detail.arabic == "شهادة الآيبان: صاحب الحساب ليس اليتيم؛ المطلوب حساب اليتيم نفسه")
  }

  @Test("fields are typed as declared; an undeclared one is refused with a suggestion", arguments: [
    (#"{"type": "iban_certificate", "holdr": "orphan"}"#, "documents[0].holdr: unknown field `holdr`; did you mean `holder`?"),
    (#"{"type": "iban_certificate", "holder": "father"}"#, "documents[0].holder: unknown `account_holder` value \"father\""),
    (#"{"type": "iban_certificate", "iban": 5}"#, "documents[0].iban: expected a string, found 5"),
    // A misspelt key is what is wrong, before the type it leaves missing (found by the fuzzer).
    (#"{"tpye": "iban_certificate"}"#, "documents[0].tpye: unknown field `tpye`; did you mean `type`?"),
    (#"{"type": "iban_certifcate", "holdr": "x"}"#, "documents[0].holdr: unknown field `holdr`"),
  ])
  func refused(documents: String, message: String) throws {
    let policy = try #require(checkedPolicy(Self.policyText))
    do {
      _ = try outcome(policy, Self.record(documents))
      Issue.record("accepted")
    } catch let error as RecordError {
      #expect(error.description.hasPrefix(message), "\(error.description)")
    }
  }
}
