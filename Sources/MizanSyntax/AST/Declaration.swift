import MizanCore

/// Who supplies a document: the applicant, or staff of the association.
package enum Provider: String, Hashable, Sendable, CaseIterable {
  case applicant, staff
}

/// One validity rule of a document, checked against the submission date.
package enum ValidityRule: Hashable, Sendable {
  /// `valid not_expired`: `expires_on` on or after the submission date.
  case notExpired(span: SourceSpan)
  /// `valid dated_within N days` (or `months`, `years`): `dated` on or before submission and
  /// not before submission minus the period.
  case datedWithin(Period, span: SourceSpan)
  /// `valid signed`: `signed_on` present and on or before the submission date.
  case signed(span: SourceSpan)
  /// `valid if <test> otherwise ar "…" en "…"`: a test of the document's own fields; when it
  /// fails the document is invalid, with the words given.
  case test(Expression, otherwise: Labels, span: SourceSpan)

  package var span: SourceSpan {
    switch self {
    case .notExpired(let span), .datedWithin(_, let span), .signed(let span), .test(_, _, let span): span
    }
  }
}

/// A field of a document that rules can read (`field holder: account_holder ar "…" en "…"`).
package struct DocumentFieldDeclaration: Hashable, Sendable {
  package var name: Identifier
  package var type: TypeExpression
  package var labels: Labels?
}

/// A length of time in whole calendar units, as written: `30 days`, `3 months`, `1 year`.
package struct Period: Hashable, Sendable, CustomStringConvertible {
  package enum Unit: String, Hashable, Sendable {
    case days, months, years
  }

  package var amount: Int
  package var unit: Unit

  package init(_ amount: Int, _ unit: Unit) {
    self.amount = amount
    self.unit = unit
  }

  /// The unit word of a literal (`day`, `months`, `year`), or nil.
  package init?(amount: Int, word: String) {
    switch word {
    case "day", "days": self.init(amount, .days)
    case "month", "months": self.init(amount, .months)
    case "year", "years": self.init(amount, .years)
    default: return nil
    }
  }

  /// Calendar months, for months and years (a year is twelve months); nil for days.
  package var months: Int? {
    switch unit {
    case .days: nil
    case .months: amount
    case .years: amount * 12
    }
  }

  /// `30 days`, `1 month`, `2 years`: the singular for one.
  package var description: String {
    let word = unit.rawValue
    return "\(amount) " + (amount == 1 ? String(word.dropLast()) : word)
  }
}

/// One value of an enumeration with its labels: `value interview ar "المقابلة" en "Interview"`.
package struct EnumValue: Hashable, Sendable {
  package var name: Identifier
  package var labels: Labels?
  package var comments: Comments
}

/// A top-level declaration of a policy file.
package struct Declaration: Hashable, Sendable {
  package enum Kind: Hashable, Sendable {
    case enumeration(values: [EnumValue])
    case parameter(type: TypeExpression, value: Expression)
    /// `provided_by staff` for a fact staff decide (a researcher's finding); the applicant by default.
    case fact(type: TypeExpression, provider: Identifier?)
    case document(provider: Identifier?, validity: [ValidityRule])
    case derived(type: TypeExpression, value: Expression)
    /// An eligibility condition: false makes the applicant ineligible.
    case condition(test: Expression, when: Expression?)
    /// A checklist item: one of the named documents (or facts) must be provided.
    case requirement(alternatives: [Identifier], when: Expression?)
    /// A checklist item for each member of a list the `where` selects: one of the member's
    /// documents must be provided (`requirement birth_certificates: birth_certificate of children
    /// where whole_years(birth_date, submitted_on) < 18`).
    case memberRequirement(alternatives: [Identifier], list: Identifier, filter: Expression?, when: Expression?)
    /// A committee the file goes to when eligible, replying no sooner than `replyAfter`.
    case committee(replyAfter: Expression?)
    /// A kind of member of a household (`member child { … }`); its facts are declared
    /// `fact birth_date of child: date`. `shownBy` names the fact that tells members apart in
    /// reports (`shown_by name`).
    case member(shownBy: Identifier?)
    /// A stage of the file's handling, as the policy names them (`stage waiting_for_visit: …`):
    /// the file is in the first stage whose test holds.
    case stage(test: Expression)
    /// A large set of texts kept in a data file beside the policy, one value a line
    /// (`vocabulary villages from "data/villages.txt"`): read with the policy, fingerprinted with it.
    case vocabulary(file: TextLiteral)
  }

  package var kind: Kind
  package var name: Identifier
  package var labels: Labels?
  package var provenance: Provenance?
  /// `override`: replaces the declaration of the same name from an included file.
  package var isOverride: Bool
  /// The kind of member this fact belongs to (`fact birth_date of child: date`), or nil for the
  /// application's own.
  package var owner: Identifier? = nil
  /// A document's fields (`field holder: account_holder …`), in order.
  package var fields: [DocumentFieldDeclaration] = []
  package var comments: Comments
  package var span: SourceSpan

  /// The keyword that introduces this kind of declaration.
  package var keyword: String { kind.keyword }

  /// The name that tells it apart: `birth_date`, or `child.birth_date` for a member's fact (a
  /// child's and a household member's birth dates are two facts).
  package var qualifiedName: String { (owner.map { $0.name + "." } ?? "") + name.name }
}

extension Declaration.Kind {
  package var keyword: String {
    switch self {
    case .enumeration: "enum"
    case .parameter: "parameter"
    case .fact: "fact"
    case .document: "document"
    case .derived: "derived"
    case .condition: "condition"
    case .requirement, .memberRequirement: "requirement"
    case .committee: "committee"
    case .member: "member"
    case .stage: "stage"
    case .vocabulary: "vocabulary"
    }
  }

  /// Rules are what the evaluator reports on; the other declarations give them names.
  package var isRule: Bool {
    switch self {
    case .condition, .requirement, .memberRequirement: true
    default: false
    }
  }
}
