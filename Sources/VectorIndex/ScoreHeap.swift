/// Keeps the `k` best (score, id) pairs of one query in a bounded min-heap: the scan kernel's heap.
///
/// A non-owning view over caller-owned storage, so one allocation can hold the heaps of a
/// whole batch of queries (`ScoreHeaps`) and a scan allocates nothing per query. Order: higher score
/// is better; on equal scores the smaller id wins. (The recommenders' ranking is Recommend's `TopK`,
/// an owning heap on swift-collections' `Heap`.)
struct ScoreHeap<ID: FixedWidthInteger> {
    let scores: UnsafeMutablePointer<Float>
    let ids: UnsafeMutablePointer<ID>
    let k: Int
    private(set) var count: Int
    /// A candidate scoring below this cannot enter: `-∞` until the heap is full, then the worst kept score.
    private(set) var threshold: Float

    init(scores: UnsafeMutablePointer<Float>, ids: UnsafeMutablePointer<ID>, k: Int, count: Int = 0) {
        self.scores = scores
        self.ids = ids
        self.k = k
        self.count = count
        self.threshold = count < k ? -.infinity : scores[0]
    }

    @inline(__always)
    private func worse(_ i: Int, _ j: Int) -> Bool {
        scores[i] < scores[j] || (scores[i] == scores[j] && ids[i] > ids[j])
    }

    /// Offers a candidate; keeps it if it is among the best `k` so far.
    /// - Complexity: O(log k).
    @inline(__always)
    mutating func push(_ score: Float, _ id: ID) {
        if count < k {
            var i = count
            scores[i] = score
            ids[i] = id
            count += 1
            while i > 0 {
                let parent = (i - 1) >> 1
                guard worse(i, parent) else { break }
                swapAt(i, parent)
                i = parent
            }
            if count == k { threshold = scores[0] }
            return
        }
        guard score > scores[0] || (score == scores[0] && id < ids[0]) else { return }
        scores[0] = score
        ids[0] = id
        var i = 0
        while true {
            let l = 2 * i + 1
            guard l < k else { break }
            var m = l
            if l + 1 < k && worse(l + 1, l) { m = l + 1 }
            guard worse(m, i) else { break }
            swapAt(i, m)
            i = m
        }
        threshold = scores[0]
    }

    @inline(__always)
    private func swapAt(_ i: Int, _ j: Int) {
        let s = scores[i]
        scores[i] = scores[j]
        scores[j] = s
        let d = ids[i]
        ids[i] = ids[j]
        ids[j] = d
    }

}

extension ScoreHeap where ID == VectorID {
    /// The kept hits, best first.
    /// - Complexity: O(k log k).
    func sortedHits() -> [SearchHit] {
        var hits = (0..<count).map { SearchHit(id: ids[$0], score: scores[$0]) }
        hits.sort { $0.score > $1.score || ($0.score == $1.score && $0.id < $1.id) }
        return hits
    }
}

/// Owns the storage for `heaps` top-k heaps of size `k` (one per query of a batch).
struct ScoreHeaps {
    let k: Int
    private(set) var scores: [Float]
    private(set) var ids: [VectorID]
    private(set) var counts: [Int]

    init(heaps: Int, k: Int) {
        self.k = k
        scores = [Float](repeating: 0, count: heaps * k)
        ids = [VectorID](repeating: 0, count: heaps * k)
        counts = [Int](repeating: 0, count: heaps)
    }

    /// Runs `body` with a heap view of query `h`, saving its size afterwards.
    @inline(__always)
    mutating func withHeap<R>(_ h: Int, _ body: (inout ScoreHeap<VectorID>) throws -> R) rethrows -> R {
        let k = self.k
        let count = counts[h]
        let (r, newCount) = try scores.withUnsafeMutableBufferPointer { sp in
            try ids.withUnsafeMutableBufferPointer { ip in
                var heap = ScoreHeap(scores: sp.baseAddress! + h * k, ids: ip.baseAddress! + h * k, k: k, count: count)
                let r = try body(&heap)
                return (r, heap.count)
            }
        }
        counts[h] = newCount
        return r
    }

    /// Hits of query `h`, best first.
    func sortedHits(_ h: Int) -> [SearchHit] {
        var hits = (0..<counts[h]).map { SearchHit(id: ids[h * k + $0], score: scores[h * k + $0]) }
        hits.sort { $0.score > $1.score || ($0.score == $1.score && $0.id < $1.id) }
        return hits
    }
}
