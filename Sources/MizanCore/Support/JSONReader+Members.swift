// Member names and the duplicate check. Records are small objects, so the check is built for them: a
// 64-bit summary of the names seen so far settles most names at once, a linear scan settles the rest, and
// only objects of more than twelve members pay for hashing.

extension JSONReader {
  /// A member of an open object, with what the duplicate check needs to know about its name.
  struct PendingMember {
    /// The member; its value is `null` until read.
    var member: JSONMember
    /// A function of the name's bytes if the name is plain ASCII (see `nameFingerprint`), else 0.
    let fingerprint: UInt64
    /// One bit per name of this object up to this one; all bits once any name is not plain ASCII.
    let namesSeen: UInt64
  }
}

extension JSONReader.Parser {
  /// The largest object whose names are checked by a linear scan; larger ones use a set.
  static let linearScanLimit = 12

  /// Reads a member name and its colon into the innermost open object, refusing a name it already has.
  ///
  /// The member is added with a `null` value, which the caller replaces once the value has been read.
  mutating func readMemberName() throws(JSONReadError) {
    isReadingName = true
    skipWhitespace()
    guard index < end else { throw failure(.unexpectedEnd(expected: .memberName)) }
    guard bytes[index] == Byte.quote else { throw unexpectedCharacter(expected: .memberName) }
    let start = stack.last?.start ?? 0
    let count = members.count - start
    guard count < limits.maxMembers else { throw failure(.tooManyMembers(limit: limits.maxMembers)) }

    let nameOffset = index
    let key = try readString()
    let fingerprint = lastStringWasPlain ? nameFingerprint(from: nameOffset + 1, to: index - 1) : 0
    // A name that is not plain ASCII sets every bit, so that every later name is compared with it.
    let bit: UInt64 = fingerprint == 0 ? ~0 : 1 << ((fingerprint &* 0x9E37_79B9_7F4A_7C15) >> 58)
    let namesBefore = count == 0 ? 0 : members[members.count - 1].namesSeen
    let isNew: Bool
    if count >= Self.linearScanLimit {
      isNew = insertIntoKeySet(key, objectSize: count)
    } else if namesBefore & bit == 0 {
      isNew = true
    } else {
      isNew = !members[start...].contains { pending in
        (fingerprint == 0 || pending.fingerprint == 0 || pending.fingerprint == fingerprint)
          && pending.member.key == key
      }
    }
    // Added before the duplicate check so that the error's path names the repeated member.
    members.append(
      JSONReader.PendingMember(
        member: JSONMember(key, .null), fingerprint: fingerprint, namesSeen: namesBefore | bit))
    isReadingName = false
    guard isNew else { throw failure(.duplicateKey(key), at: nameOffset) }

    skipWhitespace()
    guard index < end else { throw failure(.unexpectedEnd(expected: .colon)) }
    guard bytes[index] == Byte.colon else { throw unexpectedCharacter(expected: .colon) }
    index += 1
  }

  /// Adds `key` to the name set of the innermost object, which has `objectSize` members, building the
  /// set on first use; returns whether the name was new.
  ///
  /// Names compare as Swift strings (canonical equivalence), the same comparison `JSONValue`'s subscript
  /// uses, so two spellings that a lookup could not tell apart are duplicates too.
  mutating func insertIntoKeySet(_ key: String, objectSize: Int) -> Bool {
    let top = stack.count - 1
    if objectSize == Self.linearScanLimit {
      stack[top].keySet = Set(members[(members.count - objectSize)...].lazy.map { $0.member.key })
    }
    return stack[top].keySet?.insert(key).inserted ?? true
  }

  /// A fingerprint of the plain ASCII name in `start..<stop`: its length with its first and last eight
  /// bytes, which for a name of up to eight bytes is all of it. Plain ASCII names are equal only if their
  /// bytes are, so different fingerprints mean different names; equal ones are compared as strings.
  @inline(__always)
  func nameFingerprint(from start: Int, to stop: Int) -> UInt64 {
    let count = stop - start
    let head: UInt64
    let tail: UInt64
    // Overlapping loads from both ends cover every byte of a short name without a loop.
    switch count {
    case 8...:
      head = bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self)
      tail = bytes.loadUnaligned(fromByteOffset: stop - 8, as: UInt64.self)
    case 4...:
      head = UInt64(bytes.loadUnaligned(fromByteOffset: start, as: UInt32.self))
      tail = UInt64(bytes.loadUnaligned(fromByteOffset: stop - 4, as: UInt32.self))
    case 1...:
      head = UInt64(bytes[start]) | UInt64(bytes[start + count / 2]) << 8
      tail = UInt64(bytes[stop - 1])
    default:
      return 0
    }
    return UInt64(truncatingIfNeeded: count) << 56 ^ head ^ (tail << 29 | tail >> 35)
  }
}
