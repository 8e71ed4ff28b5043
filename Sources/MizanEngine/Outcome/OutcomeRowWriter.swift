import MizanChecker
import MizanCore

/// Writes a decision as one CSV row (`mizan batch --format csv`): what a member of staff
/// re-examining a year of files filters and sorts in a spreadsheet, in one language. The row
/// is written from the `Decision` itself, as `OutcomeWriter` writes the canonical outcome, never
/// from the outcome's JSON; what is constant per version and language (association, version,
/// verdict and next-step words, stage labels, rule names) is rendered once into an arena.
///
/// Columns (`header`): line, application id, association, version, verdict, stage (empty when
/// the policy names none), failed rules, missing, expired, invalid and undetermined checklist
/// items, missing facts (names separated by spaces), next step and who takes it, the committee's
/// earliest reply date (Gregorian and Hijri), and for a line that gives no outcome the error's
/// id and message. Rows end with CRLF (RFC 4180).
package struct OutcomeRowWriter: Sendable {
  /// The column names, in each language.
  package static func header(_ language: Language) -> [String] {
    language == .arabic
      ? [
        "السطر", "رقم الطلب", "الجمعية", "الإصدار", "الحكم", "المرحلة", "الشروط غير المتحققة", "المتطلبات الناقصة",
        "المتطلبات المنتهية", "المتطلبات غير الصالحة", "المتطلبات غير المحددة", "المعلومات الناقصة",
        "الخطوة التالية", "المسؤول عن الخطوة", "أقرب موعد للرد", "أقرب موعد للرد (هجري)", "رمز الخطأ", "رسالة الخطأ",
      ]
      : [
        "line", "application_id", "association", "version", "verdict", "stage", "failed_rules", "missing_items",
        "expired_items", "invalid_items", "undetermined_items", "missing_facts", "next_step", "next_step_by",
        "reply_on", "reply_on_hijri", "error_id", "error_message",
      ]
  }

  /// The header row, with its CRLF.
  package static func writeHeader(_ language: Language, into out: inout ByteBuffer) {
    for (position, name) in header(language).enumerated() {
      if position > 0 { out.append(UInt8(ascii: ",")) }
      CSVField.write(name, into: &out)
    }
    out.append(literal: "\r\n")
  }

  /// An error row: the line, the application id and association when they could be read, and
  /// the error's id and message (`path: message`).
  package static func writeError(_ error: RecordError, line: Int, applicationID: String?, association: String?,
                                 language: Language, into out: inout ByteBuffer) {
    out.appendDecimal(line)
    out.append(UInt8(ascii: ","))
    if let applicationID { CSVField.write(applicationID, into: &out) }
    out.append(UInt8(ascii: ","))
    if let association { CSVField.write(association, into: &out) }
    // The 13 fields from version to the Hijri reply date are empty.
    out.append(literal: ",,,,,,,,,,,,,,")
    CSVField.write(error.id.rawValue, into: &out)
    out.append(UInt8(ascii: ","))
    CSVField.write(error.rendered(in: language), into: &out)
    out.append(literal: "\r\n")
  }

  private let parts: OutcomeParts
  private let arena: ByteArena
  /// `,association,version,` (the version says when it is a draft).
  private let identity: ByteArena.Piece
  /// Per verdict (`Verdict.ordinal`): the verdict's word and a comma.
  private let verdicts: [ByteArena.Piece]
  /// Per stage: its label; then the word for a stage that cannot be told yet.
  private let stages: [ByteArena.Piece]
  private let unknownStage: ByteArena.Piece
  private let conditionNames: [ByteArena.Piece]
  private let requirementNames: [ByteArena.Piece]
  private let memberRequirementNames: [ByteArena.Piece]
  /// Per verdict: the next step's words and a comma.
  private let nextSteps: [ByteArena.Piece]
  /// Per `Decision.Actors` raw value (1 applicant, 2 staff, 3 both): who takes the next step.
  private let actors: [ByteArena.Piece]
  /// Whether every name is written as it is in a field (no quote, comma, line break or formula
  /// start): then lists are copied without a scratch buffer. Names are identifiers, so this holds.
  private let namesArePlain: Bool

  package init(evaluator: Evaluator, identity policyIdentity: PolicyIdentity, language: Language) {
    let parts = OutcomeParts(evaluator: evaluator)
    self.parts = parts
    let policy = evaluator.policy
    var builder = ByteArena.Builder()
    func words(_ arabic: String, _ english: String) -> String { language == .arabic ? arabic : english }
    func field(_ text: String) -> ByteArena.Piece { builder.piece { CSVField.write(text, into: &$0) } }

    identity = builder.piece { out in
      out.append(UInt8(ascii: ","))
      CSVField.write(policyIdentity.association, into: &out)
      out.append(UInt8(ascii: ","))
      CSVField.write(policyIdentity.version + (policyIdentity.isDraft ? words(" (مسودة)", " (draft)") : ""), into: &out)
      out.append(UInt8(ascii: ","))
    }
    verdicts = Verdict.allCases.map { verdict in
      builder.piece { out in
        CSVField.write(Self.word(for: verdict, language), into: &out)
        out.append(UInt8(ascii: ","))
      }
    }
    stages = policy.stages.map { field($0.described.labels[language]) }
    unknownStage = field(words("لا يمكن تحديدها بعد", "cannot be told yet"))
    // Names as they are: a list's field is quoted whole when a name needs it (`writeList`).
    func name(_ text: String) -> ByteArena.Piece { builder.piece { $0.append(utf8: text) } }
    conditionNames = policy.conditions.map { name($0.name) }
    requirementNames = policy.requirements.map { name($0.name) }
    memberRequirementNames = policy.memberRequirements.map { name($0.name) }
    let committee = policy.committee.map { words("الإحالة إلى ", "Refer to the ") + $0.described.labels[language] }
    nextSteps = Verdict.allCases.map { verdict in
      builder.piece { out in
        switch verdict {
        case .eligible: CSVField.write(committee ?? OutcomeText.registrationLabels[language], into: &out)
        case .ineligible: CSVField.write(OutcomeText.ineligibleLabels[language], into: &out)
        case .incomplete: CSVField.write(OutcomeText.completeFileLabels[language], into: &out)
        }
        out.append(UInt8(ascii: ","))
      }
    }
    actors = [
      .empty, field(words("المتقدم", "applicant")), field(words("الموظف", "staff")),
      field(words("المتقدم والموظف", "applicant and staff")),
    ]
    let names = policy.conditions.map(\.name) + policy.requirements.map(\.name) + policy.memberRequirements.map(\.name)
      + policy.facts.map(\.name) + policy.members.flatMap { $0.facts.map(\.name) }
    namesArePlain = names.allSatisfy { CSVField.isPlain($0) && !$0.contains(" ") }
    arena = ByteArena(builder)
  }

  /// The verdict as the CSV and the summary say it.
  package static func word(for verdict: Verdict, _ language: Language) -> String {
    switch (verdict, language) {
    case (.eligible, .arabic): "مستحق"
    case (.ineligible, .arabic): "غير مستحق"
    case (.incomplete, .arabic): "غير مكتمل"
    case (_, .english): verdict.rawValue
    }
  }

  @inline(__always)
  private func put(_ piece: ByteArena.Piece, _ out: inout ByteBuffer) { arena.copy(piece, into: &out) }

  /// Appends the row of input line `line`, judged `decision`.
  package func write(_ decision: Decision, record: ApplicantRecord, line: Int, into out: inout ByteBuffer) {
    out.appendDecimal(line)
    out.append(UInt8(ascii: ","))
    CSVField.write(record.applicationID, into: &out)
    put(identity, &out)
    put(verdicts[decision.verdict.ordinal], &out)
    switch decision.stage {
    case .stage(let index): put(stages[index], &out)
    case .unknown: put(unknownStage, &out)
    case .none: break
    }
    out.append(UInt8(ascii: ","))
    writeList(&out) { out, separate in
      for index in decision.conditions.indices where decision.conditions[index].result == .false {
        separate(&out)
        put(conditionNames[index], &out)
      }
    }
    for status in [ChecklistStatus.missing, .expired, .invalid, .undetermined] {
      out.append(UInt8(ascii: ","))
      writeList(&out) { out, separate in
        for index in decision.requirements.indices where decision.requirements[index].status == status {
          separate(&out)
          put(requirementNames[index], &out)
        }
        for row in decision.memberRows where row.status == status {
          separate(&out)
          put(memberRequirementNames[row.requirement], &out)
          if row.member >= 0 {
            out.append(UInt8(ascii: "["))
            out.appendDecimal(row.member)
            out.append(UInt8(ascii: "]"))
          }
        }
      }
    }
    out.append(UInt8(ascii: ","))
    writeList(&out) { out, separate in
      for missing in decision.missingFacts {
        separate(&out)
        out.append(utf8: parts.factPath(missing.fact))
      }
    }
    out.append(UInt8(ascii: ","))
    put(nextSteps[decision.verdict.ordinal], &out)
    let by: Decision.Actors = decision.verdict == .incomplete ? decision.nextStepBy : .staff
    put(actors[Int(by.rawValue & 3)], &out)
    out.append(UInt8(ascii: ","))
    if let reply = decision.earliestReplyOn {
      reply.appendISO(to: &out)
      out.append(UInt8(ascii: ","))
      reply.appendHijriText(to: &out)
    } else {
      out.append(UInt8(ascii: ","))
    }
    out.append(literal: ",,\r\n")
  }

  /// One field holding names separated by spaces. Names are plain, so they are copied straight
  /// into the row; were one not, the list is written into a scratch buffer and quoted whole.
  @inline(__always)
  private func writeList(_ out: inout ByteBuffer,
                         _ body: (inout ByteBuffer, (inout ByteBuffer) -> Void) -> Void) {
    if namesArePlain {
      let start = out.count
      body(&out) { out in if out.count > start { out.append(UInt8(ascii: " ")) } }
      return
    }
    var scratch = ByteBuffer(capacity: 256)
    body(&scratch) { scratch in if !scratch.isEmpty { scratch.append(UInt8(ascii: " ")) } }
    scratch.withSpan { CSVField.write(utf8: $0, into: &out) }
  }
}
