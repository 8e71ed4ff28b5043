import MizanCore

/// A log line checked against the chain: the entry it holds (if readable) and what is wrong.
package struct VerifiedLine: Sendable {
  package var line: Int
  package var entry: LogEntry?
  /// Empty when the line is a sealed entry that follows the one before it.
  package var problems: [String]
}

/// Walks a log's lines and checks the hash chain: each entry's `hash` matches its contents,
/// its `prev` is the hash of the entry before, and sequence numbers go up by one. After a
/// break it carries on from the damaged entry, so each break is reported once, where it is.
package struct ChainVerifier {
  var expectedPrevious = LogEntry.genesisHash
  var previousLine: Int?
  var lastSequence = 0

  package init() {}

  /// The id of the one problem that is a limit (docs/diagnostics.md, docs/robustness.md).
  static let lineTooLong = "audit.lineTooLong"

  package mutating func verify(_ line: LogLine) -> VerifiedLine { link(Self.check(line)) }

  /// What can be checked of a line on its own: that it is a whole, readable entry whose `hash`
  /// matches its contents. Pure, so a replay checks many lines at once, on every core.
  package static func check(_ line: LogLine) -> VerifiedLine {
    if !line.isTerminated {
      return VerifiedLine(line: line.number, entry: nil, problems: [
        "torn last line (\(line.bytes.count) bytes without a newline): an append was cut off"
      ])
    }
    if line.isTooLong {
      return VerifiedLine(line: line.number, entry: nil, problems: [
        "line longer than the limit of \(LogLineReader.defaultMaxLineBytes) bytes: not a log entry "
          + "[\(Self.lineTooLong)]"
      ])
    }
    let entry: LogEntry
    do {
      entry = try LogEntry(json: try JSONReader.read(line.bytes, limits: LogLimits.json))
    } catch let error as LogEntryError {
      return VerifiedLine(line: line.number, entry: nil, problems: ["not a log entry: \(error.description)"])
    } catch let error as JSONReadError {
      return VerifiedLine(line: line.number, entry: nil, problems: ["not a log entry: \(error.reason)"])
    } catch {
      return VerifiedLine(line: line.number, entry: nil, problems: ["not a log entry"])
    }
    var problems: [String] = []
    if entry.hash != entry.computedHash {
      problems.append("its hash does not match its contents: the entry was altered")
    }
    return VerifiedLine(line: line.number, entry: entry, problems: problems)
  }

  /// Checks a line `check` passed against the entry before it (`prev`, sequence), in log order.
  package mutating func link(_ checked: VerifiedLine) -> VerifiedLine {
    guard let entry = checked.entry else { return checked }
    var linked = checked
    if entry.previousHash != expectedPrevious {
      let before = previousLine.map { "the entry on line \($0)" } ?? "the start of the log"
      linked.problems.append("its `prev` does not match \(before): an entry was deleted, inserted or moved")
    }
    if entry.sequence != lastSequence + 1 {
      linked.problems.append("sequence \(entry.sequence) follows \(lastSequence)")
    }
    expectedPrevious = entry.hash
    previousLine = checked.line
    lastSequence = entry.sequence
    return linked
  }
}
