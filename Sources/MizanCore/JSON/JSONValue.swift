/// A JSON document as read from a record or a log, or as built for output.
///
/// Objects keep their members in source order (a reader must not lose what the user wrote);
/// the canonical writer sorts them.
public indirect enum JSONValue: Hashable, Sendable {
  case null
  case bool(Bool)
  /// Numbers are IEEE doubles, as RFC 8785 (JSON Canonicalization Scheme) requires.
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([JSONMember])

  /// The value of the first member named `key`, if this is an object.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first(where: { $0.key == key })?.value
  }

  /// Builds an object from key–value pairs (order kept).
  public static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
    .object(pairs.map { JSONMember($0.key, $0.value) })
  }

  /// A short name for the value's kind, used in "expected …, found …" messages.
  public var kindName: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}

/// One `"key": value` member of a JSON object.
public struct JSONMember: Hashable, Sendable {
  public var key: String
  public var value: JSONValue

  public init(_ key: String, _ value: JSONValue) {
    self.key = key
    self.value = value
  }
}
