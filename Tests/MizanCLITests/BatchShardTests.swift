import Foundation
import MizanTestSupport
import Testing

/// `mizan batch -` as a streaming mapper (docs/scale.md): shards of the input, in any order,
/// give the lines of one run, with error records' `"line"` counted in their shard.
@Suite("mizan batch - over shards", .serialized)
struct BatchShardTests {
  @Test("three shards cut by association and a hash of the line, reversed: sorted, the same lines as one run")
  func shards() throws {
    let lines = try BatchTests.distinctLines(600, idPrefix: "S", every: 50, replacedBy: "{\"application_id\":")
    let input = try BatchTests.write(lines, to: "all.jsonl")
    defer { BatchTests.remove(folderOf: input) }
    let single = try MizanProcess.run(["batch", input])
    #expect(single.exitCode == 0)

    var shards: [[String]] = [[], [], []]
    for line in lines {
      let after = line.components(separatedBy: "\"association\":\"").dropFirst().first
      let association = after?.prefix { $0 != "\"" } ?? ""
      shards[(association.count + line.utf8.count) % 3].append(line)
    }
    #expect(shards.allSatisfy { $0.count > 100 }, "\(shards.map(\.count))")
    var gathered: [String] = []
    for shard in shards.reversed() {
      let text = shard.reversed().map { $0 + "\n" }.joined()
      let run = try MizanProcess.run(["batch", "-", "--quiet"], input: Array(text.utf8))
      #expect(run.exitCode == 0)
      #expect(run.standardError.isEmpty, "\(run.standardError)")
      let output = BatchTests.outputLines(run.standardOutput)
      #expect(output.count == shard.count)
      gathered += output
    }
    /// An error record's line number is its shard's: left out of the comparison.
    func normalised(_ lines: [String]) -> [String] {
      lines.map { line in
        guard line.hasPrefix("{\"error\":"), let range = line.range(of: ",\"line\":", options: .backwards) else {
          return line
        }
        return String(line[..<range.lowerBound])
      }.sorted()
    }
    #expect(normalised(gathered) == normalised(BatchTests.outputLines(single.standardOutput)))
  }
}
