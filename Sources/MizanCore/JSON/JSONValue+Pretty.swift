extension JSONValue {
  /// The value as people read it: members in their order (not sorted), two spaces a level,
  /// short arrays of scalars on one line. Strings and numbers are written as the canonical
  /// writer writes them.
  public var prettyText: String {
    var buffer = ByteBuffer(capacity: 1024)
    writePretty(into: &buffer, indent: 0)
    buffer.append(UInt8(ascii: "\n"))
    return buffer.string
  }

  private func writePretty(into buffer: inout ByteBuffer, indent: Int) {
    func newline(_ level: Int) {
      buffer.append(UInt8(ascii: "\n"))
      buffer.append(repeating: UInt8(ascii: " "), count: level * 2)
    }
    switch self {
    case .array(let items) where items.isEmpty:
      buffer.append(literal: "[]")
    case .array(let items) where items.allSatisfy(\.isScalar):
      buffer.append(UInt8(ascii: "["))
      for (position, item) in items.enumerated() {
        if position > 0 { buffer.append(literal: ", ") }
        item.writePretty(into: &buffer, indent: indent)
      }
      buffer.append(UInt8(ascii: "]"))
    case .array(let items):
      buffer.append(UInt8(ascii: "["))
      for (position, item) in items.enumerated() {
        if position > 0 { buffer.append(UInt8(ascii: ",")) }
        newline(indent + 1)
        item.writePretty(into: &buffer, indent: indent + 1)
      }
      newline(indent)
      buffer.append(UInt8(ascii: "]"))
    case .object(let members) where members.isEmpty:
      buffer.append(literal: "{}")
    case .object(let members):
      buffer.append(UInt8(ascii: "{"))
      for (position, member) in members.enumerated() {
        if position > 0 { buffer.append(UInt8(ascii: ",")) }
        newline(indent + 1)
        CanonicalJSONWriter.writeString(member.key, into: &buffer)
        buffer.append(literal: ": ")
        member.value.writePretty(into: &buffer, indent: indent + 1)
      }
      newline(indent)
      buffer.append(UInt8(ascii: "}"))
    default:
      writeCanonical(into: &buffer)
    }
  }

  private var isScalar: Bool {
    switch self {
    case .array, .object: false
    default: true
    }
  }
}
