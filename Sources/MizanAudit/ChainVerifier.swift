import MizanCore

/// One line of a log file as read: its number, its bytes (without the newline), and whether it
/// was whole (ended by a newline) and within the size limit.
package struct LogLine: Sendable {
  package var number: Int
  package var bytes: [UInt8]
  /// False for a last line without its newline: an append that was cut off.
  package var isTerminated: Bool
  /// True when the line was longer than the limit; `bytes` then holds only its start.
  package var isTooLong: Bool
  /// Byte offset of the line's first byte in the file.
  package var offset: Int

  package init(number: Int, bytes: [UInt8], isTerminated: Bool, isTooLong: Bool, offset: Int) {
    self.number = number
    self.bytes = bytes
    self.isTerminated = isTerminated
    self.isTooLong = isTooLong
    self.offset = offset
  }
}

/// A log line checked against the chain: the entry it holds (if readable) and what is wrong.
package struct VerifiedLine: Sendable {
  package var line: Int
  package var entry: LogEntry?
  /// Empty when the line is a sealed entry that follows the one before it. In both languages:
  /// `mizan replay` shows them to staff in Arabic, and in English in its JSON.
  package var problems: [LocalizedText]
  /// What is worth saying of a line that has no problem (a sealed last line lacking its newline).
  package var notes: [LocalizedText] = []
}

/// Walks a log's lines and checks the hash chain: each entry's `hash` matches its contents,
/// its `prev` is the hash of the entry before, and sequence numbers go up by one. After a
/// break it carries on from the damaged entry, so each break is reported once, where it is.
package struct ChainVerifier {
  var expectedPrevious = LogEntry.genesisHash
  var previousLine: Int?
  var lastSequence = 0

  package init() {}

  /// The note on a sealed last line that lacks only its newline.
  static let missingNewline = LocalizedText(
    ar: "سطر أخير مختوم ينقصه محرف السطر الجديد فقط: القرار كامل، والإضافة التالية أو `mizan log repair` تكمله",
    en: "a sealed last line lacking only its newline: the decision is whole; the next append or `mizan log repair` completes it")

  /// The id of the one problem that is a limit (docs/diagnostics.md, docs/robustness.md).
  static let lineTooLong = "audit.lineTooLong"

  package mutating func verify(_ line: LogLine) -> VerifiedLine { link(Self.check(line)) }

  /// What can be checked of a line on its own: that it is a whole, readable entry whose `hash`
  /// matches its contents. Pure, so a replay checks many lines at once, on every core.
  package static func check(_ line: LogLine) -> VerifiedLine {
    if !line.isTerminated, !line.isTooLong, let entry = try? LogEntry(line: line.bytes), entry.hash == entry.computedHash {
      // A sealed entry lacking only its newline: a whole decision whose append stopped one byte
      // short. It is checked like any entry; the next append (or `mizan log repair`) completes it.
      return VerifiedLine(line: line.number, entry: entry, problems: [], notes: [Self.missingNewline])
    }
    if !line.isTerminated {
      return VerifiedLine(line: line.number, entry: nil, problems: [
        LocalizedText(
          ar: "سطر أخير مبتور (\(line.bytes.count) بايت بلا محرف سطر جديد): انقطعت كتابة قيد؛ "
            + "الأمر `mizan log repair LOG` يحفظه جانبًا ويعيد السجل إلى آخر سطر كامل فيه",
          en: "torn last line (\(line.bytes.count) bytes without a newline): an append was cut off; "
            + "`mizan log repair LOG` saves it aside and cuts the log back to its last whole line")
      ])
    }
    if line.isTooLong {
      return VerifiedLine(line: line.number, entry: nil, problems: [
        LocalizedText(
          ar: "سطر أطول من الحد، وهو \(LogLimits.maxLineBytes) بايت: ليس قيدًا من قيود السجل [\(Self.lineTooLong)]",
          en: "line longer than the limit of \(LogLimits.maxLineBytes) bytes: not a log entry [\(Self.lineTooLong)]")
      ])
    }
    let entry: LogEntry
    do {
      entry = try LogEntry(line: line.bytes)
    } catch {
      return VerifiedLine(line: line.number, entry: nil, problems: [
        LocalizedText(ar: "ليس قيدًا من قيود السجل: ", en: "not a log entry: ") + error.text
      ])
    }
    var problems: [LocalizedText] = []
    if entry.hash != entry.computedHash {
      problems.append(LocalizedText(ar: "قيمة حقله `hash` لا تطابق محتواه: عُدِّل القيد",
                                    en: "its hash does not match its contents: the entry was altered"))
    }
    return VerifiedLine(line: line.number, entry: entry, problems: problems)
  }

  /// Checks a line `check` passed against the entry before it (`prev`, sequence), in log order.
  package mutating func link(_ checked: VerifiedLine) -> VerifiedLine {
    guard let entry = checked.entry else { return checked }
    var linked = checked
    if entry.previousHash != expectedPrevious {
      let before = previousLine.map { LocalizedText(ar: "القيد في السطر \($0)", en: "the entry on line \($0)") }
        ?? LocalizedText(ar: "بداية السجل", en: "the start of the log")
      linked.problems.append(
        LocalizedText(ar: "حقله `prev` لا يطابق ", en: "its `prev` does not match ") + before
          + LocalizedText(ar: ": حُذف قيد أو أُدرج أو نُقل", en: ": an entry was deleted, inserted or moved"))
    }
    if entry.sequence != lastSequence + 1 {
      linked.problems.append(LocalizedText(ar: "رقمه التسلسلي \(entry.sequence) يأتي بعد \(lastSequence)",
                                           en: "sequence \(entry.sequence) follows \(lastSequence)"))
    }
    expectedPrevious = entry.hash
    previousLine = checked.line
    lastSequence = entry.sequence
    return linked
  }
}

/// Reads a log's lines, a chunk at a time, through the one line reader.
package struct LogReader {
  private var reader: LineReader
  private let descriptor: FileDescriptor

  /// Opens the log at `path` (a regular file only: a FIFO would wait for a writer forever).
  package init(path: String) throws(LogIOError) {
    if case .success(let status) = FileStatus.of(path), status.kind != .regular {
      throw .notARegularFile(path, status.kind)
    }
    do {
      descriptor = try FileDescriptor.open(path, .read())
    } catch {
      throw .cannotOpen(path, error.code)
    }
    reader = LineReader(descriptor: descriptor, maxLineBytes: LogLimits.maxLineBytes, bufferSize: 1 << 20)
  }

  package func close() { descriptor.close() }

  /// Up to `maxLines` more lines; empty at the end.
  package mutating func next(maxLines: Int) throws(LogIOError) -> [LogLine] {
    do {
      guard try reader.nextChunk(maxLines: maxLines) else { return [] }
    } catch {
      throw .system(error)
    }
    return reader.lines.map { line in
      // A line ending in CRLF (a log that went through Windows) is the same line.
      var bytes = reader.bytes(of: line)
      if line.isTerminated, bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
      return LogLine(number: line.number, bytes: bytes, isTerminated: line.isTerminated, isTooLong: line.isTooLong,
                     offset: line.offset)
    }
  }
}

/// Opens a log and hands each line, checked against the chain, to `body`.
package func forEachVerifiedLine(path: String, _ body: (VerifiedLine) -> Void) throws(LogIOError) {
  var reader = try LogReader(path: path)
  defer { reader.close() }
  var verifier = ChainVerifier()
  while true {
    let lines = try reader.next(maxLines: 256)
    if lines.isEmpty { return }
    for line in lines { body(verifier.verify(line)) }
  }
}
