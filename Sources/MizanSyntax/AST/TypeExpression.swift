import MizanCore

/// A type as written in a declaration: `money`, `count`, `channel`, `set of channel`.
package indirect enum TypeExpression: Hashable, Sendable {
  /// A built-in (`bool`, `number`, `count`, `money`, `days`, `date`, `text`) or an enumeration name.
  case named(Identifier)
  /// `set of <enumeration>`.
  case setOf(Identifier, span: SourceSpan)
  /// `list of <member kind>`: the members of a household, the children, the orphans.
  case listOf(Identifier, span: SourceSpan)

  package var span: SourceSpan {
    switch self {
    case .named(let name): name.span
    case .setOf(_, let span), .listOf(_, let span): span
    }
  }

  package var source: String {
    switch self {
    case .named(let name): name.name
    case .setOf(let element, _): "set of \(element.name)"
    case .listOf(let member, _): "list of \(member.name)"
    }
  }
}
