import MizanAudit

/// `mizan log repair` without the command line.
package enum LogMaintenance {
  /// A last line without its newline: its number, offset and bytes.
  package struct Tail: Sendable {
    package var line: Int
    package var offset: Int
    package var bytes: [UInt8]
    /// A sealed entry lacking only its newline: a whole decision, completed rather than moved aside.
    package var isSealedEntry: Bool

    var tornTail: TornTail { TornTail(line: line, offset: offset, bytes: bytes) }
  }

  package static func tornTail(of path: String) -> Result<Tail?, AuditFailure> {
    do {
      return .success(try LogRepair.tornTail(path: path).map {
        Tail(line: $0.line, offset: $0.offset, bytes: $0.bytes, isSealedEntry: $0.isSealedEntry)
      })
    } catch {
      return .failure(AuditFailure(error.text))
    }
  }

  package static func moveAside(_ tail: Tail, of path: String, to side: String) -> Result<Void, AuditFailure> {
    do {
      try LogRepair.moveAside(tail.tornTail, of: path, to: side)
      return .success(())
    } catch {
      return .failure(AuditFailure(error.text))
    }
  }

  /// Adds the newline a sealed last entry lacks.
  package static func complete(_ tail: Tail, of path: String) -> Result<Void, AuditFailure> {
    do {
      try LogRepair.complete(tail.tornTail, of: path)
      return .success(())
    } catch {
      return .failure(AuditFailure(error.text))
    }
  }
}
