import VectorKernels

/// Scores inverted lists against one query (unit length).
///
/// - `scanCoarse`: the approximate score of every slot — the blocked coarse codes against the
///   int16-quantised query (`BlockedDot`, 16 rows per step), times each row's scale — offered to
///   a candidate heap keyed by list and slot.
/// - `rerank`: the exact cosine of a candidate's stored vector (coarse plus residual codes). The
///   coarse part is an integer sum with a two-level int16 query (exact to ~1e-10 per component),
///   the residual part a float sum; both are the same for a row wherever it sits.
/// - `scanExact`: exact scores straight away, for exhaustive and filtered scans. With a filter,
///   the filter runs first and only matching slots are scored, which keeps selective filters cheap.
///
/// A scanner holds the quantised query and scratch space for the largest list it will scan;
/// `withScanner` sets both up on the stack, so a search allocates nothing per list.
struct ListScanner {
    let dimension: Int
    /// The query as int16 pairs (`BlockedDot.quantizeQuery`) and its step.
    let queryCodes: UnsafeMutablePointer<Int32>
    let queryScale: Float
    /// The second int16 level of the query (`BlockedDot.quantizeResidual`) and its factor.
    let queryResidual: UnsafeMutablePointer<Int32>
    let residualFactor: Float
    /// Scratch, `capacity` entries each: scores (three float rows), slots, integer sums (two rows).
    let scores: UnsafeMutablePointer<Float>
    let rows: UnsafeMutablePointer<UInt32>
    let sums: UnsafeMutablePointer<Int32>
    let capacity: Int

    /// Runs `body` with a scanner for `query` able to scan lists of up to `maxSlots` slots.
    static func withScanner<R>(
        dimension d: Int, query: UnsafePointer<Float>, maxSlots: Int, _ body: (ListScanner) -> R
    ) -> R {
        let capacity = max(maxSlots, BlockedDot.blockRows)
        let pairs = BlockedDot.pairs(dimension: d)
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * pairs) { qc in
            let codes = qc.baseAddress!
            let qs = BlockedDot.quantizeQuery(query, dimension: d, into: codes)
            let fine = BlockedDot.quantizeResidual(query, dimension: d, qscale: qs, coarse: codes, into: codes + pairs)
            return withUnsafeTemporaryAllocation(of: Float.self, capacity: 3 * capacity) { sc in
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: capacity) { rw in
                    withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * capacity) { sm in
                        body(
                            ListScanner(
                                dimension: d, queryCodes: codes, queryScale: qs, queryResidual: codes + pairs,
                                residualFactor: fine, scores: sc.baseAddress!, rows: rw.baseAddress!, sums: sm.baseAddress!,
                                capacity: capacity))
                    }
                }
            }
        }
    }

    /// Packs a list and a slot into a candidate key.
    @inline(__always)
    static func key(list l: Int, slot p: Int) -> UInt64 { UInt64(l) << 32 | UInt64(p) }

    /// Approximate scores of list `l` into `candidates`: each row's scale times the dot product of
    /// its coarse codes with the quantised query. Only rows scoring at least the heap's threshold
    /// leave the kernel.
    /// - Complexity: O(slots · dimension).
    @inline(__always)
    func scanCoarse(_ lists: InvertedLists, list l: Int, candidates: inout ScoreHeap<UInt64>) {
        let n = lists.slots(l)
        guard n > 0 else { return }
        precondition(n <= capacity, "scanner scratch too small")
        let kept = lists.coarse[l].withUnsafeBufferPointer { codes in
            lists.scales[l].withUnsafeBufferPointer { scales in
                BlockedDot.scaledDots(
                    codes.baseAddress!, rows: n, dimension: dimension, query: queryCodes, qscale: queryScale,
                    scales: scales.baseAddress!, atLeast: candidates.threshold, into: scores, rows: rows)
            }
        }
        guard kept > 0 else { return }
        let tomb = InvertedLists.tombstone
        lists.ids[l].withUnsafeBufferPointer { ids in
            for j in 0..<kept {
                let v = scores[j]
                let p = Int(rows[j])
                if v >= candidates.threshold && ids[p] != tomb { candidates.push(v, Self.key(list: l, slot: p)) }
            }
        }
    }

    /// Exact score of a candidate found by `scanCoarse`.
    @inline(__always)
    func rerank(_ lists: InvertedLists, key: UInt64, query: UnsafePointer<Float>) -> Float {
        exactScore(lists, list: Int(key >> 32), slot: Int(key & 0xFFFF_FFFF), query: query)
    }

    /// The exact score from its parts: `u · qscale · (Σc₁·q16 + Σc₁·r16 / fine)` (integer sums,
    /// so the same wherever the row sits) plus the residual part `(u/254)·⟨c₂, q⟩`.
    @inline(__always)
    func combine(scale u: Float, high: Int32, low: Int32, residualPart: Float) -> Float {
        let coarsePart = Double(u) * Double(queryScale) * (Double(high) + Double(low) / Double(residualFactor))
        return Float(coarsePart) + residualPart
    }

    /// Exact scores of list `l` (optionally filtered) into `heap`.
    /// - Returns: live slots that passed the filter.
    /// - Complexity: O(slots · dimension).
    func scanExact(
        _ lists: InvertedLists, list l: Int, query: UnsafePointer<Float>, heap: inout ScoreHeap<VectorID>,
        filter: SearchFilter?
    ) -> Int {
        let n = lists.slots(l)
        guard n > 0 else { return 0 }
        let tomb = InvertedLists.tombstone
        guard let filter else {
            scanExactRows(lists, list: l, rows: n, query: query, heap: &heap, mask: nil)
            return n - lists.tombstones[l]
        }
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: n) { mask in
            var matched = 0
            lists.ids[l].withUnsafeBufferPointer { ids in
                for p in 0..<n {
                    let ok = ids[p] != tomb && filter.allows(ids[p])
                    mask[p] = ok
                    if ok { matched &+= 1 }
                }
            }
            // Scoring the whole list with the row kernels costs about as much as a quarter of its rows
            // one at a time; below that share, score only the rows that passed.
            if matched * 4 >= n {
                scanExactRows(lists, list: l, rows: n, query: query, heap: &heap, mask: UnsafePointer(mask.baseAddress!))
            } else if matched > 0 {
                lists.ids[l].withUnsafeBufferPointer { ids in
                    for p in 0..<n where mask[p] {
                        let s = exactScore(lists, list: l, slot: p, query: query)
                        if s >= heap.threshold { heap.push(s, ids[p]) }
                    }
                }
            }
            return matched
        }
    }

    /// Exact scores of the first `rows` slots of list `l` into `heap`, skipping tombstones and the
    /// slots `mask` (when given) marks false.
    private func scanExactRows(
        _ lists: InvertedLists, list l: Int, rows n: Int, query: UnsafePointer<Float>, heap: inout ScoreHeap<VectorID>,
        mask: UnsafePointer<Bool>?
    ) {
        precondition(n <= capacity, "scanner scratch too small")
        let tomb = InvertedLists.tombstone
        let d = dimension
        let residualScores = scores
        let residualScales = scores + capacity
        let high = sums
        let low = sums + capacity
        lists.coarse[l].withUnsafeBufferPointer { c1 in
            BlockedDot.dots(c1.baseAddress!, rows: n, dimension: d, query: queryCodes, into: high)
            BlockedDot.dots(c1.baseAddress!, rows: n, dimension: d, query: queryResidual, into: low)
        }
        lists.scales[l].withUnsafeBufferPointer { scales in
            for p in 0..<n { residualScales[p] = scales[p] / ScalarQuantizer.residualRatio }
            lists.residual[l].withUnsafeBufferPointer { c2 in
                QuantizedDot.scaledDotsRowwise(
                    c2.baseAddress!, rows: n, dimension: d, query: query, scales: residualScales, into: residualScores)
            }
            lists.ids[l].withUnsafeBufferPointer { ids in
                for p in 0..<n where mask?[p] ?? true {
                    let v = combine(scale: scales[p], high: high[p], low: low[p], residualPart: residualScores[p])
                    if v >= heap.threshold && ids[p] != tomb { heap.push(v, ids[p]) }
                }
            }
        }
    }

    /// Exact score of one slot, with the same arithmetic as the list-wise exact scan.
    @inline(__always)
    func exactScore(_ lists: InvertedLists, list l: Int, slot p: Int, query: UnsafePointer<Float>) -> Float {
        let d = dimension
        let u = lists.scales[l][p]
        var residualScale = u / ScalarQuantizer.residualRatio
        var residualPart: Float = 0
        lists.residual[l].withUnsafeBufferPointer { c2 in
            QuantizedDot.scaledDotsRowwise(
                c2.baseAddress! + p * d, rows: 1, dimension: d, query: query, scales: &residualScale, into: &residualPart)
        }
        // Integer sums do not depend on the order of the terms, so this plain loop gives exactly the
        // kernel's result for the row.
        var high: Int32 = 0
        var low: Int32 = 0
        lists.coarse[l].withUnsafeBufferPointer { c1 in
            let src = c1.baseAddress! + BlockedDot.offset(row: p, dimension: 0, dimensions: d)
            let stride = 2 * BlockedDot.blockRows
            for j in 0..<BlockedDot.pairs(dimension: d) {
                let a = Int32(src[j * stride])
                let b = Int32(src[j * stride + 1])
                let h = UInt32(bitPattern: queryCodes[j])
                let r = UInt32(bitPattern: queryResidual[j])
                high &+= a &* Int32(Int16(truncatingIfNeeded: h)) &+ b &* Int32(Int16(truncatingIfNeeded: h >> 16))
                low &+= a &* Int32(Int16(truncatingIfNeeded: r)) &+ b &* Int32(Int16(truncatingIfNeeded: r >> 16))
            }
        }
        return combine(scale: u, high: high, low: low, residualPart: residualPart)
    }
}
