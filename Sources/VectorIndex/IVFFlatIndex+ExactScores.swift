extension IVFFlatIndex {
    /// The `k` stored vectors most cosine-similar to `query`, best first, chosen by `options` and,
    /// with `vectors`, scored exactly on the caller's float32 vectors.
    ///
    /// Which vectors are scanned:
    /// - `options.exact`, an index with one list or fewer than `exactSearchThreshold` vectors: all of them;
    /// - `options.probes`: that many lists;
    /// - otherwise the probes the calibration gives for `options.recall` (default: the policy's target;
    ///   a target of 1 scans everything); before the first calibration, `defaultProbes`.
    ///
    /// Scoring: the scan keeps the best `k + max(32, k)` candidates by the index's code-based scores (the
    /// 8-bit first pass — then, without `vectors`, both code levels for the candidates; both code levels for
    /// every row in exhaustive and filtered scans or when the policy turns quantization off). With `vectors`,
    /// each candidate is then re-scored as the cosine of the query
    /// and the float32 vector `vectors` holds for it (Double arithmetic), so returned scores are exact
    /// cosines; a candidate `vectors` no longer has is dropped. Without `vectors`, scores are the
    /// cosines of the stored codes (within ~1e-5).
    ///
    /// An untrained, empty index returns no hits.
    /// - Throws: `dimensionMismatch`, `zeroVector`, `nonFiniteValue`, `invalidParameter`.
    public func search(
        _ query: [Float], k: Int, options: SearchOptions, filter: SearchFilter? = nil, vectors: (any VectorSource)? = nil
    ) throws(VectorIndexError) -> [SearchHit] {
        try checkK(k)
        try options.validate()
        let q = try VectorInput.normalizedOne(query, dimension: dimension, what: "query")
        let keep = vectors == nil ? k : min(Self.maxK, Self.candidateCount(k: k))
        let candidates = try lock.withReadLock { () throws(VectorIndexError) -> [SearchHit] in
            guard let quantizer = state.quantizer else {
                if state.lists.liveCount == 0 { return [] }
                throw VectorIndexError(.notTrained, "train the index before searching")
            }
            let lists = quantizer.lists
            var probes: Int? = options.probes
            if probes == nil && !options.exact && !Self.exhaustiveByDefault(lists: lists, rows: state.lists.liveCount) {
                let target = options.recall ?? state.policy.recallTarget
                if target < 1 {
                    if let c = state.calibration, c.lists == lists {
                        probes = c.probes(for: target)
                    } else {
                        probes = Self.defaultProbes(lists: lists)
                    }
                }
            }
            let exhaustive = options.exact || probes == nil || probes! >= lists
            if vectors != nil && !exhaustive && filter == nil && state.policy.quantization {
                // The fast path: the 8-bit pass's best candidates go straight to the float32 re-rank.
                return Self.coarseCandidates(
                    q, count: keep, probes: probes!, quantizer: quantizer, lists: state.lists)
            }
            return Self.searchOne(
                q, k: keep, probes: min(probes ?? lists, lists), filter: filter, exhaustive: exhaustive,
                quantizer: quantizer, lists: state.lists, coarse: state.policy.quantization)
        }
        guard let vectors else { return candidates }
        return Self.rescore(query, candidates: candidates, k: k, vectors: vectors)
    }

    /// The best `count` slots of the probed lists by the 8-bit first pass alone (scores are approximate).
    static func coarseCandidates(
        _ q: [Float], count r: Int, probes: Int, quantizer: CoarseQuantizer, lists: InvertedLists
    ) -> [SearchHit] {
        q.withUnsafeBufferPointer { qb in
            let query = qb.baseAddress!
            let order = quantizer.nearestLists(query, probes: probes)
            var maxSlots = 0
            for l in order { maxSlots = max(maxSlots, lists.slots(Int(l))) }
            return withUnsafeTemporaryAllocation(of: Float.self, capacity: r) { cs in
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: r) { ck in
                    var candidates = ScoreHeap<UInt64>(scores: cs.baseAddress!, ids: ck.baseAddress!, k: r)
                    ListScanner.withScanner(dimension: quantizer.dimension, query: query, maxSlots: maxSlots) { scanner in
                        for i in 0..<min(2, order.count) { lists.prefetchHead(list: Int(order[i])) }
                        for i in 0..<order.count {
                            if i + 2 < order.count { lists.prefetchHead(list: Int(order[i + 2])) }
                            scanner.scanCoarse(lists, list: Int(order[i]), candidates: &candidates)
                        }
                    }
                    return (0..<candidates.count).map { i in
                        let key = ck[i]
                        return SearchHit(id: lists.ids[Int(key >> 32)][Int(key & 0xFFFF_FFFF)], score: cs[i])
                    }
                }
            }
        }
    }

    /// The `k` of `ids` most cosine-similar to `query`, best first, each scored exactly on its float32 vector in
    /// `vectors`, without scanning the lists: the search for a filter that already named its few candidates (a
    /// property index narrowed them). Ids the index does not hold, `filter` rejects (asked for held ids only, as in
    /// a scan) or `vectors` has no vector for are skipped, so the answer is what an exhaustive filtered search over
    /// these ids gives, with exact scores throughout.
    /// - Throws: `dimensionMismatch`, `zeroVector`, `nonFiniteValue`, `invalidParameter` (k).
    /// - Complexity: O(ids · dimension + ids · log ids).
    public func searchAmong(
        _ ids: [VectorID], query: [Float], k: Int, filter: SearchFilter? = nil, vectors: any VectorSource
    ) throws(VectorIndexError) -> [SearchHit] {
        try checkK(k)
        _ = try VectorInput.normalizedOne(query, dimension: dimension, what: "query")
        let held = lock.withReadLock { ids.filter { state.listOf[$0] != nil && filter?.allows($0) != false } }
        return Self.rescore(query, candidates: held.map { SearchHit(id: $0, score: 0) }, k: k, vectors: vectors)
    }

    /// Exact cosines of `query` with the candidates' float32 vectors, best `k` first (ties: smaller id).
    static func rescore(_ query: [Float], candidates: [SearchHit], k: Int, vectors: any VectorSource) -> [SearchHit] {
        var qq = 0.0
        for x in query { qq += Double(x) * Double(x) }
        let qn = qq.squareRoot()
        var out: [SearchHit] = []
        out.reserveCapacity(candidates.count)
        for c in candidates { vectors.prefetch(c.id) }
        query.withUnsafeBufferPointer { qb in
            for c in candidates {
                var score: Float?
                let found = vectors.withVector(c.id) { v in
                    guard v.count == qb.count else { return }
                    var dot = 0.0
                    var vv = 0.0
                    for i in 0..<v.count {
                        let x = Double(v[i])
                        dot += Double(qb[i]) * x
                        vv += x * x
                    }
                    guard vv > 0, vv.isFinite, dot.isFinite else { return }
                    score = Float(dot / (qn * vv.squareRoot()))
                }
                if found, let score { out.append(SearchHit(id: c.id, score: score)) }
            }
        }
        out.sort { $0.score > $1.score || ($0.score == $1.score && $0.id < $1.id) }
        if out.count > k { out.removeLast(out.count - k) }
        return out
    }
}
