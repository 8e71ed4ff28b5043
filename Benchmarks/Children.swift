import Dispatch
import Foundation
import Mizan
import MizanChecker

/// What the benchmark runs as a child process, so that its time and peak memory are its own:
/// `--child engine IN OUT JOBS POLICIES` (the same `Engine.runBatch` that `mizan batch` runs,
/// for when the `mizan` binary is not built beside the benchmark) and `--child hand IN OUT JOBS
/// POLICIES` (the hand-written pipeline).
enum Child {
  static func run(_ arguments: [String]) -> Int32 {
    guard arguments.count == 5, let jobs = Int(arguments[3]) else {
      FileHandle.standardError.write(Data("usage: --child engine|hand IN OUT JOBS POLICIES\n".utf8))
      return 2
    }
    let input = open(arguments[1], O_RDONLY)
    let output = arguments[2] == "-" ? 1 : open(arguments[2], O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard input >= 0, output >= 0 else { return 2 }
    defer {
      close(input)
      if output != 1 { close(output) }
    }
    switch arguments[0] {
    case "engine":
      let engine = Engine(store: PolicyStore(root: arguments[4]))
      switch engine.runBatch(input: FileDescriptor(raw: input), output: FileDescriptor(raw: output),
                             options: BatchOptions(jobs: jobs)) {
      case .success(let summary):
        FileHandle.standardError.write(
          Data("\(summary.lines) lines, \(summary.decisions) decisions, \(summary.errors) errors\n".utf8))
        return 0
      case .failure(let failure):
        FileHandle.standardError.write(Data("\(failure.message)\n".utf8))
        return 1
      }
    case "hand":
      guard let texts = HandTexts.load(policies: arguments[4]) else { return 4 }
      let counts = HandBatch.run(input: input, output: output, jobs: jobs, texts: texts)
      FileHandle.standardError.write(
        Data("\(counts.lines) lines, \(counts.decisions) decisions, \(counts.errors) errors\n".utf8))
      return 0
    default:
      return 2
    }
  }
}

/// The hand-written batch: the same streaming shape as `mizan batch` (chunks of lines read with
/// `read(2)`, evaluated on `jobs` cores with `concurrentPerform`, written in order), with
/// `JSONSerialization` for reading and writing and the hand-written rules in between.
enum HandBatch {
  struct Counts {
    var lines = 0
    var decisions = 0
    var errors = 0
  }

  /// One worker's share of a chunk.
  final class Slice: @unchecked Sendable {
    var output = Data()
    var counts = Counts()
  }

  static func run(input: Int32, output: Int32, jobs: Int, texts: HandWritten.Texts) -> Counts {
    var buffer = [UInt8](repeating: 0, count: 4 << 20)
    var filled = 0
    var total = Counts()
    let sliceCount = jobs == 1 ? 1 : jobs * 4
    let slices = (0..<sliceCount).map { _ in Slice() }
    var atEnd = false
    while !atEnd || filled > 0 {
      if !atEnd {
        let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress! + filled, $0.count - filled) }
        if count <= 0 { atEnd = true } else { filled += count }
      }
      // Whole lines in the buffer (the rest waits for the next read).
      var lines: [Range<Int>] = []
      var start = 0
      for index in 0..<filled where buffer[index] == UInt8(ascii: "\n") {
        lines.append(start..<index)
        start = index + 1
      }
      if atEnd, start < filled {
        lines.append(start..<filled)
        start = filled
      }
      if lines.isEmpty, !atEnd { continue }
      let chunk = buffer
      let chunkLines = lines
      let firstLine = total.lines + 1
      let perSlice = (lines.count + sliceCount - 1) / max(1, sliceCount)
      let work = { @Sendable (index: Int) in
        let slice = slices[index]
        slice.output.removeAll(keepingCapacity: true)
        slice.counts = Counts()
        let lower = min(chunkLines.count, index * perSlice)
        let upper = min(chunkLines.count, lower + perSlice)
        for position in lower..<upper {
          let data = Data(chunk[chunkLines[position]])
          slice.counts.lines += 1
          do {
            let record = try HandWritten.read(data)
            let decision = HandWritten.evaluate(record)
            slice.output.append(HandWritten.outputLine(record, decision, texts: texts))
            slice.counts.decisions += 1
          } catch let error as HandWritten.ReadError {
            slice.output.append(HandWritten.errorLine(error, line: firstLine + position))
            slice.counts.errors += 1
          } catch {
            slice.counts.errors += 1
          }
          slice.output.append(UInt8(ascii: "\n"))
        }
      }
      if sliceCount == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: sliceCount, execute: work) }
      for slice in slices {
        slice.output.withUnsafeBytes { bytes in
          guard let base = bytes.baseAddress else { return }
          var offset = 0
          while offset < bytes.count {
            let written = write(output, base + offset, bytes.count - offset)
            if written <= 0 { break }
            offset += written
          }
        }
        total.lines += slice.counts.lines
        total.decisions += slice.counts.decisions
        total.errors += slice.counts.errors
      }
      // Keeps the partial last line for the next read.
      buffer.withUnsafeMutableBytes { bytes in
        guard let base = bytes.baseAddress else { return }
        memmove(base, base + start, filled - start)
      }
      filled -= start
      if atEnd, lines.isEmpty { break }
    }
    return total
  }
}

/// The hand-written program's texts, taken from the policy once (a hand-written program would
/// have them as literals).
enum HandTexts {
  static func load(policies: String) -> HandWritten.Texts? {
    let store = PolicyStore(root: policies)
    guard let policy = store.versions(of: "raabigh").loaded.last else { return nil }
    var labels: [String: [String: String]] = [:]
    var citations: [String: String] = [:]
    var assumptions: [String: String] = [:]
    var locations: [String: String] = [:]
    for entry in policy.provenance {
      labels[entry.name] = ["ar": entry.labels.arabic, "en": entry.labels.english]
      if entry.isAssumed { assumptions[entry.name] = entry.text } else { citations[entry.name] = entry.text }
      locations[entry.name] = entry.location
    }
    for document in policy.checked.documents {
      labels[document.name] = ["ar": document.described.labels.arabic, "en": document.described.labels.english]
    }
    for fact in policy.checked.facts {
      labels[fact.name] = ["ar": fact.described.labels.arabic, "en": fact.described.labels.english]
    }
    return HandWritten.Texts(
      fingerprint: policy.fingerprint, labels: labels, citations: citations,
      assumptions: assumptions, locations: locations)
  }
}
