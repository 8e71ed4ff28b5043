import Mizan

extension OptionSpec {
  /// `--purpose what_if|draft`: what marks a logged decision that is not official.
  static let purpose = OptionSpec(
    name: "purpose", value: "what_if|draft",
    help: "with --log: mark the entry as not official (required with --as-of or --draft; replay then skips the in-force check)")
}

extension Arguments {
  /// `--purpose`, checked against the options that make a decision not official: a what-if
  /// (`--as-of`) or a draft (`--draft`) is logged only when marked, and a purpose needs `--log`.
  func logPurpose(whatIfOptions: [String]) throws(UsageError) -> DecisionPurpose? {
    let names = DecisionPurpose.allCases.map(\.rawValue)
    guard let text = self["purpose"] else {
      if self["log"] != nil, let option = whatIfOptions.first(where: { has($0) || self[$0] != nil }) {
        throw UsageError(message: "`--\(option)` makes the decision a what-if, not an official one: "
          + "log it marked with `--purpose \(option == "draft" ? "draft" : "what_if")`, or leave out `--log`")
      }
      return nil
    }
    guard let purpose = DecisionPurpose(rawValue: text) else {
      throw UsageError(message: "`--purpose` must be one of \(names.joined(separator: ", ")), found `\(text)`")
    }
    guard self["log"] != nil else { throw UsageError(message: "`--purpose` marks a logged entry: it needs `--log LOG`") }
    return purpose
  }
}
