import GraphStore
import Recommend
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ModelSelectorTests {
    static func interactions(customers: Int = 240, products: Int = 60, noise: Double = 0.1) throws -> Interactions {
        let t = PlantedPurchases.generate(customers: customers, products: products, noise: noise, seed: 5)
        return try Interactions(
            users: customers, items: products,
            events: t.map { Interactions.Event(user: UInt32($0.customer), item: UInt32($0.product), time: $0.time) })
    }

    /// A small grid, so the tests stay quick.
    static var quick: ModelSelector.Options {
        var o = ModelSelector.Options()
        o.candidates = [
            ModelCandidate(.popularity), ModelCandidate(.blend), ModelCandidate(.itemKNN, neighbours: 20),
            ModelCandidate(.ease, lambda: 20), ModelCandidate(.als, lambda: 0.1, factors: 8, alpha: 10, iterations: 8),
        ]
        return o
    }

    @Test func lastPurchaseHoldsOutTheLatestBasketNotBoughtBefore() throws {
        let x = try Interactions(
            users: 3, items: 5,
            events: [
                .init(user: 0, item: 0, time: 1), .init(user: 0, item: 1, time: 2), .init(user: 0, item: 2, time: 3),
                .init(user: 0, item: 3, time: 3), .init(user: 0, item: 0, time: 3),  // 0 again in the last basket
                .init(user: 1, item: 4, time: 9), .init(user: 1, item: 3, time: 9),  // one basket only
                .init(user: 2, item: 1, time: 5), .init(user: 2, item: 1, time: 7),  // a repeat only
            ])
        let s = EvaluationSplit.lastPurchase(x)
        #expect(s.history[0] == [1, 0])
        #expect(s.test[0] == [2, 3])
        #expect(s.history[1].isEmpty && s.test[1] == [3, 4])
        #expect(s.history[2] == [1] && s.test[2].isEmpty)
        #expect(s.evaluatedUsers == [0])
    }

    @Test func withoutTimesOneItemPerCustomerIsHeldOutBySeed() throws {
        let x = try Interactions(
            users: 2, items: 4,
            events: [.init(user: 0, item: 0, time: 0), .init(user: 0, item: 1, time: 0), .init(user: 0, item: 2, time: 0),
                .init(user: 1, item: 3, time: 0)])
        let a = EvaluationSplit.lastPurchase(x, seed: 1)
        #expect(a.test[0].count == 1 && a.history[0].count == 2)
        #expect(Set(a.test[0] + a.history[0]) == [0, 1, 2])
        #expect(a.test[1].isEmpty && a.history[1] == [3])
        #expect(EvaluationSplit.lastPurchase(x, seed: 1).test == a.test)
    }

    @Test func choosesTheBestCandidateAndReportsEveryOne() throws {
        let x = try Self.interactions()
        let (selection, fitted) = try ModelSelector.select(x, options: Self.quick)
        #expect(selection.rows.count == 5)
        #expect(selection.rows.allSatisfy { $0.skipped.isEmpty })
        let best = selection.rows.max { $0.ndcg10 < $1.ndcg10 }!
        #expect(selection.chosen == best.candidate)
        #expect(fitted.candidate == selection.chosen)
        #expect(selection.chosen.kind != .popularity)
        for r in selection.rows {
            #expect(r.ndcg10Low <= r.ndcg10 && r.ndcg10 <= r.ndcg10High)
            #expect(r.recall10 >= 0 && r.recall10 <= 1 && r.fitSeconds >= 0)
        }
        let popularity = selection.rows.first { $0.candidate.kind == .popularity }!
        #expect(best.ndcg10 > 1.5 * popularity.ndcg10)
        #expect(selection.evaluatedCustomers == 240 && selection.customers == 240 && selection.products == 60)
        // The refit covers every purchase: a customer's whole history is known to the model.
        #expect(selection.table.contains("auto chose"))
    }

    @Test func theBudgetKeepsEASEOffLargeCatalogues() throws {
        var options = Self.quick
        options.memoryBytes = 12 * 50 * 50  // EASE up to 50 products; the data has 60
        let (selection, _) = try ModelSelector.select(try Self.interactions(), options: options)
        let ease = selection.rows.first { $0.candidate.kind == .ease }!
        #expect(ease.skipped.contains("60 products"))
        #expect(selection.chosen.kind != .ease)
        #expect(options.maxEASEProducts == 50)
    }

    @Test func tooFewCustomersKeepTheBlend() throws {
        let (selection, fitted) = try ModelSelector.select(try Self.interactions(customers: 30), options: Self.quick)
        #expect(selection.chosen.kind == .blend && fitted.candidate.kind == .blend)
        #expect(selection.rows.allSatisfy { $0.skipped.contains("too few") })
    }

    @Test func theSampleOfCustomersIsSeeded() throws {
        var options = Self.quick
        options.maxEvaluatedCustomers = 100
        options.candidates = [ModelCandidate(.itemKNN, neighbours: 20)]
        let a = try ModelSelector.select(try Self.interactions(), options: options).0
        let b = try ModelSelector.select(try Self.interactions(), options: options).0
        #expect(a.evaluatedCustomers == 100)
        #expect(a.rows[0].ndcg10 == b.rows[0].ndcg10)
    }

    @Test func largeDataIsSelectedOnASampleOfCustomersAndRefittedOnEveryone() throws {
        var options = Self.quick
        options.maxSelectionCustomers = 120
        let (selection, fitted) = try ModelSelector.select(try Self.interactions(), options: options)
        #expect(selection.evaluatedCustomers == 120 && selection.customers == 240)
        #expect(selection.budget.contains("sample of 120 customers"))
        #expect(fitted.candidate == selection.chosen)
    }

    @Test func anEarlierChoiceIsRefittedWhileTheDataIsAlike() throws {
        let x = try Self.interactions()
        let (first, _) = try ModelSelector.select(x, options: Self.quick)
        #expect(ModelSelector.stillApplies(first, to: x))
        let (again, fitted) = try ModelSelector.refit(first, on: x)
        #expect(again.reused && again.chosen == first.chosen && fitted.candidate == first.chosen)
        #expect(!ModelSelector.stillApplies(first, to: try Self.interactions(customers: 480)))
    }

    @Test func theSelectionSurvivesItsTextForm() throws {
        let (selection, _) = try ModelSelector.select(try Self.interactions(), options: Self.quick)
        let back = try ModelSelection(encoded: selection.encoded)
        #expect(back == selection)
        for bad in ["", "nonsense", "ignitabull-model-selection\t1\nchosen\tmystery", "ignitabull-model-selection\t2"] {
            #expect(throws: RecommendError.self) { try ModelSelection(encoded: bad) }
        }
        let c = ModelCandidate(.als, lambda: 0.1, factors: 64, alpha: 10, iterations: 15)
        #expect(try ModelCandidate(encoded: c.encoded) == c)
        #expect(throws: RecommendError.self) { try ModelCandidate(encoded: "ease;lambda=abc") }
    }
}

/// Heavy: what `auto` serves on ml-100k is exactly the chosen model's offline ranking.
@Suite struct ModelSelectorMovieLensTests {
    static let heavy = getenv("IGNITABULL_HEAVY_TESTS") != nil

    @Test(
        .enabled(if: SharedData.path("datasets/movielens/ml-100k/u.data") != nil, "needs ../shared's ml-100k"),
        .enabled(if: heavy, "set IGNITABULL_HEAVY_TESTS=1 (fits every candidate on ml-100k)"))
    func autoAsServedEqualsTheChosenModelOffline() throws {
        let x = try Interactions.movieLens(path: SharedData.path("datasets/movielens/ml-100k/u.data")!)
        let split = EvaluationSplit.leaveLastOut(x)
        let evaluator = Evaluator(split: split, dataset: "ml-100k")
        let live = try LiveRecommenderStrategy(split, strategy: .auto)
        let chosen = try #require(live.selection).chosen
        let served = evaluator.evaluate(live)
        let offline = evaluator.evaluate(try chosen.fit(split))
        print("auto chose \(chosen): served NDCG@10 \(served.ndcg10), offline \(offline.ndcg10)")
        #expect(abs(served.ndcg10 - offline.ndcg10) < 0.002)
    }
}
