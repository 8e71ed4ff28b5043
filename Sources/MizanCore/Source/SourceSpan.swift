/// A half-open range of UTF-8 byte offsets in one source file.
///
/// Spans never take part in `==` or hashing of the nodes that carry them: two policies that
/// mean the same thing are equal wherever their text sits.
public struct SourceSpan: Hashable, Sendable {
  public let file: SourceFile
  public let range: Range<Int>

  public init(file: SourceFile, range: Range<Int>) {
    self.file = file
    self.range = range
  }

  /// The smallest span covering both.
  public func merged(with other: SourceSpan) -> SourceSpan {
    guard other.file === file else { return self }
    return SourceSpan(
      file: file,
      range: min(range.lowerBound, other.range.lowerBound)..<max(range.upperBound, other.range.upperBound))
  }

  public var start: SourceLocation { file.location(of: range.lowerBound) }
  public var end: SourceLocation { file.location(of: range.upperBound) }

  /// `path:line:col`, the form editors parse.
  public var position: String { "\(file.path):\(start)" }

  /// `@line:col-line:col`, the form used in AST dumps.
  public var shortDescription: String { "@\(start)-\(end)" }

  public var text: String { file.text(in: range) }
}

extension SourceSpan {
  /// Always equal: spans are position, not meaning, so AST nodes that carry them compare by
  /// content alone and synthesized `==` stays correct. Tree-dump goldens test positions.
  public static func == (lhs: SourceSpan, rhs: SourceSpan) -> Bool { true }

  /// Contributes nothing, consistent with `==`.
  public func hash(into hasher: inout Hasher) {}
}
