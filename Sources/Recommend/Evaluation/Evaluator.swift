/// Runs the ranking protocol: every evaluated user gets a full ranking of the catalogue less
/// their train items, and the metrics are averaged over those users.
///
/// Metrics: HR@10, NDCG@10 (binary gains, ideal DCG over min(|test|, 10)), Recall@20 and
/// coverage@10 (distinct items across all top-10 lists / catalogue size). Ties in score rank the
/// smaller item id first, so runs are deterministic.
public struct Evaluator: Sendable {
    public let split: EvaluationSplit
    public let dataset: String

    public init(split: EvaluationSplit, dataset: String) {
        self.split = split
        self.dataset = dataset
    }

    /// The top `k` items of `strategy` for `user`, train items excluded.
    public func top(_ strategy: some RankingStrategy, user: Int, k: Int) -> [UInt32] {
        var scores = [Float](repeating: 0, count: split.items)
        var heap = TopK(capacity: k)
        return rank(strategy, user: user, scores: &scores, heap: &heap)
    }

    private func rank(
        _ strategy: some RankingStrategy, user: Int, scores: inout [Float], heap: inout TopK
    ) -> [UInt32] {
        let history = split.history[user]
        scores.withUnsafeMutableBufferPointer { s in
            s.update(repeating: 0)
            strategy.score(user: user, history: history, into: s)
            for j in history { s[Int(j)] = -.infinity }
            heap.removeAll()
            for t in 0..<s.count where s[t] != -.infinity { heap.offer(UInt32(t), score: s[t]) }
        }
        return heap.sorted().map(\.item)
    }

    /// Ranks every evaluated user with `strategy` and averages the metrics.
    /// - Parameter fitSeconds: recorded in the result (the caller times the fit).
    /// - Complexity: O(evaluated users · (scoring + items · log 20)).
    public func evaluate(_ strategy: some RankingStrategy, fitSeconds: Double = 0) -> EvaluationResult {
        let clock = ContinuousClock()
        let start = clock.now
        var scores = [Float](repeating: 0, count: split.items)
        var heap = TopK(capacity: 20)
        var hr = 0.0
        var ndcg = 0.0
        var recall = 0.0
        var perUser: [Double] = []
        perUser.reserveCapacity(split.evaluatedUsers.count)
        var lists: [[UInt32]] = []
        lists.reserveCapacity(split.evaluatedUsers.count)
        for u in split.evaluatedUsers {
            let ranked = rank(strategy, user: u, scores: &scores, heap: &heap)
            let relevant = Set(split.test[u])
            hr += RankingMetrics.hitRate(ranked, relevant: relevant, k: 10)
            let g = RankingMetrics.ndcg(ranked, relevant: relevant, k: 10)
            ndcg += g
            perUser.append(g)
            recall += RankingMetrics.recall(ranked, relevant: relevant, k: 20)
            lists.append(Array(ranked.prefix(10)))
        }
        let n = Double(max(1, split.evaluatedUsers.count))
        let d = clock.now - start
        var result = EvaluationResult(
            method: strategy.name, dataset: dataset, users: split.evaluatedUsers.count, hitRate10: hr / n,
            ndcg10: ndcg / n, recall20: recall / n,
            coverage10: RankingMetrics.coverage(lists, k: 10, catalogue: split.items), fitSeconds: fitSeconds,
            rankSeconds: Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
        result.perUserNDCG10 = perUser
        return result
    }
}
