import Foundation
import MizanTestSupport

/// Makes a bad input at test time from a `*.recipe` in fixtures/bad: inputs too large to commit
/// (a megabyte of random bytes, a 16 MiB log line) and logs derived from the sample log.
///
/// One command a line (`#` starts a comment); texts are in double quotes with the escapes
/// `\n` `\r` `\t` `\"` `\\` and `\xHH` (any byte):
///
/// ```
/// write NAME                  the file to make, in the case's working folder
/// file PATH                   append a file of the package (path from its root)
/// text "…"                    append a text
/// repeat N "…"                append a text N times
/// random N SEED               append N pseudo-random bytes (SplitMix64)
/// delete-line L               line operations on what was appended so far (1-based;
/// duplicate-line L            a line keeps its line break)
/// insert-line L "…"           insert a line (its line break is added) before line L
/// replace-line L "…"          replace line L (keeping its line break)
/// replace-in-line L "a" "b"   replace the first `a` in line L by `b`
/// replace-all "a" "b"         replace every `a` by `b`
/// cut-line L N                keep only the first N bytes of line L, without its line break,
///                             and nothing after it (a torn append)
/// ```
///
/// And file-system shapes, made in the working folder in order, before the file is written
/// (paths relative to the working folder):
///
/// ```
/// copy PATH NAME              copy a file or folder of the package
/// put NAME "…"                a small file holding the text
/// remove NAME                 delete a file
/// link NAME TARGET            a symbolic link to TARGET (as written: relative to NAME's folder)
/// fifo NAME                   a FIFO (named pipe)
/// ```
///
/// A recipe made only of shapes writes no file; its expected file names the command to run.
struct Recipe {
  /// The file to make, relative to the case's working folder; empty when there is none.
  var target = ""
  /// The bytes of the file.
  var bytes: [UInt8] = []
  /// The file-system shapes to make first, in order.
  var shapes: [Shape] = []

  enum Shape: Equatable {
    case copy(from: String, to: String)
    case put(String, [UInt8])
    case remove(String)
    case link(String, target: String)
    case fifo(String)
  }

  /// Makes the shapes, then the file, in `folder`; `root` is the package root.
  func make(in folder: String, root: String) throws {
    let files = FileManager.default
    for shape in shapes {
      switch shape {
      case .copy(let from, let to): try files.copyItem(atPath: root + "/" + from, toPath: folder + "/" + to)
      case .put(let name, let bytes): try MizanProcess.writeBytes(bytes, to: folder + "/" + name)
      case .remove(let name): try files.removeItem(atPath: folder + "/" + name)
      case .link(let name, let target): try files.createSymbolicLink(atPath: folder + "/" + name, withDestinationPath: target)
      case .fifo(let name):
        guard mkfifo(folder + "/" + name, 0o644) == 0 else { throw Failure(description: "cannot make the FIFO \(name)") }
      }
    }
    if !target.isEmpty { try MizanProcess.writeBytes(bytes, to: folder + "/" + target) }
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Runs the recipe in `text`; paths in `file` are taken from `root`.
  init(_ text: String, root: String) throws {
    for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = rawLine.trimmingCharacters(in: .whitespaces)
      guard !line.isEmpty, !line.hasPrefix("#") else { continue }
      do {
        try run(Substring(line), root: root)
      } catch {
        throw Failure(description: "recipe line \(number + 1) `\(line)`: \(error)")
      }
    }
    guard !target.isEmpty || !shapes.isEmpty else { throw Failure(description: "the recipe has no `write`") }
  }

  private mutating func run(_ line: Substring, root: String) throws {
    var words = Words(line)
    let command = try words.word()
    switch command {
    case "write": target = try words.word()
    case "copy": shapes.append(.copy(from: try words.word(), to: try words.word()))
    case "put": shapes.append(.put(try words.word(), try words.text()))
    case "remove": shapes.append(.remove(try words.word()))
    case "link": shapes.append(.link(try words.word(), target: try words.word()))
    case "fifo": shapes.append(.fifo(try words.word()))
    case "file":
      let path = root + "/" + (try words.word())
      guard let data = FileManager.default.contents(atPath: path) else { throw Failure(description: "no file \(path)") }
      bytes += data
    case "text": bytes += try words.text()
    case "repeat":
      let count = try words.number()
      let piece = try words.text()
      bytes.reserveCapacity(bytes.count + count * piece.count)
      for _ in 0..<count { bytes += piece }
    case "random":
      let count = try words.number()
      var generator = SplitMix64(seed: UInt64(try words.number()))
      bytes.reserveCapacity(bytes.count + count)
      for _ in 0..<count { bytes.append(UInt8(truncatingIfNeeded: generator.next())) }
    case "replace-all":
      let (old, new) = (try words.text(), try words.text())
      bytes = Self.replacing(old, with: new, in: bytes, firstOnly: false)
    default:
      try runLineOperation(command, &words)
    }
    guard words.isAtEnd else { throw Failure(description: "unexpected `\(words.rest)`") }
  }

  private mutating func runLineOperation(_ command: String, _ words: inout Words) throws {
    var lines = Self.lines(of: bytes)
    let index = try words.number() - 1
    guard lines.indices.contains(index) || (command == "insert-line" && index == lines.count) else {
      throw Failure(description: "no line \(index + 1) (there are \(lines.count))")
    }
    switch command {
    case "delete-line": lines.remove(at: index)
    case "duplicate-line": lines.insert(lines[index], at: index)
    case "insert-line": lines.insert(try words.text() + [UInt8(ascii: "\n")], at: index)
    case "replace-line":
      let ending: [UInt8] = lines[index].last == UInt8(ascii: "\n") ? [UInt8(ascii: "\n")] : []
      lines[index] = try words.text() + ending
    case "replace-in-line":
      let (old, new) = (try words.text(), try words.text())
      let replaced = Self.replacing(old, with: new, in: lines[index], firstOnly: true)
      guard replaced != lines[index] else { throw Failure(description: "line \(index + 1) has no such text") }
      lines[index] = replaced
    case "cut-line":
      let keep = try words.number()
      lines[index] = Array(lines[index].prefix(min(keep, max(0, lines[index].count - 1))))
      lines.removeSubrange((index + 1)...)
    default:
      throw Failure(description: "unknown command `\(command)`")
    }
    bytes = lines.flatMap { $0 }
  }

  /// The lines of `bytes`, each with its `\n` (the last one may have none).
  static func lines(of bytes: [UInt8]) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var start = 0
    for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      lines.append(Array(bytes[start...offset]))
      start = offset + 1
    }
    if start < bytes.count { lines.append(Array(bytes[start...])) }
    return lines
  }

  /// `bytes` with `old` replaced by `new`, once or everywhere.
  static func replacing(_ old: [UInt8], with new: [UInt8], in bytes: [UInt8], firstOnly: Bool) -> [UInt8] {
    guard !old.isEmpty else { return bytes }
    var result: [UInt8] = []
    var index = 0
    var replaced = false
    while index < bytes.count {
      if !(firstOnly && replaced), bytes[index...].starts(with: old) {
        result += new
        index += old.count
        replaced = true
      } else {
        result.append(bytes[index])
        index += 1
      }
    }
    return result
  }

  /// The words and quoted texts of one recipe line.
  struct Words {
    var rest: Substring

    init(_ line: Substring) { rest = line }

    var isAtEnd: Bool { rest.allSatisfy(\.isWhitespace) }

    mutating func skipSpaces() { rest = rest.drop(while: \.isWhitespace) }

    mutating func word() throws -> String {
      skipSpaces()
      let word = rest.prefix { !$0.isWhitespace }
      guard !word.isEmpty else { throw Failure(description: "expected a word") }
      rest = rest.dropFirst(word.count)
      return String(word)
    }

    mutating func number() throws -> Int {
      let text = try word()
      guard let value = Int(text), value >= 0 else { throw Failure(description: "expected a number, found `\(text)`") }
      return value
    }

    /// A quoted text, as bytes (a `\xHH` escape may make them invalid UTF-8 on purpose).
    mutating func text() throws -> [UInt8] {
      skipSpaces()
      guard rest.first == "\"" else { throw Failure(description: "expected a text in double quotes") }
      var utf8 = Array(rest.utf8.dropFirst())
      var bytes: [UInt8] = []
      var index = 0
      while index < utf8.count {
        let byte = utf8[index]
        if byte == UInt8(ascii: "\"") {
          utf8.removeFirst(index + 1)
          rest = Substring(String(decoding: utf8, as: UTF8.self))
          return bytes
        }
        guard byte == UInt8(ascii: "\\") else {
          bytes.append(byte)
          index += 1
          continue
        }
        guard index + 1 < utf8.count else { break }
        switch utf8[index + 1] {
        case UInt8(ascii: "n"): bytes.append(UInt8(ascii: "\n"))
        case UInt8(ascii: "r"): bytes.append(UInt8(ascii: "\r"))
        case UInt8(ascii: "t"): bytes.append(UInt8(ascii: "\t"))
        case UInt8(ascii: "x"):
          let hex = String(decoding: utf8.dropFirst(index + 2).prefix(2), as: UTF8.self)
          guard hex.count == 2, let value = UInt8(hex, radix: 16) else { throw Failure(description: "bad \\x escape") }
          bytes.append(value)
          index += 2
        case let other: bytes.append(other)
        }
        index += 2
      }
      throw Failure(description: "unterminated text")
    }
  }
}
