/// Bounds on what `JSONReader` accepts, so that a broken or hostile input costs bounded time and memory.
///
/// Each limit, when exceeded, produces its own `JSONReadError.Kind` naming the limit.
package struct JSONLimits: Sendable, Hashable {
  /// The largest document, in bytes.
  package var maxBytes: Int
  /// The deepest nesting of arrays and objects; a top-level array or object is at depth 1.
  ///
  /// The reader keeps open containers on the heap, so any depth is safe for it; the limit protects the
  /// code that walks the value afterwards, which usually recurses once per level.
  package var maxDepth: Int
  /// The longest string or member name, in bytes as written between its quotes (an escape counts as written).
  package var maxStringBytes: Int
  /// The most elements in one array, or members in one object.
  package var maxMembers: Int

  /// Limits suited to applicant records and decision-log lines; each may be overridden.
  package init(
    maxBytes: Int = 1 << 20,
    maxDepth: Int = 64,
    maxStringBytes: Int = 64 << 10,
    maxMembers: Int = 10_000
  ) {
    self.maxBytes = maxBytes
    self.maxDepth = maxDepth
    self.maxStringBytes = maxStringBytes
    self.maxMembers = maxMembers
  }

  /// The limits `init()` gives.
  package static let `default` = JSONLimits()
}
