import MizanCore
import Testing

@testable import Mizan

/// `approvals.lock` is read strictly: every line an entry, a comment or blank, else an error
/// naming its line.
@Suite("approvals.lock: reading")
struct ApprovalsLockTests {
  static let fingerprint = String(repeating: "0123456789abcdef", count: 4)

  static func read(_ text: String) -> (ApprovalsLock, [Diagnostic]) {
    ApprovalsLock.parse(SourceFile(path: "policies/approvals.lock", text: text, name: "approvals.lock"))
  }

  @Test("entries, comments, blank lines, tabs, CRLF and a reference with spaces")
  func valid() {
    let (lock, diagnostics) = Self.read(
      "# header\n\n  # indented comment\r\nraabigh 2024-01-15 \(Self.fingerprint) Board, meeting 1, 2024-01-15  \r\n"
        + "creative-mom\t2021-02-25\t\(Self.fingerprint)\tمجلس الإدارة\n")
    #expect(diagnostics.isEmpty)
    #expect(lock.entries.map(\.association) == ["raabigh", "creative-mom"])
    #expect(lock.entries.map(\.line) == [4, 5])
    #expect(lock.entries.first?.reference == "Board, meeting 1, 2024-01-15")
    #expect(lock.entry(association: "creative-mom", version: "2021-02-25")?.reference == "مجلس الإدارة")
    #expect(lock.entry(association: "raabigh", version: "2021-02-25") == nil)
  }

  /// (line, id, a piece of the English message)
  static let malformed: [(String, String, String)] = [
    ("raabigh 2024-01-15 \(fingerprint)", "policy.lockMalformedLine", "expected 4 fields"),
    ("raabigh", "policy.lockMalformedLine", "found 1"),
    ("raa/bigh 2024-01-15 \(fingerprint) ref", "policy.lockMalformedLine", "`raa/bigh` is not an association id"),
    ("raabigh 2024-02-30 \(fingerprint) ref", "policy.lockMalformedLine", "version `2024-02-30` is not a date"),
    ("raabigh 1445-07-03H \(fingerprint) ref", "policy.lockMalformedLine", "version `1445-07-03H` is not a date"),
    ("raabigh 2024-1-15 \(fingerprint) ref", "policy.lockMalformedLine", "version `2024-1-15`"),
    ("raabigh 2024-01-15 \(fingerprint.uppercased()) ref", "policy.lockBadFingerprint", "not 64 lowercase"),
    ("raabigh 2024-01-15 \(fingerprint.dropLast()) ref", "policy.lockBadFingerprint", "not 64 lowercase"),
    ("raabigh 2024-01-15 \(fingerprint.dropLast())g ref", "policy.lockBadFingerprint", "not 64 lowercase"),
  ]

  @Test("a malformed line is an error naming approvals.lock and its line", arguments: malformed)
  func malformedLine(line: String, id: String, message: String) throws {
    let (lock, diagnostics) = Self.read("# header\n" + line + "\n")
    #expect(lock.entries.isEmpty)
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostics.count == 1)
    #expect(diagnostic.id.rawValue == id)
    #expect(diagnostic.message.text.english.contains(message), "\(diagnostic.message.text.english)")
    #expect(diagnostic.span?.position.hasPrefix("policies/approvals.lock:2:") == true)
    #expect(!diagnostic.message.text.arabic.isEmpty)
  }

  @Test("the same version twice is an error on the second line, with a note at the first")
  func duplicate() throws {
    let line = "raabigh 2024-01-15 \(Self.fingerprint) ref\n"
    let (lock, diagnostics) = Self.read(line + "# between\n" + line)
    #expect(lock.entries.count == 1)
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostic.id.rawValue == "policy.lockDuplicateEntry")
    #expect(diagnostic.span?.start.line == 3)
    #expect(diagnostic.notes.first?.span?.start.line == 1)
  }

  @Test("appending keeps the earlier bytes, adds a missing final line break, and starts a new lock with its header")
  func appending() {
    let entry = ApprovalsLock.Entry(association: "raabigh", version: "2024-01-15", fingerprint: Self.fingerprint,
                                    reference: "Board", line: 0)
    let existing = Array("# mine\nrida 2021-12-11 \(Self.fingerprint) x".utf8)
    let appended = ApprovalsLock.appending(entry, to: existing)
    #expect(String(decoding: appended, as: UTF8.self)
      == "# mine\nrida 2021-12-11 \(Self.fingerprint) x\nraabigh 2024-01-15 \(Self.fingerprint) Board\n")
    let fresh = ApprovalsLock.appending(entry, to: nil)
    let (lock, diagnostics) = ApprovalsLock.parse(SourceFile(path: "approvals.lock", bytes: fresh))
    #expect(diagnostics.isEmpty)
    #expect(lock.entries.map(\.text) == [entry.text])
  }
}
