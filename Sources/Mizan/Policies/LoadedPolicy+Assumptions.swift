import MizanChecker
import MizanCore

extension LoadedPolicy {
  /// Facts, documents and derived values that carry `assumed "…"`: not rules, so not counted as cited or
  /// assumed, but the approved text does not contain them either (who decides a fact, how long
  /// a form stays valid), so `mizan check --assumed` lists them after the rules.
  public var supportingAssumptions: [ProvenanceEntry] {
    func entry(_ kind: String, _ described: Described) -> ProvenanceEntry? {
      guard let provenance = described.provenance, provenance.isAssumed else { return nil }
      return ProvenanceEntry(kind: kind, name: described.name, labels: described.labels, text: provenance.text.value,
                             isAssumed: true, location: "\(described.span.file.name):\(described.span.start)")
    }
    return checked.facts.compactMap { entry("fact", $0.described) }
      + checked.documents.compactMap { entry("document", $0.described) }
      + checked.derived.compactMap { entry("derived", $0.described) }
      + checked.members.flatMap { kind in
        kind.facts.compactMap { entry("fact", $0.described) } + kind.documents.compactMap { entry("document", $0.described) }
      }
  }
}
