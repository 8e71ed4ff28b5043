@testable import MizanAudit
import MizanCore

/// Rebuilds a chain's `prev` and `hash` after an edit: the forger's best move, which replay
/// must still catch by re-evaluating.
enum Resealer {
  static func reseal(_ lines: [String]) throws -> [String] {
    var previous = LogEntry.genesisHash
    return try lines.map { line in
      var entry = try LogEntry(json: try JSONReader.read(line))
      entry.previousHash = previous
      entry.hash = entry.computedHash
      previous = entry.hash
      return entry.line
    }
  }
}
