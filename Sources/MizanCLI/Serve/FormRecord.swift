import Mizan

/// What staff typed into a form, by field name (a set of checkboxes gives several values).
///
/// Field names: `application_id`, `submitted_on`, `evaluated_on`, `channel`, `staff`; a fact
/// `f.NAME`; a document `d.TYPE` (the "provided" box), its dates `d.TYPE.expires_on` and fields
/// `d.TYPE.f.NAME`; a list's size `LIST.count` and a member's fact `m.LIST.I.NAME`, its documents
/// `m.LIST.I.d.TYPE…`; a date's calendar `….calendar` (`gregorian` or `hijri`).
struct FormValues: Sendable {
  var fields: [String: [String]] = [:]

  init() {}

  init(_ pairs: [(name: String, value: String)]) {
    for (name, value) in pairs { fields[name, default: []].append(value) }
  }

  subscript(name: String) -> String { fields[name]?.first ?? "" }

  func values(_ name: String) -> [String] { fields[name] ?? [] }

  func has(_ name: String) -> Bool { !(fields[name]?.isEmpty ?? true) }

  mutating func set(_ name: String, _ value: String) { fields[name] = [value] }

  /// Members in a list (at most `RecordForm.maxMembers`).
  func memberCount(_ list: String) -> Int { min(max(Int(self["\(list).count"]) ?? 0, 0), FormRecord.maxMembers) }

  /// The values with member `index` of `list` taken out and the later members moved up.
  func removingMember(_ index: Int, of list: String) -> FormValues {
    let count = memberCount(list)
    guard index >= 0, index < count else { return self }
    var result = FormValues()
    let prefix = "m.\(list)."
    for (name, values) in fields {
      guard name.hasPrefix(prefix) else {
        result.fields[name] = values
        continue
      }
      let rest = name.dropFirst(prefix.count)
      guard let dot = rest.firstIndex(of: "."), let member = Int(rest[..<dot]) else { continue }
      if member == index { continue }
      let moved = member > index ? member - 1 : member
      result.fields[prefix + "\(moved)" + rest[dot...]] = values
    }
    result.set("\(list).count", String(count - 1))
    return result
  }

  /// Every value as hidden inputs, to carry a form's content through a page that shows
  /// something else (the result, with "edit this application").
  var hiddenInputs: String {
    fields.keys.sorted().flatMap { name in
      (fields[name] ?? []).map { "<input type=\"hidden\" name=\"\(HTMLText.escaped(name))\" value=\"\(HTMLText.escaped($0))\">" }
    }.joined(separator: "\n")
  }
}

/// Turns a submitted form into an applicant record (JSON bytes for the one record reader), and
/// remembers which field each part came from so that the reader's errors, which name JSON paths
/// (`facts.children[1].birth_date`), are shown beside the field staff typed in.
struct FormRecord {
  static let maxMembers = 100

  var record: JSONValue
  /// JSON path → form field name.
  var fieldOfPath: [String: String] = [:]

  init(_ form: RecordForm, _ values: FormValues) {
    var paths: [String: String] = [:]
    var members: [JSONMember] = []
    func put(_ key: String, _ value: JSONValue?, field: String) {
      paths[key] = field
      if let value { members.append(JSONMember(key, value)) }
    }
    put("application_id", .string(values["application_id"].trimmed), field: "application_id")
    members.append(JSONMember("association", .string(form.association)))
    put("submitted_on", Self.date(values, "submitted_on") ?? .string(""), field: "submitted_on")
    put("evaluated_on", Self.date(values, "evaluated_on"), field: "evaluated_on")
    put("channel", values["channel"].isEmpty ? .string("") : .string(values["channel"]), field: "channel")

    var facts: [JSONMember] = []
    for field in form.facts {
      paths["facts.\(field.name)"] = "f.\(field.name)"
      if let value = Self.value(field, values, "f.\(field.name)") { facts.append(JSONMember(field.name, value)) }
    }
    for list in form.lists {
      paths["facts.\(list.name)"] = "\(list.name).count"
      var items: [JSONValue] = []
      for index in 0..<values.memberCount(list.name) {
        let prefix = "m.\(list.name).\(index)"
        let path = "facts.\(list.name)[\(index)]"
        paths[path] = prefix
        var memberFacts: [JSONMember] = []
        for field in list.fields {
          paths["\(path).\(field.name)"] = "\(prefix).\(field.name)"
          if let value = Self.value(field, values, "\(prefix).\(field.name)") {
            memberFacts.append(JSONMember(field.name, value))
          }
        }
        let documents = Self.documents(list.documents, values, prefix: "\(prefix).", path: "\(path).documents", into: &paths)
        if !documents.isEmpty { memberFacts.append(JSONMember("documents", .array(documents))) }
        items.append(.object(memberFacts))
      }
      facts.append(JSONMember(list.name, .array(items)))
    }
    members.append(JSONMember("facts", .object(facts)))
    members.append(JSONMember("documents", .array(Self.documents(form.documents, values, prefix: "",
                                                                  path: "documents", into: &paths))))
    record = .object(members)
    fieldOfPath = paths
  }

  var bytes: [UInt8] { Array(record.canonicalText.utf8) }

  /// The form field an error's JSON path points into: the longest known path it starts with.
  func field(for path: String) -> String? {
    var candidate = path
    while true {
      if let field = fieldOfPath[candidate] { return field }
      guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
      candidate = String(candidate[..<cut])
    }
  }

  static func documents(_ documents: [RecordForm.Document], _ values: FormValues, prefix: String, path: String,
                        into paths: inout [String: String]) -> [JSONValue] {
    var result: [JSONValue] = []
    for document in documents {
      let field = "\(prefix)d.\(document.type)"
      guard values.has(field) else { continue }
      let itemPath = "\(path)[\(result.count)]"
      paths[itemPath] = field
      var members = [JSONMember("type", .string(document.type))]
      for date in document.dates {
        paths["\(itemPath).\(date)"] = "\(field).\(date)"
        if let value = Self.date(values, "\(field).\(date)") { members.append(JSONMember(date, value)) }
      }
      for declared in document.fields {
        paths["\(itemPath).\(declared.name)"] = "\(field).f.\(declared.name)"
        if let value = Self.value(declared, values, "\(field).f.\(declared.name)") {
          members.append(JSONMember(declared.name, value))
        }
      }
      result.append(.object(members))
    }
    return result
  }

  /// A fact's value as the record writes it, or nil when left empty (unknown).
  static func value(_ field: RecordForm.Field, _ values: FormValues, _ name: String) -> JSONValue? {
    let text = values[name].trimmed
    switch field.entry {
    case .text, .saudiID:
      return text.isEmpty ? nil : .string(text)
    case .number:
      return text.isEmpty ? nil : number(text)
    case .yesNo:
      switch text {
      case "yes": return .bool(true)
      case "no": return .bool(false)
      default: return nil
      }
    case .date:
      return date(values, name)
    case .choice:
      return text.isEmpty ? nil : .string(text)
    case .choices:
      let chosen = values.values(name).filter { !$0.isEmpty }
      // "None of these" is a known empty set; no box at all is unknown.
      if chosen == ["none"] { return .array([]) }
      return chosen.isEmpty ? nil : .array(chosen.filter { $0 != "none" }.map(JSONValue.string))
    }
  }

  /// A date as typed, with `H` added when the Hijri calendar is chosen; nil when empty.
  static func date(_ values: FormValues, _ name: String) -> JSONValue? {
    let text = values[name].trimmed
    guard !text.isEmpty else { return nil }
    let hijri = values["\(name).calendar"] == "hijri"
    return .string(hijri && !text.hasSuffix("H") && !text.hasSuffix("h") ? text + "H" : text)
  }

  /// A number typed with ASCII or Arabic-Indic digits, `٫` or `.` for the decimal point and
  /// `,` or `٬` between thousands; anything else is passed on as text for the reader to refuse
  /// beside the field ("expected a number").
  static func number(_ text: String) -> JSONValue {
    var normalized = ""
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x0660...0x0669: normalized.unicodeScalars.append(Unicode.Scalar(scalar.value - 0x0660 + 0x30) ?? scalar)
      case 0x06F0...0x06F9: normalized.unicodeScalars.append(Unicode.Scalar(scalar.value - 0x06F0 + 0x30) ?? scalar)
      case 0x066B: normalized += "."
      case 0x066C, 0x2C: continue
      default: normalized.unicodeScalars.append(scalar)
      }
    }
    let unsigned = normalized.hasPrefix("-") ? normalized.dropFirst() : Substring(normalized)
    let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
    let digits = parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }
    guard digits, parts.count <= 2, let value = Double(normalized), value.isFinite else { return .string(text) }
    return .number(value)
  }
}

extension String {
  var trimmed: String {
    var slice = Substring(self)
    while let first = slice.first, first.isWhitespace { slice.removeFirst() }
    while let last = slice.last, last.isWhitespace { slice.removeLast() }
    return String(slice)
  }
}

extension Character {
  var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
