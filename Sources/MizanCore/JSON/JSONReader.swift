/// Reads a JSON document into a `JSONValue` tree: a `JSONTape` scan, then the tree built from the
/// tape. For JSON whose shape is not known in advance (log entries' envelopes, examples' expected
/// outcomes, protocol messages); applicant records are read straight from the tape by the record
/// reader, without a tree.
///
/// Total: any input ends in a value or in a `JSONReadError` that says what went wrong and where.
/// A duplicate member name in one object is refused, and numbers must fit a double.
package enum JSONReader {
  /// Reads the one JSON value `bytes` holds.
  package static func read(_ bytes: Span<UInt8>, limits: JSONLimits = .default) throws(JSONReadError) -> JSONValue {
    var tape = JSONTape()
    try tape.scan(bytes, limits: limits, rejectingDuplicateKeys: true)
    var path: [JSONPath.Component] = []
    return try tape.value(JSONTape.root, in: bytes, path: &path)
  }

  /// Reads the one JSON value `bytes` holds.
  package static func read(_ bytes: [UInt8], limits: JSONLimits = .default) throws(JSONReadError) -> JSONValue {
    try read(bytes.span, limits: limits)
  }

  /// Reads the one JSON value `text` holds, from its UTF-8 bytes.
  package static func read(_ text: String, limits: JSONLimits = .default) throws(JSONReadError) -> JSONValue {
    try read(Array(text.utf8), limits: limits)
  }
}

extension JSONTape {
  /// The value at `index` as a tree; `path` is where it sits (for the one error left to find here:
  /// a number too large for a double).
  package func value(_ index: Int, in bytes: Span<UInt8>, path: inout [JSONPath.Component]) throws(JSONReadError)
    -> JSONValue
  {
    let entry = entries[index]
    switch entry.kind {
    case .null: return .null
    case .true: return .bool(true)
    case .false: return .bool(false)
    case .string: return .string(string(index, in: bytes))
    case .number:
      let number = double(index, in: bytes)
      guard number.isFinite else {
        throw JSONReadError.located(.numberOutOfRange, at: Int(entry.start), in: bytes, path: JSONPath(path))
      }
      return .number(number)
    case .array:
      var elements: [JSONValue] = []
      elements.reserveCapacity(Int(entry.count))
      var element = index + 1
      for position in 0..<Int(entry.count) {
        path.append(.index(position))
        elements.append(try value(element, in: bytes, path: &path))
        path.removeLast()
        element = next(after: element)
      }
      return .array(elements)
    case .object:
      var members: [JSONMember] = []
      members.reserveCapacity(Int(entry.count))
      var key = index + 1
      for _ in 0..<Int(entry.count) {
        let name = string(key, in: bytes)
        path.append(.key(name))
        members.append(JSONMember(name, try value(key + 1, in: bytes, path: &path)))
        path.removeLast()
        key = next(after: key + 1)
      }
      return .object(members)
    }
  }
}
