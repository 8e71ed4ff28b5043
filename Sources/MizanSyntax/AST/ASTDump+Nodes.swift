import MizanCore

extension Dump {
  /// The header and its clauses in their canonical order.
  mutating func header(_ header: PolicyHeader) {
    node("Header " + header.association.name, header.span)
    nested { dump in
      dump.comments(header.comments)
      if let names = header.names { dump.labels("Names", names) }
      if let version = header.version { dump.text("Version", version) }
      if let effective = header.effective { dump.line("Effective " + Dump.literalText(effective)) }
      switch header.status {
      case .approved(let approval): dump.approval(approval)
      case .draft(let reason): dump.text("Draft", reason)
      case nil: break
      }
      if let supersedes = header.supersedes { dump.text("Supersedes", supersedes) }
      if let source = header.source { dump.text("Source", source) }
    }
  }

  /// `approved { … }` and what it says.
  mutating func approval(_ approval: Approval) {
    node("Approved", approval.span)
    nested { dump in
      if let body = approval.body { dump.labels("Body", body) }
      if let meeting = approval.meeting { dump.text("Meeting", meeting) }
      if let date = approval.date { dump.line("ApprovalDate " + Dump.literalText(date)) }
      if let written = approval.written { dump.text("Written", written) }
    }
  }

  /// `Condition name @span` (with `override` when it replaces an included one), then its parts
  /// in the order they are written: the head (type, value, test, alternatives, `when`), then the
  /// block (label, the kind's own clauses, citation).
  mutating func declaration(_ declaration: Declaration) {
    let kind = declaration.keyword.prefix(1).uppercased() + declaration.keyword.dropFirst()
    let override = declaration.isOverride ? " override" : ""
    let owner = declaration.owner.map { " of " + $0.name } ?? ""
    node(kind + " " + declaration.name.name + owner + override, declaration.span)
    nested { dump in
      dump.comments(declaration.comments)
      dump.head(declaration.kind)
      if let labels = declaration.labels { dump.labels("Labels", labels) }
      dump.blockClauses(declaration.kind, fields: declaration.fields)
      if let provenance = declaration.provenance { dump.provenance(provenance) }
    }
  }

  /// What follows the name on the declaration's first line.
  mutating func head(_ kind: Declaration.Kind) {
    switch kind {
    case .parameter(let type, let value), .derived(let type, let value):
      self.type(type)
      expression(value)
    case .fact(let type, _):
      self.type(type)
    case .condition(let test, let when):
      expression(test)
      if let when { self.when(when) }
    case .stage(let test):
      expression(test)
    case .vocabulary(let file):
      node("From \"\(file.value)\"", file.span)
    case .memberRequirement(let alternatives, let list, let filter, let when):
      for alternative in alternatives { node("Alternative " + alternative.name, alternative.span) }
      node("OfEach " + list.name, list.span)
      if let filter {
        node("Where", filter.span)
        nested { $0.expression(filter) }
      }
      if let when { self.when(when) }
    case .requirement(let alternatives, let when):
      for alternative in alternatives { node("Alternative " + alternative.name, alternative.span) }
      if let when { self.when(when) }
    case .enumeration, .document, .committee, .member:
      break
    }
  }

  /// The clauses only some kinds have inside their block.
  mutating func blockClauses(_ kind: Declaration.Kind, fields: [DocumentFieldDeclaration] = []) {
    switch kind {
    case .enumeration(let values):
      for value in values {
        node("Value " + value.name.name, value.name.span)
        nested { dump in
          dump.comments(value.comments)
          if let labels = value.labels { dump.labels("Labels", labels) }
        }
      }
    case .document(let provider, let validity):
      if let provider { node("ProvidedBy " + provider.name, provider.span) }
      for field in fields { node("Field " + field.name.name + ": " + field.type.source, field.name.span) }
      for rule in validity { node("Valid " + Formatter.validityText(rule), rule.span) }
    case .committee(let replyAfter):
      guard let replyAfter else { return }
      node("ReplyAfter", replyAfter.span)
      nested { $0.expression(replyAfter) }
    case .fact(_, let provider):
      if let provider { node("ProvidedBy " + provider.name, provider.span) }
    case .member(let shownBy):
      if let shownBy { node("ShownBy " + shownBy.name, shownBy.span) }
    case .parameter, .derived, .condition, .requirement, .memberRequirement, .stage, .vocabulary:
      break
    }
  }

  /// A declared type, as written.
  mutating func type(_ type: TypeExpression) {
    node("Type " + type.source, type.span)
  }

  /// `when <condition>`, with the condition below it.
  mutating func when(_ condition: Expression) {
    node("When", condition.span)
    nested { $0.expression(condition) }
  }

  /// An expression and its operands, each on its own line one level deeper.
  mutating func expression(_ expression: Expression) {
    switch expression {
    case .literal(let literal, let span):
      node(Dump.literalText(literal), span)
    case .name(let name):
      node("Name " + name.name, name.span)
    case .not(let operand, let span):
      node("Not", span)
      nested { $0.expression(operand) }
    case .negate(let operand, let span):
      node("Negate", span)
      nested { $0.expression(operand) }
    case .binary(let op, let left, let right, let span):
      node("Binary " + op.rawValue, span)
      nested { dump in
        dump.expression(left)
        dump.expression(right)
      }
    case .membership(let element, let set, let negated, let span):
      node(negated ? "Membership not in" : "Membership in", span)
      nested { dump in
        dump.expression(element)
        dump.expression(set)
      }
    case .set(let elements, let span):
      node("Set", span)
      nested { dump in
        for element in elements { dump.expression(element) }
      }
    case .call(let name, let arguments, let span):
      node("Call " + name.name, span)
      nested { dump in
        for argument in arguments { dump.expression(argument) }
      }
    case .quantifier(let quantifier, let list, let body, let filter, let span):
      node("Quantifier " + quantifier.rawValue + " " + list.name, span)
      nested { dump in
        if let body { dump.expression(body) }
        if let filter {
          dump.node("Where", filter.span)
          dump.nested { $0.expression(filter) }
        }
      }
    case .missing(let span):
      node("Missing", span)
    }
  }
}
