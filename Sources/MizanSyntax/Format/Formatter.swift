import MizanCore

/// The canonical layout of a policy file, as `mizan fmt` writes it.
///
/// Header first, then includes, then declarations in source order, one blank line between
/// them; two spaces per block level; the clauses of a block in a fixed order; comments put back
/// above what they stood before. Idempotent: formatting the output again changes nothing, and
/// the output parses to the same tree (spans aside) as the input.
package enum Formatter {
  /// The widest line the formatter aims for, in characters; longer sets and labels are broken.
  package static let lineWidth = 100

  /// The indentation of one block level.
  static let indentUnit = "  "

  /// The file in canonical layout, ending in one newline (empty for a file with nothing in it).
  package static func format(_ file: PolicyFile) -> String {
    var sections: [[String]] = []
    if let header = file.header { sections.append(headerLines(header)) }
    if !file.includes.isEmpty { sections.append(file.includes.flatMap(includeLines)) }
    sections += file.declarations.map { declarationLines($0) }
    if !file.trailingComments.isEmpty { sections.append(commentLines(file.trailingComments, indent: "")) }
    guard !sections.isEmpty else { return "" }
    return sections.map { $0.joined(separator: "\n") }.joined(separator: "\n\n") + "\n"
  }

  // MARK: - Header and includes

  /// `policy <association> { name, version, effective, approved/draft, supersedes, source }`.
  static func headerLines(_ header: PolicyHeader) -> [String] {
    let inner = indentUnit
    var body: [String] = []
    if let names = header.names { body += labelLines(keyword: "name", names, indent: inner) }
    if let version = header.version { body += textLines(head: "version", version, indent: inner) }
    if let effective = header.effective { body.append(inner + "effective " + literalText(effective)) }
    switch header.status {
    case .approved(let approval): body += approvalLines(approval, indent: inner)
    case .draft(let reason): body += textLines(head: "draft", reason, indent: inner)
    case nil: break
    }
    if let supersedes = header.supersedes { body += textLines(head: "supersedes", supersedes, indent: inner) }
    if let source = header.source { body += textLines(head: "source", source, indent: inner) }
    return block(head: "policy " + header.association.name, indent: "", comments: header.comments, body: body)
  }

  /// `approved { body, meeting, date, written }`.
  static func approvalLines(_ approval: Approval, indent: String) -> [String] {
    let inner = indent + indentUnit
    var body: [String] = []
    if let names = approval.body { body += labelLines(keyword: "body", names, indent: inner) }
    if let meeting = approval.meeting { body += textLines(head: "meeting", meeting, indent: inner) }
    if let date = approval.date { body.append(inner + "date " + literalText(date)) }
    if let written = approval.written { body += textLines(head: "written", written, indent: inner) }
    return block(head: "approved", indent: indent, comments: Comments(), body: body)
  }

  /// `include "…"`, below its comments.
  static func includeLines(_ include: Include) -> [String] {
    commentLines(include.comments.leading, indent: "") + textLines(head: "include", include.path, indent: "")
  }

  // MARK: - Blocks and comments

  /// `head {`, the inner comments, the body, `}`; `head {}` when there is nothing inside.
  /// The leading comments go right above the head.
  static func block(head: String, indent: String, comments: Comments, body: [String]) -> [String] {
    let leading = commentLines(comments.leading, indent: indent)
    guard !comments.inner.isEmpty || !body.isEmpty else { return leading + [indent + head + " {}"] }
    let inner = commentLines(comments.inner, indent: indent + indentUnit)
    return leading + [indent + head + " {"] + inner + body + [indent + "}"]
  }

  /// Comments one per line at `indent` (the lexer has already dropped their trailing blanks).
  static func commentLines(_ comments: [String], indent: String) -> [String] {
    comments.map { indent + $0 }
  }
}
