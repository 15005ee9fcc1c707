import Testing
import VectorIndex

/// Recall against the exact oracle on real embeddings. Kept quick: a subset of GloVe-50 and
/// fewer lists; the full 390k run is `Benchmarks/VectorBenchmarks`.
@Suite struct RealDataRecallTests {
    /// GloVe subset: the base rows (non-query rows) with id below 60,000, and the first 200 queries.
    struct GloVeSubset {
        let ids: [VectorID]
        let vectors: [Float]
        let queries: [[Float]]
        let queryTruth: [[VectorID]]  // full-base ground truth (top 100), row ids

        static func load() throws -> GloVeSubset {
            let d = 50
            let all = try TestData.load(TestData.glovePath, as: Float.self)
            let queryIDs = try TestData.load(TestData.gloveQueriesPath, as: Int32.self)
            let truth = try TestData.load(TestData.gloveTruthPath, as: Int32.self)
            let isQuery = Set(queryIDs)
            var ids: [VectorID] = []
            var vectors: [Float] = []
            for r in 0..<60_000 where !isQuery.contains(Int32(r)) {
                ids.append(VectorID(r))
                vectors += all[(r * d)..<((r + 1) * d)]
            }
            let queries = queryIDs.prefix(200).map { Array(all[(Int($0) * d)..<((Int($0) + 1) * d)]) }
            let queryTruth = (0..<200).map { i in truth[(i * 100)..<((i + 1) * 100)].map { VectorID($0) } }
            return GloVeSubset(ids: ids, vectors: vectors, queries: queries, queryTruth: queryTruth)
        }
    }

    @Test(.enabled(if: TestData.hasGloVe, "needs ../shared/datasets/glove-6b-50d"))
    func gloveRecallAt10ReachesTarget() throws {
        let data = try GloVeSubset.load()
        let index = try IVFFlatIndex(dimension: 50)
        try index.build(ids: data.ids, vectors: data.vectors, lists: 60)

        // The oracle (exact cosine over the raw float32 rows) agrees with the dataset's own ground
        // truth: restricted to the subset, the full-base top-100 starts with the oracle's top-10
        // whenever it holds 10 subset rows.
        let oracle = TestData.exactTopK(queries: data.queries, rows: data.vectors, ids: data.ids, dimension: 50, k: 10)
        let inSubset = Set(data.ids)
        var checked = 0
        var agreed = 0
        for (exact, truth) in zip(oracle, data.queryTruth) {
            let restricted = truth.filter { inSubset.contains($0) }
            guard restricted.count >= 10 else { continue }
            checked += 1
            agreed += Set(exact) == Set(restricted.prefix(10)) ? 1 : 0
        }
        #expect(checked >= 30)
        #expect(Double(agreed) >= 0.98 * Double(checked), "oracle agreed on \(agreed) of \(checked)")

        // Recall@10 of the index against the oracle grows with probes and reaches 0.95.
        var best = 0.0
        var previous = 0.0
        for probes in [2, 6, 12] {
            var r = 0.0
            for (q, exact) in zip(data.queries, oracle) {
                r += TestData.recall(try index.search(q, k: 10, probes: probes), exact)
            }
            r /= Double(data.queries.count)
            #expect(r >= previous)
            previous = r
            best = max(best, r)
        }
        #expect(best >= 0.95, "best recall@10 \(best)")
        // With every list probed, the index is the oracle (stored codes are exact to ~1e-5).
        var all = 0.0
        for (q, exact) in zip(data.queries.prefix(50), oracle) {
            all += TestData.recall(try index.search(q, k: 10, probes: 60), exact)
        }
        #expect(all / 50 >= 0.995)
    }

    @Test(.enabled(if: TestData.hasGloVe, "needs ../shared/datasets/glove-6b-50d"))
    func filterMatchingOnePercentStillReturnsKWithHighRecall() throws {
        let data = try GloVeSubset.load()
        let index = try IVFFlatIndex(dimension: 50)
        try index.build(ids: data.ids, vectors: data.vectors, lists: 60)
        let allowed = IDBitmap(data.ids.filter { $0 % 100 == 7 })
        #expect(Double(allowed.count) / Double(data.ids.count) < 0.011)
        let predicate: @Sendable (VectorID) -> Bool = { $0 % 100 == 7 }
        var recall = 0.0
        let queries = data.queries.prefix(100)
        for q in queries {
            let exact = try index.exactSearch(q, k: 10, filter: .bitmap(allowed))
            let viaBitmap = try index.search(q, k: 10, probes: 6, filter: .bitmap(allowed))
            let viaPredicate = try index.search(q, k: 10, probes: 6, filter: .allow(predicate))
            #expect(viaBitmap.count == 10)
            #expect(viaBitmap == viaPredicate)
            #expect(viaBitmap.allSatisfy { allowed.contains($0.id) })
            recall += TestData.recall(viaBitmap, exact)
        }
        recall /= Double(queries.count)
        #expect(recall >= 0.95, "filtered recall@10 \(recall)")
    }

    @Test(.enabled(if: TestData.hasRetail, "needs ../shared/datasets/minilm-l6-v2/reference"))
    func retailProductEmbeddingsRecall() throws {
        let d = 384
        let vectors = try TestData.load(TestData.retailPath, as: Float.self)
        let n = vectors.count / d
        #expect(n == 3922)
        let index = try IVFFlatIndex(dimension: d)
        try index.build(ids: (0..<n).map { VectorID($0) }, vectors: vectors, lists: 40)
        let queries = stride(from: 0, to: n, by: 39).map { Array(vectors[($0 * d)..<(($0 + 1) * d)]) }
        let oracle = TestData.exactTopK(queries: queries, rows: vectors, ids: (0..<n).map { VectorID($0) }, dimension: d, k: 10)
        var best = 0.0
        for probes in [5, 15] {
            var r = 0.0
            for (q, exact) in zip(queries, oracle) {
                r += TestData.recall(try index.search(q, k: 10, probes: probes), exact)
            }
            best = max(best, r / Double(queries.count))
        }
        #expect(best >= 0.95, "best recall@10 \(best)")
        // A product is its own nearest neighbour (or ties with an identical description's vector).
        let hit = try index.search(queries[3], k: 1, probes: 15)[0]
        #expect(abs(hit.score - 1) < 1e-4)
    }
}
