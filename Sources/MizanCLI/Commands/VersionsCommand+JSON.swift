import Mizan

/// `mizan versions --format json`: the same listing as canonical JSON (sorted keys, no
/// insignificant whitespace), for scripts and auditors' tools.
extension VersionsCommand {
  static func json(_ listing: Listing) -> JSONValue {
    var members = [
      JSONMember("today", .string(listing.today.iso)),
      JSONMember("drafts_in_force", .bool(listing.includeDrafts)),
      JSONMember("associations", .array(listing.associations.map(json))),
    ]
    if let on = listing.on { members.append(JSONMember("on", .string(on.iso))) }
    return .object(members)
  }

  static func json(_ entry: Listing.Entry) -> JSONValue {
    let versions = entry.versions
    var members = [
      JSONMember("association", .string(versions.association)),
      JSONMember("names", versions.names.map(json) ?? .null),
      JSONMember("in_force_today", json(entry.inForceToday)),
      JSONMember("versions", .array(versions.versions.map { status in
        json(status, today: entry.inForceToday, on: entry.inForceOn)
      })),
      JSONMember("missing_versions", .array(versions.missing.map { missing in
        .object([
          JSONMember("file", .string("\(versions.association)/\(missing.version).mizan")),
          JSONMember("version", .string(missing.version)),
          JSONMember("fingerprint", .string(missing.fingerprint)),
          JSONMember("lock_line", .number(Double(missing.line))),
        ])
      })),
    ]
    if let on = entry.inForceOn { members.append(JSONMember("in_force_on", json(on))) }
    return .object(members)
  }

  static func json(_ inForce: InForce) -> JSONValue {
    var members = [
      JSONMember("date", .string(inForce.date.iso)),
      JSONMember("date_hijri", .string(inForce.date.hijriText)),
    ]
    switch inForce.state {
    case .version(let policy):
      members += [JSONMember("status", .string("in_force")), JSONMember("file", .string(policy.fileName)),
                  JSONMember("is_draft", .bool(policy.isDraft))]
    case .noneYet(let earliest):
      members += [JSONMember("status", .string("none")), JSONMember("earliest", earliest.map { .string($0.iso) } ?? .null)]
    case .onlyDraft(let version):
      members += [JSONMember("status", .string("only_draft")), JSONMember("draft_version", .string(version))]
    case .policyErrors:
      members.append(JSONMember("status", .string("policy_errors")))
    }
    return .object(members)
  }

  static func json(_ status: VersionStatus, today: InForce, on: InForce?) -> JSONValue {
    var members = [JSONMember("file", .string(status.name))]
    guard let policy = status.policy else {
      let errors = status.failure?.diagnostics.filter(\.isError) ?? []
      members.append(JSONMember("errors", .array(errors.map { diagnostic in
        .object([JSONMember("id", .string(diagnostic.id.rawValue)),
                 JSONMember("message", json(diagnostic.message.text))])
      })))
      return .object(members)
    }
    members += [
      JSONMember("version", .string(policy.version)),
      JSONMember("effective", .string(policy.effective.iso)),
      JSONMember("effective_hijri", .string(policy.effective.hijriText)),
      JSONMember("status", .string(policy.isDraft ? "draft" : "approved")),
      JSONMember("supersedes", policy.supersedes.map(JSONValue.string) ?? .null),
      JSONMember("fingerprint", .string(policy.fingerprint)),
      JSONMember("lock", lockJSON(status.approval)),
      JSONMember("in_force_today", .bool(today.isVersion(policy))),
    ]
    if let on { members.append(JSONMember("in_force_on", .bool(on.isVersion(policy)))) }
    if let approval = policy.approval {
      var approvalMembers = [
        JSONMember("body", json(approval.body)),
        JSONMember("meeting", .string(approval.meeting)),
        JSONMember("written", approval.written.map(JSONValue.string) ?? .null),
        JSONMember("date", approval.date.map { .string($0.iso) } ?? .null),
      ]
      if let date = approval.date { approvalMembers.append(JSONMember("date_hijri", .string(date.hijriText))) }
      members.append(JSONMember("approval", .object(approvalMembers)))
    } else {
      members.append(JSONMember("draft_reason", policy.draftReason.map(JSONValue.string) ?? .null))
    }
    return .object(members)
  }

  /// `{"state": "matches", "line": 12}`, `{"state": "mismatch", "line": 12, "recorded_fingerprint": …}`, …
  static func lockJSON(_ state: ApprovalState?) -> JSONValue {
    func object(_ state: String, line: Int? = nil, recorded: String? = nil) -> JSONValue {
      var members = [JSONMember("state", .string(state))]
      if let line { members.append(JSONMember("line", .number(Double(line)))) }
      if let recorded { members.append(JSONMember("recorded_fingerprint", .string(recorded))) }
      return .object(members)
    }
    switch state {
    case .matches(let line)?: return object("matches", line: line)
    case .mismatch(let recorded, let line)?: return object("mismatch", line: line, recorded: recorded)
    case .notRecorded?: return object("not_recorded")
    case .draft?: return object("draft")
    case .draftRecorded(let line)?: return object("draft_recorded", line: line)
    case nil: return object("lock_unreadable")
    }
  }

  static func json(_ text: LocalizedText) -> JSONValue {
    .object([JSONMember("ar", .string(text.arabic)), JSONMember("en", .string(text.english))])
  }
}
