import Glibc

/// Why a file could not be read or written, said so that a person knows what to do: the file
/// does not exist, is not a file (a folder, a FIFO), or the system refused.
package struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
  package enum Problem: Sendable, Equatable {
    case noSuchFile
    /// A folder, a FIFO, a device or a socket where a regular file was expected.
    case notARegularFile(FileKind)
    case permissionDenied
    case system(SystemError)

    /// The problem `open` reports.
    package init(opening error: SystemError) {
      switch error.code {
      case ENOENT, ENOTDIR: self = .noSuchFile
      case EACCES, EPERM: self = .permissionDenied
      case EISDIR: self = .notARegularFile(.directory)
      default: self = .system(error)
      }
    }
  }

  package var path: String
  package var problem: Problem

  package init(path: String, problem: Problem) {
    self.path = path
    self.problem = problem
  }

  /// What is wrong, without the path: `no such file`, `it is a FIFO (named pipe), not a file`.
  package var reason: LocalizedText {
    switch problem {
    case .noSuchFile: LocalizedText(ar: "لا يوجد ملف بهذا الاسم", en: "no such file")
    case .notARegularFile(let kind):
      LocalizedText(ar: "ليس ملفًا عاديًا بل \(kind.name.arabic)", en: "it is \(kind.name.english), not a regular file")
    case .permissionDenied: LocalizedText(ar: "لا إذن بالوصول إليه", en: "permission denied")
    case .system(let error): LocalizedText(ar: "تعذّر (\(error.call)): \(error.reason)", en: error.description)
    }
  }

  /// `` `notes.mizan`: it is a FIFO (named pipe), not a regular file ``.
  package var description: String { "`\(path)`: \(reason.english)" }
}

extension FileKind {
  /// The kind, named for a message.
  package var name: LocalizedText {
    switch self {
    case .regular: LocalizedText(ar: "ملف", en: "a file")
    case .directory: LocalizedText(ar: "مجلد", en: "a folder")
    case .fifo: LocalizedText(ar: "أنبوب مسمّى (FIFO)", en: "a FIFO (named pipe)")
    case .characterDevice, .blockDevice: LocalizedText(ar: "جهاز", en: "a device")
    case .socket: LocalizedText(ar: "مقبس (socket)", en: "a socket")
    case .symbolicLink: LocalizedText(ar: "رابط رمزي", en: "a symbolic link")
    case .other: LocalizedText(ar: "ملف من نوع خاص", en: "a special file")
    }
  }
}
