import Recommend
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// EASE as served: each row's largest weights, checked against the dense model (the oracle).
@Suite struct EASESparseTests {
    static func split(timed: Bool = true) throws -> EvaluationSplit {
        let t = PlantedPurchases.generate(customers: 200, products: 40, noise: 0.1, seed: 3)
        let x = try Interactions(
            users: 200, items: 40,
            events: t.map {
                Interactions.Event(user: UInt32($0.customer), item: UInt32($0.product), time: timed ? $0.time : 0)
            })
        return EvaluationSplit.everything(x)
    }

    @Test func eachRowKeepsItsLargestMagnitudes() throws {
        let dense = try EASE(try Self.split(), lambda: 20)
        let sparse = dense.sparsified(keeping: 8)
        for j in 0..<dense.items {
            let kept = sparse.row(j)
            #expect(kept.count == 8)
            #expect(zip(kept, kept.dropFirst()).allSatisfy { $0.weight >= $1.weight })  // largest first
            let keptItems = Set(kept.map { Int($0.item) })
            let smallestKept = kept.map { abs($0.weight) }.min()!
            for t in 0..<dense.items {
                if keptItems.contains(t) {
                    #expect(sparse.weight(j, t) == dense.weight(j, t))
                } else {
                    #expect(abs(dense.weight(j, t)) <= smallestKept)
                    #expect(sparse.weight(j, t) == 0)
                }
            }
        }
    }

    @Test func keepingEveryWeightScoresAsTheDenseModel() throws {
        let split = try Self.split()
        let dense = try EASE(split, lambda: 20)
        let sparse = dense.sparsified(keeping: 1000)
        for u in [0, 7, 99] {
            var a = [Float](repeating: 0, count: dense.items)
            var b = a
            a.withUnsafeMutableBufferPointer { dense.score(history: split.history[u], into: $0) }
            b.withUnsafeMutableBufferPointer { sparse.score(history: split.history[u], into: $0) }
            for t in a.indices { #expect(abs(a[t] - b[t]) <= 1e-5 * max(1, abs(a[t]))) }
        }
    }

    /// The strongest contributor of each target, against a brute force over single-item histories.
    @Test func strongestContributorsMatchABruteForce() throws {
        let split = try Self.split()
        let model = try ModelCandidate(.ease, lambda: 20, neighbours: 12).fit(split)
        func alone(_ j: UInt32) -> [Float] {
            var s = [Float](repeating: 0, count: split.items)
            s.withUnsafeMutableBufferPointer { model.score(history: [j], into: $0) }  // weight 1 at position 0
            return s
        }
        for u in [1, 50, 150] {
            let history = split.history[u]
            let targets = Array(0..<split.items).filter { !history.contains(UInt32($0)) }.prefix(10).map { $0 }
            let got = model.strongestContributors(history: history, targets: targets)
            for (k, t) in targets.enumerated() {
                var best: (item: UInt32, value: Float)?
                for (r, j) in history.enumerated() {
                    let w = ModelCandidate.floor + (1 - ModelCandidate.floor) * Float(exp2(-Double(r) / ModelCandidate.halfLife))
                    let v = w * alone(j)[t]
                    if v > 0 && (best == nil || v > best!.value) { best = (j, v) }
                }
                #expect(got[k]?.item == best?.item)
                if let g = got[k], let b = best { #expect(abs(g.value - b.value) <= 1e-5 * max(1, b.value)) }
            }
        }
    }

    @Test func withoutTimesTheHistoryOrderDoesNotMatter() throws {
        let untimed = try Self.split(timed: false)
        #expect(!untimed.timed)
        #expect(try Self.split().timed)
        let model = try ModelCandidate(.ease, lambda: 20).fit(untimed)
        let h = untimed.history[3]
        var a = [Float](repeating: 0, count: untimed.items)
        var b = a
        a.withUnsafeMutableBufferPointer { model.score(history: h, into: $0) }
        b.withUnsafeMutableBufferPointer { model.score(history: h.reversed(), into: $0) }
        for t in a.indices { #expect(abs(a[t] - b[t]) <= 1e-5 * max(1, abs(a[t]))) }
        // With times, recency makes the order count.
        let timed = try ModelCandidate(.ease, lambda: 20).fit(try Self.split())
        a = a.map { _ in 0 }
        b = a
        a.withUnsafeMutableBufferPointer { timed.score(history: h, into: $0) }
        b.withUnsafeMutableBufferPointer { timed.score(history: h.reversed(), into: $0) }
        #expect(a != b)
    }

    @Test func storedChoicesKeepTheirKeptWeights() throws {
        let c = ModelCandidate(.ease, lambda: 200, neighbours: 64)
        #expect(try ModelCandidate(encoded: c.encoded) == c)
        // A choice stored before EASE was served sparsified names no neighbours: the default.
        #expect(try ModelCandidate(encoded: "ease;lambda=200.0").neighbours == ModelCandidate.easeNeighbours)
    }
}
