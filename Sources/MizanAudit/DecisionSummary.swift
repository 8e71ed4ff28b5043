import MizanCore

/// The decision a log entry keeps of an outcome: what an auditor reads without re-evaluating
/// (verdict, stage, failed or undecided rules, each checklist row's status, missing facts, next
/// step, committee reply date), written from the canonical outcome bytes. The rest of the outcome
/// (labels, citations, trace) is a pure function of the record and the policy, kept only as the
/// digest `outcome_sha256`; replay re-derives it and, when the digest differs, compares this.
///
///     {"checklist":[["identity_document","expired"],["birth_certificate","missing","children[1]"]],
///      "missing_facts":["monthly_income"],"next_step":"complete_file","reasons":[["identity_document","expired"]],
///      "reply_on":"2024-03-24","stage":"screening","verdict":"incomplete"}
///
/// Members are canonical JSON in canonical order; strings are copied as the outcome wrote them
/// (canonically already), so nothing is decoded.
package enum DecisionSummary {
  /// Appends the summary of `outcome` (canonical JSON) to `buffer`; false (nothing appended)
  /// when the bytes are not an outcome object.
  @discardableResult
  package static func write(outcome: Span<UInt8>, into buffer: inout ByteBuffer) -> Bool {
    var tape = JSONTape()
    guard (try? tape.scan(outcome, limits: LogLimits.json)) != nil, tape[JSONTape.root].kind == .object else {
      return false
    }
    // Names compared as bytes, never decoded: this runs for every logged and replayed decision.
    func member(_ name: [UInt8], of object: Int) -> Int? {
      guard tape[object].kind == .object else { return nil }
      var found: Int?
      tape.forEachMember(of: object) { key, value in
        if tape.string(key, in: outcome, equals: name) { found = value }
      }
      return found
    }
    var members: [Int?] = Array(repeating: nil, count: Names.top.count)
    tape.forEachMember(of: JSONTape.root) { key, value in
      for (position, name) in Names.top.enumerated() where tape.string(key, in: outcome, equals: name) {
        members[position] = value
      }
    }
    func raw(_ index: Int, _ buffer: inout ByteBuffer) { buffer.append(outcome.extracting(tape[index].valueRange)) }
    /// `[[a,b(,c)],…]`: the named members of each object of an array, those present.
    func rows(_ array: Int?, _ names: [[UInt8]], _ buffer: inout ByteBuffer) {
      buffer.append(UInt8(ascii: "["))
      if let array, tape[array].kind == .array {
        tape.forEachElement(of: array) { position, element in
          if position > 0 { buffer.append(UInt8(ascii: ",")) }
          buffer.append(UInt8(ascii: "["))
          var first = true
          for name in names {
            guard let value = member(name, of: element) else { continue }
            if !first { buffer.append(UInt8(ascii: ",")) }
            first = false
            raw(value, &buffer)
          }
          buffer.append(UInt8(ascii: "]"))
        }
      }
      buffer.append(UInt8(ascii: "]"))
    }
    buffer.append(literal: #"{"checklist":"#)
    rows(members[Names.checklist], Names.checklistRow, &buffer)
    buffer.append(literal: #","missing_facts":["#)
    if let facts = members[Names.missingFacts], tape[facts].kind == .array {
      var first = true
      tape.forEachElement(of: facts) { _, element in
        guard let fact = member(Names.fact, of: element) else { return }
        if !first { buffer.append(UInt8(ascii: ",")) }
        first = false
        raw(fact, &buffer)
      }
    }
    buffer.append(UInt8(ascii: "]"))
    let next = members[Names.nextStep]
    if let next, let action = member(Names.action, of: next) {
      buffer.append(literal: #","next_step":"#)
      raw(action, &buffer)
    }
    buffer.append(literal: #","reasons":"#)
    rows(members[Names.reasons], Names.reasonRow, &buffer)
    if let next, let reply = member(Names.earliestReplyOn, of: next) {
      buffer.append(literal: #","reply_on":"#)
      raw(reply, &buffer)
    }
    if let stage = members[Names.stage], let id = member(Names.id, of: stage) {
      buffer.append(literal: #","stage":"#)
      raw(id, &buffer)
    }
    if let verdict = members[Names.verdict] {
      buffer.append(literal: #","verdict":"#)
      raw(verdict, &buffer)
    }
    buffer.append(UInt8(ascii: "}"))
    return true
  }

  /// The outcome's member names the summary reads, as UTF-8.
  private enum Names {
    static let top: [[UInt8]] = ["checklist", "missing_facts", "next_step", "reasons", "stage", "verdict"].map { Array($0.utf8) }
    static let (checklist, missingFacts, nextStep, reasons, stage, verdict) = (0, 1, 2, 3, 4, 5)
    static let checklistRow: [[UInt8]] = ["id", "status", "member"].map { Array($0.utf8) }
    static let reasonRow: [[UInt8]] = ["rule", "result"].map { Array($0.utf8) }
    static let (id, fact, action) = (Array("id".utf8), Array("fact".utf8), Array("action".utf8))
    static let earliestReplyOn = Array("earliest_reply_on".utf8)
  }

  /// The summary of `outcome` as bytes (empty when it is not an outcome).
  package static func of(outcome: [UInt8]) -> [UInt8] {
    var buffer = ByteBuffer(capacity: 512)
    write(outcome: outcome.span, into: &buffer)
    return buffer.array
  }
}
