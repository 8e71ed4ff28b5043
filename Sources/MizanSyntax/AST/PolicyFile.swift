import MizanCore

/// How a version stands: approved by a body at a meeting, or a draft.
package enum ApprovalStatus: Hashable, Sendable {
  case approved(Approval)
  /// `draft "why"`: not valid for official use.
  case draft(reason: TextLiteral)
}

/// `approved { body … meeting … date … written … }`, as the approval text gives it.
package struct Approval: Hashable, Sendable {
  package var body: Labels?
  package var meeting: TextLiteral?
  package var date: Literal?
  /// The approval date exactly as the text writes it, e.g. "27 / 5 / 1441هـ الموافق 22 / 1 / 2020م".
  package var written: TextLiteral?
  package var span: SourceSpan
}

/// `policy <association> { … }`: who the policy belongs to and which version this is.
package struct PolicyHeader: Hashable, Sendable {
  package var association: Identifier
  package var names: Labels?
  package var version: TextLiteral?
  package var effective: Literal?
  package var status: ApprovalStatus?
  package var supersedes: TextLiteral?
  package var source: TextLiteral?
  package var comments: Comments
  package var span: SourceSpan
}

/// `include "../common/channels.mizan"`.
package struct Include: Hashable, Sendable {
  package var path: TextLiteral
  package var comments: Comments
  package var span: SourceSpan
}

/// One parsed file: a version of a policy (with a header) or a set of shared clauses (without).
package struct PolicyFile: Sendable {
  package var source: SourceFile
  package var header: PolicyHeader?
  package var includes: [Include]
  package var declarations: [Declaration]
  /// Comments after the last declaration.
  package var trailingComments: [String]
}
