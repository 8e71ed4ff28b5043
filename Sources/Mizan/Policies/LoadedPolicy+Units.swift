import MizanChecker

extension LoadedPolicy {
  /// Whether the fact, parameter or derived value `name` is an amount of money (its reports
  /// write `1500 SAR`, as the policy does, not a bare `1500`).
  package func isMoney(_ name: String) -> Bool {
    let type = checked.facts.first { $0.name == name }?.type
      ?? checked.parameters.first { $0.name == name }?.type
      ?? checked.derived.first { $0.name == name }?.type
    if case .number(.money)? = type { return true }
    return false
  }
}
