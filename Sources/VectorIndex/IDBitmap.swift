/// A dense set of ids, one bit per id: the cheapest filter for search.
public struct IDBitmap: Sendable, Equatable {
    @usableFromInline var words: [UInt64]
    /// Number of ids in the set.
    public private(set) var count: Int = 0

    /// An empty set able to hold ids below `capacity` without growing.
    public init(capacity: Int = 0) {
        words = [UInt64](repeating: 0, count: (max(capacity, 0) + 63) / 64)
    }

    /// A set holding `ids` (inlinable, so the loop is specialised for the caller's sequence).
    @inlinable
    public init<S: Sequence>(_ ids: S) where S.Element == VectorID {
        self.init()
        for id in ids { insert(id) }
    }

    /// Whether `id` is in the set.
    /// - Complexity: O(1).
    @inlinable
    public func contains(_ id: VectorID) -> Bool {
        let w = Int(id >> 6)
        return withWords { words in w < words.count && (words[w] >> UInt64(id & 63)) & 1 == 1 }
    }

    @inlinable
    func withWords<R>(_ body: (UnsafeBufferPointer<UInt64>) -> R) -> R {
        words.withUnsafeBufferPointer(body)
    }

    /// Adds `id`.
    /// - Complexity: amortised O(1).
    public mutating func insert(_ id: VectorID) {
        let w = Int(id >> 6)
        if w >= words.count { words.append(contentsOf: repeatElement(0, count: max(w + 1 - words.count, words.count))) }
        let bit = UInt64(1) << UInt64(id & 63)
        if words[w] & bit == 0 {
            words[w] |= bit
            count += 1
        }
    }

    /// Removes `id`.
    /// - Complexity: O(1).
    public mutating func remove(_ id: VectorID) {
        let w = Int(id >> 6)
        guard w < words.count else { return }
        let bit = UInt64(1) << UInt64(id & 63)
        if words[w] & bit != 0 {
            words[w] &= ~bit
            count -= 1
        }
    }
}
