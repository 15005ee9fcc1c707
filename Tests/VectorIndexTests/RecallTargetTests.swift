import Foundation
import Testing
import VectorIndex

/// Recall by default (calibrated probes), exact float32 scores and the saved policy.
@Suite struct RecallTargetTests {
    /// Vectors at known angles in the plane of the first two axes, with arbitrary lengths and a zero rest:
    /// the cosine with the query e₁ is cos θ in closed form.
    @Test func exactScoresEqualClosedFormCosines() throws {
        let d = 64
        let n = 2_000
        var flat = [Float](repeating: 0, count: n * d)
        var expected: [Double] = []
        for i in 0..<n {
            let theta = Double(i) * 0.0015 + 0.0001
            let length = 0.5 + Double(i % 13)
            flat[i * d] = Float(length * cos(theta))
            flat[i * d + 1] = Float(length * sin(theta))
            // the closed form uses the stored float32 components
            let x = Double(flat[i * d])
            let y = Double(flat[i * d + 1])
            expected.append(x / (x * x + y * y).squareRoot())
        }
        let index = try IVFFlatIndex(dimension: d)
        try index.build(ids: (0..<n).map { VectorID($0) }, vectors: flat, lists: 20)
        let source = RowVectorSource(vectors: flat, dimension: d)
        var q = [Float](repeating: 0, count: d)
        q[0] = 3
        for options in [SearchOptions(probes: 20), SearchOptions(exact: true), SearchOptions(probes: 3)] {
            let hits = try index.search(q, k: 50, options: options, vectors: source)
            #expect(hits.count == 50)
            for h in hits {
                #expect(abs(Double(h.score) - expected[Int(h.id)]) <= 1e-6, "id \(h.id): \(h.score) vs \(expected[Int(h.id)])")
            }
            // Best first, by the exact score.
            #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.score >= $1.score })
        }
        // The exact search returns the 50 smallest angles.
        let exact = try index.search(q, k: 50, options: SearchOptions(exact: true), vectors: source)
        #expect(Set(exact.map(\.id)) == Set((0..<50).map { VectorID($0) }))
        // Without a source the scores are the codes' cosines, within ~1e-5.
        for h in try index.search(q, k: 10, options: SearchOptions(exact: true)) {
            #expect(abs(Double(h.score) - expected[Int(h.id)]) <= 2e-5)
        }
    }

    @Test func quantizationOffScoresEveryProbedRowWithBothLevels() throws {
        let d = 16
        let flat = TestData.clustered(count: 3_000, dimension: d, centres: 30, seed: 7)
        let ids = (0..<3_000).map { VectorID($0) }
        let on = try IVFFlatIndex(dimension: d)
        try on.build(ids: ids, vectors: flat, lists: 30)
        let off = try IVFFlatIndex(dimension: d, policy: SearchPolicy(quantization: false))
        try off.build(ids: ids, vectors: flat, lists: 30)
        #expect(off.policy.quantization == false)
        let source = RowVectorSource(vectors: flat, dimension: d)
        for i in stride(from: 0, to: 3_000, by: 97) {
            let q = Array(flat[(i * d)..<((i + 1) * d)])
            let all = try off.search(q, k: 10, options: SearchOptions(probes: 30), vectors: source)
            let exact = try on.search(q, k: 10, options: SearchOptions(exact: true), vectors: source)
            #expect(all.map(\.id) == exact.map(\.id))
        }
    }

    @Test func smallIndexesAreSearchedExactly() throws {
        let d = 16
        let flat = TestData.clustered(count: 2_000, dimension: d, centres: 40, seed: 3)
        let index = try IVFFlatIndex(dimension: d)
        try index.train(flat, lists: 1)
        try index.add(ids: (0..<2_000).map { VectorID($0) }, vectors: flat)
        #expect(try index.maintain() == .none)
        #expect(index.searchesExactly)
        #expect(index.calibratedProbes() == nil)
        let rows = (0..<2_000).map { VectorID($0) }
        let queries = (0..<50).map { i in Array(flat[(i * 37 * d)..<((i * 37 + 1) * d)]) }
        let truth = TestData.exactTopK(queries: queries, rows: flat, ids: rows, dimension: d, k: 10)
        let source = RowVectorSource(vectors: flat, dimension: d)
        for (q, t) in zip(queries, truth) {
            #expect(TestData.recall(try index.search(q, k: 10, options: SearchOptions(), vectors: source), t) == 1)
        }
    }

    /// GloVe-50, 60k base rows: the index trains itself at the threshold, calibrates, and meets 0.95 and 0.99
    /// at default settings against the exact oracle on held-out queries.
    @Test(.enabled(if: TestData.hasGloVe, "needs ../shared/datasets/glove-6b-50d"))
    func calibratedProbesMeetTheTargetOnGloVe() throws {
        let data = try RealDataRecallTests.GloVeSubset.load()
        let index = try IVFFlatIndex(dimension: 50)
        try index.train(Array(data.vectors.prefix(50)), lists: 1)
        try index.add(ids: data.ids, vectors: data.vectors)
        #expect(try index.maintain() == .trained(lists: IVFFlatIndex.defaultLists(rows: data.ids.count)))
        let calibration = try #require(index.calibration)
        #expect(calibration.queries == IVFFlatIndex.calibrationQueries)
        let p95 = try #require(index.calibratedProbes())
        let p99 = try #require(index.calibratedProbes(for: 0.99))
        #expect(p95 < p99 && p99 < index.lists, "probes \(p95) / \(p99) of \(index.lists)")
        let oracle = TestData.exactTopK(queries: data.queries, rows: data.vectors, ids: data.ids, dimension: 50, k: 10)
        var byRow: [VectorID: Int] = [:]
        for (i, id) in data.ids.enumerated() { byRow[id] = i }
        struct Rows: VectorSource {
            let flat: [Float]
            let row: [VectorID: Int]
            func withVector(_ id: VectorID, _ body: (UnsafeBufferPointer<Float>) -> Void) -> Bool {
                guard let r = row[id] else { return false }
                flat.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[(r * 50)..<((r + 1) * 50)])) }
                return true
            }
        }
        let source = Rows(flat: data.vectors, row: byRow)
        for (target, options) in [(0.95, SearchOptions()), (0.99, SearchOptions(recall: 0.99))] {
            var r = 0.0
            for (q, exact) in zip(data.queries, oracle) {
                r += TestData.recall(try index.search(q, k: 10, options: options, vectors: source), exact)
            }
            r /= Double(data.queries.count)
            #expect(r >= target, "recall@10 \(r) for target \(target)")
        }
        // Saved and loaded with its policy and calibration.
        let path = NSTemporaryDirectory() + "/calibrated-\(getpid()).ivf"
        defer { unlink(path) }
        try index.save(to: path)
        let loaded = try IVFFlatIndex.load(from: path)
        #expect(loaded.calibration == index.calibration)
        #expect(loaded.calibratedProbes() == p95)
        #expect(loaded.policy == index.policy)
    }

    @Test func anEmptyIndexSavesItsPolicyAndSearchesToNothing() throws {
        let index = try IVFFlatIndex(dimension: 4, policy: SearchPolicy(recallTarget: 0.9, quantization: false))
        #expect(try index.search([1, 0, 0, 0], k: 3, options: SearchOptions()).isEmpty)
        let path = NSTemporaryDirectory() + "/empty-\(getpid()).ivf"
        defer { unlink(path) }
        try index.save(to: path)
        let loaded = try IVFFlatIndex.load(from: path)
        #expect(loaded.policy == SearchPolicy(recallTarget: 0.9, quantization: false))
        #expect(!loaded.isTrained && loaded.count == 0)
    }

    @Test func badTargetsAndOptionsAreRefused() throws {
        #expect(throws: VectorIndexError.self) { _ = try IVFFlatIndex(dimension: 4, policy: SearchPolicy(recallTarget: 1.5)) }
        #expect(throws: VectorIndexError.self) { _ = try IVFFlatIndex(dimension: 4, policy: SearchPolicy(recallTarget: 0)) }
        let index = try IVFFlatIndex(dimension: 4)
        try index.build(ids: [1, 2], vectors: [1, 0, 0, 0, 0, 1, 0, 0], lists: 1)
        #expect(throws: VectorIndexError.self) { _ = try index.search([1, 0, 0, 0], k: 1, options: SearchOptions(recall: 2)) }
        #expect(throws: VectorIndexError.self) { _ = try index.search([1, 0, 0, 0], k: 1, options: SearchOptions(probes: 0)) }
    }
}
