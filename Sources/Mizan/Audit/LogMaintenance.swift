import MizanAudit

/// `mizan log repair` without the command line.
package enum LogMaintenance {
  /// A torn last line: its number, offset and bytes.
  package struct Tail: Sendable {
    package var line: Int
    package var offset: Int
    package var bytes: [UInt8]
  }

  package static func tornTail(of path: String) -> Result<Tail?, AuditFailure> {
    do {
      return .success(try LogRepair.tornTail(path: path).map { Tail(line: $0.line, offset: $0.offset, bytes: $0.bytes) })
    } catch {
      return .failure(AuditFailure(error.text))
    }
  }

  package static func moveAside(_ tail: Tail, of path: String, to side: String) -> Result<Void, AuditFailure> {
    do {
      try LogRepair.moveAside(TornTail(line: tail.line, offset: tail.offset, bytes: tail.bytes), of: path, to: side)
      return .success(())
    } catch {
      return .failure(AuditFailure(error.text))
    }
  }
}
