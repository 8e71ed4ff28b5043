import Mizan

/// An option a command accepts.
struct OptionSpec: Sendable {
  let name: String
  /// The placeholder of its value (`DATE`), or nil for a flag.
  let value: String?
  let help: String
}

/// What a command accepts, and its help text.
struct CommandSpec: Sendable {
  let name: String
  let usage: String
  let summary: String
  let options: [OptionSpec]

  /// Options every command accepts.
  static let commonOptions = [
    OptionSpec(name: "policies", value: "DIR", help: "the policies folder (default: $MIZAN_POLICIES, then ./policies)"),
    OptionSpec(name: "lang", value: "ar|en", help: "language of messages and reports (default: en)"),
    OptionSpec(name: "help", value: nil, help: "show this help"),
  ]

  var allOptions: [OptionSpec] { options + CommandSpec.commonOptions }

  var helpText: String {
    var lines = ["usage: \(usage)", "", summary, "", "options:"]
    let heads = allOptions.map { "  --\($0.name)" + ($0.value.map { " \($0)" } ?? "") }
    let column = (heads.map(\.count).max() ?? 0) + 2
    for (head, option) in zip(heads, allOptions) {
      lines.append(head.padding(toLength: column, withPad: " ", startingAt: 0) + option.help)
    }
    return lines.joined(separator: "\n")
  }
}

/// A command line that does not fit the command (exit 2).
struct UsageError: Error {
  let message: String
}

/// The parsed command line of one command: positionals, options with values, flags.
struct Arguments {
  var positionals: [String] = []
  var values: [String: String] = [:]
  var flags: Set<String> = []

  /// Parses `--name value`, `--name=value`, flags, `-o FILE` (as `--output`) and `--` (end of options).
  init(_ arguments: [String], spec: CommandSpec) throws(UsageError) {
    var index = 0
    var optionsEnded = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
        positionals.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      var name = String(argument.drop { $0 == "-" })
      var inlineValue: String?
      if let equals = name.firstIndex(of: "=") {
        inlineValue = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }
      if argument == "-o" { name = "output" }
      if argument == "-h" { name = "help" }
      guard let option = spec.allOptions.first(where: { $0.name == name }) else {
        let hint = Suggestions.nearest(to: name, among: spec.allOptions.map(\.name)).map { "; did you mean `--\($0)`?" }
        throw UsageError(message: "unknown option `\(argument)` for `mizan \(spec.name)`" + (hint ?? ""))
      }
      if option.value == nil {
        guard inlineValue == nil else { throw UsageError(message: "option `--\(name)` takes no value") }
        flags.insert(name)
        continue
      }
      if let inlineValue {
        values[name] = inlineValue
      } else {
        guard index < arguments.count else {
          throw UsageError(message: "option `--\(name)` needs a value (\(option.value ?? "VALUE"))")
        }
        values[name] = arguments[index]
        index += 1
      }
    }
  }

  func has(_ flag: String) -> Bool { flags.contains(flag) }
  subscript(name: String) -> String? { values[name] }

  /// `--lang ar|en`, English by default.
  func language() throws(UsageError) -> Language {
    guard let text = values["lang"] else { return .english }
    guard let language = Language(rawValue: text) else {
      throw UsageError(message: "`--lang` must be `ar` or `en`, found `\(text)`")
    }
    return language
  }

  /// A value from a fixed set.
  func choice(_ name: String, among choices: [String], default fallback: String) throws(UsageError) -> String {
    guard let value = values[name] else { return fallback }
    guard choices.contains(value) else {
      throw UsageError(message: "`--\(name)` must be one of \(choices.joined(separator: ", ")), found `\(value)`")
    }
    return value
  }

  /// `--as-of` and other dates, Gregorian or Hijri.
  func date(_ name: String) throws(UsageError) -> CalendarDate? {
    guard let text = values[name] else { return nil }
    switch CalendarDate.parse(text) {
    case .success(let date): return date
    case .failure(let error): throw UsageError(message: "`--\(name)`: \(error.english)")
    }
  }
}
