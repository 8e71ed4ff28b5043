import MizanChecker
import MizanCore
import MizanSyntax

/// The meaning of declarations as text that compares equal exactly when the meaning is equal:
/// expressions printed by the formatter after sorting set elements and writing dates in ISO
/// form, parameter values as the checker folded them, quotes as joined.
enum Meaning {
  static func subject(of declaration: Declaration) -> PolicyChange.Subject {
    switch declaration.kind {
    case .enumeration: declaration.name.name == "channel" ? .channel : .enumeration
    case .parameter: .parameter
    case .fact: .fact
    case .document: .document
    case .derived: .derived
    case .condition: .condition
    case .requirement, .memberRequirement: .requirement
    case .committee: .committee
    case .member: .member
    case .stage: .stage
    case .vocabulary: .enumeration
    }
  }

  /// Each aspect of a declaration's meaning, in a fixed order.
  static func aspects(of declaration: Declaration, in policy: CheckedPolicy) -> [(key: String, value: String)] {
    var aspects: [(key: String, value: String)] = []
    switch declaration.kind {
    case .enumeration(let values):
      aspects.append(("values", values.map(\.name.name).joined(separator: ", ")))
    case .parameter(let type, let expression):
      aspects.append(("type", type.source))
      if let parameter = policy.parameters.first(where: { $0.name == declaration.name.name }) {
        aspects.append(("value", value(parameter.value, type: parameter.type, in: policy)))
      } else {
        aspects.append(("value", text(of: expression)))
      }
    case .fact(let type, let provider):
      aspects.append(("type", type.source))
      if let provider { aspects.append(("provided by", provider.name)) }
    case .document(let provider, let validity):
      aspects.append(("provided by", provider?.name ?? "?"))
      if !validity.isEmpty { aspects.append(("validity", validity.map(Self.validity).joined(separator: ", "))) }
    case .derived(let type, let expression):
      aspects.append(("type", type.source))
      aspects.append(("value", text(of: expression)))
    case .condition(let test, let when):
      aspects.append(("test", text(of: test)))
      if let when { aspects.append(("when", text(of: when))) }
    case .memberRequirement(let alternatives, let list, let filter, let when):
      aspects.append(("documents", alternatives.map(\.name).joined(separator: " or ") + " of " + list.name))
      if let filter { aspects.append(("where", text(of: filter))) }
      if let when { aspects.append(("when", text(of: when))) }
    case .requirement(let alternatives, let when):
      aspects.append(("documents", alternatives.map(\.name).joined(separator: " or ")))
      if let when { aspects.append(("when", text(of: when))) }
    case .committee:
      if let committee = policy.committee, committee.described.name == declaration.name.name {
        aspects.append(("reply after", "\(committee.replyAfterDays) days"))
      }
    case .member(let shownBy):
      if let shownBy { aspects.append(("shown by", shownBy.name)) }
    case .stage(let test):
      aspects.append(("test", text(of: test)))
    case .vocabulary(let file):
      aspects.append(("file", file.value))
      if let vocabulary = policy.vocabularies.first(where: { $0.name == declaration.name.name }) {
        aspects.append(("values", vocabulary.values.joined(separator: ", ")))
      }
    }
    if let owner = declaration.owner { aspects.append(("of", owner.name)) }
    if let labels = declaration.labels { aspects.append(("labels", self.labels(labels.localized))) }
    if let provenance = declaration.provenance { aspects.append(("citation", self.provenance(provenance))) }
    return aspects
  }

  static func validity(_ rule: ValidityRule) -> String {
    switch rule {
    case .notExpired: "not_expired"
    case .datedWithin(let period, _): "dated_within \(period)"
    case .signed: "signed"
    case .test(let test, let otherwise, _): "if \(text(of: test)) otherwise \(labels(otherwise.localized))"
    }
  }

  /// The expression as the formatter prints it, with set elements sorted and dates in ISO form.
  static func text(of expression: Expression) -> String {
    Formatter.expressionText(normalized(expression))
  }

  static func normalized(_ expression: Expression) -> Expression {
    switch expression {
    case .literal(.date(let date, _), let span):
      return .literal(.date(date, written: date.iso), span: span)
    case .literal, .name, .missing:
      return expression
    case .not(let inner, let span):
      return .not(normalized(inner), span: span)
    case .negate(let inner, let span):
      return .negate(normalized(inner), span: span)
    case .binary(let op, let left, let right, let span):
      return .binary(op, normalized(left), normalized(right), span: span)
    case .membership(let element, let set, let negated, let span):
      return .membership(normalized(element), set: normalized(set), negated: negated, span: span)
    case .set(let elements, let span):
      return .set(elements.map(normalized).sorted { Formatter.expressionText($0) < Formatter.expressionText($1) },
                  span: span)
    case .call(let function, let arguments, let span):
      return .call(function, arguments.map(normalized), span: span)
    case .quantifier(let quantifier, let list, let body, let filter, let span):
      return .quantifier(quantifier, list: list, body: body.map(normalized), filter: filter.map(normalized), span: span)
    }
  }

  /// `ar "…" en "…"`.
  static func labels(_ labels: LocalizedText) -> String {
    "ar \(quoted(labels.arabic)) en \(quoted(labels.english))"
  }

  /// `cite "…"` or `assumed "…"`, the quote joined as written.
  static func provenance(_ provenance: Provenance) -> String {
    switch provenance {
    case .cited(let text): "cite " + quoted(text.value)
    case .assumed(let text): "assumed " + quoted(text.value)
    }
  }

  static func status(_ status: PolicyInfo.Status) -> String {
    switch status {
    case .approved: "approved"
    case .draft: "draft"
    }
  }

  static func quoted(_ text: String) -> String {
    var result = "\""
    for character in text {
      switch character {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      default: result.append(character)
      }
    }
    return result + "\""
  }

  /// A checked value as the language writes it: `1500 SAR`, `14 days`, `{interview, website}`.
  static func value(_ value: Value, type: ValueType, in policy: CheckedPolicy) -> String {
    switch value {
    case .bool(let flag): return flag ? "true" : "false"
    case .number(let number):
      switch type {
      case .number(.money): return "\(number) SAR"
      case .number(.days): return number == DecimalNumber(integer: 1) ? "1 day" : "\(number) days"
      case .number(.months): return number == DecimalNumber(integer: 1) ? "1 month" : "\(number) months"
      default: return number.description
      }
    case .date(let date): return date.iso
    case .text(let text): return quoted(text)
    case .enumeration(let index):
      guard case .enumeration(let name) = type, let values = policy.enumeration(named: name)?.values,
        index >= 0, index < values.count
      else { return String(index) }
      return values[index]
    case .set(let bits):
      guard case .setOf(let name) = type else { return "{}" }
      let names = members(bits, names: policy.enumeration(named: name)?.values ?? [])
      return "{" + names.sorted().joined(separator: ", ") + "}"
    }
  }

  /// The names of the values whose bits are set.
  static func members(_ bits: UInt64, names: [String]) -> [String] {
    names.indices.filter { $0 < 64 && bits & (UInt64(1) << UInt64($0)) != 0 }.map { names[$0] }
  }
}
