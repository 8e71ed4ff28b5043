import MizanCore
import MizanEngine

/// The policy examples of `policies/<id>/tests/*.jsonl`: finding, reading and running them.
///
/// An examples file holds one example a line, as compact JSON:
/// `{"name": …, "description": …, "record": {…}, "draft": false, "as_of": null, "expect": {…}}`.
package enum PolicyExamples {
  /// The members an example line may have.
  static let exampleKeys = ["as_of", "description", "draft", "expect", "name", "record"]
  /// The members `expect` may have.
  static let expectKeys = ["checklist", "earliest_reply_on", "error", "missing_facts", "next_step", "reasons", "verdict"]
}

/// An examples file and where its examples belong.
package struct ExampleFile: Sendable, Hashable {
  package var path: String
  /// The association whose `tests/` folder holds the file, if it lies in one.
  package var association: String?
  /// The policies folder the file lies in (`<root>/<id>/tests/<file>`), if it lies in one.
  package var policiesRoot: String?
}

/// A line of an examples file that is not a valid example, or a file that cannot be read.
package struct ExampleFileProblem: Error, Sendable, Hashable {
  package var file: String
  /// The 1-based line; nil for the whole file.
  package var line: Int?
  package var message: LocalizedText

  /// `policies/taafi/tests/examples.jsonl:7: expect.verdict: …`.
  package func rendered(in language: Language) -> String {
    (line.map { "\(file):\($0): " } ?? "\(file): ") + message[language]
  }
}

extension PolicyExamples {
  // MARK: - Finding files

  /// The examples files at a path: an examples file itself, a `tests` folder, an association
  /// folder (its `tests/`) or a policies folder (every association's `tests/`); nil when the
  /// path does not exist.
  package static func files(at path: String) -> [ExampleFile]? {
    guard FileSystem.exists(path) else { return nil }
    guard FileSystem.isDirectory(path) else { return [exampleFile(path)] }
    let folder = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
    if FileSystem.fileName(of: FileSystem.absolute(folder)) == "tests" { return examplesFiles(inTests: folder) }
    if FileSystem.isDirectory(folder + "/tests") { return examplesFiles(inTests: folder + "/tests") }
    var files: [ExampleFile] = []
    for entry in FileSystem.contents(of: folder) where entry != "common" && !entry.hasPrefix(".") {
      let tests = folder + "/" + entry + "/tests"
      if FileSystem.isDirectory(tests) { files += examplesFiles(inTests: tests) }
    }
    return files
  }

  static func examplesFiles(inTests folder: String) -> [ExampleFile] {
    FileSystem.contents(of: folder).filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }
      .map { exampleFile(folder + "/" + $0) }
  }

  /// Works out the association and policies folder from `<root>/<id>/tests/<file>`.
  static func exampleFile(_ path: String) -> ExampleFile {
    let tests = FileSystem.directory(of: FileSystem.absolute(path))
    guard FileSystem.fileName(of: tests) == "tests" else {
      return ExampleFile(path: path, association: nil, policiesRoot: nil)
    }
    let associationFolder = FileSystem.directory(of: tests)
    return ExampleFile(path: path, association: FileSystem.fileName(of: associationFolder),
                       policiesRoot: FileSystem.directory(of: associationFolder))
  }

  // MARK: - Reading

  /// Reads an examples file: its valid examples, and a problem for every line that is not one.
  package static func read(_ file: ExampleFile) -> (examples: [PolicyExample], problems: [ExampleFileProblem]) {
    var examples = ExampleCollection(file: file.path, association: file.association)
    do {
      try FileSystem.forEachLine(of: file.path) { number, line in examples.add(line, number: number) }
    } catch {
      return ([], [ExampleFileProblem(file: file.path, line: nil, message: LocalizedText(
        ar: "تعذرت قراءة الملف: \(error.reason.arabic)", en: "cannot read the file: \(error.reason.english)"))])
    }
    return (examples.examples, examples.problems)
  }

  /// Reads examples held in memory, one a line, as `read` reads a file.
  package static func parse(_ bytes: [UInt8], file: String,
                            association: String? = nil) -> (examples: [PolicyExample], problems: [ExampleFileProblem]) {
    var examples = ExampleCollection(file: file, association: association)
    for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
      examples.add(Array(line.last == UInt8(ascii: "\r") ? line.dropLast() : line), number: index + 1)
    }
    return (examples.examples, examples.problems)
  }
}

/// The examples of one file, line by line: each valid example once, a problem for every line
/// that is not one.
struct ExampleCollection {
  let file: String
  let association: String?
  var examples: [PolicyExample] = []
  var problems: [ExampleFileProblem] = []
  var firstLineOfName: [String: Int] = [:]

  init(file: String, association: String?) {
    self.file = file
    self.association = association
  }

  /// Reads line `number`; blank lines are skipped.
  mutating func add(_ line: [UInt8], number: Int) {
    guard line.contains(where: { ![UInt8(ascii: " "), UInt8(ascii: "\t")].contains($0) }) else { return }
    var reader = ExampleLineReader(file: file, line: number, association: association)
    guard let example = reader.example(from: line) else {
      problems += reader.problems
      return
    }
    if let first = firstLineOfName[example.name] {
      problems.append(reader.problem(
        ar: "اسم المثال \"\(example.name)\" مكرر (ورد أولاً في السطر \(first))",
        en: "example name \"\(example.name)\" is used twice (first on line \(first))"))
      return
    }
    firstLineOfName[example.name] = number
    examples.append(example)
  }
}

/// Reads and validates one line of an examples file, collecting every problem it finds.
struct ExampleLineReader {
  let file: String
  let line: Int
  let association: String?
  var problems: [ExampleFileProblem] = []

  init(file: String, line: Int, association: String?) {
    self.file = file
    self.line = line
    self.association = association
  }

  func problem(ar: String, en: String) -> ExampleFileProblem {
    ExampleFileProblem(file: file, line: line, message: LocalizedText(ar: ar, en: en))
  }

  mutating func report(ar: String, en: String) { problems.append(problem(ar: ar, en: en)) }

  mutating func example(from bytes: [UInt8]) -> PolicyExample? {
    let json: JSONValue
    var tape = JSONTape()
    do {
      try tape.scan(bytes.span, rejectingDuplicateKeys: true)
      var path: [JSONPath.Component] = []
      json = try tape.value(JSONTape.root, in: bytes.span, path: &path)
    } catch {
      report(ar: "ليس JSON صالحاً: \(error.reasonArabic) (العمود \(error.column))",
             en: "not valid JSON: \(error.reason) (column \(error.column))")
      return nil
    }
    guard case .object(let members) = json else {
      report(ar: "كل سطر مثال واحد: كائن JSON، وُجد \(json.kindName)",
             en: "each line is one example, a JSON object; found \(json.kindName)")
      return nil
    }
    unknownKeys(members.map(\.key), allowed: PolicyExamples.exampleKeys, prefix: "")
    let name = requiredText(json["name"], "name")
    let description = optionalText(json["description"], "description")
    let draft = optionalBool(json["draft"], "draft")
    let asOf = optionalDate(json["as_of"], "as_of")
    let record = json["record"]
    if record == nil { report(ar: "الحقل `record` مفقود", en: "`record` is missing") }
    let expectation = self.expectation(json["expect"])
    if let record, let expectation, expectation.error == nil {
      checkAssociation(of: record)
    }
    guard problems.isEmpty, let name, record != nil, let expectation else { return nil }
    // The record is evaluated from its own bytes, as `mizan eval` reads a record file.
    let recordEntry = tape.member("record", of: JSONTape.root, in: bytes.span)
    let recordBytes = recordEntry.map { Array(bytes[tape[$0].valueRange]) } ?? []
    return PolicyExample(file: file, line: line, name: name, description: description ?? "", record: recordBytes,
                         includeDrafts: draft ?? false, asOf: asOf ?? nil, expectation: expectation)
  }

  /// An example under `<id>/tests/` is about `<id>`, unless it expects an error.
  mutating func checkAssociation(of record: JSONValue) {
    guard let association, case .string(let named)? = record["association"], named != association else { return }
    report(ar: "السجل يذكر الجمعية `\(named)` والمثال في اختبارات `\(association)`",
           en: "the record names association `\(named)` but the example is in `\(association)`'s tests")
  }

  // MARK: - The expectation

  mutating func expectation(_ json: JSONValue?) -> PolicyExample.Expectation? {
    guard let json else {
      report(ar: "الحقل `expect` مفقود", en: "`expect` is missing")
      return nil
    }
    guard case .object(let members) = json else {
      report(ar: "`expect`: متوقع كائن، وُجد \(json.kindName)", en: "`expect`: expected an object, found \(json.kindName)")
      return nil
    }
    unknownKeys(members.map(\.key), allowed: PolicyExamples.expectKeys, prefix: "expect.")
    var expectation = PolicyExample.Expectation()
    if let value = json["verdict"] {
      let names = Verdict.allCases.map(\.rawValue)
      if case .string(let text) = value, let verdict = Verdict(rawValue: text) {
        expectation.verdict = verdict
      } else {
        report(ar: "`expect.verdict`: إحدى القيم \(names.joined(separator: "، "))، وُجد \(shown(value))",
               en: "`expect.verdict` must be one of \(names.joined(separator: ", ")), found \(shown(value))")
      }
    }
    expectation.error = optionalText(json["error"], "expect.error")
    switch (json["verdict"] != nil, json["error"] != nil) {
    case (false, false):
      report(ar: "`expect` يحتاج `verdict` أو `error`", en: "`expect` needs `verdict` or `error`")
    case (true, true):
      report(ar: "`expect` يذكر `verdict` أو `error`، لا كليهما", en: "`expect` gives `verdict` or `error`, not both")
    case (false, true):
      for key in members.map(\.key) where key != "error" && PolicyExamples.expectKeys.contains(key) {
        report(ar: "`expect.\(key)` لا معنى له مع `expect.error`", en: "`expect.\(key)` makes no sense with `expect.error`")
      }
    case (true, false):
      break
    }
    expectation.reasons = optionalNames(json["reasons"], "expect.reasons")
    expectation.missingFacts = optionalNames(json["missing_facts"], "expect.missing_facts")
    expectation.checklist = checklist(json["checklist"])
    if let value = json["next_step"] {
      let actions = PolicyExamples.nextStepActions
      if case .string(let text) = value, actions.contains(text) {
        expectation.nextStep = text
      } else {
        report(ar: "`expect.next_step`: إحدى القيم \(actions.joined(separator: "، "))، وُجد \(shown(value))",
               en: "`expect.next_step` must be one of \(actions.joined(separator: ", ")), found \(shown(value))")
      }
    }
    expectation.earliestReplyOn = optionalDate(json["earliest_reply_on"], "expect.earliest_reply_on")
    return expectation
  }

  mutating func checklist(_ json: JSONValue?) -> [String: ChecklistStatus]? {
    guard let json else { return nil }
    guard case .object(let members) = json else {
      report(ar: "`expect.checklist`: متوقع كائن {\"البند\": \"الحالة\"}، وُجد \(json.kindName)",
             en: "`expect.checklist`: expected an object {\"item\": \"status\"}, found \(json.kindName)")
      return nil
    }
    let statuses = ChecklistStatus.allCases.map(\.rawValue)
    var result: [String: ChecklistStatus] = [:]
    for member in members {
      guard case .string(let text) = member.value, let status = ChecklistStatus(rawValue: text) else {
        report(ar: "`expect.checklist.\(member.key)`: إحدى الحالات \(statuses.joined(separator: "، "))، وُجد \(shown(member.value))",
               en: "`expect.checklist.\(member.key)` must be one of \(statuses.joined(separator: ", ")), found \(shown(member.value))")
        continue
      }
      result[member.key] = status
    }
    return result
  }

  // MARK: - Values

  mutating func unknownKeys(_ keys: [String], allowed: [String], prefix: String) {
    for key in keys where !allowed.contains(key) {
      let hint = Suggestions.nearest(to: key, among: allowed)
      report(ar: "حقل غير معروف `\(prefix)\(key)`" + (hint.map { "؛ هل تقصد `\(prefix)\($0)`؟" } ?? ""),
             en: "unknown field `\(prefix)\(key)`" + (hint.map { "; did you mean `\(prefix)\($0)`?" } ?? ""))
    }
  }

  mutating func requiredText(_ value: JSONValue?, _ key: String) -> String? {
    guard let value else {
      report(ar: "الحقل `\(key)` مفقود", en: "`\(key)` is missing")
      return nil
    }
    guard case .string(let text) = value, !text.allSatisfy(\.isWhitespace) else {
      report(ar: "`\(key)`: متوقع نص غير فارغ، وُجد \(shown(value))", en: "`\(key)`: expected a non-empty text, found \(shown(value))")
      return nil
    }
    return text
  }

  mutating func optionalText(_ value: JSONValue?, _ key: String) -> String? {
    guard let value else { return nil }
    return requiredText(value, key)
  }

  mutating func optionalBool(_ value: JSONValue?, _ key: String) -> Bool? {
    guard let value else { return nil }
    guard case .bool(let flag) = value else {
      report(ar: "`\(key)`: متوقع true أو false، وُجد \(shown(value))", en: "`\(key)`: expected true or false, found \(shown(value))")
      return nil
    }
    return flag
  }

  /// Absent: nil; `null`: `.some(nil)`; a date: `.some(date)`.
  mutating func optionalDate(_ value: JSONValue?, _ key: String) -> CalendarDate?? {
    guard let value else { return nil }
    if value == .null { return .some(nil) }
    guard case .string(let text) = value else {
      report(ar: "`\(key)`: متوقع تاريخ أو null، وُجد \(shown(value))", en: "`\(key)`: expected a date or null, found \(shown(value))")
      return nil
    }
    switch CalendarDate.parse(text) {
    case .success(let date): return .some(date)
    case .failure(let error):
      report(ar: "`\(key)`: تاريخ غير صالح \"\(text)\": \(error.arabic)", en: "`\(key)`: invalid date \"\(text)\": \(error.english)")
      return nil
    }
  }

  mutating func optionalNames(_ value: JSONValue?, _ key: String) -> [String]? {
    guard let value else { return nil }
    guard case .array(let items) = value else {
      report(ar: "`\(key)`: متوقع مصفوفة أسماء، وُجد \(shown(value))", en: "`\(key)`: expected an array of names, found \(shown(value))")
      return nil
    }
    var names: [String] = []
    for (position, item) in items.enumerated() {
      guard case .string(let name) = item else {
        report(ar: "`\(key)[\(position)]`: متوقع اسم، وُجد \(shown(item))", en: "`\(key)[\(position)]`: expected a name, found \(shown(item))")
        continue
      }
      names.append(name)
    }
    return names
  }

  /// A value as it reads in a message: text in quotes, anything else by its kind.
  func shown(_ value: JSONValue) -> String {
    switch value {
    case .string(let text): "\"\(text)\""
    case .bool(let flag): flag ? "true" : "false"
    case .null: "null"
    default: value.kindName
    }
  }
}
