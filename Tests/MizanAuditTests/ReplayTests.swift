import Foundation
import Mizan
import MizanTestSupport
import Testing

@Suite("Replay detects every fault and reproduces a clean log")
struct ReplayTests {
  @Test("a clean log replays fully reproduced")
  func clean() throws {
    let fixture = try AuditFixture(name: "clean")
    let results = fixture.replay()
    #expect(results.count == AuditFixture.recordNames.count)
    #expect(results.allSatisfy { $0.hasSuffix(": reproduced") }, "\(results)")
  }

  @Test("an edited verdict breaks the chain at that line")
  func editedVerdict() throws {
    let fixture = try AuditFixture(name: "edited-verdict")
    var lines = fixture.lines
    #expect(lines[1].contains(#""verdict":"incomplete""#))
    lines[1] = lines[1].replacingOccurrences(of: #""verdict":"incomplete""#, with: #""verdict":"eligible""#)
    try fixture.write(lines)
    let results = fixture.replay()
    #expect(try results.line(1) == "2: chain broken its hash does not match its contents: the entry was altered")
    #expect(results.enumerated().allSatisfy { $0.offset == 1 || $0.element.hasSuffix("reproduced") })
  }

  @Test("an edited input record breaks the chain at that line")
  func editedInput() throws {
    let fixture = try AuditFixture(name: "edited-input")
    var lines = fixture.lines
    lines[2] = lines[2].replacingOccurrences(of: #""monthly_income":9000"#, with: #""monthly_income":900"#)
    try fixture.write(lines)
    #expect(try fixture.replay().line(2) == "3: chain broken its hash does not match its contents: the entry was altered")
  }

  @Test("a deleted entry is found at the entry after it")
  func deleted() throws {
    let fixture = try AuditFixture(name: "deleted")
    var lines = fixture.lines
    lines.remove(at: 2)
    try fixture.write(lines)
    let results = fixture.replay()
    #expect(try results.line(2) == "3: chain broken its `prev` does not match the entry on line 2: "
      + "an entry was deleted, inserted or moved; sequence 4 follows 2")
    #expect(results.filter { !$0.hasSuffix("reproduced") }.count == 1)
  }

  @Test("two swapped entries are both reported")
  func swapped() throws {
    let fixture = try AuditFixture(name: "swapped")
    var lines = fixture.lines
    lines.swapAt(1, 2)
    try fixture.write(lines)
    let results = fixture.replay()
    #expect(try results.line(1).hasPrefix("2: chain broken its `prev` does not match the entry on line 1"))
    #expect(try results.line(2).hasPrefix("3: chain broken its `prev` does not match the entry on line 2"))
    #expect(try results.line(3).hasPrefix("4: chain broken its `prev` does not match the entry on line 3"))
  }

  @Test("a line cut mid-way is a torn tail, reported with its line number")
  func truncated() throws {
    let fixture = try AuditFixture(name: "truncated")
    var lines = fixture.lines.filter { !$0.isEmpty }
    let last = lines.removeLast()
    try fixture.write(lines, tornTail: String(last.prefix(100)))
    let results = fixture.replay()
    #expect(results.last == "6: chain broken torn last line (100 bytes without a newline): an append was cut off; "
      + "`mizan log repair LOG` saves it aside and cuts the log back to its last whole line")
  }

  @Test("garbage appended to the log is not an entry")
  func garbage() throws {
    let fixture = try AuditFixture(name: "garbage")
    try fixture.write(fixture.lines + ["{\"hello\": \"world\"}", "not json at all"])
    let results = fixture.replay()
    #expect(try results.line(6) == "7: chain broken not a log entry: unknown field `hello`")
    #expect(try results.line(7).hasPrefix("8: chain broken not a log entry: "))
  }

  @Test("an edit with every hash recomputed is caught by re-evaluation")
  func resealedForgery() throws {
    let fixture = try AuditFixture(name: "resealed")
    var lines = fixture.lines.filter { !$0.isEmpty }
    lines[1] = lines[1].replacingOccurrences(of: #""verdict":"incomplete""#, with: #""verdict":"eligible""#)
    try fixture.write(try Resealer.reseal(lines))
    let results = fixture.replay()
    #expect(try results.line(1) == "2: diverged verdict")
    #expect(results.filter { $0.hasSuffix("reproduced") }.count == AuditFixture.recordNames.count - 1)
  }

  @Test("an entry whose fingerprint matches no version is policy missing")
  func policyMissing() throws {
    let fixture = try AuditFixture(name: "missing-policy")
    var lines = fixture.lines.filter { !$0.isEmpty }
    let fingerprint = try #require(lines[0].firstMatch(of: /"fingerprint":"([0-9a-f]{64})"/)?.1)
    lines[0] = lines[0].replacingOccurrences(of: String(fingerprint), with: String(repeating: "f", count: 64))
    try fixture.write(try Resealer.reseal(lines))
    #expect(try fixture.replay().line(0) == "1: policy missing no version in the policies folder has fingerprint "
      + String(repeating: "f", count: 64) + " (the entry was decided under raabigh 2024-01-15): restore that "
      + "version's file, or point --policies at the folder that has it")
  }

  @Test("every fault is worded in Arabic too, below the command line; the English stays the JSON's")
  func arabicWording() throws {
    let fixture = try AuditFixture(name: "arabic-wording")
    var lines = fixture.lines.filter { !$0.isEmpty }
    lines.remove(at: 2)
    try fixture.write(lines + ["{\"hello\": \"world\"}", "not json at all"], tornTail: "{\"seq")
    let arabic = fixture.replay(in: .arabic)
    let english = fixture.replay()
    #expect(arabic.count == english.count)
    #expect(try arabic.line(2) == "3: السلسلة مكسورة حقله `prev` لا يطابق القيد في السطر 2: حُذف قيد أو أُدرج أو نُقل؛ "
      + "رقمه التسلسلي 4 يأتي بعد 2")
    #expect(try arabic.line(lines.count) == "\(lines.count + 1): السلسلة مكسورة ليس قيدًا من قيود السجل: حقل غير معروف `hello`")
    // The JSON reader's own reason, in its Arabic.
    #expect(try arabic.line(lines.count + 1).hasPrefix("\(lines.count + 2): السلسلة مكسورة ليس قيدًا من قيود السجل: المتوقع "))
    #expect(arabic.last == "\(lines.count + 3): السلسلة مكسورة سطر أخير مبتور (5 بايت بلا محرف سطر جديد): "
      + "انقطعت كتابة قيد؛ الأمر `mizan log repair LOG` يحفظه جانبًا ويعيد السجل إلى آخر سطر كامل فيه")
    #expect(arabic.first == "1: مطابق")
    #expect(english.last?.hasPrefix("\(lines.count + 3): chain broken torn last line (5 bytes") == true)
  }

  @Test("a logged record that no longer reads diverges, and says why in both languages")
  func unreadableRecord() throws {
    let fixture = try AuditFixture(name: "unreadable-record")
    var lines = fixture.lines.filter { !$0.isEmpty }
    let size = try #require(lines[0].firstMatch(of: /"household_size":(\d+)/))
    lines[0] = lines[0].replacingOccurrences(of: String(size.0), with: #""household_size":"five""#)
    try fixture.write(try Resealer.reseal(lines))
    let english = try #require(fixture.replay().first)
    let arabic = try #require(fixture.replay(in: .arabic).first)
    #expect(english.hasPrefix("1: diverged record: facts.household_size: "), "\(english)")
    #expect(arabic.hasPrefix("1: مختلف بيانات الطلب: facts.household_size: "), "\(arabic)")
    #expect(arabic != english)
  }
}
