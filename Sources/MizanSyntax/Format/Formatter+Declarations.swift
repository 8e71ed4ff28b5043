import MizanCore

extension Formatter {
  /// One declaration: its comments, its head line, and its block with the clauses in a fixed
  /// order: label, the kind's own clauses, then `cite` or `assumed`.
  static func declarationLines(_ declaration: Declaration) -> [String] {
    let inner = indentUnit
    var body: [String] = []
    if let labels = declaration.labels { body += labelLines(keyword: "label", labels, indent: inner) }
    var comments = declaration.comments
    switch declaration.kind {
    case .enumeration(let values):
      for value in values {
        body += commentLines(value.comments.leading, indent: inner)
        let keyword = "value " + value.name.name
        body += value.labels.map { labelLines(keyword: keyword, $0, indent: inner) } ?? [inner + keyword]
      }
      // Comments at the top of a block without a label would be read back as the first
      // value's; at the bottom they stay the enumeration's own.
      if declaration.labels == nil, !values.isEmpty, !comments.inner.isEmpty {
        body += commentLines(comments.inner, indent: inner)
        comments.inner = []
      }
    case .document(let provider, let validity):
      if let provider { body.append(inner + "provided_by " + provider.name) }
      for field in declaration.fields {
        let keyword = "field " + field.name.name + ": " + field.type.source
        body += field.labels.map { labelLines(keyword: keyword, $0, indent: inner) } ?? [inner + keyword]
      }
      for rule in validity {
        if case .test(let test, let otherwise, _) = rule {
          body.append(line([.text("valid if "), .expression(test)], indent: inner))
          body += labelLines(keyword: "otherwise", otherwise, indent: inner + indentUnit)
        } else {
          body.append(inner + "valid " + validityText(rule))
        }
      }
    case .committee(let replyAfter):
      if let replyAfter { body.append(line([.text("reply_after "), .expression(replyAfter)], indent: inner)) }
    case .fact(_, let provider):
      if let provider { body.append(inner + "provided_by " + provider.name) }
    case .member(let shownBy):
      if let shownBy { body.append(inner + "shown_by " + shownBy.name) }
    case .parameter, .derived, .condition, .requirement, .memberRequirement, .stage, .vocabulary:
      break
    }
    switch declaration.provenance {
    case .cited(let text): body += textLines(head: "cite", text, indent: inner)
    case .assumed(let text): body += textLines(head: "assumed", text, indent: inner)
    case nil: break
    }
    let keyword = (declaration.isOverride ? "override " : "") + declaration.keyword + " " + declaration.name.name
      + (declaration.owner.map { " of " + $0.name } ?? "")
    // Room is kept for the ` {` that `block` puts after the head.
    let head = line(headParts(declaration.kind, keyword: keyword), indent: "", reserving: 2)
    return block(head: head, indent: "", comments: comments, body: body)
  }

  /// The head line after the keyword and name: type, value, test, alternatives, `when`.
  static func headParts(_ kind: Declaration.Kind, keyword: String) -> [LinePart] {
    switch kind {
    case .enumeration, .document, .committee, .member:
      return [.text(keyword)]
    case .vocabulary(let file):
      return [.text(keyword + " from " + quoted(file.value))]
    case .fact(let type, _):
      return [.text(keyword + ": " + type.source)]
    case .parameter(let type, let value), .derived(let type, let value):
      return [.text(keyword + ": " + type.source + " = "), .expression(value)]
    case .condition(let test, let when):
      return [.text(keyword + ": "), .expression(test)] + whenParts(when)
    case .stage(let test):
      return [.text(keyword + ": "), .expression(test)]
    case .memberRequirement(let alternatives, let list, let filter, let when):
      let head = keyword + ": " + alternatives.map(\.name).joined(separator: " or ") + " of " + list.name
      return [.text(head)] + (filter.map { [.text(" where "), .expression($0)] } ?? []) + whenParts(when)
    case .requirement(let alternatives, let when):
      return [.text(keyword + ": " + alternatives.map(\.name).joined(separator: " or "))] + whenParts(when)
    }
  }

  /// ` when <condition>`, or nothing.
  static func whenParts(_ when: Expression?) -> [LinePart] {
    when.map { [.text(" when "), .expression($0)] } ?? []
  }

  /// `not_expired`, `signed` or `dated_within 30 days` (`3 months`, `1 year`).
  static func validityText(_ rule: ValidityRule) -> String {
    switch rule {
    case .notExpired: "not_expired"
    case .signed: "signed"
    case .datedWithin(let period, _): "dated_within \(period)"
    case .test(let test, _, _): "if " + expressionText(test)
    }
  }
}
