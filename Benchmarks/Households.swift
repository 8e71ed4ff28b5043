import Foundation
import Mizan
import MizanCore
import MizanEngine

/// The household rows: records of the worked households fixture
/// (`fixtures/policies/households`), each a mother and five children, read, evaluated and
/// written by the same one path as the Raabigh records.
enum HouseholdBenchmark {
  struct Figures {
    var read: Double
    var evaluate: Double
    var write: Double
    var bytes: Int
  }

  /// `count` records of five children with varied ages, sexes and incomes (a fixed seed).
  static func records(_ count: Int) -> [[UInt8]] {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    return (0..<count).map { index in
      let children = (0..<5).map { child in
        let year = 1998 + next(26)
        let birth = String(format: "%04d-%02d-%02d", year, 1 + next(12), 1 + next(28))
        let sex = next(2) == 0 ? "male" : "female"
        let income = next(4) == 0 ? next(3000) : 0
        let birthField = next(20) == 0 ? "" : #""birth_date": "\#(birth)", "#
        return #"{"name": "child \#(child)", \#(birthField)"sex": "\#(sex)", "monthly_income": \#(income)}"#
      }
      return Array((#"{"application_id": "H-\#(index)", "association": "sample", "submitted_on": "2024-03-10", "#
        + #""channel": "interview", "facts": {"mother_income": \#(next(6000)), "rent": \#(next(2000)), "#
        + #""children": [\#(children.joined(separator: ", "))]}}"#).utf8)
    }
  }

  /// The figures, or nil when the fixture does not load (the benchmark then leaves the rows out).
  static func measure(count: Int, rounds: Int) -> Figures? {
    let store = PolicyStore(root: "fixtures/policies/households")
    guard let policy = store.versions(of: "sample").loaded.last else { return nil }
    let evaluator = policy.evaluator
    let lines = records(count)
    var reader = RecordReader()
    var record = ApplicantRecord()
    let read = Measure.nanosecondsPerItem(count: lines.count, rounds: rounds) {
      var sum = 0
      for line in lines {
        if (try? reader.readEnvelope(line.span)) != nil,
          (try? reader.readRecord(line.span, schema: evaluator.recordSchema, into: &record)) != nil
        {
          sum &+= record.lists.count
        }
      }
      return sum
    }
    let decoded: [ApplicantRecord] = lines.compactMap { line in
      var reader = RecordReader()
      var record = ApplicantRecord()
      guard (try? reader.readEnvelope(line.span)) != nil,
        (try? reader.readRecord(line.span, schema: evaluator.recordSchema, into: &record)) != nil
      else { return nil }
      return record
    }
    var decision = Decision()
    let evaluate = Measure.nanosecondsPerItem(count: decoded.count, rounds: rounds) {
      var sum = 0
      for record in decoded {
        evaluator.decide(record, into: &decision)
        sum &+= decision.missingFacts.count
      }
      return sum
    }
    let decisions: [Decision] = decoded.map { record in
      var decision = Decision()
      evaluator.decide(record, into: &decision)
      return decision
    }
    let writer = policy.outcomeWriter
    var sink = ByteBuffer(capacity: 1 << 16)
    var bytes = 0
    let write = Measure.nanosecondsPerItem(count: decoded.count, rounds: rounds) {
      var sum = 0
      for (record, decision) in zip(decoded, decisions) {
        sink.removeAll()
        writer.write(decision, record: record, into: &sink)
        sum &+= sink.count
      }
      bytes = sum
      return sum
    }
    return Figures(read: read.ns, evaluate: evaluate.ns, write: write.ns, bytes: bytes / max(1, decoded.count))
  }
}
