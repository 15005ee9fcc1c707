import VectorKernels

/// Scores inverted lists against one query (unit length).
///
/// - `scanCoarse`: the approximate score of every slot — the blocked coarse codes against the
///   int16-quantised query (`BlockedDot`, 16 rows per step), times each row's scale — offered to
///   a candidate heap keyed by list and slot.
/// - `rerank`: the exact cosine of a candidate's stored vector (coarse plus residual codes).
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
    /// Scratch: kept scores and their slots, `capacity` entries each.
    let scores: UnsafeMutablePointer<Float>
    let rows: UnsafeMutablePointer<UInt32>
    let capacity: Int

    /// Runs `body` with a scanner for `query` able to scan lists of up to `maxSlots` slots.
    static func withScanner<R>(
        dimension d: Int, query: UnsafePointer<Float>, maxSlots: Int, _ body: (ListScanner) -> R
    ) -> R {
        let capacity = max(maxSlots, 1)
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: BlockedDot.pairs(dimension: d)) { qc in
            let qs = BlockedDot.quantizeQuery(query, dimension: d, into: qc.baseAddress!)
            return withUnsafeTemporaryAllocation(of: Float.self, capacity: capacity) { sc in
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: capacity) { rw in
                    body(
                        ListScanner(
                            dimension: d, queryCodes: qc.baseAddress!, queryScale: qs, scores: sc.baseAddress!,
                            rows: rw.baseAddress!, capacity: capacity))
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
    func scanCoarse(_ lists: InvertedLists, list l: Int, candidates: inout TopK<UInt64>) {
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
        Self.exactScore(lists, list: Int(key >> 32), slot: Int(key & 0xFFFF_FFFF), query: query)
    }

    /// Exact scores of list `l` (optionally filtered) into `heap`.
    /// - Returns: live slots that passed the filter.
    /// - Complexity: O(slots · dimension).
    static func scanExact(
        _ lists: InvertedLists, list l: Int, query: UnsafePointer<Float>, heap: inout TopK<VectorID>,
        filter: SearchFilter?
    ) -> Int {
        let n = lists.slots(l)
        guard n > 0 else { return 0 }
        let tomb = InvertedLists.tombstone
        if let filter {
            var matched = 0
            lists.ids[l].withUnsafeBufferPointer { ids in
                for p in 0..<n {
                    let id = ids[p]
                    guard id != tomb, filter.allows(id) else { continue }
                    matched &+= 1
                    let s = exactScore(lists, list: l, slot: p, query: query)
                    if s >= heap.threshold { heap.push(s, id) }
                }
            }
            return matched
        }
        let d = lists.dimension
        let coarseRows = lists.coarseRows(list: l)
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 3 * n) { buf in
            let first = buf.baseAddress!
            let second = first + n
            let residualScales = first + 2 * n
            lists.scales[l].withUnsafeBufferPointer { scales in
                for p in 0..<n { residualScales[p] = scales[p] / ScalarQuantizer.residualRatio }
                coarseRows.withUnsafeBufferPointer { c1 in
                    QuantizedDot.scaledDotsRowwise(
                        c1.baseAddress!, rows: n, dimension: d, query: query, scales: scales.baseAddress!, into: first)
                }
                lists.residual[l].withUnsafeBufferPointer { c2 in
                    QuantizedDot.scaledDotsRowwise(
                        c2.baseAddress!, rows: n, dimension: d, query: query, scales: residualScales, into: second)
                }
            }
            lists.ids[l].withUnsafeBufferPointer { ids in
                for p in 0..<n {
                    let v = first[p] + second[p]
                    if v >= heap.threshold && ids[p] != tomb { heap.push(v, ids[p]) }
                }
            }
        }
        return n - lists.tombstones[l]
    }

    /// Exact score of one slot: `u·⟨c₁, q⟩ + (u/254)·⟨c₂, q⟩`, with the same kernel and the same
    /// arithmetic as the list-wise exact scan.
    @inline(__always)
    static func exactScore(_ lists: InvertedLists, list l: Int, slot p: Int, query: UnsafePointer<Float>) -> Float {
        let d = lists.dimension
        var scales = (lists.scales[l][p], lists.scales[l][p] / ScalarQuantizer.residualRatio)
        var parts: (Float, Float) = (0, 0)
        withUnsafeMutablePointer(to: &parts) { out in
            withUnsafePointer(to: &scales) { sc in
                let o = UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self)
                let s = UnsafeRawPointer(sc).assumingMemoryBound(to: Float.self)
                withUnsafeTemporaryAllocation(of: Int8.self, capacity: d) { c1 in
                    lists.coarseRow(list: l, slot: p, into: c1.baseAddress!)
                    QuantizedDot.scaledDotsRowwise(c1.baseAddress!, rows: 1, dimension: d, query: query, scales: s, into: o)
                }
                lists.residual[l].withUnsafeBufferPointer { c2 in
                    QuantizedDot.scaledDotsRowwise(
                        c2.baseAddress! + p * d, rows: 1, dimension: d, query: query, scales: s + 1, into: o + 1)
                }
            }
        }
        return parts.0 + parts.1
    }
}
