import MizanChecker
import MizanCore
import MizanSyntax

/// What changed in meaning between two versions of a policy (`mizan diff OLD NEW`): rules,
/// parameters, documents, channels, facts, derived values, the committee and the header, each
/// compared by name after includes and overrides are merged. Layout, comments, the order of
/// declarations and of set elements, how a quote is split over lines, the calendar a date is
/// written in, and which file a clause lives in are not meaning, so they never show.
///
/// CAUTION: package because `mizan diff` and the test suites read it.
package struct PolicyDiff: Sendable {
  /// One side of the comparison.
  package struct Side: Sendable, Hashable {
    /// The association id, version, effective date (ISO), draft or not, and fingerprint.
    package var association: String
    package var version: String
    package var effective: String
    package var isDraft: Bool
    package var fingerprint: String
  }

  /// The version compared from.
  package var old: Side
  /// The version compared to.
  package var new: Side
  /// In a fixed order: by subject (header, channels, parameters, …), then name.
  package var changes: [PolicyChange]

  /// False when the versions mean the same: "no change in meaning".
  package var changesMeaning: Bool { !changes.isEmpty }

  /// Compares two checked versions.
  package init(old: LoadedPolicy, new: LoadedPolicy) {
    self.old = Side(policy: old)
    self.new = Side(policy: new)
    var comparison = Comparison(old: old.checked, new: new.checked)
    comparison.compareHeaders()
    comparison.compareDeclarations()
    // Header fields keep their order (effective date and status first); the rest go by name.
    changes = comparison.changes.enumerated().sorted { a, b in
      let left = (a.element.subject.rank, a.element.subject == .header ? "" : a.element.name)
      let right = (b.element.subject.rank, b.element.subject == .header ? "" : b.element.name)
      return left != right ? left < right : a.offset < b.offset
    }.map(\.element)
  }
}

extension PolicyDiff.Side {
  init(policy: LoadedPolicy) {
    association = policy.association
    version = policy.version
    effective = policy.effective.iso
    isDraft = policy.isDraft
    fingerprint = policy.fingerprint
  }
}

/// One difference in meaning.
package struct PolicyChange: Sendable, Hashable {
  /// Whether the thing is new, gone, or different.
  package enum Kind: String, Sendable, Hashable {
    case added, removed, changed
  }

  /// What kind of thing changed, in the order changes are listed.
  package enum Subject: String, Sendable, Hashable, CaseIterable {
    case header, channel, parameter, enumeration, member, fact, document, derived, condition, requirement, committee,
      stage

    var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
  }

  /// What kind of thing changed.
  package var subject: Subject
  /// Added, removed or changed.
  package var kind: Kind
  /// The declaration's name, the header field, or the channel.
  package var name: String
  /// What about it changed (`value`, `test`, `when`, `citation`, `labels`, …); for a channel,
  /// the parameter that lists it (or `enum channel` for the vocabulary).
  package var aspect: String?
  /// The old meaning (nil for an addition), as the formatter prints it.
  package var old: String?
  /// The new meaning (nil for a removal).
  package var new: String?
}

/// Works out the changes, one kind of declaration at a time.
struct Comparison {
  let old: CheckedPolicy
  let new: CheckedPolicy
  var changes: [PolicyChange] = []

  mutating func add(_ subject: PolicyChange.Subject, _ kind: PolicyChange.Kind, _ name: String,
                    aspect: String? = nil, old: String? = nil, new: String? = nil) {
    changes.append(PolicyChange(subject: subject, kind: kind, name: name, aspect: aspect, old: old, new: new))
  }

  /// `aspect` changed when the texts differ.
  mutating func compare(_ subject: PolicyChange.Subject, _ name: String, _ aspect: String?, _ old: String?,
                        _ new: String?) {
    guard old != new else { return }
    add(subject, .changed, name, aspect: aspect, old: old, new: new)
  }

  // MARK: - Header

  mutating func compareHeaders() {
    let a = old.header
    let b = new.header
    compare(.header, "effective", nil, a.effective.iso, b.effective.iso)
    compare(.header, "status", nil, Meaning.status(a.status), Meaning.status(b.status))
    compare(.header, "association", nil, a.association, b.association)
    compare(.header, "names", nil, Meaning.labels(a.names), Meaning.labels(b.names))
    compare(.header, "version", nil, a.version, b.version)
    if case .approved(let oldBody, let oldMeeting, let oldDate, let oldWritten) = a.status,
      case .approved(let newBody, let newMeeting, let newDate, let newWritten) = b.status
    {
      compare(.header, "approved.body", nil, Meaning.labels(oldBody), Meaning.labels(newBody))
      compare(.header, "approved.meeting", nil, oldMeeting, newMeeting)
      compare(.header, "approved.date", nil, oldDate?.iso, newDate?.iso)
      compare(.header, "approved.written", nil, oldWritten.map(Meaning.quoted), newWritten.map(Meaning.quoted))
    }
    if case .draft(let oldReason) = a.status, case .draft(let newReason) = b.status {
      compare(.header, "draft", nil, Meaning.quoted(oldReason), Meaning.quoted(newReason))
    }
    compare(.header, "supersedes", nil, a.supersedes.map(Meaning.quoted), b.supersedes.map(Meaning.quoted))
    compare(.header, "source", nil, a.source.map(Meaning.quoted), b.source.map(Meaning.quoted))
  }

  // MARK: - Declarations

  mutating func compareDeclarations() {
    let oldDeclarations = old.mergedDeclarations
    let newDeclarations = new.mergedDeclarations
    var oldByName: [String: Declaration] = [:]
    for declaration in oldDeclarations where oldByName[declaration.qualifiedName] == nil {
      oldByName[declaration.qualifiedName] = declaration
    }
    var newNames: Set<String> = []
    for declaration in newDeclarations where newNames.insert(declaration.qualifiedName).inserted {
      let name = declaration.qualifiedName
      guard let previous = oldByName[name], previous.keyword == declaration.keyword else {
        if let previous = oldByName[name] { removed(previous, from: old) }
        added(declaration)
        continue
      }
      changed(previous, declaration)
    }
    for declaration in oldDeclarations where !newNames.contains(declaration.qualifiedName) {
      removed(declaration, from: old)
    }
  }

  mutating func added(_ declaration: Declaration) {
    add(Meaning.subject(of: declaration), .added, declaration.qualifiedName, new: summary(of: declaration, in: new))
  }

  mutating func removed(_ declaration: Declaration, from policy: CheckedPolicy) {
    add(Meaning.subject(of: declaration), .removed, declaration.qualifiedName, old: summary(of: declaration, in: policy))
  }

  /// The whole meaning of a declaration on one line, for an addition or a removal.
  func summary(of declaration: Declaration, in policy: CheckedPolicy) -> String {
    let aspects = Meaning.aspects(of: declaration, in: policy)
    return aspects.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
  }

  mutating func changed(_ a: Declaration, _ b: Declaration) {
    let name = b.qualifiedName
    let subject = Meaning.subject(of: b)
    if case .parameter = b.kind, let oldSet = setParameter(name, in: old), let newSet = setParameter(name, in: new),
      oldSet.type == newSet.type, case .setOf(let enumeration) = newSet.type, enumeration == "channel"
    {
      compareChannels(parameter: name, oldSet.value, newSet.value)
      compareProvenanceAndLabels(subject, name, a, b)
      return
    }
    if case .enumeration(let oldValues) = a.kind, case .enumeration(let newValues) = b.kind {
      compareEnumeration(name, oldValues, newValues)
      compareProvenanceAndLabels(subject, name, a, b)
      return
    }
    let before = Meaning.aspects(of: a, in: old)
    let after = Meaning.aspects(of: b, in: new)
    for (aspect, value) in after {
      compare(subject, name, aspect, before.first { $0.key == aspect }?.value, value)
    }
    for (aspect, value) in before where !after.contains(where: { $0.key == aspect }) {
      compare(subject, name, aspect, value, nil)
    }
  }

  func setParameter(_ name: String, in policy: CheckedPolicy) -> CheckedParameter? {
    policy.parameters.first { $0.name == name && { if case .setOf = $0.type { true } else { false } }($0) }
  }

  mutating func compareProvenanceAndLabels(_ subject: PolicyChange.Subject, _ name: String, _ a: Declaration,
                                           _ b: Declaration) {
    compare(subject, name, "labels", a.labels.map { Meaning.labels($0.localized) },
            b.labels.map { Meaning.labels($0.localized) })
    compare(subject, name, "citation", a.provenance.map(Meaning.provenance), b.provenance.map(Meaning.provenance))
  }

  /// Channels a `set of channel` parameter gained or lost, one change each.
  mutating func compareChannels(parameter: String, _ a: Value, _ b: Value) {
    guard case .set(let oldBits) = a, case .set(let newBits) = b else { return }
    let names = new.enumeration(named: "channel")?.values ?? []
    let oldNames = old.enumeration(named: "channel")?.values ?? []
    let before = Set(Meaning.members(oldBits, names: oldNames))
    let after = Set(Meaning.members(newBits, names: names))
    for channel in after.subtracting(before).sorted() {
      add(.channel, .added, channel, aspect: parameter, new: channelLabel(channel, in: new))
    }
    for channel in before.subtracting(after).sorted() {
      add(.channel, .removed, channel, aspect: parameter, old: channelLabel(channel, in: old))
    }
  }

  func channelLabel(_ channel: String, in policy: CheckedPolicy) -> String? {
    guard let enumeration = policy.enumeration(named: "channel"), let index = enumeration.index(of: channel) else {
      return nil
    }
    return Meaning.labels(enumeration.valueLabels[index])
  }

  /// Values an enumeration gained or lost, and value labels that changed; the `channel`
  /// enumeration is the channel vocabulary.
  mutating func compareEnumeration(_ name: String, _ a: [EnumValue], _ b: [EnumValue]) {
    let isChannel = name == "channel"
    let oldValues = Dictionary(a.map { ($0.name.name, $0) }, uniquingKeysWith: { first, _ in first })
    let newValues = Dictionary(b.map { ($0.name.name, $0) }, uniquingKeysWith: { first, _ in first })
    for value in b where oldValues[value.name.name] == nil {
      let label = value.labels.map { Meaning.labels($0.localized) }
      if isChannel {
        add(.channel, .added, value.name.name, aspect: "enum channel", new: label)
      } else {
        add(.enumeration, .added, name, aspect: "value", new: value.name.name + (label.map { " (\($0))" } ?? ""))
      }
    }
    for value in a where newValues[value.name.name] == nil {
      let label = value.labels.map { Meaning.labels($0.localized) }
      if isChannel {
        add(.channel, .removed, value.name.name, aspect: "enum channel", old: label)
      } else {
        add(.enumeration, .removed, name, aspect: "value", old: value.name.name + (label.map { " (\($0))" } ?? ""))
      }
    }
    for value in b {
      guard let previous = oldValues[value.name.name] else { continue }
      compare(isChannel ? .channel : .enumeration, isChannel ? value.name.name : name,
              isChannel ? "labels" : "labels of `\(value.name.name)`",
              previous.labels.map { Meaning.labels($0.localized) }, value.labels.map { Meaning.labels($0.localized) })
    }
  }
}
