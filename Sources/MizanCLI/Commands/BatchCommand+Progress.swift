import Dispatch
import Mizan

/// `mizan batch: 120,000 lines, 1,503 errors, 412,000 records/s, 43%, 0:12 left` on stderr while a
/// batch runs: only when stderr is a terminal and `NO_COLOR` is not set (`Terminal.usesColor`),
/// never with `--quiet`, never into a pipe or a file. Redrawn in place (`\r`, erase to the end of
/// the line) at most five times a second, and erased before the summary line.
struct BatchProgressLine {
  let isShown: Bool
  /// The input's size in bytes, when known: then the share done and the time left are shown.
  let inputBytes: Int?
  let language: Language
  private let started = DispatchTime.now().uptimeNanoseconds
  private var lastShown: UInt64 = 0
  private var wasShown = false

  init(isShown: Bool, inputBytes: Int?, language: Language) {
    self.isShown = isShown
    self.inputBytes = inputBytes
    self.language = language
  }

  mutating func update(_ progress: BatchProgress) {
    guard isShown else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    // The first chunk is shown at once; later ones at most every 200 ms.
    guard !wasShown || now - lastShown > 200_000_000 else { return }
    lastShown = now
    wasShown = true
    Terminal.writeAll(Array(("\r" + Self.text(progress, seconds: Double(now - started) / 1e9, inputBytes: inputBytes,
                                              language: language) + "\u{1B}[K").utf8), to: .standardError)
  }

  /// Erases the progress line before the summary.
  mutating func clear() {
    guard wasShown else { return }
    Terminal.writeAll(Array("\r\u{1B}[K".utf8), to: .standardError)
  }

  /// The line's text after `seconds` of work.
  static func text(_ progress: BatchProgress, seconds: Double, inputBytes: Int?, language: Language) -> String {
    let arabic = language == .arabic
    let rate = seconds > 0 ? Int(Double(progress.lines) / seconds) : 0
    var parts = arabic
      ? ["\(grouped(progress.lines)) سطر", "\(grouped(progress.errors)) خطأ", "\(grouped(rate)) سجل/ث"]
      : ["\(grouped(progress.lines)) lines", "\(grouped(progress.errors)) errors", "\(grouped(rate)) records/s"]
    if let total = inputBytes, total > 0 {
      let done = min(1, Double(progress.bytesRead) / Double(total))
      parts.append("\(Int(done * 100))%")
      if done > 0 {
        let left = Int((seconds * (1 - done) / done).rounded())
        let clock = "\(left / 60):" + (left % 60 < 10 ? "0" : "") + String(left % 60)
        parts.append(arabic ? "يتبقى \(clock)" : "\(clock) left")
      }
    }
    return "mizan batch: " + parts.joined(separator: arabic ? "، " : ", ")
  }

  /// `1234567` → `1,234,567`.
  static func grouped(_ number: Int) -> String {
    let digits = Array(String(number))
    var text = ""
    for (position, digit) in digits.enumerated() {
      if position > 0, (digits.count - position) % 3 == 0 { text.append(",") }
      text.append(digit)
    }
    return text
  }
}
