/// A growable array of plain values (no references inside) that owns its memory: the tape's
/// entries. An append is a capacity check and a store, without the uniqueness check of
/// `Array.append`, which the scanner pays on every value of every record otherwise.
///
/// Non-copyable, so it has one owner and frees its memory in `deinit`; reads and writes are
/// bounds-checked like an array's.
public struct ElementBuffer<Element: BitwiseCopyable>: ~Copyable {
  @usableFromInline var base: UnsafeMutablePointer<Element>
  @usableFromInline var storedCount = 0
  @usableFromInline var capacity: Int

  public init(capacity: Int = 64) {
    self.capacity = max(capacity, 4)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  @inlinable public var count: Int { storedCount }
  @inlinable public var isEmpty: Bool { storedCount == 0 }

  @inlinable @inline(__always)
  public subscript(index: Int) -> Element {
    get {
      precondition(index >= 0 && index < storedCount, "ElementBuffer index out of range")
      return base[index]
    }
    set {
      precondition(index >= 0 && index < storedCount, "ElementBuffer index out of range")
      base[index] = newValue
    }
  }

  @inlinable @inline(__always)
  public mutating func append(_ element: Element) {
    if storedCount == capacity { grow() }
    (base + storedCount).initialize(to: element)
    storedCount += 1
  }

  /// Removes and returns the last element (there must be one).
  @inlinable
  public mutating func removeLast() -> Element {
    precondition(storedCount > 0, "removeLast of an empty ElementBuffer")
    storedCount -= 1
    return base[storedCount]
  }

  /// Forgets the elements, keeping the memory.
  @inlinable
  public mutating func removeAll() { storedCount = 0 }

  @usableFromInline @inline(never)
  mutating func grow() {
    let newCapacity = capacity * 2
    let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
    newBase.initialize(from: base, count: storedCount)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }
}

extension ElementBuffer: @unchecked Sendable where Element: Sendable {}
