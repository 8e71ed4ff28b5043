import MizanCore
import MizanSyntax

/// A policy that passed every check: names resolved, types and units consistent, labels and
/// citations present. The evaluator accepts nothing else.
package struct CheckedPolicy: Sendable {
  package var header: PolicyInfo
  package var enumerations: [EnumerationType]
  package var parameters: [CheckedParameter]
  package var facts: [CheckedFact]
  package var documents: [DocumentType]
  /// In dependency order: each may use only those before it.
  package var derived: [CheckedDerived]
  package var conditions: [CheckedCondition]
  package var requirements: [CheckedRequirement]
  package var committee: CheckedCommittee?
  /// The kinds of household member, with their facts (`member child { … }`).
  package var members: [MemberKind] = []
  /// Checklist items per member (`requirement birth_certificates: birth_certificate of children …`).
  package var memberRequirements: [CheckedMemberRequirement] = []
  /// Large sets of texts from data files (`vocabulary villages from "data/villages.txt"`).
  package var vocabularies: [CheckedVocabulary] = []
  /// The stages of the file's handling, in order (`stage …`); none for texts that name none.
  package var stages: [CheckedStage] = []
  /// The order conditions and requirements are decided in: each after the rules it refers to,
  /// otherwise in declaration order (conditions, then requirements).
  package var ruleOrder: [RuleReference] = []
  /// The files this version is made of: the version file first, then its includes in order.
  package var files: [PolicyFile]
  /// Index of the `channel` enumeration (the common channel vocabulary), if declared.
  package var channelEnumeration: Int?
  /// Warnings found while checking (errors prevent a `CheckedPolicy` from existing).
  package var warnings: [Diagnostic]

  package func enumeration(named name: String) -> EnumerationType? {
    enumerations.first { $0.name == name }
  }

  package func fact(named name: String) -> Int? { facts.firstIndex { $0.name == name } }
  package func document(named name: String) -> Int? { documents.firstIndex { $0.name == name } }
}

/// The header of a version, checked.
package struct PolicyInfo: Sendable, Hashable {
  package var association: String
  package var names: LocalizedText
  package var version: String
  package var effective: CalendarDate
  package var status: Status
  package var supersedes: String?
  package var source: String?

  package enum Status: Sendable, Hashable {
    case approved(body: LocalizedText, meeting: String, date: CalendarDate?, written: String?)
    case draft(reason: String)
  }

  package var isDraft: Bool {
    if case .draft = status { return true }
    return false
  }
}

/// Labels and provenance shared by every named declaration.
package struct Described: Sendable, Hashable {
  package var name: String
  package var labels: LocalizedText
  package var provenance: Provenance?
  package var span: SourceSpan
}

package struct EnumerationType: Sendable, Hashable {
  package var name: String
  package var labels: LocalizedText
  package var values: [String]
  package var valueLabels: [LocalizedText]

  package func index(of value: String) -> Int? { values.firstIndex(of: value) }
}

package struct CheckedParameter: Sendable, Hashable {
  package var described: Described
  package var type: ValueType
  package var value: Value
  package var name: String { described.name }
}

/// `valid if <test> otherwise …`: a test of a document's fields, and what is wrong when it fails.
package struct CheckedDocumentTest: Sendable, Hashable {
  package var test: TypedExpression
  package var otherwise: LocalizedText
}

/// A set of texts read from a data file beside the policy, one value a line.
package struct CheckedVocabulary: Sendable, Hashable {
  package var described: Described
  /// The file as written in the policy (`data/villages.txt`).
  package var file: String
  /// The values, in file order, each once.
  package var values: [String]
  package var name: String { described.name }
}

/// A stage of the file's handling: the file is in the first stage whose test holds.
package struct CheckedStage: Sendable, Hashable {
  package var described: Described
  package var test: TypedExpression
  package var name: String { described.name }
}

/// A condition or a requirement, by index.
package enum RuleReference: Sendable, Hashable {
  case condition(Int)
  case requirement(Int)
}

/// A kind of member (a child, a household member): its facts, read from each member object of
/// a list in the record, and the fact that tells members apart in reports.
package struct MemberKind: Sendable, Hashable {
  package var described: Described
  package var facts: [CheckedFact]
  /// The documents each member may bring (`document birth_certificate of child { … }`).
  package var documents: [DocumentType] = []
  /// The slot of the `shown_by` fact, if any (a name).
  package var shownBy: Int?
  package var name: String { described.name }
}

package struct CheckedFact: Sendable, Hashable {
  package var described: Described
  package var type: ValueType
  /// Who gives the fact: the applicant, or staff (a researcher's finding, a committee's decision).
  package var provider: Provider = .applicant
  package var name: String { described.name }
}

package struct DocumentType: Sendable, Hashable {
  package var described: Described
  package var provider: Provider
  package var validity: [ValidityRule]
  /// The fields rules can read (`field holder: account_holder`), by slot.
  package var fields: [CheckedFact] = []
  /// The typed tests of the `valid if … otherwise …` rules, in the order they appear in `validity`.
  package var tests: [CheckedDocumentTest] = []
  package var name: String { described.name }
}

package struct CheckedDerived: Sendable, Hashable {
  package var described: Described
  package var type: ValueType
  package var expression: TypedExpression
  package var name: String { described.name }
}

package struct CheckedCondition: Sendable, Hashable {
  package var described: Described
  package var test: TypedExpression
  package var when: TypedExpression?
  package var name: String { described.name }
}

/// What satisfies a requirement: a document of a type, or a known fact.
package enum RequirementItem: Sendable, Hashable {
  case document(Int)
  case fact(Int)
}

package struct CheckedRequirement: Sendable, Hashable {
  package var described: Described
  package var alternatives: [RequirementItem]
  package var when: TypedExpression?
  package var name: String { described.name }
}

/// A checklist item for each member of list fact `list` (of member kind `kind`) that `filter`
/// selects: one of the member's documents `alternatives` (indices in the kind's documents).
package struct CheckedMemberRequirement: Sendable, Hashable {
  package var described: Described
  package var list: Int
  package var kind: Int
  package var alternatives: [Int]
  package var filter: TypedExpression?
  package var when: TypedExpression?
  package var name: String { described.name }
}

package struct CheckedCommittee: Sendable, Hashable {
  package var described: Described
  package var replyAfterDays: Int
}
