import MizanChecker
import MizanCore

/// The shape of an applicant record (docs/records.md), written once: the envelope's fields and a
/// document's fields. The reader's matchers, its messages' suggestions and the docs' tables are
/// all derived from these lists.
package enum RecordSchema {
  /// The members of a record object.
  package enum EnvelopeField: Int, CaseIterable, Sendable {
    case applicationID, association, submittedOn, channel, facts, documents, evaluatedOn

    package var name: String {
      switch self {
      case .applicationID: "application_id"
      case .association: "association"
      case .submittedOn: "submitted_on"
      case .channel: "channel"
      case .facts: "facts"
      case .documents: "documents"
      case .evaluatedOn: "evaluated_on"
      }
    }
  }

  /// The members of one document.
  package enum DocumentField: Int, CaseIterable, Sendable {
    case type, expiresOn, dated, signedOn, issuedOn, number, note

    package var name: String {
      switch self {
      case .type: "type"
      case .expiresOn: "expires_on"
      case .dated: "dated"
      case .signedOn: "signed_on"
      case .issuedOn: "issued_on"
      case .number: "number"
      case .note: "note"
      }
    }
  }

  package static let envelopeNames = NameTable(EnvelopeField.allCases.map(\.name))
  package static let documentNames = NameTable(DocumentField.allCases.map(\.name))

  /// The most documents one record may list.
  package static let maxDocuments = 200
  /// The most members one list may hold (a household, the children of a family).
  package static let maxMembers = 100

  /// The earliest Gregorian year a record's date may have: a date written without its `H`
  /// (`1445-08-29`) would otherwise be taken for a Gregorian date in year 1445.
  package static let earliestGregorianYear = 1900
  package static let earliestGregorianDate = CalendarDate(year: earliestGregorianYear, month: 1, day: 1) ?? .earliest
}

/// What a record may hold under one policy version: its facts by name and type, its document
/// types, its enumerations' values. Made once per version from the checked policy.
package final class PolicyRecordSchema: Sendable {
  /// How a fact's JSON value becomes its `Value`.
  package enum Reading: Sendable, Hashable {
    case bool
    case number(NumberKind)
    case date
    case text
    /// Values of an enumeration, by `enumerations` index.
    case enumeration(Int)
    case set(Int)
    /// A list of member objects of kind `members[index]`.
    case list(Int)
    /// A Saudi ID or Iqama number, checked.
    case saudiID
  }

  /// The facts of one kind of member: read from each member object by the same code that
  /// reads the record's own facts.
  package struct MemberTable: Sendable {
    package let name: String
    package let facts: NameTable
    package let readings: [Reading]
    package let types: [ValueType]
    /// The member's document types.
    package let documents: NameTable
    /// The fields each of the member's document types declares.
    package let documentFields: [FieldTable]
  }

  /// The fields a document type declares (`field holder: account_holder`).
  package struct FieldTable: Sendable {
    package let names: NameTable
    package let readings: [Reading]
    package let types: [ValueType]
  }

  /// Facts by slot (the envelope's three first).
  package let facts: NameTable
  package let readings: [Reading]
  /// The declared types, for messages ("expected a whole number").
  package let types: [ValueType]
  package let documents: NameTable
  /// The enumerations facts are typed by: their names and values.
  package let enumerationNames: [String]
  package let enumerationValues: [NameTable]
  /// The kinds of member, by `CheckedPolicy.members` index.
  package let members: [MemberTable]
  /// The fields each document type declares, by `CheckedPolicy.documents` index.
  package let documentFields: [FieldTable]
  /// Whether some fact is a list (records of other policies skip the lists' storage).
  package let hasLists: Bool
  /// The slots of the envelope's facts.
  package static let submittedOnSlot = 0
  package static let channelSlot = 1
  package static let applicationIDSlot = 2

  package init(policy: CheckedPolicy) {
    var enumerationNames: [String] = []
    var enumerationValues: [NameTable] = []
    func enumerationIndex(_ name: String) -> Int {
      if let index = enumerationNames.firstIndex(of: name) { return index }
      enumerationNames.append(name)
      enumerationValues.append(NameTable(policy.enumeration(named: name)?.values ?? []))
      return enumerationNames.count - 1
    }
    func reading(_ type: ValueType) -> Reading {
      switch type {
      case .bool: .bool
      case .number(let kind): .number(kind)
      case .date: .date
      case .text: .text
      case .enumeration(let name): .enumeration(enumerationIndex(name))
      case .setOf(let name): .set(enumerationIndex(name))
      case .listOf(let name): .list(policy.members.firstIndex { $0.name == name } ?? 0)
      case .saudiID: .saudiID
      }
    }
    readings = policy.facts.map { reading($0.type) }
    func fieldTable(_ type: DocumentType) -> FieldTable {
      FieldTable(names: NameTable(type.fields.map(\.name)), readings: type.fields.map { reading($0.type) },
                 types: type.fields.map(\.type))
    }
    members = policy.members.map { kind in
      MemberTable(name: kind.name, facts: NameTable(kind.facts.map(\.name)), readings: kind.facts.map { reading($0.type) },
                  types: kind.facts.map(\.type), documents: NameTable(kind.documents.map(\.name)),
                  documentFields: kind.documents.map(fieldTable))
    }
    documentFields = policy.documents.map(fieldTable)
    hasLists = readings.contains { if case .list = $0 { true } else { false } }
    types = policy.facts.map(\.type)
    facts = NameTable(policy.facts.map(\.name))
    documents = NameTable(policy.documents.map(\.name))
    self.enumerationNames = enumerationNames
    self.enumerationValues = enumerationValues
  }
}
