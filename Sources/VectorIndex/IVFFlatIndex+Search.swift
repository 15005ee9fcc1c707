extension IVFFlatIndex {
    /// The `k` stored vectors most cosine-similar to `query`, best first.
    ///
    /// Scans the `probes` lists whose centroids are closest to the query. With a filter, only
    /// matching ids are returned, and the scan goes on past `probes` lists, in order of
    /// closeness, until it has seen at least as many *matching* vectors as an unfiltered
    /// search would have scored (`probes × rows / lists`, and at least `k`), or until every
    /// list is scanned. So the result is never short when `k` matching vectors exist, and a
    /// very selective filter ends up as an exact scan of the matching vectors.
    ///
    /// - Parameters:
    ///   - query: `dimension` floats, non-zero and finite (normalised here).
    ///   - k: `1...maxK`.
    ///   - probes: lists to scan, ≥ 1 (clamped to `lists`); default `defaultProbes`.
    ///   - filter: an allow-predicate or id bitmap; `nil` for all ids.
    /// - Returns: up to `k` hits with `score` = cosine similarity, best first (ties: smaller id first).
    /// - Throws: `notTrained`, `dimensionMismatch`, `zeroVector`, `nonFiniteValue`, `invalidParameter`.
    /// - Complexity: O(lists·dimension + scanned vectors·dimension + scanned·log k).
    public func search(
        _ query: [Float], k: Int, probes: Int? = nil, filter: SearchFilter? = nil
    ) throws(VectorIndexError) -> [SearchHit] {
        try checkK(k)
        if let probes, probes < 1 { throw VectorIndexError(.invalidParameter, "probes must be ≥ 1; got \(probes)") }
        let q = try VectorInput.normalizedOne(query, dimension: dimension, what: "query")
        return try lock.withReadLock { () throws(VectorIndexError) -> [SearchHit] in
            guard let quantizer = state.quantizer else {
                throw VectorIndexError(.notTrained, "train the index before searching")
            }
            let p = min(probes ?? Self.defaultProbes(lists: quantizer.lists), quantizer.lists)
            return Self.searchOne(q, k: k, probes: p, filter: filter, exhaustive: false, quantizer: quantizer, lists: state.lists)
        }
    }

    /// Exact search: every list scanned, same scoring as `search`. The ground truth for recall.
    /// - Complexity: O(rows · dimension).
    public func exactSearch(_ query: [Float], k: Int, filter: SearchFilter? = nil) throws(VectorIndexError) -> [SearchHit] {
        try checkK(k)
        let q = try VectorInput.normalizedOne(query, dimension: dimension, what: "query")
        return try lock.withReadLock { () throws(VectorIndexError) -> [SearchHit] in
            guard let quantizer = state.quantizer else {
                throw VectorIndexError(.notTrained, "train the index before searching")
            }
            return Self.searchOne(
                q, k: k, probes: quantizer.lists, filter: filter, exhaustive: true, quantizer: quantizer, lists: state.lists)
        }
    }

    func checkK(_ k: Int) throws(VectorIndexError) {
        guard k >= 1, k <= Self.maxK else {
            throw VectorIndexError(.invalidParameter, "k must be in 1...\(Self.maxK); got \(k)")
        }
    }

    /// Candidates kept by the coarse pass before the exact re-rank.
    static func candidateCount(k: Int) -> Int { k + max(32, k) }

    static func searchOne(
        _ q: [Float], k: Int, probes: Int, filter: SearchFilter?, exhaustive: Bool,
        quantizer: CoarseQuantizer, lists: InvertedLists, coarse: Bool = true
    ) -> [SearchHit] {
        q.withUnsafeBufferPointer { qb in
            let query = qb.baseAddress!
            return withUnsafeTemporaryAllocation(of: Float.self, capacity: k) { hs in
                withUnsafeTemporaryAllocation(of: VectorID.self, capacity: k) { hi in
                    var heap = ScoreHeap<VectorID>(scores: hs.baseAddress!, ids: hi.baseAddress!, k: k)
                    if !exhaustive && filter == nil && coarse {
                        scanAndRerank(query, heap: &heap, probes: probes, quantizer: quantizer, lists: lists)
                        return heap.sortedHits()
                    }
                    let maxSlots = lists.slotCounts.max().map { Int($0) } ?? 0
                    ListScanner.withScanner(dimension: quantizer.dimension, query: query, maxSlots: maxSlots) { scanner in
                        if exhaustive {
                            for l in 0..<lists.listCount {
                                _ = scanner.scanExact(lists, list: l, query: query, heap: &heap, filter: filter)
                            }
                        } else if filter == nil {
                            // No 8-bit first pass: both code levels for every row of the probed lists.
                            for l in quantizer.nearestLists(query, probes: probes) {
                                _ = scanner.scanExact(lists, list: Int(l), query: query, heap: &heap, filter: nil)
                            }
                        } else if let filter {
                            let order = quantizer.allListsByCloseness(query)
                            let budget = max(k, probes * lists.liveCount / max(quantizer.lists, 1))
                            var matched = 0
                            for (i, l) in order.enumerated() {
                                matched += scanner.scanExact(lists, list: Int(l), query: query, heap: &heap, filter: filter)
                                if i + 1 >= probes && matched >= budget { break }
                            }
                        }
                    }
                    return heap.sortedHits()
                }
            }
        }
    }

    /// The unfiltered search: a coarse pass over the probed lists keeps the best
    /// `candidateCount(k:)` slots by approximate score, then their exact scores feed `heap`.
    static func scanAndRerank(
        _ query: UnsafePointer<Float>, heap: inout ScoreHeap<VectorID>, probes: Int, quantizer: CoarseQuantizer,
        lists: InvertedLists
    ) {
        let order = quantizer.nearestLists(query, probes: probes)
        var maxSlots = 0
        for l in order { maxSlots = max(maxSlots, lists.slots(Int(l))) }
        let r = candidateCount(k: heap.k)
        withUnsafeTemporaryAllocation(of: Float.self, capacity: r) { cs in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: r) { ck in
                var candidates = ScoreHeap<UInt64>(scores: cs.baseAddress!, ids: ck.baseAddress!, k: r)
                ListScanner.withScanner(dimension: quantizer.dimension, query: query, maxSlots: maxSlots) { scanner in
                    for i in 0..<min(2, order.count) { lists.prefetchHead(list: Int(order[i])) }
                    for i in 0..<order.count {
                        if i + 2 < order.count { lists.prefetchHead(list: Int(order[i + 2])) }
                        scanner.scanCoarse(lists, list: Int(order[i]), candidates: &candidates)
                    }
                    for i in 0..<candidates.count {
                        lists.prefetchResidual(list: Int(ck[i] >> 32), slot: Int(ck[i] & 0xFFFF_FFFF))
                    }
                    for i in 0..<candidates.count {
                        let key = ck[i]
                        let exact = scanner.rerank(lists, key: key, query: query)
                        let id = lists.ids[Int(key >> 32)][Int(key & 0xFFFF_FFFF)]
                        if exact >= heap.threshold { heap.push(exact, id) }
                    }
                }
            }
        }
    }
}
