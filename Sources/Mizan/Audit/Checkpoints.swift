import MizanAudit
import MizanCore

/// A checkpoint of a decision log's head (`mizan log checkpoint`), as an auditor keeps it
/// outside the system; `mizan replay --checkpoint` holds the log to it.
public struct LogCheckpoint: Sendable, Equatable {
  let checkpoint: Checkpoint

  /// The last entry's sequence number when it was taken.
  public var sequence: Int { checkpoint.sequence }
  /// The last entry's hash.
  public var hash: String { checkpoint.hash }
  /// When it was taken (wall clock, UTC).
  public var time: String { checkpoint.time }
  /// The entries the log held.
  public var entries: Int { checkpoint.entries }
  /// Whether it carries a MAC (it was taken with a key).
  public var isKeyed: Bool { checkpoint.mac != nil }
  /// The line to keep: canonical JSON, one line, no newline.
  public var line: String { checkpoint.line }

  /// The head of the log at `path` as a checkpoint taken at `time`, sealed with `key` when given.
  /// Fails when the chain is damaged anywhere (a checkpoint over damage would anchor it).
  public static func take(log path: String, time: String, key: [UInt8]?) -> Result<LogCheckpoint, AuditFailure> {
    do {
      let head = try LogHead.read(path: path)
      let checkpoint = Checkpoint(sequence: head.sequence, hash: head.hash, time: time, entries: head.entries)
      return .success(LogCheckpoint(checkpoint: key.map { checkpoint.sealed(key: $0) } ?? checkpoint))
    } catch {
      return .failure(AuditFailure(error.text))
    }
  }

  /// The checkpoints in a file's lines (blank lines skipped). With `key`, every checkpoint must
  /// carry a MAC that the key verifies: one that does not was altered or made with another key.
  public static func read(_ text: String, file: String, key: [UInt8]?) -> Result<[LogCheckpoint], AuditFailure> {
    var checkpoints: [LogCheckpoint] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !trimmed.isEmpty else { continue }
      let place = LocalizedText.same("\(file):\(index + 1): ")
      let checkpoint: Checkpoint
      do {
        checkpoint = try Checkpoint(line: trimmed)
      } catch {
        return .failure(AuditFailure(place + error.text))
      }
      if let key {
        guard checkpoint.mac != nil else {
          return .failure(AuditFailure(place + LocalizedText(
            ar: "نقطة تثبيت بلا `mac`، والمفتاح معطى: لا يمكن التحقق منها",
            en: "a checkpoint without `mac` while a key is given: it cannot be verified")))
        }
        guard checkpoint.isAuthentic(key: key) else {
          return .failure(AuditFailure(place + LocalizedText(
            ar: "قيمة `mac` لا تطابق المفتاح: عُدِّلت نقطة التثبيت أو أُخذت بمفتاح آخر",
            en: "its `mac` does not match the key: the checkpoint was altered or taken with another key")))
        }
      }
      checkpoints.append(LogCheckpoint(checkpoint: checkpoint))
    }
    return .success(checkpoints)
  }
}

extension LogCheckpoint {
  /// Appends the checkpoint's line to the file at `path` (created if missing) and syncs it.
  public func append(to path: String) -> Result<Void, AuditFailure> {
    do {
      let descriptor = try FileDescriptor.open(path, .append(permissions: 0o644))
      defer { descriptor.close() }
      try descriptor.writeAll(Array((line + "\n").utf8))
      try descriptor.sync()
      return .success(())
    } catch {
      return .failure(AuditFailure(message: "\(path): \(error.description)"))
    }
  }
}
