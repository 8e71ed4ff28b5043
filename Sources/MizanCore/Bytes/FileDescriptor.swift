import Glibc

/// A system call that failed: its name and `errno`.
package struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The call (`write`, `fsync`, `open`).
  package var call: String
  package var code: Int32

  package init(_ call: String, code: Int32) {
    self.call = call
    self.code = code
  }

  /// The system's reason (`No space left on device`).
  package var reason: String { String(cString: strerror(code)) }

  package var description: String { "\(call) failed: \(reason)" }
}

/// What kind of file a path or descriptor names.
package enum FileKind: Sendable, Equatable {
  case regular, directory, fifo, characterDevice, blockDevice, socket, symbolicLink, other

  init(mode: mode_t) {
    switch mode & S_IFMT {
    case S_IFREG: self = .regular
    case S_IFDIR: self = .directory
    case S_IFIFO: self = .fifo
    case S_IFCHR: self = .characterDevice
    case S_IFBLK: self = .blockDevice
    case S_IFSOCK: self = .socket
    case S_IFLNK: self = .symbolicLink
    default: self = .other
    }
  }
}

/// What `stat` says of a file: its kind, its identity (device and inode, so that two paths are
/// compared as files, not as strings) and its size.
package struct FileStatus: Sendable, Equatable {
  package var kind: FileKind
  package var device: UInt64
  package var inode: UInt64
  package var size: Int
  /// The permission bits.
  package var permissions: UInt32

  init(_ info: stat) {
    kind = FileKind(mode: info.st_mode)
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
    size = Int(info.st_size)
    permissions = UInt32(info.st_mode & 0o7777)
  }

  /// Whether both describe the same file.
  package func isSameFile(as other: FileStatus) -> Bool { device == other.device && inode == other.inode }

  /// The status of the file at `path`, following symbolic links (or not), or the reason there is none.
  package static func of(_ path: String, followingLinks: Bool = true) -> Result<FileStatus, SystemError> {
    var info = stat()
    let result = followingLinks ? stat(path, &info) : lstat(path, &info)
    guard result == 0 else { return .failure(SystemError(followingLinks ? "stat" : "lstat", code: errno)) }
    return .success(FileStatus(info))
  }
}

/// An open file: the system calls Mizan makes, each retried on `EINTR` and reporting failure as a
/// `SystemError`. The one place that hands raw memory to the kernel.
package struct FileDescriptor: Sendable, Hashable {
  package let raw: Int32

  package init(raw: Int32) { self.raw = raw }

  package static let standardInput = FileDescriptor(raw: 0)
  package static let standardOutput = FileDescriptor(raw: 1)
  package static let standardError = FileDescriptor(raw: 2)

  /// How to open a file.
  package enum Access: Sendable {
    /// Read only. `nonBlocking` makes opening a FIFO return at once instead of waiting for a writer.
    case read(nonBlocking: Bool = false)
    /// Read and write an existing file.
    case readWrite
    /// Write only, an existing file or device (no creation).
    case writeExisting
    /// Create a new file (refused if it exists) with `permissions`.
    case createNew(permissions: UInt32)
    /// Append, creating the file with `permissions` if needed.
    case append(permissions: UInt32)
    /// A folder, for `fsync` and `flock`.
    case directory
  }

  /// Opens `path` (close-on-exec always).
  package static func open(_ path: String, _ access: Access) throws(SystemError) -> FileDescriptor {
    var flags = O_CLOEXEC
    var permissions: mode_t = 0
    switch access {
    case .read(let nonBlocking): flags |= O_RDONLY | (nonBlocking ? O_NONBLOCK : 0)
    case .readWrite: flags |= O_RDWR
    case .writeExisting: flags |= O_WRONLY
    case .createNew(let mode):
      flags |= O_WRONLY | O_CREAT | O_EXCL
      permissions = mode_t(mode)
    case .append(let mode):
      flags |= O_RDWR | O_CREAT | O_APPEND
      permissions = mode_t(mode)
    case .directory: flags |= O_RDONLY | O_DIRECTORY
    }
    while true {
      let descriptor = Glibc.open(path, flags, permissions)
      if descriptor >= 0 { return FileDescriptor(raw: descriptor) }
      if errno != EINTR { throw SystemError("open", code: errno) }
    }
  }

  package func close() { _ = Glibc.close(raw) }

  /// What `fstat` says of the open file.
  package func status() throws(SystemError) -> FileStatus {
    var info = stat()
    guard fstat(raw, &info) == 0 else { throw SystemError("fstat", code: errno) }
    return FileStatus(info)
  }

  /// Turns off `O_NONBLOCK` (set to open a possible FIFO without waiting).
  package func makeBlocking() {
    let flags = fcntl(raw, F_GETFL)
    if flags >= 0, flags & O_NONBLOCK != 0 { _ = fcntl(raw, F_SETFL, flags & ~O_NONBLOCK) }
  }

  // MARK: - Reading

  /// Reads at most `count` bytes into `buffer` from `offset` on; the number read, 0 at the end.
  package func read(into buffer: inout [UInt8], at offset: Int, count: Int) throws(SystemError) -> Int {
    precondition(offset >= 0 && count >= 0 && offset + count <= buffer.count, "read beyond the buffer")
    guard count > 0 else { return 0 }
    let descriptor = raw
    while true {
      let read = buffer.withUnsafeMutableBytes { bytes in
        Glibc.read(descriptor, bytes.baseAddress.map { $0 + offset }, count)
      }
      if read >= 0 { return read }
      if errno != EINTR { throw SystemError("read", code: errno) }
    }
  }

  /// Reads at most `count` bytes at `position` in the file, without moving the file offset.
  package func read(count: Int, at position: Int) throws(SystemError) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: max(0, count))
    var filled = 0
    let descriptor = raw
    while filled < bytes.count {
      let read = bytes.withUnsafeMutableBytes { buffer in
        pread(descriptor, buffer.baseAddress.map { $0 + filled }, buffer.count - filled, off_t(position + filled))
      }
      if read < 0 {
        if errno == EINTR { continue }
        throw SystemError("pread", code: errno)
      }
      if read == 0 { break }
      filled += read
    }
    return Array(bytes[..<filled])
  }

  /// Reads until the end, or until `maxBytes` bytes (a reader that refuses inputs over a limit
  /// asks for one byte more than the limit, so a huge file costs that much memory at most).
  package func readAll(maxBytes: Int) throws(SystemError) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: min(max(0, maxBytes), 1 << 16))
    var filled = 0
    while filled < maxBytes {
      if filled == bytes.count { bytes += [UInt8](repeating: 0, count: min(maxBytes - filled, bytes.count)) }
      let read = try read(into: &bytes, at: filled, count: bytes.count - filled)
      if read == 0 { break }
      filled += read
    }
    bytes.removeLast(bytes.count - filled)
    return bytes
  }

  // MARK: - Writing

  /// Writes every byte of `bytes`, retrying short writes and `EINTR`.
  package func writeAll(_ bytes: Span<UInt8>) throws(SystemError) {
    let descriptor = raw
    let failure = bytes.withUnsafeBytes { buffer in Self.writeAll(buffer, to: descriptor) }
    if let failure { throw failure }
  }

  /// Writes every byte of an array.
  package func writeAll(_ bytes: [UInt8]) throws(SystemError) {
    try writeAll(bytes.span)
  }

  /// Writes every byte of a buffer (or those in `range`).
  package func writeAll(_ buffer: borrowing ByteBuffer, range: Range<Int>? = nil) throws(SystemError) {
    let descriptor = raw
    let failure = buffer.withUnsafeBytes(range ?? 0..<buffer.count) { Self.writeAll($0, to: descriptor) }
    if let failure { throw failure }
  }

  private static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> SystemError? {
    guard let base = buffer.baseAddress else { return nil }
    var offset = 0
    while offset < buffer.count {
      let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return SystemError("write", code: errno)
      }
      // A descriptor that takes nothing (a full device) would loop forever.
      if written == 0 { return SystemError("write", code: EIO) }
      offset += written
    }
    return nil
  }

  // MARK: - Other calls

  /// Forces what was written to disk.
  package func sync() throws(SystemError) {
    while fsync(raw) != 0 {
      if errno != EINTR { throw SystemError("fsync", code: errno) }
    }
  }

  /// Cuts the file to `size` bytes.
  package func truncate(to size: Int) throws(SystemError) {
    while ftruncate(raw, off_t(size)) != 0 {
      if errno != EINTR { throw SystemError("ftruncate", code: errno) }
    }
  }

  /// The file's size, by seeking to its end.
  package func seekToEnd() throws(SystemError) -> Int {
    let end = lseek(raw, 0, SEEK_END)
    guard end >= 0 else { throw SystemError("lseek", code: errno) }
    return Int(end)
  }

  /// Takes an exclusive advisory lock, waiting for it.
  package func lockExclusively() throws(SystemError) {
    while flock(raw, LOCK_EX) != 0 {
      if errno != EINTR { throw SystemError("flock", code: errno) }
    }
  }

  package func unlock() { _ = flock(raw, LOCK_UN) }

  /// Whether the descriptor is a terminal.
  package var isTerminal: Bool { isatty(raw) == 1 }
}

/// The process's identity, for naming temporary files.
package enum ProcessIdentity {
  package static var id: Int32 { getpid() }
}

/// Path calls that return memory the caller must free.
package enum SystemPaths {
  /// `path` with symbolic links, `.` and `..` resolved, when it names an existing file; nil otherwise.
  package static func resolved(_ path: String) -> String? {
    guard let real = realpath(path, nil) else { return nil }
    defer { free(real) }
    return String(cString: real)
  }
}

/// Searches in byte arrays with the C library's vectorised routines.
package enum ByteSearch {
  /// The index of the first `byte` in `bytes[range]`, or nil.
  @inline(__always)
  package static func firstIndex(of byte: UInt8, in bytes: [UInt8], _ range: Range<Int>) -> Int? {
    precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "search range out of bounds")
    guard !range.isEmpty else { return nil }
    return bytes.withUnsafeBytes { buffer -> Int? in
      guard let base = buffer.baseAddress,
        let found = memchr(base + range.lowerBound, Int32(byte), range.count)
      else { return nil }
      return base.distance(to: UnsafeRawPointer(found))
    }
  }

  /// Moves `count` bytes of `bytes` from `source` to the front of the array.
  package static func moveToFront(_ bytes: inout [UInt8], from source: Int, count: Int) {
    precondition(source >= 0 && count >= 0 && source + count <= bytes.count, "move out of bounds")
    guard source > 0, count > 0 else { return }
    bytes.withUnsafeMutableBytes { buffer in
      guard let base = buffer.baseAddress else { return }
      memmove(base, base + source, count)
    }
  }
}
