import MizanCore

/// A name as written, with where it was written (not part of `==`).
package struct Identifier: Hashable, Sendable, CustomStringConvertible {
  package var name: String
  package var span: SourceSpan

  package init(_ name: String, span: SourceSpan) {
    self.name = name
    self.span = span
  }

  package var description: String { name }
}

/// A quoted text as written (adjacent quoted texts already joined).
package struct TextLiteral: Hashable, Sendable {
  package var value: String
  /// The pieces as written, so the formatter can keep long quotes on several lines.
  package var pieces: [String]
  package var span: SourceSpan

  package init(pieces: [String], span: SourceSpan) {
    self.pieces = pieces
    self.value = pieces.joined()
    self.span = span
  }
}

/// A pair of Arabic and English labels: `label ar "…" en "…"`.
package struct Labels: Hashable, Sendable {
  package var arabic: TextLiteral?
  package var english: TextLiteral?
  package var span: SourceSpan

  package var localized: LocalizedText {
    LocalizedText(ar: arabic?.value ?? english?.value ?? "", en: english?.value ?? arabic?.value ?? "")
  }
}

/// Where a rule's authority comes from: a quote of the approved text, or an admitted assumption.
package enum Provenance: Hashable, Sendable {
  /// `cite "…"`: the clause of the approved policy text, quoted in Arabic.
  case cited(TextLiteral)
  /// `assumed "…"`: the text is silent here; the rationale says why the rule exists.
  case assumed(TextLiteral)

  package var text: TextLiteral {
    switch self {
    case .cited(let text), .assumed(let text): text
    }
  }

  package var isAssumed: Bool {
    if case .assumed = self { return true }
    return false
  }
}

/// Comments the formatter must put back: those before a node, and those inside its block
/// (which the formatter keeps at the top of the block, in order).
package struct Comments: Hashable, Sendable {
  package var leading: [String] = []
  package var inner: [String] = []

  package init(leading: [String] = [], inner: [String] = []) {
    self.leading = leading
    self.inner = inner
  }

  package var isEmpty: Bool { leading.isEmpty && inner.isEmpty }
}
