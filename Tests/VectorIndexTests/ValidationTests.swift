import Testing
import VectorIndex

@Suite struct ValidationTests {
    static func code(_ body: () throws -> Void) -> VectorIndexError.Code? {
        do {
            try body()
            return nil
        } catch let e as VectorIndexError {
            return e.code
        } catch {
            return nil
        }
    }

    @Test func badInputGetsTypedErrors() throws {
        #expect(Self.code { _ = try IVFFlatIndex(dimension: 0) } == .invalidParameter)
        #expect(Self.code { _ = try IVFFlatIndex(dimension: IVFFlatIndex.maxDimension + 1) } == .invalidParameter)
        let index = try IVFFlatIndex(dimension: 3)
        #expect(Self.code { _ = try index.search([1, 0, 0], k: 1) } == .notTrained)
        #expect(Self.code { try index.add(id: 1, vector: [1, 0, 0]) } == .notTrained)
        #expect(Self.code { try index.train([1, 0, 0, 0, 0, 0], lists: 1) } == .zeroVector)
        #expect(Self.code { try index.train([1, 0, .nan], lists: 1) } == .nonFiniteValue)
        #expect(Self.code { try index.train([1, 0, .infinity], lists: 1) } == .nonFiniteValue)
        #expect(Self.code { try index.train([1, 0], lists: 1) } == .dimensionMismatch)
        #expect(Self.code { try index.train([1, 0, 0, 0, 1, 0], lists: 3) } == .invalidParameter)
        try index.build(ids: [1, 2, 3], vectors: [1, 0, 0, 0, 1, 0, 0, 0, 1], lists: 2)
        #expect(Self.code { _ = try index.search([1, 0], k: 1) } == .dimensionMismatch)
        #expect(Self.code { _ = try index.search([0, 0, 0], k: 1) } == .zeroVector)
        #expect(Self.code { _ = try index.search([1, 0, 0], k: 0) } == .invalidParameter)
        #expect(Self.code { _ = try index.search([1, 0, 0], k: 1, probes: 0) } == .invalidParameter)
        #expect(Self.code { try index.add(id: 2, vector: [1, 1, 1]) } == .duplicateID)
        #expect(Self.code { try index.add(ids: [7, 7], vectors: [1, 1, 1, 1, 1, 1]) } == .duplicateID)
        #expect(Self.code { try index.add(id: .max, vector: [1, 1, 1]) } == .invalidID)
        #expect(Self.code { try index.add(id: 9, vector: [0, 0, 0]) } == .zeroVector)
        #expect(index.count == 3)
        // A good search still works after the failed calls, with cosine scores.
        let hits = try index.search([2, 0, 0], k: 3, probes: 2)
        #expect(hits.count == 3 && hits[0].id == 1 && abs(hits[0].score - 1) < 1e-6)
    }

    @Test func kMeansIsDeterministicAndHandlesEmptyClusters() throws {
        let d = 8
        let data = TestData.clustered(count: 500, dimension: d, centres: 12, seed: 5)
        let unit = normalise(data, d)
        let a = try KMeans.train(points: unit, dimension: d, clusters: 12, parameters: .init(seed: 42))
        let b = try KMeans.train(points: unit, dimension: d, clusters: 12, parameters: .init(seed: 42))
        #expect(a.centroids == b.centroids)
        // 40 copies of one point plus 3 distinct points, 6 clusters: seeding picks duplicates,
        // so Lloyd meets empty clusters and must re-seed them; every centroid stays unit length.
        var dup: [Float] = []
        for _ in 0..<40 { dup += [1, 0, 0, 0, 0, 0, 0, 0] }
        dup += [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]
        let c = try KMeans.train(points: dup, dimension: d, clusters: 6, parameters: .init(iterations: 5, seed: 1))
        for k in 0..<6 {
            let row = c.centroids[(k * d)..<((k + 1) * d)]
            let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - 1) < 1e-4)
        }
        let (assignment, _) = KMeans.nearest(points: dup, count: 43, centroids: c.centroids, clusters: 6, dimension: d)
        #expect(Set(assignment[40..<43]).count == 3)
    }

    func normalise(_ v: [Float], _ d: Int) -> [Float] {
        var out = v
        for r in 0..<(v.count / d) {
            let n = v[(r * d)..<((r + 1) * d)].reduce(0) { $0 + $1 * $1 }.squareRoot()
            for j in 0..<d { out[r * d + j] /= n }
        }
        return out
    }
}
