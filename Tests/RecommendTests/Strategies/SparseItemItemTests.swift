import Recommend
import TestSupport
import Testing

@Suite struct SparseItemItemTests {
    static func split() throws -> EvaluationSplit {
        let t = PlantedPurchases.generate(customers: 150, products: 50, noise: 0.3, seed: 3)
        return EvaluationSplit.everything(
            try Interactions(
                users: 150, items: 50,
                events: t.map { Interactions.Event(user: UInt32($0.customer), item: UInt32($0.product), time: $0.time) }))
    }

    static func scores(_ m: some RankingStrategy, _ history: [UInt32], items: Int) -> [Float] {
        var s = [Float](repeating: 0, count: items)
        s.withUnsafeMutableBufferPointer { m.score(history: history, into: $0) }
        return s
    }

    @Test func equalsTheDenseItemKNNAndRP3Beta() throws {
        let split = try Self.split()
        let pairs: [(any RankingStrategy, any RankingStrategy)] = [
            (ItemKNN(split, neighbours: 10), SparseItemItem(split, weighting: .cosine, neighbours: 10, workers: 3)),
            (RP3Beta(split, beta: 0.4, neighbours: 10), SparseItemItem(split, weighting: .rp3beta(0.4), neighbours: 10)),
        ]
        for (dense, sparse) in pairs {
            for history in [[UInt32(0)], [5, 17, 30], [49, 1]] {
                let a = Self.scores(dense, history, items: split.items)
                let b = Self.scores(sparse, history, items: split.items)
                for (x, y) in zip(a, b) { #expect(abs(x - y) < 1e-5 * max(1, abs(x)), "\(dense.name): \(a) vs \(b)") }
            }
        }
    }

    @Test func weightReadsTheKeptRow() throws {
        let m = SparseItemItem(try Self.split(), neighbours: 3)
        let row = m.row(0)
        #expect(row.count == 3)
        #expect(row.allSatisfy { m.weight(0, Int($0.item)) == $0.weight })
        #expect(m.weight(0, 0) == 0)
    }
}
