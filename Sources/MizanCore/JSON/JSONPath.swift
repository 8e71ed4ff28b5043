/// Where a value sits in a JSON document: the member names and array indices that lead to it from the root.
///
/// Printed the way a reader of a record would write it: `facts.household_size`, `documents[2].expires_on`,
/// `facts["monthly income"]`, and `$` for the root.
package struct JSONPath: Hashable, Sendable, CustomStringConvertible {
  /// One step into a document: a member of an object or an element of an array.
  package enum Component: Hashable, Sendable {
    /// The member with this name.
    case key(String)
    /// The element at this zero-based index.
    case index(Int)
  }

  /// The steps from the root, outermost first.
  package var components: [Component]

  /// A path made of the given steps.
  package init(_ components: [Component] = []) {
    self.components = components
  }

  /// The path of the whole document.
  package static let root = JSONPath()

  /// Whether this is the path of the whole document.
  package var isRoot: Bool { components.isEmpty }

  /// This path extended by one step.
  package func appending(_ component: Component) -> JSONPath {
    JSONPath(components + [component])
  }

  /// This path extended into the member named `key`.
  package func appending(key: String) -> JSONPath {
    appending(.key(key))
  }

  /// This path extended into the element at `index`.
  package func appending(index: Int) -> JSONPath {
    appending(.index(index))
  }

  /// The path as text; member names that are not plain ASCII identifiers are quoted as JSON strings.
  package var description: String {
    guard !components.isEmpty else { return "$" }
    var text = ""
    for component in components {
      switch component {
      case .key(let key) where Self.isIdentifier(key):
        if !text.isEmpty { text += "." }
        text += key
      case .key(let key):
        text += "[" + Self.quoted(key) + "]"
      case .index(let index):
        text += "[\(index)]"
      }
    }
    return text
  }

  /// Whether `key` can be printed bare after a dot.
  ///
  /// Only ASCII letters, digits and `_` qualify: anything else (spaces, dots, Arabic letters) is quoted, so
  /// that a path reads unambiguously and keeps its order in a right-to-left terminal.
  static func isIdentifier(_ key: String) -> Bool {
    var isFirst = true
    for byte in key.utf8 {
      let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
      let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
      guard isLetter || byte == UInt8(ascii: "_") || (isDigit && !isFirst) else { return false }
      isFirst = false
    }
    return !isFirst
  }

  /// `key` as a JSON string literal, escaping quotes, backslashes and control characters.
  static func quoted(_ key: String) -> String {
    var text = "\""
    for scalar in key.unicodeScalars {
      switch scalar {
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\r": text += "\\r"
      case "\t": text += "\\t"
      case "\u{0}"..."\u{1F}", "\u{7F}":
        let hex = String(scalar.value, radix: 16, uppercase: false)
        text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: text.unicodeScalars.append(scalar)
      }
    }
    return text + "\""
  }
}
