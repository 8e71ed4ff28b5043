import Foundation

/// The few file operations the façade needs, in one place.
public enum FileSystem {
  public static func readBytes(_ path: String) throws -> [UInt8] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return [UInt8](data)
  }

  /// The file's first `maxBytes` bytes at most, read without looking at the rest: a reader
  /// that refuses inputs over a limit asks for one byte more than the limit, so a huge file (or
  /// `/dev/zero`) costs that much memory and then a clear "too large" error.
  public static func readBytes(_ path: String, maxBytes: Int) throws -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw FileReadError(path: path, code: errno) }
    defer { close(descriptor) }
    var bytes = [UInt8](repeating: 0, count: min(max(0, maxBytes), 1 << 20))
    var filled = 0
    while filled < maxBytes {
      if filled == bytes.count { bytes += [UInt8](repeating: 0, count: min(maxBytes - filled, bytes.count)) }
      let count = bytes.withUnsafeMutableBytes { buffer in
        read(descriptor, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
      }
      if count < 0, errno == EINTR { continue }
      guard count >= 0 else { throw FileReadError(path: path, code: errno) }
      if count == 0 { break }
      filled += count
    }
    return Array(bytes[..<filled])
  }

  public static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }

  public static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

  /// Entries of a directory, sorted by name (so every listing is deterministic).
  public static func contents(of directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
  }

  /// `a/b/../c` → `a/c`; keeps relative paths relative.
  public static func normalize(_ path: String) -> String {
    var parts: [String] = []
    let isAbsolute = path.hasPrefix("/")
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == "..", let last = parts.last, last != ".." {
        parts.removeLast()
      } else {
        parts.append(String(part))
      }
    }
    return (isAbsolute ? "/" : "") + parts.joined(separator: "/")
  }

  /// The path made absolute against the working directory, then normalized.
  public static func absolute(_ path: String) -> String {
    if path.hasPrefix("/") { return normalize(path) }
    return normalize(FileManager.default.currentDirectoryPath + "/" + path)
  }

  public static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return String(path[..<slash])
  }

  public static func fileName(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  /// Where a file that will replace `path` is written first: a hidden name beside it (same
  /// folder, so the rename is atomic), unique to this process.
  public static func temporaryPath(beside path: String) -> String {
    directory(of: path) + "/.\(fileName(of: path)).mizan-tmp-\(getpid())"
  }

  /// `path` with symbolic links followed when it names an existing file; `path` otherwise.
  public static func resolvingLinks(_ path: String) -> String {
    guard let real = realpath(path, nil) else { return path }
    defer { free(real) }
    return String(cString: real)
  }

  /// Runs `body` holding an exclusive lock on `folder` (`flock` on the folder itself, so no lock
  /// file is left behind), so that read-modify-write updates of a file in it by several
  /// processes happen one after the other. Waits for the lock; gives the error code when the
  /// folder cannot be opened or locked.
  public static func withExclusiveLock<Result>(onFolder folder: String, _ body: () -> Result) -> Swift.Result<Result, FileWriteError> {
    let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return .failure(FileWriteError(path: folder, step: "open", code: errno)) }
    defer { close(descriptor) }
    while flock(descriptor, LOCK_EX) != 0 {
      if errno == EINTR { continue }
      return .failure(FileWriteError(path: folder, step: "lock", code: errno))
    }
    defer { flock(descriptor, LOCK_UN) }
    return .success(body())
  }

  /// Writes through a temporary file in the same folder and renames it over the target, so
  /// an interrupted or failing write leaves the original intact: the file holds either all of
  /// the old bytes or all of the new ones. The temporary file is flushed to disk before the
  /// rename (and the folder after it), keeps the original's permissions, and is removed when
  /// anything fails.
  ///
  /// A symbolic link is followed: the file it names is replaced and the link kept.
  public static func writeAtomically(_ bytes: [UInt8], to requestedPath: String) throws {
    let path = resolvingLinks(requestedPath)
    let folder = directory(of: path)
    let temporary = temporaryPath(beside: path)
    var mode: mode_t = 0o644
    var existing = stat()
    if stat(path, &existing) == 0 { mode = existing.st_mode & 0o7777 }
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    guard descriptor >= 0 else { throw FileWriteError(path: requestedPath, step: "create \(temporary)", code: errno) }
    var isRenamed = false
    defer { if !isRenamed { unlink(temporary) } }
    do {
      defer { close(descriptor) }
      // The error code of the write, or nil when every byte was written.
      let failure = bytes.withUnsafeBytes { buffer -> Int32? in
        var offset = 0
        while offset < buffer.count, let base = buffer.baseAddress {
          let count = write(descriptor, base + offset, buffer.count - offset)
          if count < 0, errno == EINTR { continue }
          guard count > 0 else { return count < 0 ? errno : EIO }
          offset += count
        }
        return nil
      }
      if let failure { throw FileWriteError(path: requestedPath, step: "write \(temporary)", code: failure) }
      // The mode given to `open` is narrowed by the umask; the original's is kept exactly.
      guard fchmod(descriptor, mode) == 0, fsync(descriptor) == 0 else {
        throw FileWriteError(path: requestedPath, step: "flush \(temporary)", code: errno)
      }
    }
    guard rename(temporary, path) == 0 else { throw FileWriteError(path: requestedPath, step: "rename", code: errno) }
    isRenamed = true
    // Makes the rename itself durable; a folder that cannot be opened or synced is not an error.
    let folderDescriptor = open(folder, O_RDONLY | O_CLOEXEC)
    if folderDescriptor >= 0 {
      fsync(folderDescriptor)
      close(folderDescriptor)
    }
  }
}

/// Why `FileSystem.writeAtomically` could not replace a file (which is then as it was).
public struct FileWriteError: Error, LocalizedError, CustomStringConvertible {
  public let path: String
  /// The step that failed, such as `rename`.
  public let step: String
  public let code: Int32

  public var description: String { "cannot \(step): \(String(cString: strerror(code))); `\(path)` was left as it was" }
  public var errorDescription: String? { description }
}

/// Why `FileSystem.readBytes(_:maxBytes:)` could not read a file: the system's reason.
public struct FileReadError: Error, LocalizedError, CustomStringConvertible {
  public let path: String
  public let code: Int32

  public var description: String { String(cString: strerror(code)) }
  public var errorDescription: String? { description }
}
