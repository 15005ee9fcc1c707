import Synchronization
import Testing
import VectorIndex

@Suite struct FilteredSearchTests {
    static let d = 12
    static let n = 4000
    static let data = TestData.clustered(count: n, dimension: d, centres: 40, seed: 11)
    static let ids = (0..<n).map { VectorID($0) }

    static func index() throws -> IVFFlatIndex {
        let index = try IVFFlatIndex(dimension: d)
        try index.build(ids: ids, vectors: data, lists: 40)
        return index
    }

    @Test func resultIsNeverShortWhenKMatchesExist() throws {
        let index = try Self.index()
        // Exactly 10 matching vectors, spread over the lists: all 10 come back even with 1 probe.
        let ten = IDBitmap((0..<10).map { VectorID($0 * 397) })
        let q = TestData.clustered(count: 1, dimension: Self.d, centres: 1, seed: 5)
        let hits = try index.search(q, k: 10, probes: 1, filter: .bitmap(ten))
        #expect(Set(hits.map(\.id)) == Set((0..<10).map { VectorID($0 * 397) }))
        // Fewer matches than k: all of them, no padding.
        let three = try index.search(q, k: 10, probes: 1, filter: .allow { $0 == 1 || $0 == 2 || $0 == 3 })
        #expect(Set(three.map(\.id)) == [1, 2, 3])
        // No match: empty.
        #expect(try index.search(q, k: 5, probes: 1, filter: .bitmap(IDBitmap())).isEmpty)
    }

    @Test func aNarrowedFilterIsItsBitmapAndItsPredicate() throws {
        let index = try Self.index()
        let bitmap = IDBitmap((0..<Self.n).filter { $0 % 3 == 0 }.map { VectorID($0) })
        let calls = Mutex(Set<VectorID>())
        let predicate: @Sendable (VectorID) -> Bool = { id in
            calls.withLock { _ = $0.insert(id) }
            return id % 2 == 0
        }
        for seed in 0..<10 as Range<UInt64> {
            let q = TestData.clustered(count: 1, dimension: Self.d, centres: 1, seed: 300 + seed)
            let narrowed = try index.search(q, k: 10, probes: 4, filter: .narrowed(bitmap, predicate))
            let combined = try index.search(q, k: 10, probes: 4, filter: .allow { $0 % 6 == 0 })
            #expect(narrowed == combined)
        }
        // The predicate saw only the bitmap's ids.
        #expect(calls.withLock { $0 }.allSatisfy { $0 % 3 == 0 })
    }

    @Test func filteredResultsMatchBruteForce() throws {
        let index = try Self.index()
        for (i, modulus) in [2, 10, 100].enumerated() {
            let allow: @Sendable (VectorID) -> Bool = { $0 % VectorID(modulus) == 0 }
            var recall = 0.0
            for j in 0..<20 {
                let q = TestData.clustered(count: 1, dimension: Self.d, centres: 1, seed: UInt64(100 * i + j))
                let got = try index.search(q, k: 10, probes: 4, filter: .allow(allow))
                let truth = TestData.bruteForce(q, rows: Self.data, ids: Self.ids, dimension: Self.d, k: 10, allow: allow)
                #expect(got.count == 10)
                #expect(got.allSatisfy { allow($0.id) })
                #expect(try index.exactSearch(q, k: 10, filter: .allow(allow)).map(\.id) == truth.map(\.id))
                recall += TestData.recall(got, truth)
            }
            #expect(recall / 20 >= 0.95, "selectivity 1/\(modulus): recall \(recall / 20)")
        }
    }

    /// A filter that passes most of a list scores the whole list with the row kernels and masks the
    /// rest; a selective one scores the passing rows one at a time. Both give the unfiltered exact
    /// scores bit for bit.
    @Test func bothFilteredScanPathsGiveTheExactScores() throws {
        let index = try Self.index()
        let q = TestData.clustered(count: 1, dimension: Self.d, centres: 1, seed: 77)
        let all = try index.exactSearch(q, k: Self.n)
        let score = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.score) })
        for modulus in [1, 2, 50] {  // everything, half (whole lists), 2% (row by row)
            let allow: @Sendable (VectorID) -> Bool = { $0 % VectorID(modulus) == 0 }
            let hits = try index.search(q, k: 25, probes: 40, filter: .allow(allow))
            #expect(hits.count == 25)
            for h in hits { #expect(h.score == score[h.id], "1/\(modulus): id \(h.id)") }
            #expect(hits.map(\.id) == all.filter { allow($0.id) }.prefix(25).map(\.id))
        }
    }

    @Test func bitmapSetOperations() {
        var b = IDBitmap()
        b.insert(5)
        b.insert(5)
        b.insert(1000)
        #expect(b.count == 2 && b.contains(5) && b.contains(1000) && !b.contains(6) && !b.contains(1_000_000))
        b.remove(5)
        #expect(b.count == 1 && !b.contains(5))
    }
}
