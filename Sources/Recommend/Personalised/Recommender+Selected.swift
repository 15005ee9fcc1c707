extension Recommender {
    /// The `auto` strategy for a customer with purchases: every catalogue item scored by the model
    /// the automatic selection chose (`model.selected`), purchased products, products deleted since
    /// the build and those the filter rejects on their current properties (`live`) left out, the top k (or an MMR-diversified top k) returned. Each result names the
    /// purchased product that adds most to its score.
    /// - Complexity: O(the model's scoring + items · log k).
    mutating func rankWithSelectedModel(
        _ selected: FittedModel, history: [HistoryItem], _ request: RecommendationRequest, live: LiveCatalogue
    ) -> [Recommendation] {
        let n = model.itemCount
        if modelScores.count != n { modelScores = [Float](repeating: 0, count: n) }
        let h = history.map { UInt32($0.item) }
        modelScores.withUnsafeMutableBufferPointer { s in
            s.update(repeating: 0)
            selected.score(history: h, into: s)
        }
        for j in h { modelScores[Int(j)] = -.infinity }
        let wanted = request.diversity == nil ? request.k : max(3 * request.k, 30)
        var top = TopK(capacity: wanted)
        let filter = request.filter
        var floor = -Float.infinity
        for t in 0..<n {
            let v = modelScores[t]
            // NaN fails every comparison, so it is never offered.
            guard v > floor || (v == floor && v != -.infinity) else { continue }
            // Only a score that would enter the top list pays for the live check.
            if !isEligible(t, filter, live) { continue }
            top.offer(UInt32(t), score: v)
            if let worst = top.threshold { floor = worst }
        }
        var ranked = top.sorted()
        if let lambda = request.diversity { ranked = diversify(ranked, k: request.k, lambda: Float(lambda)) }
        let chosen = Array(ranked.prefix(request.k))
        let because =
            request.explain
            ? selected.strongestContributors(history: h, targets: chosen.map { Int($0.item) })
            : chosen.map { _ in nil }
        return zip(chosen, because).map { r, b in
            Recommendation(
                product: model.products[Int(r.item)], score: Double(r.score),
                contributions: [
                    Recommendation.Contribution(
                        signal: .model, value: Double(r.score), because: b.map { model.products[Int($0.item)] },
                        detail: Double(b?.value ?? 0))
                ], coldStart: false)
        }
    }
}
