import MizanChecker
import MizanCore
import MizanTestSupport
import Testing

@testable import Mizan
@testable import MizanEngine

/// The one record reader, on thousands of generated records for every association's policy,
/// against a plain decoder over a `JSONValue` tree kept as its oracle
/// (`ReferenceRecordDecoder`): the same records accepted, the same facts and documents read, the
/// same error (id, path and message) for the rest. And what it reads, it writes back exactly.
@Suite("The record reader")
struct RecordReaderTests {
  static let policies: [LoadedPolicy] = {
    let store = PolicyStore(root: Paths.packageRoot() + "/policies")
    return store.associations.flatMap { association in
      store.versionPaths(of: association).compactMap { try? store.load($0, verifyingApproval: false).get() }
    }
  }()

  /// Reads a whole record with the one reader.
  static func read(_ line: [UInt8], _ policy: LoadedPolicy) -> Result<ApplicantRecord, RecordError> {
    var reader = RecordReader()
    var record = ApplicantRecord()
    do {
      _ = try reader.readEnvelope(line.span)
      try reader.readRecord(line.span, schema: policy.evaluator.recordSchema, into: &record)
      return .success(record)
    } catch {
      return .failure(error)
    }
  }

  /// Reads a record with the oracle.
  static func reference(_ line: [UInt8], _ policy: LoadedPolicy) -> Result<ApplicantRecord, RecordError> {
    do {
      let json = try JSONReader.read(line)
      return .success(try ReferenceRecordDecoder.decode(json, for: policy.checked))
    } catch let error as JSONReadError {
      return .failure(.unreadable(error))
    } catch let error as RecordError {
      return .failure(error)
    } catch {
      return .failure(RecordError("test.unexpected", path: "$", ar: "", en: "\(error)"))
    }
  }

  /// Generated records: every field sometimes absent, `null`, of the wrong type or unusual.
  struct Generator {
    var random: SplitMix64
    let policy: LoadedPolicy

    mutating func pick<T>(_ choices: [T]) -> T { choices[Int(random.next() % UInt64(choices.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

    mutating func date() -> String {
      pick([
        "2024-03-10", "2023-12-01", "2027-01-01", "2024-02-29", "2024-03-11", "1445-08-29H",
        "١٤٤٥-٠٨-٢٩H", "2024-02-30", "10/03/2024", "2019-06-01", "2024-01-15", "2024-01-14", "1445-08-29",
        "1899-12-31", "1900-01-01",
      ])
    }

    /// Edges of the range, and near misses of the form.
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
        return pick([
          "0.5", "0.0001", "1.23456", "5.0", "922337203685477", "92233720368547.7", "123456789012345",
          "1234567890123456", "12345678901.2345", "00", "0.", ".5", "1E2", "2e-1", "5.5.5", "-0", "+1",
          "7500.00000", "1.5e3", "-2500",
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
      case .listOf:
        return pick(["[]", "null", "[{}]"])
      case .saudiID:
        return pick(["\"1000000008\"", "\"1000000000\"", "\"١٠٠٠٠٠٠٠٠٨\"", "\"3000000001\"", "\"12\""])
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
      if !chance(3) { fields.append("\"facts\":{\(facts.shuffled(using: &random).joined(separator: ","))}") }
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

  @Test("reads as the oracle does: the same records accepted, the same facts, the same errors")
  func agreesWithTheOracle() throws {
    try #require(!Self.policies.isEmpty)
    for policy in Self.policies {
      var generator = Generator(random: SplitMix64(seed: 0xBA7C4 &+ UInt64(policy.association.utf8.count)),
                                policy: policy)
      var accepted = 0
      for _ in 0..<3_000 {
        let line = Array(generator.record().utf8)
        let text = String(decoding: line, as: UTF8.self)
        switch (Self.read(line, policy), Self.reference(line, policy)) {
        case (_, .failure(let theirs)) where theirs.id.rawValue == "oracle.cannotJudge":
          continue
        case (.success(let ours), .success(let theirs)):
          accepted += 1
          #expect(ours.applicationID == theirs.applicationID, "\(text)")
          #expect(ours.submittedOn == theirs.submittedOn, "\(text)")
          #expect(ours.facts == theirs.facts, "\(text)")
          #expect(ours.documents == theirs.documents, "\(text)")
        case (.failure(let ours), .failure(let theirs)):
          #expect(ours.id == theirs.id, "\(text)")
          #expect(ours.path == theirs.path, "\(text)")
        case (.success, .failure(let theirs)):
          Issue.record("the reader accepts what the oracle refuses (\(theirs)): \(text)")
        case (.failure(let ours), .success):
          Issue.record("the reader refuses what the oracle accepts (\(ours)): \(text)")
        }
      }
      #expect(accepted > 150, "\(policy.association): too few valid records generated")
    }
  }

  @Test("what it reads, the canonical record it writes reads back the same")
  func roundTrip() throws {
    for policy in Self.policies {
      var generator = Generator(random: SplitMix64(seed: 0x5EED &+ UInt64(policy.association.utf8.count)),
                                policy: policy)
      for _ in 0..<500 {
        let line = Array(generator.record().utf8)
        guard case .success(let record) = Self.read(line, policy) else { continue }
        var reader = RecordReader()
        _ = try reader.readEnvelope(line.span)
        var canonical = ByteBuffer()
        reader.writeCanonicalRecord(line.span, into: &canonical)
        let again = try Self.read(canonical.array, policy).get()
        #expect(again.facts == record.facts && again.documents == record.documents, "\(canonical.string)")
        // Canonical already: writing it again changes nothing.
        var twice = ByteBuffer()
        let bytes = canonical.array
        _ = try reader.readEnvelope(bytes.span)
        reader.writeCanonicalRecord(bytes.span, into: &twice)
        #expect(twice.array == bytes)
      }
    }
  }

  static func raabigh() throws -> LoadedPolicy { try #require(policies.first { $0.association == "raabigh" }) }

  static func record(income: String) -> [UInt8] {
    Array(("{\"application_id\":\"A\",\"association\":\"raabigh\",\"submitted_on\":\"2024-03-10\","
      + "\"channel\":\"interview\",\"facts\":{\"monthly_income\":\(income)}}").utf8)
  }

  @Test(
    "numbers are read exactly, as decimals from their digits, and written back as they were",
    arguments: [
      ("1234567890123.4567", "1234567890123.4567"), ("922337203685477.5807", "922337203685477.5807"),
      ("7500.00000", "7500"), ("1.5e3", "1500"), ("0.0001", "0.0001"), ("2500", "2500"), ("0", "0"),
      ("12.3400", "12.34"), ("1E2", "100"), ("123456.78e-2", "1234.5678"),
    ])
  func exactNumbers(_ written: String, _ expected: String) throws {
    let policy = try Self.raabigh()
    let record = try Self.read(Self.record(income: written), policy).get()
    let slot = try #require(policy.checked.fact(named: "monthly_income"))
    guard case .number(let number)? = record.facts[slot] else {
      Issue.record("not a number: \(String(describing: record.facts[slot]))")
      return
    }
    #expect(number.description == expected)
    // The outcome shows the value exactly as read.
    let outcome = String(decoding: policy.canonicalOutcome(for: record), as: UTF8.self)
    #expect(outcome.contains("\"monthly_income\":\(expected)"))
  }

  @Test(
    "numbers a decimal cannot hold are refused with the path and the rule",
    arguments: [
      ("7500.000000000000001", "record.wrongType", "expected a number with at most 4 decimals, found 7500.000000000000001"),
      ("0.00001", "record.wrongType", "expected a number with at most 4 decimals, found 0.00001"),
      ("922337203685477.5808", "record.numberOutOfRange", "found 922337203685477.5808"),
      ("1e400", "record.numberOutOfRange", "found 1e400"),
      ("1e-400", "record.wrongType", "at most 4 decimals"),
      ("-1", "record.negativeNumber", "found -1"),
      // Too large and too precise at once: too large is what is wrong with it. At, below and
      // above the largest whole part.
      ("922337203685477.12345", "record.wrongType", "at most 4 decimals"),
      ("922337203685478.12345", "record.numberOutOfRange", "found 922337203685478.12345"),
      ("922337203685476.99999", "record.wrongType", "at most 4 decimals"),
      ("5333333333333330000000000000000000000003330.035521380370599936", "record.numberOutOfRange", "number out of range, found 5333333333333330000"),
      ("1e15", "record.numberOutOfRange", "found 1e15"),
      ("1000000000000000.5", "record.numberOutOfRange", "found 1000000000000000.5"),
    ])
  func refusedNumbers(_ written: String, _ id: String, _ message: String) throws {
    let policy = try Self.raabigh()
    guard case .failure(let error) = Self.read(Self.record(income: written), policy) else {
      Issue.record("\(written) was accepted")
      return
    }
    #expect(error.id.rawValue == id)
    #expect(error.path == "facts.monthly_income")
    #expect(error.message.english.contains(message), "\(error.message.english)")
  }

  @Test(
    "a Gregorian year before 1900 is a Hijri date without its H: refused with a hint",
    arguments: [
      ("1445-08-29", "did you mean 1445-08-29H?"), ("1899-12-31", "a Gregorian year before 1900"),
    ])
  func hijriWithoutH(_ written: String, _ message: String) throws {
    let policy = try Self.raabigh()
    let line = Array(("{\"application_id\":\"A\",\"association\":\"raabigh\",\"submitted_on\":\"\(written)\","
      + "\"channel\":\"interview\"}").utf8)
    guard case .failure(let error) = Self.read(line, policy) else {
      Issue.record("\(written) was accepted")
      return
    }
    #expect(error.id.rawValue == "record.invalidDate")
    #expect(error.path == "submitted_on")
    #expect(error.message.english.contains(message), "\(error.message.english)")
    // The earliest accepted year, and the same digits with their H.
    #expect(throws: Never.self) { try Self.read(Array(String(decoding: line, as: UTF8.self)
      .replacingOccurrences(of: written, with: "1900-01-01").utf8), policy).get() }
  }

  @Test("a repeated member is refused where it is repeated, as the JSON reader says it")
  func duplicates() throws {
    let policy = try Self.raabigh()
    let cases: [(String, String)] = [
      (#"{"application_id":"A","association":"raabigh","association":"raabigh","submitted_on":"2024-03-10"}"#,
       "association"),
      (#"{"application_id":"A","association":"raabigh","submitted_on":"2024-03-10","channel":"interview","facts":{"household_size":1,"household_size":2}}"#,
       "facts.household_size"),
      (#"{"application_id":"A","association":"raabigh","submitted_on":"2024-03-10","channel":"interview","documents":[{"type":"national_id","type":"national_id"}]}"#,
       "documents[0].type"),
    ]
    for (line, path) in cases {
      guard case .failure(let error) = Self.read(Array(line.utf8), policy) else {
        Issue.record("accepted: \(line)")
        continue
      }
      #expect(error.id.rawValue == "record.invalidJSON")
      #expect(error.path == path)
      #expect(error.message.english.contains("duplicate key"))
    }
  }
}
