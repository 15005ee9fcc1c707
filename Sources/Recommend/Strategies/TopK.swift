/// The `capacity` best (item, score) pairs of a stream: higher score first, ties by the smaller
/// item. A binary min-heap on the worst kept entry.
public struct TopK: Sendable {
    public let capacity: Int
    private var heap: [(item: UInt32, score: Float)] = []

    public init(capacity: Int) {
        self.capacity = max(0, capacity)
        heap.reserveCapacity(self.capacity)
    }

    public var count: Int { heap.count }

    public mutating func removeAll() { heap.removeAll(keepingCapacity: true) }

    /// Whether `a` ranks below `b`.
    @inline(__always)
    private static func worse(_ a: (item: UInt32, score: Float), _ b: (item: UInt32, score: Float)) -> Bool {
        a.score < b.score || (a.score == b.score && a.item > b.item)
    }

    /// Offers one candidate. - Complexity: O(log capacity).
    @inline(__always)
    public mutating func offer(_ item: UInt32, score: Float) {
        let e = (item: item, score: score)
        if heap.count < capacity {
            heap.append(e)
            var i = heap.count - 1
            while i > 0 {
                let p = (i - 1) / 2
                guard Self.worse(heap[i], heap[p]) else { break }
                heap.swapAt(i, p)
                i = p
            }
        } else if capacity > 0 && Self.worse(heap[0], e) {
            heap[0] = e
            var i = 0
            while true {
                let l = 2 * i + 1
                let r = l + 1
                var m = i
                if l < heap.count && Self.worse(heap[l], heap[m]) { m = l }
                if r < heap.count && Self.worse(heap[r], heap[m]) { m = r }
                if m == i { break }
                heap.swapAt(i, m)
                i = m
            }
        }
    }

    /// The kept entries, best first.
    public func sorted() -> [(item: UInt32, score: Float)] {
        heap.sorted { Self.worse($1, $0) }
    }
}
