import Foundation

/// How wide text reports are made.
enum ReportWidth {
  /// Reports written to a file or a pipe are this wide, so they are the same bytes every run.
  static let standard = 100

  /// The terminal's width when standard output is one (kept within 60...160 columns, so a
  /// tiny or huge window still gives a readable table), and `standard` otherwise.
  static func forStandardOutput() -> Int {
    guard isatty(1) == 1 else { return standard }
    var size = winsize()
    guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return standard }
    return min(160, max(60, Int(size.ws_col)))
  }
}
