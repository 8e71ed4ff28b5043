import MizanChecker
import MizanCore
import MizanSyntax

extension Evaluator {
  /// The rows of every member requirement: one for each member its `where` selects (and one
  /// `undetermined` row for a member it may or may not select, or for an unknown list). True
  /// when some row leaves the file incomplete.
  func decideMemberRequirements(_ record: ApplicantRecord, _ decision: inout Decision) -> Bool {
    var incomplete = false
    for (index, requirement) in policy.memberRequirements.enumerated() {
      var notes: [String] = []
      let applies = plan.memberRequirementWhens[index].map { truth(Int($0), record, decision, notes: &notes) } ?? .true
      if applies == .false { continue }
      guard let members = record.lists[requirement.list] else {
        let list = FactRef(slot: requirement.list)
        decision.memberRows.append(Decision.MemberRow(requirement: index, member: -1, status: .undetermined,
                                                      unknownFacts: [list]))
        decision.need(list, by: .memberRequirement(index))
        incomplete = true
        continue
      }
      var scoped = record
      for (position, member) in members.enumerated() {
        scoped.member = member
        var selected = applies
        if let filter = plan.memberRequirementFilters[index] {
          selected = selected && truth(Int(filter), scoped, decision, notes: &notes)
        }
        if selected == .false { continue }
        var row = Decision.MemberRow(requirement: index, member: position, status: .undetermined)
        if selected == .unknown {
          let roots = [plan.memberRequirementWhens[index], plan.memberRequirementFilters[index]].compactMap { $0 }
          row.unknownFacts = unknownFacts(in: roots, scoped, decision, member: (requirement.list, position))
          for fact in row.unknownFacts { decision.need(fact, by: .memberRequirement(index)) }
        } else {
          judge(requirement, member: member, submittedOn: record.validityDate, into: &row)
        }
        if row.status != .provided { incomplete = true }
        decision.memberRows.append(row)
      }
    }
    return incomplete
  }

  /// The member's best document among the requirement's alternatives: valid, then expired,
  /// then invalid; missing when it brought none.
  private func judge(_ requirement: CheckedMemberRequirement, member: MemberRecord, submittedOn: CalendarDate,
                     into row: inout Decision.MemberRow) {
    var best: DocumentStatus = .absent
    let rules = plan.memberValidity[requirement.kind]
    for document in member.documents where requirement.alternatives.contains(document.type) {
      let status = judge(document, rules: rules[document.type], submittedOn: submittedOn, fieldsOf: member.documentFields)
      if status.rank > best.rank { best = status }
    }
    switch best {
    case .valid(let document):
      row.status = .provided
      row.document = document
    case .expired(let document, let problem):
      row.status = .expired
      row.document = document
      row.problem = problem
    case .invalid(let document, let problem):
      row.status = .invalid
      row.document = document
      row.problem = problem
    case .absent:
      row.status = .missing
    }
  }

  /// Who provides a member requirement's documents: the provider of its first alternative.
  func memberProvider(_ requirement: Int) -> Provider {
    let checked = policy.memberRequirements[requirement]
    guard let first = checked.alternatives.first else { return .applicant }
    return policy.members[checked.kind].documents[first].provider
  }
}
