import Foundation

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
}

/// Moves a torn last line aside: copies it to a side file (fsynced), then cuts the log back to
/// its last whole line. Nothing is deleted that is not first saved.
package enum LogRepair {
  /// The torn tail of a log, if its last line has no newline.
  package static func tornTail(path: String) throws(LogIOError) -> TornTail? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw .cannotOpen(path, errno) }
    defer { close(descriptor) }
    var reader = LogLineReader(descriptor: descriptor)
    var last: LogLine?
    while let line = try reader.next() { last = line }
    guard let last, !last.isTerminated else { return nil }
    return TornTail(line: last.number, offset: last.offset, bytes: last.bytes)
  }

  /// Saves the torn tail to `sidePath` and truncates the log before it, under the log's lock.
  /// Refuses when the tail changed since it was shown (another process appended or repaired).
  package static func moveAside(_ tail: TornTail, of path: String, to sidePath: String) throws(LogIOError) {
    let descriptor = open(path, O_RDWR | O_CLOEXEC)
    guard descriptor >= 0 else { throw .cannotOpen(path, errno) }
    defer { close(descriptor) }
    guard flock(descriptor, LOCK_EX) == 0 else { throw .system("flock", errno) }
    defer { flock(descriptor, LOCK_UN) }
    let size = Int(lseek(descriptor, 0, SEEK_END))
    guard size == tail.offset + tail.bytes.count else { throw .system("repair (the log changed; run it again)", EAGAIN) }
    // The side file is written under a temporary name and linked into place only once it is
    // whole and on disk, so an interrupted repair never leaves half a side file; `link` refuses
    // to replace an existing one.
    let temporary = sidePath + ".mizan-tmp-\(getpid())"
    let side = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard side >= 0 else { throw .cannotOpen(temporary, errno) }
    defer { unlink(temporary) }
    var written = 0
    while written < tail.bytes.count {
      let count = tail.bytes[written...].withUnsafeBytes { write(side, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        let code = errno
        close(side)
        throw .system("write", code)
      }
      written += count
    }
    guard fsync(side) == 0 else {
      let code = errno
      close(side)
      throw .system("fsync", code)
    }
    close(side)
    guard link(temporary, sidePath) == 0 else { throw .cannotOpen(sidePath, errno) }
    guard ftruncate(descriptor, off_t(tail.offset)) == 0 else { throw .system("ftruncate", errno) }
    guard fsync(descriptor) == 0 else { throw .system("fsync", errno) }
  }
}
