/// The standard comparison on one split: popularity, item-kNN, EASE and the engine's strategy
/// (recency-weighted EASE), all in the same run, each timed.
public struct EvaluationSuite: Sendable {
    /// The engine strategy's settings, fixed across datasets (chosen by the small sweep in
    /// docs/recommend-evaluation.md, never per dataset).
    public static let halfLife = 20.0
    public static let floor: Float = 0.25

    public let evaluator: Evaluator
    /// EASE's L2 penalty: 200 on Online Retail, 50 on ml-100k in the reference protocol.
    public let lambda: Float
    public let neighbours: Int

    public init(split: EvaluationSplit, dataset: String, lambda: Float, neighbours: Int = 100) {
        evaluator = Evaluator(split: split, dataset: dataset)
        self.lambda = lambda
        self.neighbours = neighbours
    }

    /// Runs every method; `progress` receives each result as it is ready.
    /// - Throws: `RecommendError.emptyData` when no user can be evaluated, `.numerical` from EASE.
    public func run(
        progress: (EvaluationResult) -> Void = { _ in }
    ) throws(RecommendError) -> [EvaluationResult] {
        let split = evaluator.split
        guard !split.evaluatedUsers.isEmpty else {
            throw RecommendError(.emptyData, "\(evaluator.dataset): no user has both train and test items")
        }
        var results: [EvaluationResult] = []
        func record(_ r: EvaluationResult) {
            results.append(r)
            progress(r)
        }
        let clock = ContinuousClock()
        var start = clock.now
        let popularity = Popularity(split)
        record(evaluator.evaluate(popularity, fitSeconds: seconds(clock.now - start)))

        start = clock.now
        let gram = ItemGram(split)
        let gramSeconds = seconds(clock.now - start)
        start = clock.now
        let knn = ItemKNN(split, neighbours: neighbours, gram: gram)
        record(evaluator.evaluate(knn, fitSeconds: gramSeconds + seconds(clock.now - start)))

        start = clock.now
        let ease = try EASE(split, lambda: lambda, gram: gram)
        let easeSeconds = gramSeconds + seconds(clock.now - start)
        var easeResult = evaluator.evaluate(ease, fitSeconds: easeSeconds)
        easeResult.notes = "max |(XᵀX+λI)·P − I| = \(ease.residual) on sampled columns"
        record(easeResult)

        start = clock.now
        let engine = try RecencyWeighted(ease, halfLife: Self.halfLife, floor: Self.floor)
        var engineResult = evaluator.evaluate(engine, fitSeconds: easeSeconds + seconds(clock.now - start))
        let ci = try PairedBootstrap(easeResult.perUserNDCG10, engineResult.perUserNDCG10)
        engineResult.notes =
            "NDCG@10 − EASE = \(EvaluationResult.fixed(ci.difference, 4)), 95% paired-bootstrap interval "
            + "[\(EvaluationResult.fixed(ci.low, 4)), \(EvaluationResult.fixed(ci.high, 4))]"
        record(engineResult)

        // The live recommender (what REST, Cypher and `ignitabull score` serve), through the same protocol.
        start = clock.now
        let live = try LiveRecommenderStrategy(split)
        var liveResult = evaluator.evaluate(live, fitSeconds: seconds(clock.now - start))
        let liveCI = try PairedBootstrap(easeResult.perUserNDCG10, liveResult.perUserNDCG10)
        liveResult.notes =
            "NDCG@10 − EASE = \(EvaluationResult.fixed(liveCI.difference, 4)), 95% paired-bootstrap interval "
            + "[\(EvaluationResult.fixed(liveCI.low, 4)), \(EvaluationResult.fixed(liveCI.high, 4))]"
        record(liveResult)

        // Implicit ALS with the settings the automatic selection tries.
        for c in ModelSelector.defaultCandidates where c.kind == .als {
            start = clock.now
            let als = try c.fit(split)
            var r = evaluator.evaluate(als, fitSeconds: seconds(clock.now - start))
            let ci = try PairedBootstrap(easeResult.perUserNDCG10, r.perUserNDCG10)
            r.notes =
                "NDCG@10 − EASE = \(EvaluationResult.fixed(ci.difference, 4)), 95% paired-bootstrap interval "
                + "[\(EvaluationResult.fixed(ci.low, 4)), \(EvaluationResult.fixed(ci.high, 4))]"
            record(r)
        }

        // The default, `auto`, as served: the live recommender on the train graph, whose model
        // build selects a model on the train data's own latest purchases and refits it.
        start = clock.now
        let auto = try LiveRecommenderStrategy(split, strategy: .auto)
        var autoResult = evaluator.evaluate(auto, fitSeconds: seconds(clock.now - start))
        let autoCI = try PairedBootstrap(easeResult.perUserNDCG10, autoResult.perUserNDCG10)
        autoResult.notes =
            "NDCG@10 − EASE = \(EvaluationResult.fixed(autoCI.difference, 4)), 95% paired-bootstrap interval "
            + "[\(EvaluationResult.fixed(autoCI.low, 4)), \(EvaluationResult.fixed(autoCI.high, 4))]"
            + (auto.selection.map { "\n" + $0.table } ?? "")
        record(autoResult)

        // The same with EASE neighbour lists (top 100 positive weights per item) when the catalogue allows it.
        if split.items <= RecommenderModel.Settings.maxEASEItems {
            start = clock.now
            var settings = RecommenderModel.Settings()
            settings.easeLambda = lambda
            let liveEASE = try LiveRecommenderStrategy(split, settings: settings)
            var r = evaluator.evaluate(liveEASE, fitSeconds: seconds(clock.now - start))
            let ci = try PairedBootstrap(easeResult.perUserNDCG10, r.perUserNDCG10)
            r.notes =
                "NDCG@10 − EASE = \(EvaluationResult.fixed(ci.difference, 4)), 95% paired-bootstrap interval "
                + "[\(EvaluationResult.fixed(ci.low, 4)), \(EvaluationResult.fixed(ci.high, 4))]"
            record(r)
        }
        return results
    }

    /// The recency settings tried by `sweep`: half-life 5, 10, 20 positions × floor 0, 0.25, 0.5.
    public static let sweepSettings: [(halfLife: Double, floor: Float)] = [5.0, 10, 20].flatMap { h in
        [Float(0), 0.25, 0.5].map { (h, $0) }
    }

    /// EASE, item-kNN and both with every recency setting of `sweepSettings`. Run it on a
    /// validation split drawn from train data (`Interactions.before`, `removingTest(of:)`), never
    /// on the test split: the engine's fixed setting is chosen from these figures.
    public func sweep(progress: (EvaluationResult) -> Void = { _ in }) throws(RecommendError) -> [EvaluationResult] {
        let split = evaluator.split
        guard !split.evaluatedUsers.isEmpty else {
            throw RecommendError(.emptyData, "\(evaluator.dataset): no user has both train and test items")
        }
        let gram = ItemGram(split)
        let knn = ItemKNN(split, neighbours: neighbours, gram: gram)
        let ease = try EASE(split, lambda: lambda, gram: gram)
        var results: [EvaluationResult] = []
        func record(_ r: EvaluationResult) {
            results.append(r)
            progress(r)
        }
        record(evaluator.evaluate(ease))
        for (h, f) in Self.sweepSettings {
            record(evaluator.evaluate(try RecencyWeighted(ease, halfLife: h, floor: f)))
        }
        let recency = try RecencyWeighted(ease, halfLife: Self.halfLife, floor: Self.floor)
        for w in [Float(0.1), 0.25, 0.5] {
            record(evaluator.evaluate(try TrendBlend(recency, split: split, weight: w)))
        }
        record(evaluator.evaluate(knn))
        for (h, f) in Self.sweepSettings { record(evaluator.evaluate(try RecencyWeighted(knn, halfLife: h, floor: f))) }
        let rp3 = RP3Beta(split, beta: 0.5, neighbours: neighbours)
        record(evaluator.evaluate(rp3))
        record(evaluator.evaluate(try RecencyWeighted(rp3, halfLife: Self.halfLife, floor: Self.floor)))
        return results
    }

    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
