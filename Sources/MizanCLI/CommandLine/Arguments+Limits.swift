import Mizan

extension OptionSpec {
  /// `--max-record-bytes N`, for the commands that read applicant records.
  static let maxRecordBytes = OptionSpec(
    name: "max-record-bytes", value: "N",
    help: "refuse a record larger than N bytes (default: \(RecordLimits.defaultMaxBytes); K and M suffixes allowed)")
}

extension OptionSpec {
  /// `--jobs N`, for the commands that work on every core.
  static let jobs = OptionSpec(name: "jobs", value: "N", help: "records worked on at once (default: the number of cores)")
}

extension Arguments {
  /// `--jobs N`: a whole number from 1 to 512, or nil when absent.
  func jobs() throws(UsageError) -> Int? {
    guard let text = values["jobs"] else { return nil }
    guard let jobs = Int(text), jobs >= 1, jobs <= 512 else {
      throw UsageError(message: "`--jobs` must be a whole number from 1 to 512, found `\(text)`")
    }
    return jobs
  }

  /// The largest size a `--max-record-bytes`-style option may set: limits exist to bound memory.
  static let largestByteLimit = 256 << 20

  /// A size in bytes: a whole number, optionally followed by `K` (KiB) or `M` (MiB), from 1 to
  /// 256 MiB; `fallback` when the option is absent.
  func byteCount(_ name: String, default fallback: Int) throws(UsageError) -> Int {
    guard let text = values[name] else { return fallback }
    var digits = Substring(text)
    var unit = 1
    if let last = digits.last, last == "K" || last == "M" {
      unit = last == "K" ? 1 << 10 : 1 << 20
      digits = digits.dropLast()
    }
    guard let count = Int(digits), count >= 1, count <= Self.largestByteLimit / unit else {
      throw UsageError(message: "`--\(name)` must be a number of bytes from 1 to 256M (such as 65536, 64K or 2M), "
        + "found `\(text)`")
    }
    return count * unit
  }
}
