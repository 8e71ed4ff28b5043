import MizanCore

/// A log's head as an auditor keeps it outside the system: the last entry's sequence and hash,
/// when it was taken, and how many entries the log held. One canonical JSON line:
///
///     {"entries":1204,"hash":"3f9a…","sequence":1204,"time":"2026-12-04T09:30:00Z"}
///
/// With a key, `mac` is the HMAC-SHA-256 of that line without `mac`, so a checkpoint file kept
/// beside the log cannot be rewritten to match a rewritten log by someone without the key.
package struct Checkpoint: Sendable, Equatable {
  package var sequence: Int
  package var hash: String
  package var time: String
  package var entries: Int
  /// The HMAC-SHA-256 (hex) of the line without `mac`, when the checkpoint was taken with a key.
  package var mac: String?

  package init(sequence: Int, hash: String, time: String, entries: Int, mac: String? = nil) {
    self.sequence = sequence
    self.hash = hash
    self.time = time
    self.entries = entries
    self.mac = mac
  }

  /// The line without `mac`: what the MAC covers.
  private var unsealedMembers: [JSONMember] {
    [
      JSONMember("entries", .number(Double(entries))), JSONMember("hash", .string(hash)),
      JSONMember("sequence", .number(Double(sequence))), JSONMember("time", .string(time)),
    ]
  }

  /// The MAC of this checkpoint under `key`.
  package func authenticationCode(key: [UInt8]) -> String {
    SHA256.authenticationCode(key: key, message: Array(JSONValue.object(unsealedMembers).canonicalText.utf8)).hex
  }

  /// This checkpoint sealed with `key`.
  package func sealed(key: [UInt8]) -> Checkpoint {
    var sealed = self
    sealed.mac = authenticationCode(key: key)
    return sealed
  }

  /// Whether `mac` is the MAC of this checkpoint under `key`.
  package func isAuthentic(key: [UInt8]) -> Bool { mac == authenticationCode(key: key) }

  /// The line, without a newline.
  package var line: String {
    var members = unsealedMembers
    if let mac { members.insert(JSONMember("mac", .string(mac)), at: 2) }
    return JSONValue.object(members).canonicalText
  }

  /// Reads a checkpoint line; nil with why when it is not one.
  package init(line: String) throws(CheckpointError) {
    guard let json = try? JSONReader.read(Array(line.utf8)), case .object(let members) = json else {
      throw .notACheckpoint
    }
    for member in members where !["entries", "hash", "mac", "sequence", "time"].contains(member.key) {
      throw .unknownField(member.key)
    }
    func whole(_ key: String) throws(CheckpointError) -> Int {
      guard case .number(let value)? = json[key], value >= 0, value < 1e15, value.rounded() == value else {
        throw .missingField(key)
      }
      return Int(value)
    }
    func text(_ key: String) throws(CheckpointError) -> String {
      guard case .string(let value)? = json[key] else { throw .missingField(key) }
      return value
    }
    sequence = try whole("sequence")
    entries = try whole("entries")
    hash = try text("hash")
    time = try text("time")
    guard SHA256Digest(hex: hash) != nil else { throw .missingField("hash") }
    if json["mac"] != nil {
      mac = try text("mac")
    } else {
      mac = nil
    }
  }
}

/// Why a line of a checkpoint file is not a checkpoint.
package enum CheckpointError: Error, Sendable, Equatable {
  case notACheckpoint
  case missingField(String)
  case unknownField(String)

  package var text: LocalizedText {
    switch self {
    case .notACheckpoint:
      LocalizedText(ar: "ليس نقطة تثبيت (المتوقع كائن JSON كما يطبعه `mizan log checkpoint`)",
                    en: "not a checkpoint (expected a JSON object as `mizan log checkpoint` prints it)")
    case .missingField(let key):
      LocalizedText(ar: "الحقل `\(key)` مفقود أو من نوع خاطئ", en: "field `\(key)` is missing or has the wrong type")
    case .unknownField(let key):
      LocalizedText(ar: "حقل غير معروف `\(key.escapingControlCharacters)`",
                    en: "unknown field `\(key.escapingControlCharacters)`")
    }
  }
}

/// The head of a log whose chain holds from its first line to its last.
package struct LogHead: Sendable, Equatable {
  package var sequence: Int
  package var hash: String
  package var entries: Int

  /// Walks the whole chain (no re-evaluation); fails at the first damaged line, since a head
  /// taken over damage would anchor it.
  package static func read(path: String) throws(LogHeadError) -> LogHead {
    var head = LogHead(sequence: 0, hash: LogEntry.genesisHash, entries: 0)
    var damage: (line: Int, problems: [LocalizedText])?
    do {
      try forEachVerifiedLine(path: path) { verified in
        guard damage == nil else { return }
        guard let entry = verified.entry, verified.problems.isEmpty else {
          damage = (verified.line, verified.problems)
          return
        }
        head = LogHead(sequence: entry.sequence, hash: entry.hash, entries: head.entries + 1)
      }
    } catch {
      throw .io(error)
    }
    if let damage { throw .damaged(line: damage.line, problems: damage.problems) }
    return head
  }
}

/// Why a log's head could not be taken.
package enum LogHeadError: Error, Sendable {
  case io(LogIOError)
  case damaged(line: Int, problems: [LocalizedText])

  package var text: LocalizedText {
    switch self {
    case .io(let error): error.text
    case .damaged(let line, let problems):
      LocalizedText(ar: "السطر \(line) تالف، فلا تُثبَّت نقطة فوقه (`mizan replay` يبيّن الضرر): ",
                    en: "line \(line) is damaged, so no checkpoint is taken over it (`mizan replay` shows the damage): ")
        + problems.dropFirst().reduce(problems.first ?? .same("")) { $0 + .same("; ") + $1 }
    }
  }
}

/// Holds a replayed log to its checkpoints: each checkpointed sequence must still carry the
/// checkpointed hash, and the log must reach the highest checkpointed sequence.
package struct CheckpointMatcher: Sendable {
  private let bySequence: [Int: [Checkpoint]]
  private let highest: Checkpoint?
  /// The highest checkpointed sequence whose hash still matched: a rewrite found later lies after it.
  private var lastMatched = 0
  private var lastSequence = 0
  private var lastLine = 0

  package init(_ checkpoints: [Checkpoint]) {
    bySequence = Dictionary(grouping: checkpoints, by: \.sequence)
    highest = checkpoints.max { $0.sequence < $1.sequence }
  }

  /// The problems of an entry against the checkpoints at its sequence (empty when none, or all match).
  package mutating func check(_ entry: LogEntry, line: Int) -> [LocalizedText] {
    lastSequence = max(lastSequence, entry.sequence)
    lastLine = line
    guard let checkpoints = bySequence[entry.sequence] else { return [] }
    var problems: [LocalizedText] = []
    for checkpoint in checkpoints where checkpoint.hash != entry.hash {
      let since = lastMatched == 0
        ? LocalizedText(ar: "منذ بداية السجل", en: "since the start of the log")
        : LocalizedText(ar: "بعد التسلسل \(lastMatched) (آخر نقطة تثبيت ما زالت مطابقة)",
                        en: "after sequence \(lastMatched) (the last checkpoint that still matches)")
      problems.append(
        LocalizedText(
          ar: "قيمة `hash` لا تطابق نقطة التثبيت المأخوذة في \(checkpoint.time) للتسلسل \(entry.sequence) "
            + "(\(checkpoint.hash.prefix(16))…): أُعيدت كتابة هذا القيد أو قيد قبله ",
          en: "its hash does not match the checkpoint taken at \(checkpoint.time) for sequence \(entry.sequence) "
            + "(\(checkpoint.hash.prefix(16))…): this entry or one before it was rewritten ") + since)
    }
    if problems.isEmpty { lastMatched = entry.sequence }
    return problems
  }

  /// What is missing at the end of the log: a checkpoint names a sequence the log no longer reaches.
  package var missingTail: LocalizedText? {
    guard let highest, highest.sequence > lastSequence else { return nil }
    let end = lastSequence == 0
      ? LocalizedText(ar: "السجل لا يحوي أي قيد", en: "the log holds no entry")
      : LocalizedText(ar: "ينتهي السجل عند التسلسل \(lastSequence) (السطر \(lastLine))",
                      en: "the log ends at sequence \(lastSequence) (line \(lastLine))")
    return end + LocalizedText(
      ar: "، لكن نقطة التثبيت المأخوذة في \(highest.time) تذكر التسلسل \(highest.sequence): قُطع السجل "
        + (lastSequence + 1 == highest.sequence ? "(القيد \(highest.sequence) مفقود)"
          : "(القيود \(lastSequence + 1)–\(highest.sequence) مفقودة)"),
      en: ", but the checkpoint taken at \(highest.time) names sequence \(highest.sequence): the log was cut "
        + (lastSequence + 1 == highest.sequence ? "(entry \(highest.sequence) is missing)"
          : "(entries \(lastSequence + 1)–\(highest.sequence) are missing)"))
  }
}
