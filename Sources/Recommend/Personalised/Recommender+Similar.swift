public import GraphStore

extension Recommender {
    /// Products similar to `product`: its item-kNN neighbours (cosine over buyers) blended half and
    /// half with its nearest products by embedding when `embeddings` is set and the product has a
    /// vector; filtered while generated and filled from the popular products of its categories, then
    /// overall popularity, so `k` come back whenever `k` eligible products exist. Eligibility (the
    /// product still exists, the filter) is read from `s`, the snapshot the answer is for.
    /// - Returns: nil when the model does not know `product`.
    /// - Throws: `RecommendError.invalidArgument` for an out-of-range request.
    public mutating func similar(
        to product: NodeID, in s: GraphSnapshot, k: Int, filter: RecommendationFilter = RecommendationFilter(), useEmbeddings: Bool = true,
        useItemKNN: Bool = true
    ) throws(RecommendError) -> [Recommendation]? {
        try RecommendationRequest(k: k, filter: filter).validate()
        guard let j = model.item(of: product) else { return nil }
        typealias C = Recommendation.Contribution
        var scores: [Int: (knn: Float, emb: Float)] = [:]
        let unrestricted = filter.isEmpty  // the caller's filter, before the product itself is excluded
        let filter = {
            var f = filter
            f.excluded.insert(product)
            return f
        }()
        let model = model
        let live = LiveCatalogue(s)
        let ok: @Sendable (Int) -> Bool = { t in t != j && live.passes(model.products[t], filter) }
        for e in Int(model.neighbourOffsets[j])..<Int(model.neighbourOffsets[j + 1]) where useItemKNN {
            let t = Int(model.neighbourItems[e])
            if ok(t) { scores[t, default: (0, 0)].knn = model.neighbourSimilarity[e] }
        }
        var haveVectors = false
        if useEmbeddings, let embeddings, let v = embeddings.vector(of: product) {
            haveVectors = true
            let allowed: @Sendable (NodeID) -> Bool = { p in model.item(of: p).map(ok) ?? false }
            // Unfiltered, one more than wanted covers the product itself; a filter is applied inside the search.
            let pool = max(50, 2 * k)
            let hits =
                unrestricted
                ? embeddings.nearest(to: v, k: pool + 1) : embeddings.nearest(to: v, k: pool, allowed: allowed)
            for hit in hits {
                guard let t = model.item(of: hit.product), ok(t) else { continue }
                scores[t, default: (0, 0)].emb = max(0, hit.similarity)
            }
        }
        let wk: Float = !useItemKNN ? 0 : (haveVectors ? 0.5 : 1)
        let we: Float = !haveVectors ? 0 : (useItemKNN ? 0.5 : 1)
        var ranked = scores.map { (item: $0.key, score: wk * $0.value.knn + we * $0.value.emb, parts: $0.value) }
        ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.item < $1.item }
        var out: [Recommendation] = ranked.prefix(k).map { r in
            var parts: [C] = []
            if r.parts.knn > 0 {
                parts.append(
                    C(signal: .itemKNN, value: Double(wk * r.parts.knn), because: product, detail: Double(r.parts.knn)))
            }
            if r.parts.emb > 0 {
                parts.append(
                    C(
                        signal: .embedding, value: Double(we * r.parts.emb), because: product,
                        detail: Double(r.parts.emb)))
            }
            parts.sort { $0.value > $1.value }
            return Recommendation(
                product: model.products[r.item], score: Double(r.score), contributions: parts, coldStart: false)
        }
        if out.count < k {
            var seen = Set(out.map(\.product))
            // The product's categories, then the whole catalogue by popularity, each walked only until k are found.
            let fallback = model.categories(of: j).map { model.itemsByCategory[$0.rawValue] ?? [] } + [model.popularOrder]
            for items in fallback {
                for t32 in items {
                    if out.count >= k { break }
                    let t = Int(t32)
                    guard ok(t), seen.insert(model.products[t]).inserted else { continue }
                    out.append(
                        Recommendation(
                            product: model.products[t], score: 0,
                            contributions: [
                                C(signal: .popular, value: 0, because: nil, detail: Double(model.popularity[t]))
                            ],
                            coldStart: false))
                }
            }
        }
        return out
    }
}
