import Foundation
import MizanTestSupport
import Testing

/// The harness itself: a fixture that cannot be built fails the one test using it, with the
/// reason, and never ends the test process (which would hide every suite after it).
@Suite("Audit fixtures fail their own test, never the process")
struct AuditFixtureTests {
  @Test("a fixture record that does not evaluate stops its test with the record's name")
  func recordThatDoesNotEvaluate() throws {
    let fixture = try AuditFixture(name: "fixture-does-not-evaluate")
    let before = fixture.lines
    #expect {
      try fixture.logRecord("no-policy-in-force")
    } throws: { error in
      (error as? FixtureFailure)?.description.hasPrefix("fixture no-policy-in-force does not evaluate") == true
    }
    #expect(fixture.lines == before, "nothing was logged")
  }

  @Test("reading a replayed line past the end is a failure of the test, not an index out of range")
  func lineOutOfRange() {
    withKnownIssue("line 6 of 2 lines") {
      _ = try ["1: reproduced", "2: reproduced"].line(6)
    }
  }

  @Test("a replayed line within range is returned")
  func lineInRange() throws {
    #expect(try ["1: reproduced", "2: diverged verdict"].line(1) == "2: diverged verdict")
  }
}
