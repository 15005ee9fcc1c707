import Testing
import VectorIndex

@Suite struct IVFFlatIndexTests {
    static let d = 16
    static let n = 3000
    static let data = TestData.clustered(count: n, dimension: d, centres: 30, seed: 7)
    static let ids = (0..<n).map { VectorID($0 * 3 + 1) }

    static func built(lists: Int = 20) throws -> IVFFlatIndex {
        let index = try IVFFlatIndex(dimension: d)
        try index.build(ids: ids, vectors: data, lists: lists)
        return index
    }

    static func query(_ i: Int) -> [Float] {
        TestData.clustered(count: 1, dimension: d, centres: 1, seed: UInt64(1000 + i))
    }

    @Test func exactSearchMatchesBruteForce() throws {
        let index = try Self.built()
        for i in 0..<20 {
            let q = Self.query(i)
            let got = try index.exactSearch(q, k: 10)
            let truth = TestData.bruteForce(q, rows: Self.data, ids: Self.ids, dimension: Self.d, k: 10)
            #expect(got.map(\.id) == truth.map(\.id))
            for (g, t) in zip(got, truth) { #expect(abs(g.score - t.score) < 1e-4) }
        }
    }

    @Test func allProbesEqualsExactAndRecallGrowsWithProbes() throws {
        let index = try Self.built()
        #expect(index.lists == 20 && index.count == Self.n)
        var recalls: [Double] = []
        for probes in [1, 4, 20] {
            var r = 0.0
            for i in 0..<40 {
                let q = Self.query(i)
                r += TestData.recall(try index.search(q, k: 10, probes: probes), try index.exactSearch(q, k: 10))
            }
            recalls.append(r / 40)
        }
        #expect(recalls[2] == 1.0)
        #expect(recalls[0] <= recalls[1] && recalls[1] <= recalls[2])
        #expect(recalls[1] >= 0.8)
    }

    @Test func batchSearchEqualsSingleSearch() throws {
        let index = try Self.built()
        let queries = (0..<50).flatMap { Self.query($0) }
        for threads in [1, 2] {
            let batch = try index.search(queries: queries, k: 7, probes: 3, threads: threads)
            #expect(batch.count == 50)
            for i in 0..<50 {
                let single = try index.search(Self.query(i), k: 7, probes: 3)
                #expect(batch[i].map(\.id) == single.map(\.id), "query \(i), threads \(threads)")
            }
        }
    }

    @Test func addUpsertRemoveAndCompact() throws {
        let index = try Self.built()
        let q = Self.query(3)
        let best = try index.exactSearch(q, k: 1)[0]
        // Remove: the best hit disappears.
        #expect(index.remove(id: best.id))
        #expect(!index.remove(id: best.id))
        #expect(try index.exactSearch(q, k: 5).allSatisfy { $0.id != best.id })
        #expect(index.count == Self.n - 1)
        // Add a vector equal to the query: it becomes the top hit with score 1.
        try index.add(id: 999_999, vector: q)
        let top = try index.search(q, k: 1, probes: 1)[0]
        #expect(top.id == 999_999 && abs(top.score - 1) < 1e-5)
        // Adding the same id again is an error; upsert moves it.
        #expect(throws: VectorIndexError.self) { try index.add(id: 999_999, vector: q) }
        let far = q.map { -$0 }
        try index.upsert(id: 999_999, vector: far)
        #expect(try index.exactSearch(q, k: 10).allSatisfy { $0.id != 999_999 })
        #expect(try index.exactSearch(far, k: 1)[0].id == 999_999)
        // Many removals trigger per-list compaction; explicit compaction keeps results.
        for id in Self.ids.prefix(1500) { index.remove(id: id) }
        let before = try index.exactSearch(q, k: 10)
        index.compact()
        #expect(try index.exactSearch(q, k: 10) == before)
        #expect(index.count == Self.n - 1500 + 1 - (Self.ids.prefix(1500).contains(best.id) ? 0 : 1))
        #expect(before.allSatisfy { $0.id == 999_999 || !Self.ids.prefix(1500).contains($0.id) })
    }

    @Test func retrainRebalancesAndKeepsVectors() throws {
        let index = try Self.built(lists: 5)
        let q = Self.query(9)
        let before = try index.exactSearch(q, k: 10)
        try index.train(Self.data, lists: 40)
        #expect(index.lists == 40 && index.count == Self.n)
        #expect(try index.exactSearch(q, k: 10).map(\.id) == before.map(\.id))
        #expect(index.listSizes.reduce(0, +) == Self.n)
        #expect(index.imbalance >= 1)
    }

    @Test func highDimensionalVectors() throws {
        let d = 4096
        let data = TestData.clustered(count: 120, dimension: d, centres: 6, seed: 3)
        let index = try IVFFlatIndex(dimension: d)
        try index.build(ids: (0..<120).map { VectorID($0) }, vectors: data, lists: 6)
        let q = Array(data[(17 * d)..<(18 * d)])
        let hits = try index.search(q, k: 3, probes: 6)
        #expect(hits.first?.id == 17)
        #expect(abs(hits[0].score - 1) < 1e-4)
    }

    @Test func defaultsFollowPgvector() {
        #expect(IVFFlatIndex.defaultLists(rows: 500) == 1)
        #expect(IVFFlatIndex.defaultLists(rows: 390_000) == 390)
        #expect(IVFFlatIndex.defaultProbes(lists: 1000) == 31)
        #expect(IVFFlatIndex.defaultProbes(lists: 1) == 1)
    }

    @Test func concurrentSearchesWhileWriting() async throws {
        let index = try Self.built()
        let extra = TestData.clustered(count: 400, dimension: Self.d, centres: 10, seed: 99)
        await withTaskGroup(of: Int.self) { group in
            group.addTask {
                for i in 0..<400 {
                    try? index.add(id: VectorID(100_000 + i), vector: Array(extra[(i * Self.d)..<((i + 1) * Self.d)]))
                    if i % 3 == 0 { index.remove(id: Self.ids[i]) }
                }
                return 0
            }
            for t in 0..<3 {
                group.addTask {
                    var ok = 0
                    for i in 0..<60 {
                        if let hits = try? index.search(Self.query(t * 100 + i), k: 10, probes: 4), hits.count == 10 {
                            ok += 1
                        }
                    }
                    return ok
                }
            }
            var total = 0
            for await r in group { total += r }
            #expect(total == 180)
        }
        #expect(index.count == Self.n + 400 - 134)
    }
}
