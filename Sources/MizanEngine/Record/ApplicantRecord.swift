import MizanChecker
import MizanCore

/// An applicant's file, decoded against the facts and documents a checked policy declares.
package struct ApplicantRecord: Sendable {
  package var applicationID: String
  package var association: String
  package var submittedOn: CalendarDate
  /// One entry per `CheckedPolicy.facts` slot; nil is unknown (absent or `null`). A list of
  /// members holds its length here (what a trace shows) and its members in `lists`.
  package var facts: [Value?]
  package var documents: [SubmittedDocument]
  /// The members of each list fact, by fact slot; nil where the fact is not a list or the list
  /// is unknown. Empty until a policy declares lists.
  package var lists: [[MemberRecord]?] = []
  /// The member a quantifier is looking at: what member facts read (nil outside quantifiers).
  package var member: MemberRecord?
  /// The declared fields of each document, by its position in `documents` (`holder`); empty
  /// when no document type of the policy declares fields. Kept beside the documents, not in
  /// them, so that a document stays a plain value to copy.
  package var documentFields: [[Value?]] = []
  /// The fields of the document a `valid if` test is judging.
  package var judgedFields: [Value?] = []
  /// `evaluated_on`: the day documents are judged on, when it is not the submission day (a
  /// document re-issued after submission to replace an expired one). The version in force is
  /// still chosen by the submission date.
  package var evaluatedOn: CalendarDate?

  /// The day documents are judged on: the evaluation date, or the submission date.
  package var validityDate: CalendarDate { evaluatedOn ?? submittedOn }

  package init(applicationID: String, association: String, submittedOn: CalendarDate, facts: [Value?],
               documents: [SubmittedDocument]) {
    self.applicationID = applicationID
    self.association = association
    self.submittedOn = submittedOn
    self.facts = facts
    self.documents = documents
  }

  /// An empty record, whose storage a decoder fills and reuses.
  package init() {
    self.init(applicationID: "", association: "", submittedOn: .earliest, facts: [], documents: [])
  }
}

/// One member of a list (a child, a household member): its facts by the member kind's slots,
/// and the documents brought for it (types among the member kind's documents).
package struct MemberRecord: Sendable, Hashable {
  package var facts: [Value?]
  package var documents: [SubmittedDocument]
  /// The declared fields of each of its documents (see `ApplicantRecord.documentFields`).
  package var documentFields: [[Value?]]

  package init(facts: [Value?], documents: [SubmittedDocument] = [], documentFields: [[Value?]] = []) {
    self.facts = facts
    self.documents = documents
    self.documentFields = documentFields
  }
}

/// One document in the applicant's file.
package struct SubmittedDocument: Sendable, Hashable {
  /// Index into `CheckedPolicy.documents`.
  package var type: Int
  package var expiresOn: CalendarDate?
  package var dated: CalendarDate?
  package var signedOn: CalendarDate?
  package var issuedOn: CalendarDate?
  /// Position in the record's `documents` array, for messages.
  package var position: Int

  package init(type: Int, expiresOn: CalendarDate? = nil, dated: CalendarDate? = nil, signedOn: CalendarDate? = nil,
               issuedOn: CalendarDate? = nil, position: Int) {
    self.type = type
    self.expiresOn = expiresOn
    self.dated = dated
    self.signedOn = signedOn
    self.issuedOn = issuedOn
    self.position = position
  }
}

/// The envelope every record carries, read before the policy version is chosen (the version
/// in force depends on the association and the submission date).
package struct RecordEnvelope: Sendable, Hashable {
  package var applicationID: String
  package var association: String
  package var submittedOn: CalendarDate

  package init(applicationID: String, association: String, submittedOn: CalendarDate) {
    self.applicationID = applicationID
    self.association = association
    self.submittedOn = submittedOn
  }
}
