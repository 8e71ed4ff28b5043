/// The exit codes (README, docs/records.md), mapped in this one place.
enum ExitCode: Int32 {
  /// Success.
  case success = 0
  /// `check`, `test` or `replay` found problems; or the output could not be written.
  case problemsFound = 1
  /// The command line was wrong.
  case usage = 2
  /// The applicant record is malformed.
  case badRecord = 3
  /// The policy has errors, or no usable version exists.
  case policyError = 4
}
