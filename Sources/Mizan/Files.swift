import MizanCore

/// The file operations the command line needs, from the one I/O unit (`MizanCore/IO`): package
/// access only, not part of what a program embedding Mizan sees.
package enum Files {
  /// Whether two paths name the same file (device and inode), whatever links, `.` or `..` they
  /// go through; false when either does not exist.
  package static func isSameFile(_ first: String, _ second: String) -> Bool { FileSystem.isSameFile(first, second) }

  /// The kind of file at `path` (links followed), or nil when there is none.
  package static func kind(of path: String) -> FileKind? { FileSystem.kind(of: path) }

  package static func exists(_ path: String) -> Bool { FileSystem.exists(path) }
  package static func isDirectory(_ path: String) -> Bool { FileSystem.isDirectory(path) }
  package static func contents(of folder: String) -> [String] { FileSystem.contents(of: folder) }
  package static func fileName(of path: String) -> String { FileSystem.fileName(of: path) }
  package static func directory(of path: String) -> String { FileSystem.directory(of: path) }
  package static func absolute(_ path: String) -> String { FileSystem.absolute(path) }
  package static func normalize(_ path: String) -> String { FileSystem.normalize(path) }

  /// The bytes of a regular file, at most `maxBytes` (FIFOs and devices are refused unread).
  package static func read(_ path: String, maxBytes: Int = Int(Int32.max)) throws(FileError) -> [UInt8] {
    try FileSystem.readFile(path, maxBytes: maxBytes)
  }

  /// Replaces `path` with `bytes`, atomically and durably.
  package static func replace(_ path: String, with bytes: [UInt8]) throws(FileError) {
    try AtomicFile.replace(path, with: bytes)
  }

  /// Opens a regular file for reading (a FIFO or a device is refused, not waited on).
  package static func openForReading(_ path: String) throws(FileError) -> FileDescriptor {
    let descriptor: FileDescriptor
    do {
      descriptor = try FileDescriptor.open(path, .read(nonBlocking: true))
    } catch {
      throw FileError(path: path, problem: FileError.Problem(opening: error))
    }
    do {
      let status = try descriptor.status()
      guard status.kind == .regular else {
        descriptor.close()
        throw FileError(path: path, problem: .notARegularFile(status.kind))
      }
    } catch let error as FileError {
      throw error
    } catch {
      descriptor.close()
      throw FileError(path: path, problem: .system(SystemError("fstat", code: 5)))
    }
    descriptor.makeBlocking()
    return descriptor
  }

  /// Opens an existing file or device for writing in place.
  package static func openForWriting(_ path: String) throws(FileError) -> FileDescriptor {
    do {
      return try FileDescriptor.open(path, .writeExisting)
    } catch {
      throw FileError(path: path, problem: FileError.Problem(opening: error))
    }
  }
}

package typealias FileDescriptor = MizanCore.FileDescriptor
package typealias FileError = MizanCore.FileError
package typealias FileKind = MizanCore.FileKind
/// A file that replaces another only once it is whole and on disk.
package typealias ReplacedFile = MizanCore.AtomicFile
