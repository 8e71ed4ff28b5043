import MizanChecker
import MizanCore
import MizanSyntax

/// What a staff form for one policy version asks: the record's facts with their labels and
/// kinds of entry, its lists of members, the documents its requirements accept with the dates
/// their validity rules read. Derived from the checked policy, like `RecordFormat`'s schema and
/// template, so that the form asks exactly what the record reader accepts.
package struct RecordForm: Sendable {
  /// How a value is entered.
  package enum Entry: Sendable, Equatable {
    case text
    /// A number; `whole` for counts, days and months.
    case number(whole: Bool)
    /// Yes, no, or not known (a fact left unknown is reported missing, never taken as no).
    case yesNo
    /// A date, Gregorian or Hijri.
    case date
    case saudiID
    /// One of the values, each with its labels.
    case choice([Option])
    /// Any of the values.
    case choices([Option])
  }

  package struct Option: Sendable, Equatable {
    package var value: String
    package var labels: LocalizedText

    package init(value: String, labels: LocalizedText) {
      self.value = value
      self.labels = labels
    }
  }

  package struct Field: Sendable {
    /// The key in the record (`monthly_income`).
    package var name: String
    package var labels: LocalizedText
    package var entry: Entry
    /// Given by staff (a researcher's finding), not by the applicant.
    package var byStaff: Bool
  }

  package struct Document: Sendable {
    package var type: String
    package var labels: LocalizedText
    /// The date fields its validity rules read (`expires_on`, `dated`, `signed_on`).
    package var dates: [String]
    /// The fields it declares (`holder`).
    package var fields: [Field]
  }

  package struct MemberList: Sendable {
    /// The fact holding the list (`children`).
    package var name: String
    package var labels: LocalizedText
    /// One member's labels (`Child`).
    package var memberLabels: LocalizedText
    package var fields: [Field]
    package var documents: [Document]
  }

  package var association: String
  package var associationNames: LocalizedText
  package var version: String
  package var isDraft: Bool
  package var channels: [Option]
  package var facts: [Field]
  package var lists: [MemberList]
  package var documents: [Document]

  package init(_ policy: LoadedPolicy) {
    let checked = policy.checked
    association = policy.association
    associationNames = policy.associationNames
    version = policy.version
    isDraft = policy.isDraft
    if case .choice(let options) = Self.entry(checked.facts[1].type, checked) {
      channels = options
    } else {
      channels = []
    }
    var facts: [Field] = []
    var lists: [MemberList] = []
    for fact in checked.facts.dropFirst(3) {
      if case .listOf(let kindName) = fact.type, let kind = checked.members.first(where: { $0.name == kindName }) {
        lists.append(MemberList(
          name: fact.name, labels: fact.described.labels, memberLabels: kind.described.labels,
          fields: kind.facts.map { Self.field($0, checked) },
          documents: kind.documents.map { Self.document($0, checked) }))
      } else {
        facts.append(Self.field(fact, checked))
      }
    }
    self.facts = facts
    self.lists = lists
    documents = RecordFormat.askedFor(checked).map { Self.document(checked.documents[$0], checked) }
  }

  static func field(_ fact: CheckedFact, _ policy: CheckedPolicy) -> Field {
    Field(name: fact.name, labels: fact.described.labels, entry: entry(fact.type, policy), byStaff: fact.provider == .staff)
  }

  static func document(_ document: DocumentType, _ policy: CheckedPolicy) -> Document {
    var dates: [String] = []
    for rule in document.validity {
      switch rule {
      case .notExpired: dates.append("expires_on")
      case .datedWithin: dates.append("dated")
      case .signed: dates.append("signed_on")
      case .test: break
      }
    }
    return Document(type: document.name, labels: document.described.labels, dates: dates,
                    fields: document.fields.map { field($0, policy) })
  }

  static func entry(_ type: ValueType, _ policy: CheckedPolicy) -> Entry {
    switch type {
    case .bool: return .yesNo
    case .number(.plain), .number(.money): return .number(whole: false)
    case .number: return .number(whole: true)
    case .date: return .date
    case .text, .listOf: return .text
    case .saudiID: return .saudiID
    case .enumeration(let name): return .choice(options(name, policy))
    case .setOf(let name): return .choices(options(name, policy))
    }
  }

  static func options(_ enumeration: String, _ policy: CheckedPolicy) -> [Option] {
    guard let found = policy.enumeration(named: enumeration) else { return [] }
    return zip(found.values, found.valueLabels).map { Option(value: $0, labels: $1) }
  }
}
