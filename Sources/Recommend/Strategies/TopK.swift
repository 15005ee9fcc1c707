import HeapModule

/// The `capacity` best (item, score) pairs of a stream: higher score first, ties by the smaller
/// item. Kept in swift-collections' `Heap` (a min-max heap), whose minimum is the worst kept entry.
///
/// The vector index's scan keeps its own bounded heap over caller-owned storage (`ScoreHeap`, one
/// allocation for a whole batch of queries); this one is the general-purpose ranking of the recommenders.
public struct TopK: Sendable {
    /// One ranked entry; `<` means "ranks below".
    private struct Entry: Comparable, Sendable {
        let item: UInt32
        let score: Float
        static func < (a: Entry, b: Entry) -> Bool { a.score < b.score || (a.score == b.score && a.item > b.item) }
    }

    public let capacity: Int
    private var heap = Heap<Entry>()

    public init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    public var count: Int { heap.count }

    public mutating func removeAll() { heap = Heap() }

    /// Once `capacity` entries are kept, the worst kept score: a candidate scoring below it cannot
    /// enter (nil until then).
    public var threshold: Float? { heap.count < capacity ? nil : heap.min?.score }

    /// Offers one candidate.
    /// - Complexity: O(log capacity).
    @inline(__always)
    public mutating func offer(_ item: UInt32, score: Float) {
        let e = Entry(item: item, score: score)
        if heap.count < capacity {
            heap.insert(e)
        } else if capacity > 0, let worst = heap.min, worst < e {
            _ = heap.replaceMin(with: e)
        }
    }

    /// The kept entries, best first.
    /// - Complexity: O(capacity log capacity).
    public func sorted() -> [(item: UInt32, score: Float)] {
        heap.unordered.sorted { $1 < $0 }.map { (item: $0.item, score: $0.score) }
    }
}
