import MizanCore

/// One step of an evaluation: a derived value computed or a rule decided, with the values it
/// saw. The trace is data; renderers turn it into text, JSON or HTML.
public struct TraceEvent: Sendable, Hashable {
  /// `derived`, `condition`, `requirement` or `committee`.
  public var kind: String
  public var rule: String
  /// `true`/`false`/`unknown` for conditions; the status for requirements; the value for derived.
  public var result: String
  /// Where the rule is written: `raabigh/2024-01-15.mizan:42:3`.
  public var location: String
  /// The facts, parameters and derived values the step read, with their values (nil: unknown).
  public var values: [TracedValue]
  /// For rules with `when`: what the `when` gave.
  public var when: String?
  /// Anything unusual: division by zero, a date out of range.
  public var notes: [String]
}

/// A named value seen during evaluation.
public struct TracedValue: Sendable, Hashable {
  public var name: String
  /// The value as JSON (`2500`, `"2024-03-10"`, `"interview"`), or nil when unknown.
  public var value: JSONValue?
}

extension TraceEvent {
  /// The notes in `language`: the outcome carries them in English (they are part of the canonical
  /// outcome, logged and replayed byte for byte); reports in Arabic show their Arabic.
  public func notes(in language: Language) -> [String] {
    language == .english ? notes : notes.map { TraceNote.arabic($0) ?? $0 }
  }
}
