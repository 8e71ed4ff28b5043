/// Bytes rendered once and then only copied: the constant parts of a policy's outcomes, shared by
/// every worker of a batch.
///
/// Immutable after `init`, so any number of threads copy from it at once. Pieces are named by
/// `ByteArena.Piece` (an offset and a length), which cost no reference count to hold or copy:
/// workers on several cores that counted references to shared arrays made each other wait.
/// Unchecked `Sendable`: its memory is written only in `init`.
public final class ByteArena: @unchecked Sendable {
  /// A run of an arena's bytes.
  public struct Piece: Sendable, Hashable {
    public var start: Int32
    public var count: Int32

    @inlinable
    public init(start: Int32, count: Int32) {
      self.start = start
      self.count = count
    }

    public static let empty = Piece(start: 0, count: 0)
  }

  /// A buffer being filled with pieces, frozen into an arena by `ByteArena.init(_:)`.
  public struct Builder: ~Copyable {
    public var bytes = ByteBuffer(capacity: 1 << 14)

    public init() {}

    /// The bytes appended to `bytes` since `start`, as a piece.
    public func piece(since start: Int) -> Piece {
      Piece(start: Int32(start), count: Int32(bytes.count - start))
    }

    /// Appends what `write` writes and names it.
    public mutating func piece(_ write: (inout ByteBuffer) -> Void) -> Piece {
      let start = bytes.count
      write(&bytes)
      return piece(since: start)
    }
  }

  @usableFromInline let base: UnsafeMutablePointer<UInt8>
  public let count: Int

  /// Freezes a copy of the builder's bytes.
  public init(_ builder: borrowing Builder) {
    count = builder.bytes.count
    base = .allocate(capacity: max(1, count))
    builder.bytes.withUnsafeBytes(0..<count) { source in
      if let start = source.baseAddress { base.initialize(from: start.assumingMemoryBound(to: UInt8.self), count: count) }
    }
  }

  deinit { base.deallocate() }

  /// Appends `piece` to `buffer`.
  @inlinable @inline(__always)
  public func copy(_ piece: Piece, into buffer: inout ByteBuffer) {
    let start = Int(truncatingIfNeeded: piece.start)
    let length = Int(truncatingIfNeeded: piece.count)
    precondition(start >= 0 && length >= 0 && start + length <= count, "arena piece out of bounds")
    buffer.append(UnsafeBufferPointer(start: base + start, count: length))
  }

  /// The bytes of `piece`, as an array (tests, messages).
  public func array(_ piece: Piece) -> [UInt8] {
    let start = Int(piece.start)
    precondition(start >= 0 && start + Int(piece.count) <= count, "arena piece out of bounds")
    return Array(UnsafeBufferPointer(start: base + start, count: Int(piece.count)))
  }
}
