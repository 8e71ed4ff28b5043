import Glibc
import MizanCore

/// What `mizan log repair` found at the end of a log.
package struct TornTail: Sendable, Equatable {
  /// The torn line's number.
  package var line: Int
  /// Where it starts in the file.
  package var offset: Int
  package var bytes: [UInt8]

  package init(line: Int, offset: Int, bytes: [UInt8]) {
    self.line = line
    self.offset = offset
    self.bytes = bytes
  }

  /// Whether the line is a sealed entry lacking only its newline: a whole decision, which
  /// repair completes instead of moving aside.
  package var isSealedEntry: Bool {
    guard let entry = try? LogEntry(line: bytes) else { return false }
    return entry.hash == entry.computedHash
  }
}

/// Moves a torn last line aside: copies it to a side file (synced), then cuts the log back to
/// its last whole line. Nothing is deleted that is not first saved.
package enum LogRepair {
  /// The torn tail of a log, if its last line has no newline.
  package static func tornTail(path: String) throws(LogIOError) -> TornTail? {
    var reader = try LogReader(path: path)
    defer { reader.close() }
    var last: LogLine?
    while true {
      let lines = try reader.next(maxLines: 256)
      guard let final = lines.last else { break }
      last = final
    }
    guard let last, !last.isTerminated else { return nil }
    return TornTail(line: last.number, offset: last.offset, bytes: last.bytes)
  }

  /// Adds the missing newline after a sealed last entry, under the log's lock. Refuses when the
  /// tail changed since it was shown, or when it is not a sealed entry (a torn line is moved aside).
  package static func complete(_ tail: TornTail, of path: String) throws(LogIOError) {
    guard tail.isSealedEntry else { throw .changedSinceShown }
    try withLockedTail(tail, of: path) { descriptor throws(LogIOError) in
      try system { () throws(SystemError) in
        try descriptor.writeAll([UInt8(ascii: "\n")])
        try descriptor.sync()
      }
    }
  }

  /// Saves the torn tail to `sidePath` and truncates the log before it, under the log's lock.
  /// Refuses when the tail changed since it was shown (another process appended or repaired), and
  /// never moves a sealed entry aside: a real decision is completed (`complete`), not removed.
  package static func moveAside(_ tail: TornTail, of path: String, to sidePath: String) throws(LogIOError) {
    guard !tail.isSealedEntry else { throw .changedSinceShown }
    try withLockedTail(tail, of: path) { descriptor throws(LogIOError) in
      // The side file is whole and on disk before the log loses its tail; an existing side
      // file is never replaced.
      do throws(FileError) {
        try AtomicFile.create(sidePath, with: tail.bytes)
      } catch {
        switch error.problem {
        case .system(let system): throw .cannotSaveAside(sidePath, system)
        case .noSuchFile: throw .cannotSaveAside(sidePath, SystemError("create \(sidePath)", code: ENOENT))
        case .permissionDenied: throw .cannotSaveAside(sidePath, SystemError("create \(sidePath)", code: EACCES))
        case .notARegularFile: throw .cannotSaveAside(sidePath, SystemError("create \(sidePath)", code: EEXIST))
        }
      }
      try system { () throws(SystemError) in
        try descriptor.truncate(to: tail.offset)
        try descriptor.sync()
      }
    }
  }

  /// Opens the log read-write and locks it, checks its tail is still the one shown, and runs `body`.
  private static func withLockedTail(_ tail: TornTail, of path: String,
                                     _ body: (FileDescriptor) throws(LogIOError) -> Void) throws(LogIOError) {
    let descriptor: FileDescriptor
    do {
      descriptor = try FileDescriptor.open(path, .readWrite)
    } catch {
      throw .cannotOpen(path, error.code)
    }
    defer { descriptor.close() }
    do throws(SystemError) {
      try descriptor.lockExclusively()
    } catch {
      throw .system(error)
    }
    defer { descriptor.unlock() }
    let size = try system { () throws(SystemError) in try descriptor.seekToEnd() }
    guard size == tail.offset + tail.bytes.count else { throw .changedSinceShown }
    try body(descriptor)
  }

  /// Runs system calls on the log, reporting a failure as a log error.
  private static func system<Result>(_ body: () throws(SystemError) -> Result) throws(LogIOError) -> Result {
    do {
      return try body()
    } catch {
      throw .system(error)
    }
  }
}
