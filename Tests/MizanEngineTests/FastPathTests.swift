import MizanChecker
import MizanCore
import MizanEngine
import MizanTestSupport
import Testing

@testable import Mizan

/// The batch's fast path against the general one, on thousands of generated records for every
/// association's policy: `RecordScan` + the typed decoder give the same record as `JSONReader` +
/// `RecordDecoder` (or give up, never accept what the general path refuses), and the direct
/// canonical writer gives the same bytes as `Outcome.canonicalJSON`.
@Suite("Batch fast path: same records, same bytes")
struct FastPathTests {
  static let policies: [LoadedPolicy] = {
    let store = PolicyStore(root: Paths.packageRoot() + "/policies")
    return store.associations.flatMap { association in
      store.versionPaths(of: association).compactMap { try? store.load($0, verifyingApproval: false).get() }
    }
  }()

  /// Generated records: every field sometimes absent, `null`, of the wrong type or unusual.
  struct Generator {
    var random: SplitMix64
    let policy: LoadedPolicy

    mutating func pick<T>(_ choices: [T]) -> T { choices[Int(random.next() % UInt64(choices.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

    mutating func date() -> String {
      pick([
        "2024-03-10", "2023-12-01", "2027-01-01", "2024-02-29", "2024-03-11", "1445-08-29H",
        "١٤٤٥-٠٨-٢٩H", "2024-02-30", "10/03/2024", "2019-06-01", "2024-01-15", "2024-01-14",
      ])
    }

    /// Ten bytes the fast path reads itself: edges of the range, and near misses of the form.
    mutating func unusualDate() -> String {
      pick([
        "0001-01-01", "9999-12-31", "0000-01-01", "2024-00-10", "2024-13-01", "2024-12-32", "2023-02-29",
        "2O24-01-01", "2024-01-1", "2024-01-100", "2024_01-01", "2024-01:01", "2024-1-010", "٢٠٢٤-٠٣-١٠",
      ])
    }

    mutating func scalar(for type: ValueType) -> String {
      if chance(5) { return "null" }
      if chance(2) { return pick(["\"five\"", "true", "2.5", "-3", "[]", "{}", "1e3", "0.00001", "007"]) }
      switch type {
      case .bool: return chance(95) ? pick(["true", "false"]) : pick(["tru", "fals", "falsy", "nul", "True"])
      case .number:
        if !chance(4) {
          return pick(["0", "1", "5", "2500", "1500.5", "833.3333", "12", "999999999999999", "4500.25"])
        }
        // Numbers the fast path reads itself: digit and decimal limits, and what is not JSON.
        return pick([
          "0.5", "0.0001", "1.23456", "5.0", "922337203685477", "92233720368547.7", "123456789012345",
          "1234567890123456", "12345678901.2345", "00", "0.", ".5", "1E2", "2e-1", "5.5.5", "-0", "+1",
        ])
      case .date: return "\"\(chance(4) ? unusualDate() : date())\""
      case .text:
        return pick(["\"rabigh\"", "\"jeddah\"", "\"رابغ\"", "\"a \\\"quoted\\\" name\"", "\"1012345678\"", "\"\""])
      case .enumeration(let name):
        let values = policy.checked.enumeration(named: name)?.values ?? ["x"]
        return "\"\(chance(90) ? pick(values) : "carrier_pigeon")\""
      case .setOf(let name):
        let values = policy.checked.enumeration(named: name)?.values ?? ["x"]
        return "[\"\(pick(values))\"]"
      }
    }

    mutating func record() -> String {
      var fields: [String] = []
      fields.append("\"application_id\":\"\(pick(["APP-1", "APP-2024-000123", "تطبيق-٧", "A\\u0042C", ""]))\"")
      fields.append("\"association\":\"\(chance(97) ? policy.association : pick(["raabig", "nobody"]))\"")
      fields.append("\"submitted_on\":\"\(chance(95) ? "2024-03-10" : date())\"")
      let channels = policy.checked.enumeration(named: "channel")?.values ?? ["interview"]
      if !chance(3) { fields.append("\"channel\":" + (chance(3) ? "null" : "\"\(pick(channels))\"")) }
      var facts: [String] = []
      for fact in policy.checked.facts.dropFirst(3) where !chance(15) {
        facts.append("\"\(fact.name)\":\(scalar(for: fact.type))")
      }
      if chance(2) { facts.append("\"unknown_fact\":1") }
      if chance(2), let first = facts.first { facts.append(first) }
      if !chance(3) { fields.append("\"facts\":{\(facts.joined(separator: ","))}") }
      var documents: [String] = []
      for document in policy.checked.documents where chance(60) {
        var members = ["\"type\":\"\(document.name)\""]
        for key in ["expires_on", "dated", "signed_on", "issued_on"] where chance(35) {
          members.append("\"\(key)\":" + (chance(5) ? "null" : "\"\(chance(5) ? unusualDate() : date())\""))
        }
        if chance(5) { members.append("\"number\":\"A12\"") }
        if chance(2) { members.append("\"note\":5") }
        documents.append("{\(members.shuffled(using: &random).joined(separator: ","))}")
      }
      if chance(2) { documents.append("{\"type\":\"passport\"}") }
      if !chance(3) { fields.append("\"documents\":[\(documents.joined(separator: ", "))]") }
      if chance(2) { fields.append("\"extra\":1") }
      return "{" + fields.shuffled(using: &random).joined(separator: chance(50) ? "," : " , ") + "}"
    }
  }

  @Test("fast decoding agrees with the full decoder, and the direct writer with Outcome.canonicalJSON")
  func agreement() throws {
    try #require(!Self.policies.isEmpty)
    for policy in Self.policies {
      var generator = Generator(
        random: SplitMix64(seed: 0xBA7C4 &+ UInt64(policy.association.utf8.count)),
        policy: policy)
      var scan = RecordScan()
      var fast = ApplicantRecord()
      var decision = Decision()
      var compared = 0
      var fastAccepted = 0
      for _ in 0..<3_000 {
        let line = Array(generator.record().utf8)
        let full: ApplicantRecord? = {
          guard let json = try? JSONReader.read(line) else { return nil }
          return try? RecordDecoder.decode(json, for: policy.checked)
        }()
        let accepted = line.withUnsafeBytes { bytes -> Bool in
          guard scan.scan(bytes), let envelope = RecordDecoder.envelope(of: scan, in: bytes) else { return false }
          return RecordDecoder.decode(scan, envelope: envelope, in: bytes, plan: policy.evaluator.plan, into: &fast)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let full else {
          #expect(!accepted, "the fast path accepts what the decoder refuses: \(text)")
          continue
        }
        if accepted {
          fastAccepted += 1
          #expect(fast.applicationID == full.applicationID, "\(text)")
          #expect(fast.association == full.association, "\(text)")
          #expect(fast.submittedOn == full.submittedOn, "\(text)")
          #expect(fast.facts == full.facts, "\(text)")
          #expect(fast.documents == full.documents, "\(text)")
        }
        let outcome = policy.outcome(for: full)
        policy.evaluator.decide(full, into: &decision)
        let bytes = policy.evaluator.canonicalOutcome(decision, record: full, identity: policy.identity)
        #expect(String(decoding: bytes, as: UTF8.self) == outcome.canonicalJSON, "\(policy.association): \(text)")
        compared += 1
      }
      #expect(compared > 300, "\(policy.association): too few valid records generated")
      #expect(fastAccepted * 2 > compared, "\(policy.association): the fast path takes too few records")
    }
  }

  @Test("the fast path takes every envelope and document field, in any order, with whitespace")
  func takesEveryField() throws {
    let policy = try #require(Self.policies.first { $0.association == "raabigh" })
    let document = try #require(policy.checked.documents.first?.name)
    let lines = [
      #"{"application_id":"AB","association":"raabigh","submitted_on":"2024-03-10","channel":"interview","facts":{},"#
        + #""documents":[{"type":"\#(document)","expires_on":"2027-01-01","dated":"2024-03-01","#
        + #""signed_on":"2024-03-02","issued_on":"2020-01-01","number":"A1","note":null}]}"#,
      #"{ "documents" : [ { "note" : "x" , "number" : null , "issued_on" : null , "signed_on" : "1445-08-29H" , "#
        + #""dated" : "٢٠٢٤-٠٣-١٠" , "expires_on" : null , "type" : "\#(document)" } ] , "facts" : { } , "#
        + #""channel" : "interview" , "submitted_on" : "2024-03-10" , "association" : "raabigh" , "#
        + #""application_id" : "AB" }\#r\#n"#,
    ]
    for line in lines {
      let full = try RecordDecoder.decode(try JSONReader.read(Array(line.utf8)), for: policy.checked)
      var scan = RecordScan()
      var record = ApplicantRecord()
      let accepted = Array(line.utf8).withUnsafeBytes { bytes -> Bool in
        guard scan.scan(bytes), let envelope = RecordDecoder.envelope(of: scan, in: bytes) else { return false }
        return RecordDecoder.decode(scan, envelope: envelope, in: bytes, plan: policy.evaluator.plan, into: &record)
      }
      #expect(accepted, "\(line)")
      #expect(record.facts == full.facts && record.documents == full.documents, "\(line)")
    }
  }

  @Test(
    "the fast path gives up on what it does not handle",
    arguments: [
      #"{"application_id":"A\"B","association":"raabigh","submitted_on":"2024-03-10","channel":"interview"}"#,
      #"{"application_id":"AB","association":"raabigh","submitted_on":"2024-03-10","channel":"interview","channel":"website"}"#,
      #"{"application_id":"AB","association":"raabigh","submitted_on":"2024-03-10","channel":"interview"} x"#,
      #"{"application_id":"AB","association":"raabigh","submitted_on":"2024-03-10","channel":"interview","facts":{"household_size":1e1}}"#,
      #"{"application_id":"AB","association":"raabigh","submitted_on":"2024-03-10","channel":"interview","facts":{"household_size":-0}}"#,
      #"{"application_id":"AB","association":"raabigh","submitted_on":"2024-03-10","channel":"interview","facts":[]}"#,
      "\u{FEFF}{\"application_id\":\"AB\",\"association\":\"raabigh\",\"submitted_on\":\"2024-03-10\",\"channel\":\"interview\"}",
      "{\"application_id\":\"A\u{1}B\",\"association\":\"raabigh\",\"submitted_on\":\"2024-03-10\",\"channel\":\"interview\"}",
      // Names spelled with an escape, or a prefix of a known one, or cut short at the end.
      #"{"application_id":"AB","association":"raabigh","submitted_on":"2024-03-10","chann\u0065l":"interview"}"#,
      #"{"application_id":"AB","association":"raabigh","submitted_on":"2024-03-10","chan":"interview"}"#,
      #"{"application_id":"AB","association":"raabigh","submitted_on":"2024-03-10","channel":"interview","documents":[{"typ":"x"}]}"#,
      #"{"application_id":"AB","association":"raabigh","submitted_on":"2024-03-10","channel":"interview","documents":[{"dated":null}]}"#,
      #"{"application_id":"AB","association":"raabigh","submitted_on":"2024-03-10","channel":"interview","facts":{"household_size":1}"#,
      #"{"application_id":"AB","association":"raabigh","submitted_on":"2024-03-10","channel":"interview","facts":{"household_size":1"#,
      #"{"application_id":"AB","association":"raabigh","submitted_on":"2024-03-10","channel":"interview","facts":{"needs_field_visit":tru"#,
      #"{"application_id":"AB","association":"raabigh","submitted_on":"2024-03-1"#,
      #"{"application_id":"AB","association":"raabigh","submitted_on":"2024-03-10"#,
      #"{"application_id":"AB","associatio"#,
    ])
  func givesUp(_ line: String) throws {
    let policy = try #require(Self.policies.first { $0.association == "raabigh" })
    var scan = RecordScan()
    var record = ApplicantRecord()
    let accepted = Array(line.utf8).withUnsafeBytes { bytes -> Bool in
      guard scan.scan(bytes), let envelope = RecordDecoder.envelope(of: scan, in: bytes) else { return false }
      return RecordDecoder.decode(scan, envelope: envelope, in: bytes, plan: policy.evaluator.plan, into: &record)
    }
    #expect(!accepted)
  }
}
