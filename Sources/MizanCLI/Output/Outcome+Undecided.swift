import Mizan

extension Outcome {
  /// Why a rule came out `unknown` although no fact it needs is missing: the notes of its own
  /// trace step and of the derived values it read (`income_per_member`: division by zero), each
  /// with the values that step read, in `language`. Empty when the trace says nothing unusual.
  func undecidedNotes(for rule: String, in language: Language) -> [(step: String, note: String, values: [TracedValue])] {
    guard let event = trace.first(where: { $0.rule == rule && $0.kind != "derived" }) else { return [] }
    var found: [(String, String, [TracedValue])] = event.notes(in: language).map { (rule, $0, event.values) }
    for value in event.values where value.value == nil {
      guard let derived = trace.first(where: { $0.kind == "derived" && $0.rule == value.name }) else { continue }
      found += derived.notes(in: language).map { (derived.rule, $0, derived.values) }
    }
    return found
  }

  /// Whether some undecided rule is undecided because of the values given (not missing ones).
  func hasUndecidedNotes(in language: Language) -> Bool {
    reasons.contains { $0.result == "unknown" && !undecidedNotes(for: $0.rule, in: language).isEmpty }
  }

  /// Who must act next: the next step's parties; when it names none but a rule is undecided
  /// because of the values given, the staff, who correct the record.
  func actingParties(in language: Language) -> [String] {
    nextStep.by.isEmpty && verdict == .incomplete && hasUndecidedNotes(in: language) ? ["staff"] : nextStep.by
  }
}
