import VectorKernels

/// Scores one inverted list against a query and feeds the top-k heap.
///
/// Unfiltered: one `sgemv` over the whole list, then a threshold test per slot.
/// Filtered: the filter runs first and only matching slots are scored (SIMD dot), which
/// is what makes highly selective filters cheap.
struct ListScanner {
    let dimension: Int
    /// Scratch for one list's scores; must hold the largest list.
    var scratch: [Float]

    init(dimension: Int, maxListSlots: Int) {
        self.dimension = dimension
        scratch = [Float](repeating: 0, count: max(maxListSlots, 1))
    }

    /// Scans list `l` of `lists` for `query` (unit length).
    /// - Returns: the number of live slots that passed the filter (all live slots when unfiltered).
    /// - Complexity: O(slots · dimension).
    @inline(__always)
    mutating func scan(
        _ lists: InvertedLists, list l: Int, query: UnsafePointer<Float>, heap: inout TopK, filter: SearchFilter?
    ) -> Int {
        let n = lists.slots(l)
        guard n > 0 else { return 0 }
        let d = dimension
        let tomb = InvertedLists.tombstone
        return lists.ids[l].withUnsafeBufferPointer { ids in
            lists.vectors[l].withUnsafeBufferPointer { vecs in
                if let filter {
                    var matched = 0
                    for p in 0..<n {
                        let id = ids[p]
                        guard id != tomb, filter.allows(id) else { continue }
                        matched &+= 1
                        let s = SIMDReference.dot(vecs.baseAddress! + p &* d, query, count: d)
                        if s >= heap.threshold { heap.push(s, id) }
                    }
                    return matched
                }
                if scratch.count < n { scratch = [Float](repeating: 0, count: n) }
                return scratch.withUnsafeMutableBufferPointer { sc in
                    let scores = sc.baseAddress!
                    InnerProducts.matrixVector(rows: n, dimension: d, matrix: vecs.baseAddress!, query: query, scores: scores)
                    for p in 0..<n {
                        let s = scores[p]
                        if s >= heap.threshold {
                            let id = ids[p]
                            if id != tomb { heap.push(s, id) }
                        }
                    }
                    return n - lists.tombstones[l]
                }
            }
        }
    }
}
