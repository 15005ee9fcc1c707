import Recommend
import TestSupport
import Testing

@Suite struct ImplicitALSTests {
    static func planted(customers: Int = 120, products: Int = 40, seed: UInt64 = 1) throws -> Interactions {
        let triples = PlantedPurchases.generate(customers: customers, products: products, seed: seed)
        return try Interactions(
            users: customers, items: products,
            events: triples.map { Interactions.Event(user: UInt32($0.customer), item: UInt32($0.product), time: $0.time) })
    }

    /// The user system solved directly in Double by Gaussian elimination: the oracle.
    static func directSolve(_ m: ImplicitALS, history: [UInt32]) -> [Double] {
        let f = m.parameters.factors
        let y = m.itemFactors.map(Double.init)
        var a = [Double](repeating: 0, count: f * f)
        var b = [Double](repeating: 0, count: f)
        let c = 1 + Double(m.parameters.alpha)
        for i in 0..<m.items {
            let w = history.contains(UInt32(i)) ? c : 1
            for p in 0..<f {
                for q in 0..<f { a[p * f + q] += w * y[i * f + p] * y[i * f + q] }
                if w > 1 { b[p] += w * y[i * f + p] }
            }
        }
        for d in 0..<f { a[d * f + d] += Double(m.parameters.regularization) }
        for col in 0..<f {
            let pivot = (col..<f).max { abs(a[$0 * f + col]) < abs(a[$1 * f + col]) }!
            for k in 0..<f { a.swapAt(col * f + k, pivot * f + k) }
            b.swapAt(col, pivot)
            for r in 0..<f where r != col {
                let factor = a[r * f + col] / a[col * f + col]
                for k in 0..<f { a[r * f + k] -= factor * a[col * f + k] }
                b[r] -= factor * b[col]
            }
        }
        return (0..<f).map { b[$0] / a[$0 * f + $0] }
    }

    @Test func foldInEqualsTheDirectSolveOfTheNormalEquations() throws {
        let x = try Self.planted()
        let m = try ImplicitALS(.everything(x), parameters: .init(factors: 6, regularization: 0.5, alpha: 5, iterations: 3))
        for history in [[UInt32(0), 3, 7], [12, 13], [39]] {
            let got = m.userVector(history: history)
            let want = Self.directSolve(m, history: history)
            for (g, w) in zip(got, want) { #expect(abs(Double(g) - w) < 1e-3 * max(1, abs(w)), "\(got) vs \(want)") }
        }
        #expect(m.userVector(history: []).allSatisfy { $0 == 0 })
    }

    @Test func conjugateGradientConvergesToTheCholeskySolution() throws {
        let x = try Self.planted()
        let split = EvaluationSplit.everything(x)
        // f steps of CG solve an f-dimensional system (up to rounding): one alternation agrees.
        let exact = try ImplicitALS(split, parameters: .init(factors: 5, iterations: 1, conjugateGradientSteps: nil))
        let cg = try ImplicitALS(split, parameters: .init(factors: 5, iterations: 1, conjugateGradientSteps: 25))
        let few = try ImplicitALS(split, parameters: .init(factors: 5, iterations: 1, conjugateGradientSteps: 1))
        func distance(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).map { abs($0 - $1) }.max() ?? 0 }
        let scale = exact.itemFactors.map(abs).max()!
        #expect(distance(exact.userFactors, cg.userFactors) < 1e-3 * max(1, exact.userFactors.map(abs).max()!))
        #expect(distance(exact.itemFactors, cg.itemFactors) < 1e-3 * max(1, scale))
        // One step from the random start is not the solution: the comparison can fail.
        #expect(distance(exact.itemFactors, few.itemFactors) > 1e-3 * scale)
    }

    @Test func factorsRecoverAPlantedLowRankStructure() throws {
        let x = try Self.planted(customers: 200, products: 40)
        let split = EvaluationSplit.lastPurchase(x)
        for steps in [Optional(3), nil] {
            let m = try ImplicitALS(split, parameters: .init(factors: 4, regularization: 0.1, alpha: 10, conjugateGradientSteps: steps))
            let als = Evaluator(split: split, dataset: "planted").evaluate(m)
            let popularity = Evaluator(split: split, dataset: "planted").evaluate(Popularity(split))
            // Each customer's next product comes from their group's slice of 10: ALS finds it.
            #expect(als.hitRate10 > 0.7, "\(als.hitRate10)")
            #expect(als.ndcg10 > 1.5 * popularity.ndcg10, "\(als.ndcg10) vs \(popularity.ndcg10)")
        }
    }

    @Test func theFitIsDeterministicBySeedOnAnyNumberOfThreads() throws {
        let split = EvaluationSplit.everything(try Self.planted(customers: 300, products: 60))
        let one = try ImplicitALS(split, parameters: .init(factors: 8, iterations: 3, workers: 1))
        let four = try ImplicitALS(split, parameters: .init(factors: 8, iterations: 3, workers: 4))
        let other = try ImplicitALS(split, parameters: .init(factors: 8, iterations: 3, seed: 99, workers: 4))
        #expect(one.itemFactors == four.itemFactors)
        #expect(one.userFactors == four.userFactors)
        #expect(one.itemFactors != other.itemFactors)
    }

    @Test func countsRaiseTheConfidenceOfRepeatPurchases() throws {
        // Two customers buy 0 and 1; the first buys 1 twenty times. Their vectors differ.
        let histories: [[UInt32]] = [[0, 1], [0, 1], [2]]
        let exact = ImplicitALS.Parameters(factors: 2, iterations: 5, conjugateGradientSteps: nil)
        let plain = try ImplicitALS(users: 3, items: 3, histories: histories, parameters: exact)
        let counted = try ImplicitALS(
            users: 3, items: 3, histories: histories, counts: [[1, 20], [1, 1], [1]], parameters: exact)
        #expect(plain.userFactors[0..<2] == plain.userFactors[2..<4])
        #expect(counted.userFactors[0..<2] != counted.userFactors[2..<4])
    }

    @Test func badParametersAreRejected() throws {
        let split = EvaluationSplit.everything(try Self.planted())
        #expect(throws: RecommendError.self) { try ImplicitALS(split, parameters: .init(factors: 0)) }
        #expect(throws: RecommendError.self) { try ImplicitALS(split, parameters: .init(regularization: 0)) }
        #expect(throws: RecommendError.self) { try ImplicitALS(split, parameters: .init(conjugateGradientSteps: 0)) }
        #expect(throws: RecommendError.self) {
            try ImplicitALS(users: 1, items: 2, histories: [[5]])
        }
    }

    @Test(
        .enabled(if: SharedData.path("datasets/movielens/ml-100k/u.data") != nil, "needs ../shared's ml-100k"))
    func beatsPopularityOnMovieLens() throws {
        let x = try Interactions.movieLens(path: SharedData.path("datasets/movielens/ml-100k/u.data")!)
        let split = EvaluationSplit.leaveLastOut(x)
        let evaluator = Evaluator(split: split, dataset: "ml-100k")
        let als = evaluator.evaluate(try ImplicitALS(split, parameters: .init(factors: 32, regularization: 0.1, alpha: 10, iterations: 8)))
        let popularity = evaluator.evaluate(Popularity(split))
        #expect(als.ndcg10 > 1.2 * popularity.ndcg10, "ALS \(als.ndcg10) vs popularity \(popularity.ndcg10)")
    }
}
