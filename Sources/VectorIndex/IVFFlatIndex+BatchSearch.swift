import Dispatch
import VectorKernels

extension IVFFlatIndex {
    /// Searches many queries at once: results equal to calling `search` on each.
    ///
    /// Queries are grouped by the lists they probe; for each list, the queries that probe it
    /// are scored against the whole list with one `sgemm`. That turns many memory-bound
    /// `sgemv`s into a few compute-bound matrix products.
    ///
    /// - Parameters:
    ///   - queries: `n × dimension` floats, row-major.
    ///   - k: `1...maxK`.
    ///   - probes: as in `search`.
    ///   - filter: as in `search`; filtered batches run query by query.
    ///   - threads: worker threads (each takes a slice of the queries; BLAS itself stays single-threaded).
    /// - Returns: one hit list per query, in query order.
    /// - Complexity: O(n·lists·dimension + n·probes·(rows/lists)·dimension).
    public func search(
        queries: [Float], k: Int, probes: Int? = nil, filter: SearchFilter? = nil, threads: Int = 1
    ) throws(VectorIndexError) -> [[SearchHit]] {
        try checkK(k)
        if let probes, probes < 1 { throw VectorIndexError(.invalidParameter, "probes must be ≥ 1; got \(probes)") }
        guard threads >= 1 else { throw VectorIndexError(.invalidParameter, "threads must be ≥ 1; got \(threads)") }
        let unit = try VectorInput.normalized(queries, dimension: dimension, what: "query")
        let d = dimension
        let n = unit.count / d
        if let filter {
            var out: [[SearchHit]] = []
            for i in 0..<n {
                out.append(try search(Array(queries[(i * d)..<((i + 1) * d)]), k: k, probes: probes, filter: filter))
            }
            return out
        }
        return try lock.withReadLock { () throws(VectorIndexError) -> [[SearchHit]] in
            guard let quantizer = state.quantizer else {
                throw VectorIndexError(.notTrained, "train the index before searching")
            }
            let p = min(probes ?? Self.defaultProbes(lists: quantizer.lists), quantizer.lists)
            var results = [[SearchHit]](repeating: [], count: n)
            let workers = min(threads, max(1, n / 64))
            let lists = state.lists
            results.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let outBase = out.baseAddress!
                let perWorker = (n + workers - 1) / workers
                let body: @Sendable (Int) -> Void = { w in
                    let start = w * perWorker
                    let end = min(n, start + perWorker)
                    guard start < end else { return }
                    var s = start
                    while s < end {  // blocks bound the scratch memory
                        let e = min(end, s + 8192)
                        let hits = Self.searchBlock(
                            unit, from: s, to: e, k: k, probes: p, quantizer: quantizer, lists: lists)
                        for (i, h) in hits.enumerated() { (outBase + s + i).pointee = h }
                        s = e
                    }
                }
                if workers == 1 {
                    body(0)
                } else {
                    DispatchQueue.concurrentPerform(iterations: workers, execute: body)
                }
            }
            return results
        }
    }

    static func searchBlock(
        _ unit: [Float], from start: Int, to end: Int, k: Int, probes p: Int,
        quantizer: CoarseQuantizer, lists: InvertedLists
    ) -> [[SearchHit]] {
        let d = quantizer.dimension
        let nq = end - start
        let L = quantizer.lists
        // 1. Every query against every centroid, then each query's closest `p` lists.
        var probeLists = [Int32](repeating: 0, count: nq * p)
        do {
            let chunk = max(1, min(nq, (1 << 22) / max(L, 1)))
            var cs = [Float](repeating: 0, count: chunk * L)
            unit.withUnsafeBufferPointer { u in
                quantizer.centroids.withUnsafeBufferPointer { c in
                    cs.withUnsafeMutableBufferPointer { csb in
                        var q0 = 0
                        while q0 < nq {
                            let rows = min(chunk, nq - q0)
                            InnerProducts.matrixMatrix(
                                queries: rows, rows: L, dimension: d, queryMatrix: u.baseAddress! + (start + q0) * d,
                                matrix: c.baseAddress!, scores: csb.baseAddress!)
                            for r in 0..<rows {
                                let top = CoarseQuantizer.topIndices(csb.baseAddress! + r * L, count: L, take: p)
                                for j in 0..<p { probeLists[(q0 + r) * p + j] = top[j] }
                            }
                            q0 += rows
                        }
                    }
                }
            }
        }
        // 2. Invert: the queries of each list (counting sort).
        var offsets = [Int](repeating: 0, count: L + 1)
        for l in probeLists { offsets[Int(l) + 1] += 1 }
        for l in 0..<L { offsets[l + 1] += offsets[l] }
        var members = [Int32](repeating: 0, count: nq * p)
        do {
            var fill = offsets
            for q in 0..<nq {
                for j in 0..<p {
                    let l = Int(probeLists[q * p + j])
                    members[fill[l]] = Int32(q)
                    fill[l] += 1
                }
            }
        }
        // 3. Per list: reconstruct its vectors, gather its queries, one sgemm, feed each query's heap.
        var heaps = ScoreHeaps(heaps: nq, k: k)
        var gathered = [Float]()
        var scores = [Float]()
        var decoded = [Float]()
        let tomb = InvertedLists.tombstone
        unit.withUnsafeBufferPointer { u in
            for l in 0..<L {
                let m = offsets[l + 1] - offsets[l]
                let slots = lists.slots(l)
                guard m > 0, slots > 0 else { continue }
                if gathered.count < m * d { gathered = [Float](repeating: 0, count: m * d) }
                if scores.count < m * slots { scores = [Float](repeating: 0, count: m * slots) }
                if decoded.count < slots * d { decoded = [Float](repeating: 0, count: slots * d) }
                gathered.withUnsafeMutableBufferPointer { g in
                    for i in 0..<m {
                        let q = Int(members[offsets[l] + i])
                        (g.baseAddress! + i * d).update(from: u.baseAddress! + (start + q) * d, count: d)
                    }
                }
                decoded.withUnsafeMutableBufferPointer { dec in
                    lists.coarseRows(list: l).withUnsafeBufferPointer { c1 in
                        lists.residual[l].withUnsafeBufferPointer { c2 in
                            lists.scales[l].withUnsafeBufferPointer { sc in
                                for p in 0..<slots {
                                    ScalarQuantizer.decode(
                                        scale: sc[p], coarse: c1.baseAddress! + p * d, residual: c2.baseAddress! + p * d,
                                        dimension: d, into: dec.baseAddress! + p * d)
                                }
                            }
                        }
                    }
                }
                lists.ids[l].withUnsafeBufferPointer { ids in
                    decoded.withUnsafeBufferPointer { vecs in
                        scores.withUnsafeMutableBufferPointer { sc in
                            gathered.withUnsafeBufferPointer { g in
                                InnerProducts.matrixMatrix(
                                    queries: m, rows: slots, dimension: d, queryMatrix: g.baseAddress!,
                                    matrix: vecs.baseAddress!, scores: sc.baseAddress!)
                            }
                            for i in 0..<m {
                                let q = Int(members[offsets[l] + i])
                                let row = sc.baseAddress! + i * slots
                                heaps.withHeap(q) { heap in
                                    for s in 0..<slots {
                                        let v = row[s]
                                        if v >= heap.threshold {
                                            let id = ids[s]
                                            if id != tomb { heap.push(v, id) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (0..<nq).map { heaps.sortedHits($0) }
    }
}
