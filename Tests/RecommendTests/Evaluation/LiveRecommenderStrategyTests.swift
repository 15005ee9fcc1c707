import GraphImport
import Recommend
import Testing

@Suite struct LiveRecommenderStrategyTests {
    /// A random split: 300 users, 80 items with skewed popularity, 3–25 train items each, 1–3 test items.
    static func split() -> EvaluationSplit {
        var rng = SplitMix64(seed: 7)
        var history: [[UInt32]] = []
        var test: [[UInt32]] = []
        for _ in 0..<300 {
            var seen = Set<UInt32>()
            var h: [UInt32] = []
            let n = 3 + rng.below(23)
            while h.count < n {
                let j = UInt32(min(rng.below(80), rng.below(80)))
                if seen.insert(j).inserted { h.append(j) }
            }
            var t: [UInt32] = []
            while t.count < 1 + rng.below(3) {
                let j = UInt32(rng.below(80))
                if !seen.contains(j) && !t.contains(j) { t.append(j) }
            }
            history.append(h)
            test.append(t.sorted())
        }
        return EvaluationSplit(users: 300, items: 80, history: history, test: test)
    }

    @Test func itemKNNStrategyAgreesWithTheOfflineRecencyWeightedItemKNN() throws {
        let split = Self.split()
        let live = try LiveRecommenderStrategy(split, strategy: .itemKNN)
        let offline = try RecencyWeighted(ItemKNN(split, neighbours: 100), halfLife: 20, floor: 0.25)
        let evaluator = Evaluator(split: split, dataset: "random")
        var agree = 0
        for u in split.evaluatedUsers {
            let a = evaluator.top(live, user: u, k: 10)
            let b = evaluator.top(offline, user: u, k: 10)
            #expect(a.count == 10 && Set(a).isDisjoint(with: split.history[u]))
            agree += Set(a).intersection(b).count
        }
        // The same model up to a 0.01 popularity tie-breaker: the top-10 lists overlap almost entirely.
        #expect(Double(agree) / Double(10 * split.evaluatedUsers.count) > 0.9)
        let a = evaluator.evaluate(live)
        let b = evaluator.evaluate(offline)
        #expect(abs(a.ndcg10 - b.ndcg10) < 0.02, "\(a.ndcg10) vs \(b.ndcg10)")
    }
}
