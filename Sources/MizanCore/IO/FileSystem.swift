import Foundation

/// Paths, folders and whole-file reads: the file operations every layer above shares (the policy
/// loader, the audit log, the façade and the command line), in one place.
package enum FileSystem {
  // MARK: - Paths

  /// `a/b/../c` → `a/c`; keeps relative paths relative.
  package static func normalize(_ path: String) -> String {
    var parts: [String] = []
    let isAbsolute = path.hasPrefix("/")
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == "..", let last = parts.last, last != ".." {
        parts.removeLast()
      } else if part == "..", isAbsolute, parts.isEmpty {
        continue
      } else {
        parts.append(String(part))
      }
    }
    let joined = parts.joined(separator: "/")
    return isAbsolute ? "/" + joined : (joined.isEmpty ? "." : joined)
  }

  /// The path made absolute against the working directory, then normalized.
  package static func absolute(_ path: String) -> String {
    if path.hasPrefix("/") { return normalize(path) }
    return normalize(FileManager.default.currentDirectoryPath + "/" + path)
  }

  /// The folder part of a path (`.` for a bare name).
  package static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    if slash == path.startIndex { return "/" }
    return String(path[..<slash])
  }

  /// The last component of a path.
  package static func fileName(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  /// `path` with symbolic links followed when it names an existing file; `path` otherwise.
  package static func resolvingLinks(_ path: String) -> String { SystemPaths.resolved(path) ?? path }

  // MARK: - Looking

  package static func exists(_ path: String) -> Bool {
    if case .success = FileStatus.of(path) { return true }
    return false
  }

  package static func isDirectory(_ path: String) -> Bool { kind(of: path) == .directory }

  /// The kind of file at `path` (links followed), or nil when there is none.
  package static func kind(of path: String) -> FileKind? {
    if case .success(let status) = FileStatus.of(path) { return status.kind }
    return nil
  }

  /// Entries of a folder, sorted by name (so every listing is deterministic); empty when it
  /// cannot be listed.
  package static func contents(of directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
  }

  /// Whether two paths name the same file (device and inode), whatever links, `.` or `..` they
  /// go through; false when either does not exist.
  package static func isSameFile(_ first: String, _ second: String) -> Bool {
    guard case .success(let a) = FileStatus.of(first), case .success(let b) = FileStatus.of(second) else {
      return false
    }
    return a.isSameFile(as: b)
  }

  // MARK: - Reading

  /// The bytes of the regular file at `path`, at most `maxBytes` of them (a reader that refuses
  /// inputs over a limit asks for one more byte than the limit).
  ///
  /// Anything but a regular file is refused without reading it: opening a FIFO would wait for a
  /// writer forever, and a device can be endless. Links are followed.
  package static func readFile(_ path: String, maxBytes: Int = Int(Int32.max)) throws(FileError) -> [UInt8] {
    try withRegularFile(path) { descriptor throws(SystemError) in try descriptor.readAll(maxBytes: maxBytes) }
  }

  /// Opens the regular file at `path` for reading and calls `body` with it; anything but a
  /// regular file is refused before a byte is read (a FIFO would wait for a writer forever, a
  /// device can be endless). Links are followed. The one way files are opened for reading.
  package static func withRegularFile<Result>(
    _ path: String, _ body: (FileDescriptor) throws(SystemError) -> Result
  ) throws(FileError) -> Result {
    let descriptor: FileDescriptor
    do {
      // Non-blocking, so that opening a FIFO returns at once and is then refused.
      descriptor = try FileDescriptor.open(path, .read(nonBlocking: true))
    } catch {
      throw FileError(path: path, problem: FileError.Problem(opening: error))
    }
    defer { descriptor.close() }
    let kind: FileKind
    do {
      kind = try descriptor.status().kind
    } catch {
      throw FileError(path: path, problem: .system(error))
    }
    guard kind == .regular else { throw FileError(path: path, problem: .notARegularFile(kind)) }
    descriptor.makeBlocking()
    do {
      return try body(descriptor)
    } catch {
      throw FileError(path: path, problem: .system(error))
    }
  }

  /// The text of the regular file at `path` (invalid UTF-8 repaired).
  package static func readText(_ path: String, maxBytes: Int = Int(Int32.max)) throws(FileError) -> String {
    String(decoding: try readFile(path, maxBytes: maxBytes), as: UTF8.self)
  }

  // MARK: - Locking

  /// Runs `body` holding an exclusive lock on `folder` (`flock` on the folder itself, so no lock
  /// file is left behind), so that read-modify-write updates of a file in it by several
  /// processes happen one after the other. Waits for the lock.
  package static func withExclusiveLock<Result>(onFolder folder: String, _ body: () -> Result)
    -> Swift.Result<Result, FileError>
  {
    let descriptor: FileDescriptor
    do {
      descriptor = try FileDescriptor.open(folder, .directory)
    } catch {
      return .failure(FileError(path: folder, problem: FileError.Problem(opening: error)))
    }
    defer { descriptor.close() }
    do {
      try descriptor.lockExclusively()
    } catch {
      return .failure(FileError(path: folder, problem: .system(error)))
    }
    defer { descriptor.unlock() }
    return .success(body())
  }
}
