import VectorKernels

/// Scores inverted lists against one query (unit length).
///
/// - `scanCoarse`: dot products of the coarse codes with the query, times each row's scale: the
///   approximate score of every slot, offered to a candidate heap keyed by list and slot.
/// - `rerank`: the exact cosine of a candidate's stored vector (coarse plus residual codes).
/// - `scanExact`: exact scores straight away, for exhaustive and filtered scans. With a filter,
///   the filter runs first and only matching slots are scored, which keeps selective filters cheap.
struct ListScanner {
    let dimension: Int
    private var partial: [Float] = []
    private var keptRows: [UInt32] = []
    private var residualScales: [Float] = []

    init(dimension: Int) {
        self.dimension = dimension
    }

    /// Packs a list and a slot into a candidate key.
    @inline(__always)
    static func key(list l: Int, slot p: Int) -> UInt64 { UInt64(l) << 32 | UInt64(p) }

    private mutating func ensure(_ slots: Int) {
        if partial.count < slots {
            partial = [Float](repeating: 0, count: max(slots, partial.count * 2, 512))
        }
    }

    /// Starts loading list `l`'s coarse codes and scales into cache.
    @inline(__always)
    func prefetch(_ lists: InvertedLists, list l: Int) {
        let n = lists.slots(l)
        guard n > 0 else { return }
        lists.coarse[l].withUnsafeBytes { QuantizedDot.prefetch($0.baseAddress!, bytes: min($0.count, 1 << 16)) }
        lists.scales[l].withUnsafeBytes { QuantizedDot.prefetch($0.baseAddress!, bytes: min($0.count, 1 << 14)) }
    }

    /// Approximate scores of list `l` into `candidates`: each row's scale times the dot product
    /// of its coarse codes with the query (`QuantizedDot`, vectorised for the running CPU).
    /// - Complexity: O(slots · dimension).
    @inline(__always)
    mutating func scanCoarse(
        _ lists: InvertedLists, list l: Int, query: UnsafePointer<Float>, candidates: inout TopK<UInt64>
    ) {
        let n = lists.slots(l)
        guard n > 0 else { return }
        ensure(n)
        let d = dimension
        let tomb = InvertedLists.tombstone
        if keptRows.count < n { keptRows = [UInt32](repeating: 0, count: partial.count) }
        var scoresBuffer = partial
        partial = []
        scoresBuffer.withUnsafeMutableBufferPointer { sb in
            keptRows.withUnsafeMutableBufferPointer { kr in
                let s = sb.baseAddress!
                let kept = lists.coarse[l].withUnsafeBufferPointer { codes in
                    lists.scales[l].withUnsafeBufferPointer { scales in
                        QuantizedDot.scaledDots(
                            codes.baseAddress!, rows: n, dimension: d, query: query, scales: scales.baseAddress!,
                            atLeast: candidates.threshold, into: s, rows: kr.baseAddress!)
                    }
                }
                lists.ids[l].withUnsafeBufferPointer { ids in
                    for j in 0..<kept {
                        let v = s[j]
                        let p = Int(kr[j])
                        if v >= candidates.threshold && ids[p] != tomb { candidates.push(v, Self.key(list: l, slot: p)) }
                    }
                }
            }
        }
        partial = scoresBuffer
    }

    /// Exact score of a candidate found by `scanCoarse`.
    @inline(__always)
    func rerank(_ lists: InvertedLists, key: UInt64, query: UnsafePointer<Float>) -> Float {
        exactScore(lists, list: Int(key >> 32), slot: Int(key & 0xFFFF_FFFF), query: query)
    }

    /// Exact scores of list `l` (optionally filtered) into `heap`.
    /// - Returns: live slots that passed the filter.
    /// - Complexity: O(slots · dimension).
    mutating func scanExact(
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
        ensure(n)
        if residualScales.count < n { residualScales = [Float](repeating: 0, count: partial.count) }
        var first = [Float](repeating: 0, count: n)
        var scoresBuffer = partial
        partial = []
        let d = dimension
        first.withUnsafeMutableBufferPointer { f in
            scoresBuffer.withUnsafeMutableBufferPointer { sb in
                residualScales.withUnsafeMutableBufferPointer { rs in
                    lists.scales[l].withUnsafeBufferPointer { scales in
                        for p in 0..<n { rs[p] = scales[p] / ScalarQuantizer.residualRatio }
                        lists.coarse[l].withUnsafeBufferPointer { c1 in
                            QuantizedDot.scaledDotsRowwise(
                                c1.baseAddress!, rows: n, dimension: d, query: query, scales: scales.baseAddress!,
                                into: f.baseAddress!)
                        }
                        lists.residual[l].withUnsafeBufferPointer { c2 in
                            QuantizedDot.scaledDotsRowwise(
                                c2.baseAddress!, rows: n, dimension: d, query: query, scales: rs.baseAddress!,
                                into: sb.baseAddress!)
                        }
                    }
                }
                lists.ids[l].withUnsafeBufferPointer { ids in
                    for p in 0..<n {
                        let v = f[p] + sb[p]
                        if v >= heap.threshold && ids[p] != tomb { heap.push(v, ids[p]) }
                    }
                }
            }
        }
        partial = scoresBuffer
        return n - lists.tombstones[l]
    }

    /// Exact score of one slot: `u·⟨c₁, q⟩ + (u/254)·⟨c₂, q⟩`, with the same kernel and the same
    /// arithmetic as the list-wise exact scan.
    @inline(__always)
    func exactScore(_ lists: InvertedLists, list l: Int, slot p: Int, query: UnsafePointer<Float>) -> Float {
        let d = dimension
        var scales = (lists.scales[l][p], lists.scales[l][p] / ScalarQuantizer.residualRatio)
        var parts: (Float, Float) = (0, 0)
        withUnsafeMutablePointer(to: &parts) { out in
            withUnsafePointer(to: &scales) { sc in
                let o = UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self)
                let s = UnsafeRawPointer(sc).assumingMemoryBound(to: Float.self)
                lists.coarse[l].withUnsafeBufferPointer { c1 in
                    QuantizedDot.scaledDotsRowwise(c1.baseAddress! + p * d, rows: 1, dimension: d, query: query, scales: s, into: o)
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
