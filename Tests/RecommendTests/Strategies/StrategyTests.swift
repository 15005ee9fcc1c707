import Recommend
import Testing

@Suite struct StrategyTests {
    /// 4 users × 5 items (item 4 is never bought): rows are users' train items.
    static let rows: [[UInt32]] = [[0, 1, 2], [1, 2], [0, 3], [2, 3, 1]]

    static func split() -> EvaluationSplit {
        EvaluationSplit(users: 4, items: 5, history: rows, test: [[3], [0], [1], [0]])
    }

    /// Row `j` of an item-item model.
    static func row(_ m: some ItemItemModel, _ j: Int, items: Int) -> [Float] {
        var s = [Float](repeating: 0, count: items)
        s.withUnsafeMutableBufferPointer { m.addRow(j, weight: 1, into: $0) }
        return s
    }

    /// (A)⁻¹ by Gauss–Jordan with partial pivoting, in float64.
    static func inverse(_ a: [[Double]]) -> [[Double]] {
        let n = a.count
        var m = a.enumerated().map { i, r in r + (0..<n).map { $0 == i ? 1.0 : 0.0 } }
        for c in 0..<n {
            let p = (c..<n).max { abs(m[$0][c]) < abs(m[$1][c]) }!
            m.swapAt(c, p)
            let d = m[c][c]
            for k in 0..<(2 * n) { m[c][k] /= d }
            for r in 0..<n where r != c {
                let f = m[r][c]
                for k in 0..<(2 * n) { m[r][k] -= f * m[c][k] }
            }
        }
        return m.map { Array($0[n...]) }
    }

    @Test func gramCountsCoOccurrences() {
        let g = ItemGram(Self.split())
        #expect(g[1, 2] == 3)  // users 0, 1, 3
        #expect(g[2, 1] == 3)
        #expect(g[0, 0] == 2)
        #expect(g[0, 3] == 1)
        #expect(g[4, 4] == 0)
    }

    @Test func easeMatchesDirectComputation() throws {
        let lambda = 0.5
        let n = 5
        var x = [[Double]](repeating: [Double](repeating: 0, count: n), count: 4)
        for (u, r) in Self.rows.enumerated() { for i in r { x[u][Int(i)] = 1 } }
        var a = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0..<n { a[i][j] = (0..<4).reduce(0) { $0 + x[$1][i] * x[$1][j] } + (i == j ? lambda : 0) }
        }
        let p = Self.inverse(a)
        let ease = try EASE(Self.split(), lambda: Float(lambda))
        #expect(ease.residual < 1e-4)
        for j in 0..<n {
            let row = Self.row(ease, j, items: n)
            for t in 0..<n {
                let expected = t == j ? 0 : -p[j][t] / p[t][t]
                #expect(abs(Double(row[t]) - expected) < 1e-4, "B[\(j), \(t)]")
            }
        }
    }

    @Test func easeRejectsSingularGram() {
        // λ = 0 with an item nobody bought: XᵀX is singular.
        #expect(throws: RecommendError.self) { _ = try EASE(Self.split(), lambda: 0) }
    }

    @Test func itemKNNKeepsTopCosineNeighbours() {
        // cos(1, 2) = 3 / sqrt(3·3) = 1; cos(1, 0) = 1 / sqrt(3·2); cos(1, 3) = 1 / sqrt(3·2).
        let knn = ItemKNN(Self.split(), neighbours: 2)
        let row1 = Self.row(knn, 1, items: 5)
        #expect(abs(row1[2] - 1) < 1e-6)
        #expect(abs(row1[0] - 1 / Float(6).squareRoot()) < 1e-6)  // ties with item 3: the smaller id is kept
        #expect(row1[3] == 0 && row1[1] == 0 && row1[4] == 0)
        let all = ItemKNN(Self.split(), neighbours: 100)
        #expect(abs(Self.row(all, 1, items: 5)[3] - 1 / Float(6).squareRoot()) < 1e-6)
    }

    @Test func evaluatorExcludesTrainItemsAndBreaksTiesBySmallerID() {
        let split = Self.split()
        let e = Evaluator(split: split, dataset: "tiny")
        let pop = Popularity(split)
        #expect(pop.counts == [2, 3, 3, 2, 0])
        // User 1 owns 1 and 2; items 0 and 3 tie at 2: 0 first, then 3, then the unbought 4.
        #expect(e.top(pop, user: 1, k: 10) == [0, 3, 4])
        let r = e.evaluate(pop)
        #expect(r.users == 4)
        // Hits: user 0 test 3 at rank 1; user 1 test 0 at rank 1; user 2 test 1 at rank 1; user 3 test 0 at rank 1.
        #expect(r.hitRate10 == 1)
        #expect(abs(r.ndcg10 - 1) < 1e-12)
        #expect(r.coverage10 == 1)  // all five items appear in some top-10 list
    }

    @Test func recencyWeightsFollowHistoryOrder() throws {
        let split = Self.split()
        let knn = ItemKNN(split, neighbours: 100)
        // Half-life 1, floor 0: weights 1, 0.5, 0.25 for history positions 0, 1, 2.
        let engine = try RecencyWeighted(knn, halfLife: 1, floor: 0)
        var got = [Float](repeating: 0, count: 5)
        got.withUnsafeMutableBufferPointer { engine.score(history: [3, 0, 1], into: $0) }
        let expected = (0..<5).map { t in
            Self.row(knn, 3, items: 5)[t] + 0.5 * Self.row(knn, 0, items: 5)[t] + 0.25 * Self.row(knn, 1, items: 5)[t]
        }
        for t in 0..<5 { #expect(abs(got[t] - expected[t]) < 1e-6) }
        #expect(throws: RecommendError.self) { _ = try RecencyWeighted(knn, halfLife: 0, floor: 0) }
        #expect(throws: RecommendError.self) { _ = try RecencyWeighted(knn, halfLife: 5, floor: 2) }
    }

    @Test func rp3BetaWalkProbabilities() {
        // Users holding 1 and 2: sizes 3, 2, 3; item 1 has 3 users, item 2 has 3.
        let walk = (1.0 / 3 + 1.0 / 2 + 1.0 / 3) / 3
        let plain = RP3Beta(Self.split(), beta: 0, neighbours: 100)
        #expect(abs(Double(Self.row(plain, 1, items: 5)[2]) - walk) < 1e-6)
        let discounted = RP3Beta(Self.split(), beta: 1, neighbours: 100)
        #expect(abs(Double(Self.row(discounted, 1, items: 5)[2]) - walk / 3) < 1e-6)
        #expect(Self.row(discounted, 1, items: 5)[1] == 0)  // no self loop
        #expect(Self.row(discounted, 4, items: 5) == [0, 0, 0, 0, 0])  // nobody bought item 4
    }
}
