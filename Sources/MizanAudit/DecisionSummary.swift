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
    var members: [String: Int] = [:]
    tape.forEachMember(of: JSONTape.root) { key, value in members[tape.string(key, in: outcome)] = value }
    func raw(_ index: Int, _ buffer: inout ByteBuffer) { buffer.append(outcome.extracting(tape[index].valueRange)) }
    func member(_ name: String, of object: Int) -> Int? {
      guard tape[object].kind == .object else { return nil }
      return tape.member(name, of: object, in: outcome)
    }
    /// `[[a,b(,c)],…]`: the named members of each object of an array, those present.
    func rows(_ array: Int?, _ names: [String], _ buffer: inout ByteBuffer) {
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
    rows(members["checklist"], ["id", "status", "member"], &buffer)
    buffer.append(literal: #","missing_facts":["#)
    if let facts = members["missing_facts"], tape[facts].kind == .array {
      var first = true
      tape.forEachElement(of: facts) { _, element in
        guard let fact = member("fact", of: element) else { return }
        if !first { buffer.append(UInt8(ascii: ",")) }
        first = false
        raw(fact, &buffer)
      }
    }
    buffer.append(UInt8(ascii: "]"))
    let next = members["next_step"]
    if let next, let action = member("action", of: next) {
      buffer.append(literal: #","next_step":"#)
      raw(action, &buffer)
    }
    buffer.append(literal: #","reasons":"#)
    rows(members["reasons"], ["rule", "result"], &buffer)
    if let next, let reply = member("earliest_reply_on", of: next) {
      buffer.append(literal: #","reply_on":"#)
      raw(reply, &buffer)
    }
    if let stage = members["stage"], let id = member("id", of: stage) {
      buffer.append(literal: #","stage":"#)
      raw(id, &buffer)
    }
    if let verdict = members["verdict"] {
      buffer.append(literal: #","verdict":"#)
      raw(verdict, &buffer)
    }
    buffer.append(UInt8(ascii: "}"))
    return true
  }

  /// The summary of `outcome` as bytes (empty when it is not an outcome).
  package static func of(outcome: [UInt8]) -> [UInt8] {
    var buffer = ByteBuffer(capacity: 512)
    write(outcome: outcome.span, into: &buffer)
    return buffer.array
  }
}
