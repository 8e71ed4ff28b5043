import Glibc
import Synchronization

/// A file that replaces another only once it is whole and on disk: written under a temporary
/// name beside the target, flushed, renamed over it, and the folder flushed, so the target holds
/// either all of its old bytes or all of the new ones, even across a crash. The one way Mizan
/// replaces a file (`fmt`, `approve`, `batch -o`, `log repair`'s side file).
///
/// A symbolic link is followed: the file it names is replaced and the link kept. Devices, FIFOs
/// and sockets cannot be replaced this way (renaming over `/dev/null` would destroy it): callers
/// write to those directly.
package final class AtomicFile {
  /// The path as given, for messages.
  package let path: String
  /// The file renamed over: `path` with links followed.
  package let target: String
  package let temporaryPath: String
  package let descriptor: FileDescriptor
  /// The target's permissions, kept by the replacement (a new file gets 0644).
  private let permissions: UInt32
  private var isFinished = false
  /// Closed once only: a second `close` of the same number could close a file another thread
  /// has opened since (the batch's writer thread opens and closes files).
  private var isDescriptorOpen = true

  /// Creates the temporary file for replacing `path`.
  package init(replacing path: String) throws(FileError) {
    self.path = path
    target = FileSystem.resolvingLinks(path)
    if case .success(let status) = FileStatus.of(target) {
      guard status.kind == .regular else { throw FileError(path: path, problem: .notARegularFile(status.kind)) }
      permissions = status.permissions
    } else {
      permissions = 0o644
    }
    temporaryPath = TemporaryName.beside(target)
    do {
      descriptor = try FileDescriptor.open(temporaryPath, .createNew(permissions: permissions))
    } catch {
      throw FileError(path: path, problem: FileError.Problem(opening: error))
    }
  }

  deinit { if !isFinished { abandon() } }

  /// Flushes the new bytes, renames them over the target and flushes the folder. On failure the
  /// target is as it was and the temporary file is gone.
  package func commit() throws(FileError) {
    guard !isFinished else { return }
    isFinished = true
    do throws(SystemError) {
      try flushAndClose()
      guard rename(temporaryPath, target) == 0 else { throw SystemError("rename", code: errno) }
    } catch {
      closeDescriptor()
      unlink(temporaryPath)
      throw FileError(path: path, problem: .system(error))
    }
    // Makes the rename itself durable.
    Self.syncFolder(of: target)
  }

  /// Like `commit`, but links the new file into place instead of renaming, so an existing
  /// target is never replaced: that is refused with `EEXIST` and the temporary file removed.
  package func commitAsNew() throws(FileError) {
    guard !isFinished else { return }
    isFinished = true
    do throws(SystemError) {
      try flushAndClose()
      defer { unlink(temporaryPath) }
      guard link(temporaryPath, target) == 0 else { throw SystemError("link", code: errno) }
    } catch {
      closeDescriptor()
      unlink(temporaryPath)
      throw FileError(path: path, problem: .system(error))
    }
    Self.syncFolder(of: target)
  }

  /// Gives the new file its permissions, puts its bytes on disk and closes it: what both ways
  /// of committing do before the file takes its place.
  private func flushAndClose() throws(SystemError) {
    // The mode given to `open` is narrowed by the umask; the original's is kept exactly.
    guard fchmod(descriptor.raw, mode_t(permissions)) == 0 else { throw SystemError("fchmod", code: errno) }
    try descriptor.sync()
    closeDescriptor()
  }

  private func closeDescriptor() {
    guard isDescriptorOpen else { return }
    isDescriptorOpen = false
    descriptor.close()
  }

  private static func syncFolder(of path: String) {
    if let folder = try? FileDescriptor.open(FileSystem.directory(of: path), .directory) {
      try? folder.sync()
      folder.close()
    }
  }

  /// Removes the temporary file; the target is untouched.
  package func abandon() {
    guard !isFinished else { return }
    isFinished = true
    closeDescriptor()
    unlink(temporaryPath)
  }

  /// Replaces `path` with `bytes`, atomically and durably.
  package static func replace(_ path: String, with bytes: [UInt8]) throws(FileError) {
    try write(bytes, to: path).commit()
  }

  /// Creates `path` holding `bytes`, whole and on disk or not at all; refused when it exists.
  package static func create(_ path: String, with bytes: [UInt8]) throws(FileError) {
    try write(bytes, to: path).commitAsNew()
  }

  private static func write(_ bytes: [UInt8], to path: String) throws(FileError) -> AtomicFile {
    let file = try AtomicFile(replacing: path)
    do {
      try file.descriptor.writeAll(bytes)
    } catch {
      file.abandon()
      throw FileError(path: path, problem: .system(error))
    }
    return file
  }
}

/// The one naming scheme for temporary files: hidden, beside the file they become (same folder,
/// so the rename is atomic), unique to this process and to each use within it.
package enum TemporaryName {
  private static let counter = Atomic<Int>(0)

  /// `dir/.name.mizan-tmp-PID-N` for a file that will become `path`.
  package static func beside(_ path: String) -> String {
    let number = counter.add(1, ordering: .relaxed).newValue
    return FileSystem.directory(of: path) + "/." + FileSystem.fileName(of: path)
      + ".mizan-tmp-\(ProcessIdentity.id)-\(number)"
  }
}
