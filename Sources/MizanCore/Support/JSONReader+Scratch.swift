// Moving a finished container's items out of the shared scratch buffers into an array of their own.

extension JSONReader.Parser {
  /// The elements of the innermost array, which starts at `start` in `elements`, moved out.
  mutating func takeElements(from start: Int) -> [JSONValue] {
    Self.takeItems(of: &elements, from: start, leaving: .null) { $0 }
  }

  /// The members of the innermost object, which starts at `start` in `members`, moved out.
  mutating func takeMembers(from start: Int) -> [JSONMember] {
    let filler = JSONReader.PendingMember(member: JSONMember("", .null), fingerprint: 0, namesSeen: 0)
    return Self.takeItems(of: &members, from: start, leaving: filler) { $0.member }
  }

  /// Moves the items from `start` on out of `scratch`, converted by `convert`, into a new array, and drops
  /// them from `scratch`.
  ///
  /// Moving rather than copying spares a retain and a release per item. The vacated slots are refilled
  /// with `filler` (holding no references) only so that `removeLast` has something valid to destroy.
  @inline(__always)
  static func takeItems<Stored, Item>(
    of scratch: inout [Stored],
    from start: Int,
    leaving filler: Stored,
    convert: (Stored) -> Item
  ) -> [Item] {
    var items: [Item] = []
    items.reserveCapacity(scratch.count - start)
    scratch.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      for position in start..<buffer.count { items.append(convert((base + position).move())) }
      (base + start).initialize(repeating: filler, count: buffer.count - start)
    }
    scratch.removeLast(scratch.count - start)
    return items
  }
}
