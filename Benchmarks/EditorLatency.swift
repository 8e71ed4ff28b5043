import Foundation
import Mizan

/// `swift run -c release MizanBenchmarks --editor [--rounds N]`: how long `mizan lsp` takes from
/// a keystroke in a 500-line version to its diagnostics (target: 50 ms). The server runs in
/// this process and is handed each `didChange` as the command line hands it one; the time is
/// from the message's bytes to the bytes of the `publishDiagnostics` it answers with: reading
/// the JSON, applying the edit, checking the version and its includes as `mizan check` does
/// (the analyses and `approvals.lock` included), and writing the diagnostics.
enum EditorLatency {
  static func run(rounds: Int, policies: String) {
    let root = NSTemporaryDirectory() + "mizan-editor-bench-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: root) }
    let path = root + "/policies/bench/2030-01-01.mizan"
    do {
      try FileManager.default.createDirectory(atPath: root + "/policies/bench", withIntermediateDirectories: true)
      try FileManager.default.copyItem(atPath: policies + "/common", toPath: root + "/policies/common")
    } catch {
      print("cannot prepare \(root): \(error)")
      exit(1)
    }
    let text = policy(groups: 37)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
    var server = LanguageServer()
    let uri = "file://" + path
    _ = server.handle([message(["id": 1, "method": "initialize", "params": ["capabilities": [:] as [String: Any]]])])
    let opened = server.handle([message(["method": "textDocument/didOpen", "params": [
      "textDocument": ["uri": uri, "languageId": "mizan", "version": 1, "text": text]]])])
    // The shared files' quotes get a warning (no `source` here); the version itself must be clean.
    guard let own = opened.first, String(decoding: own, as: UTF8.self).contains("\"diagnostics\":[]") else {
      let published = opened.map { String(decoding: $0, as: UTF8.self) }.joined()
      print("the generated policy does not check cleanly:\n" + published)
      exit(1)
    }
    // The value of the first limit, typed over and over: `1000` ↔ `1001`, a change in meaning.
    let valueLine = text.split(separator: "\n", omittingEmptySubsequences: false)
      .firstIndex { $0.hasPrefix("parameter limit_0:") } ?? 0
    let column = "parameter limit_0: money = 100".count
    var timings: [Double] = []
    for round in 0..<max(1, rounds) {
      let change = message(["method": "textDocument/didChange", "params": [
        "textDocument": ["uri": uri, "version": round + 2],
        "contentChanges": [["range": ["start": ["line": valueLine, "character": column],
                                      "end": ["line": valueLine, "character": column + 1]],
                            "text": round % 2 == 0 ? "1" : "0"]]]])
      let start = DispatchTime.now().uptimeNanoseconds
      let published = server.handle([change])
      timings.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
      guard published.count == 1 else {
        print("expected one publishDiagnostics, got \(published.count)")
        exit(1)
      }
    }
    timings.sort()
    let median = timings[timings.count / 2]
    let p95 = timings[min(timings.count - 1, timings.count * 95 / 100)]
    print("| diagnostics after a change, \(lines)-line version with 4 includes (`mizan lsp`) | "
      + String(format: "%.1f ms median, %.1f ms p95, %.1f ms max", median, p95, timings.last ?? 0)
      + " (\(timings.count) changes) | < 50 ms |")
  }

  static func message(_ object: [String: Any]) -> [UInt8] {
    var full = object
    full["jsonrpc"] = "2.0"
    return Array((try? JSONSerialization.data(withJSONObject: full)) ?? Data())
  }

  /// A draft version of `groups` facts, parameters and conditions (13 lines each) with the
  /// shared files every association includes.
  static func policy(groups: Int) -> String {
    var text = """
      policy bench {
        name ar "جمعية القياس" en "Benchmark association"
        version "2030-01-01"
        effective 2030-01-01
        draft "benchmark: a generated version of about 500 lines"
      }

      include "../common/channels.mizan"
      include "../common/documents.mizan"
      include "../common/intake.mizan"
      include "../common/research-committee.mizan"

      parameter channels: set of channel = {interview, website} {
        label ar "القنوات" en "Channels"
        assumed "benchmark"
      }

      """
    for group in 0..<groups {
      text += """

        fact income_\(group): money {
          label ar "الدخل رقم \(group)" en "Income \(group)"
        }

        parameter limit_\(group): money = 1000 SAR {
          label ar "الحد رقم \(group)" en "Limit \(group)"
          assumed "benchmark"
        }

        condition within_\(group): income_\(group) <= limit_\(group) {
          label ar "ضمن الحد \(group)" en "Within limit \(group)"
          assumed "benchmark"
        }

        """
    }
    return text
  }
}
