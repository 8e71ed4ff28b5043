import Glibc
import MizanCore

/// An append-only, hash-chained decision log (JSON Lines).
///
/// An append is a whole line or nothing: the line is written with one write-all after the tail
/// was verified, and synced before success is reported. A process killed mid-append leaves at
/// most a torn last line (no newline), which the next append refuses to build on and `replay`
/// reports. Appenders in different processes take an exclusive `flock` on the file, so their
/// lines never interleave.
package struct DecisionLog: Sendable {
  package let path: String

  package init(path: String) { self.path = path }

  /// Opens the log for appending, holding its lock until `close()`.
  package func openForAppend() throws(LogAppendError) -> LogAppender {
    // A FIFO or a device is refused before it is opened: opening a FIFO would wait for a reader.
    if case .success(let status) = FileStatus.of(path), status.kind != .regular {
      throw .io(.notARegularFile(path, status.kind))
    }
    let descriptor: FileDescriptor
    do {
      descriptor = try FileDescriptor.open(path, .append(permissions: 0o644))
    } catch {
      throw .io(.cannotOpen(path, error.code))
    }
    do throws(LogAppendError) {
      do {
        try descriptor.lockExclusively()
      } catch {
        throw LogAppendError.io(.system(error))
      }
      let tail = try LogTail.read(descriptor, path: path)
      return LogAppender(descriptor: descriptor, path: path, lastSequence: tail.sequence, lastHash: tail.hash,
                         size: tail.size)
    } catch {
      descriptor.unlock()
      descriptor.close()
      throw error
    }
  }

  /// Appends one entry and syncs the log.
  @discardableResult
  package func append(_ entry: LogLineBuilder) throws(LogAppendError) -> Int {
    var appender = try openForAppend()
    defer { appender.close() }
    try appender.append(entry)
    try appender.sync()
    return appender.lastSequence
  }
}

/// An open, locked log: appends entries one after the other.
package struct LogAppender {
  let descriptor: FileDescriptor
  let path: String
  package private(set) var lastSequence: Int
  package private(set) var lastHash: String
  var size: Int
  var isClosed = false

  /// Writes `entry` as the next entry, sealed in its place in the chain. On a failed write the
  /// file is cut back to where it was, so a failure never leaves half a line.
  package mutating func append(_ entry: LogLineBuilder) throws(LogAppendError) {
    let sequence = lastSequence + 1
    let (bytes, hash) = entry.sealed(sequence: sequence, previousHash: lastHash)
    do {
      try descriptor.writeAll(bytes)
    } catch {
      try? descriptor.truncate(to: size)
      throw .io(.system(error))
    }
    size += bytes.count
    lastSequence = sequence
    lastHash = hash
  }

  /// Forces what was written to disk.
  package func sync() throws(LogAppendError) {
    do {
      try descriptor.sync()
    } catch {
      throw .io(.system(error))
    }
  }

  /// Releases the lock and closes the file.
  package mutating func close() {
    guard !isClosed else { return }
    isClosed = true
    descriptor.unlock()
    descriptor.close()
  }
}

/// Why an append was refused.
package enum LogAppendError: Error, Sendable, Equatable, CustomStringConvertible {
  case io(LogIOError)
  /// The last line has no newline: an earlier append was cut off.
  case tornTail(line: Int, bytes: Int)
  /// The last line is not a valid, sealed entry.
  case invalidTail(line: Int, reason: String)

  package var description: String {
    switch self {
    case .io(let error): error.description
    case .tornTail(let line, let bytes):
      "line \(line) is torn (\(bytes) bytes without a newline: an append was cut off); "
        + "nothing was appended — run `mizan log repair` to move it aside"
    case .invalidTail(let line, let reason):
      "line \(line), the last entry, is not valid (\(reason)); nothing was appended — run `mizan replay` to see the damage"
    }
  }
}

/// A system call on a log file failed.
package enum LogIOError: Error, Sendable, Equatable, CustomStringConvertible {
  case system(SystemError)
  case cannotOpen(String, Int32)
  case notARegularFile(String, FileKind)
  /// `mizan log repair`: the log's size changed between showing its torn tail and moving it
  /// aside (another process appended or repaired); nothing was done.
  case changedSinceShown
  /// `mizan log repair`: the side file for a torn tail could not be created (the failed call).
  case cannotSaveAside(String, SystemError)

  /// What failed, in both languages; the system's own reason is kept where it has no Arabic.
  package var text: LocalizedText {
    switch self {
    case .system(let error):
      LocalizedText(ar: "تعذّر استدعاء النظام (\(error.call)): \(error.arabicReason)", en: error.description)
    case .cannotOpen(let path, let code):
      LocalizedText(ar: "تعذّر فتح `\(path)`: \(SystemError("open", code: code).arabicReason)",
                    en: "cannot open `\(path)`: \(SystemError("open", code: code).reason)")
    case .notARegularFile(let path, let kind):
      LocalizedText(ar: "`\(path)` \(kind.name.arabic) وليس ملف سجل", en: "`\(path)` is \(kind.name.english), not a log file")
    case .changedSinceShown:
      LocalizedText(ar: "تغيّر السجل منذ عُرض سطره المبتور، فلم يُغيَّر شيء؛ أعد تشغيل الأمر",
                    en: SystemError("repair (the log changed; run it again)", code: EAGAIN).description)
    case .cannotSaveAside(let side, let error):
      LocalizedText(ar: "تعذّر إنشاء `\(side)`: \(error.arabicReason)", en: error.description)
    }
  }

  package var description: String { text.english }
}

/// The last entry of a log, read from the end of the file.
struct LogTail {
  var sequence: Int
  var hash: String
  var size: Int

  static func read(_ descriptor: FileDescriptor, path: String) throws(LogAppendError) -> LogTail {
    let size = try io { () throws(SystemError) in try descriptor.seekToEnd() }
    guard size > 0 else { return LogTail(sequence: 0, hash: LogEntry.genesisHash, size: 0) }
    let lastByte = try io { () throws(SystemError) in try descriptor.read(count: 1, at: size - 1).first }
    let isTerminated = lastByte == UInt8(ascii: "\n")
    let lineEnd = isTerminated ? size - 1 : size
    let lineStart = try io { () throws(SystemError) in try startOfLine(descriptor, endingBefore: lineEnd) }
    let lineNumber = { () throws(LogAppendError) -> Int in
      try io { () throws(SystemError) in try lineCount(descriptor, upTo: lineStart) + 1 }
    }
    // Read only a line that could be an entry: a huge last line is refused without holding it.
    guard lineEnd - lineStart <= LogLimits.maxLineBytes else {
      if !isTerminated { throw .tornTail(line: try lineNumber(), bytes: lineEnd - lineStart) }
      throw .invalidTail(line: try lineNumber(), reason: "longer than \(LogLimits.maxLineBytes) bytes")
    }
    let line = try io { () throws(SystemError) in try descriptor.read(count: lineEnd - lineStart, at: lineStart) }
    guard let entry = try? LogEntry(line: line), entry.hash == entry.computedHash else {
      if !isTerminated { throw .tornTail(line: try lineNumber(), bytes: lineEnd - lineStart) }
      let reason = (try? LogEntry(line: line)).map { _ in "its hash does not match its contents" }
      throw .invalidTail(line: try lineNumber(), reason: reason ?? Self.entryError(line))
    }
    guard isTerminated else {
      // A sealed entry lacking only its newline: the append was cut after its last byte of
      // content. The decision is whole, so it is completed (under the lock), never moved aside.
      try io { () throws(SystemError) in
        try descriptor.writeAll([UInt8(ascii: "\n")])
        try descriptor.sync()
      }
      return LogTail(sequence: entry.sequence, hash: entry.hash, size: size + 1)
    }
    return LogTail(sequence: entry.sequence, hash: entry.hash, size: size)
  }

  /// Why a line is not an entry, as the entry reader says.
  private static func entryError(_ line: [UInt8]) -> String {
    do {
      _ = try LogEntry(line: line)
      return "not a log entry"
    } catch {
      return error.description
    }
  }

  /// Runs a system call, reporting its failure as an append error.
  private static func io<Result>(_ body: () throws(SystemError) -> Result) throws(LogAppendError) -> Result {
    do {
      return try body()
    } catch {
      throw .io(.system(error))
    }
  }

  /// The offset just after the last newline before `end`, or 0.
  static func startOfLine(_ descriptor: FileDescriptor, endingBefore end: Int) throws(SystemError) -> Int {
    var position = end
    let chunk = 64 << 10
    while position > 0 {
      let from = max(0, position - chunk)
      let data = try descriptor.read(count: position - from, at: from)
      if let newline = data.lastIndex(of: UInt8(ascii: "\n")) { return from + newline + 1 }
      position = from
    }
    return 0
  }

  /// Newlines before `offset`: the number of whole lines there (only on the error path).
  static func lineCount(_ descriptor: FileDescriptor, upTo offset: Int) throws(SystemError) -> Int {
    var count = 0
    var position = 0
    while position < offset {
      let data = try descriptor.read(count: min(1 << 20, offset - position), at: position)
      count += data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
      position += data.count
      if data.isEmpty { break }
    }
    return count
  }
}
