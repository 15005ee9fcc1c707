public import GraphStore

/// The answers given while no recommender model exists yet (the first build is still running),
/// computed on the live graph without a model, so a server can answer at once instead of waiting:
/// for a customer, the most purchased products without the ones they already bought (marked cold
/// start); for a product, its co-purchases (cosine over buyers). Both are filtered like any
/// recommendation (`LiveCatalogue`).
public enum FallbackRanking {
    /// The `request.k` most purchased eligible products for `customer` (nil: an unknown customer).
    /// - Throws: `RecommendError.invalidArgument` for an out-of-range request.
    /// - Complexity: O(products · log k + the customer's purchases + the winners' purchases); no model needed.
    public static func recommend(
        for customer: NodeID?, in s: GraphSnapshot, _ request: RecommendationRequest,
        purchaseType: String = "PURCHASED"
    ) throws(RecommendError) -> [Recommendation] {
        try request.validate()
        guard let purchased = s.catalog.relationshipType(purchaseType) else { return [] }
        var owned = Set<NodeID>()
        if let customer {
            s.forEachRelationship(of: customer, type: purchased, direction: .outgoing) { p, _ in owned.insert(p) }
        }
        let live = LiveCatalogue(s)
        var top = TopK(capacity: request.k)
        func offer(_ p: NodeID) {
            let count = s.degree(of: p, type: purchased, direction: .incoming)
            guard !owned.contains(p), live.passes(p, request.filter) else { return }
            top.offer(p.rawValue, score: Float(count))
        }
        if let product = s.catalog.label("Product") {
            s.forEachNode(label: product, offer)
        } else {
            s.forEachNode { n in if s.degree(of: n, type: purchased, direction: .incoming) > 0 { offer(n) } }
        }
        // Ranked by purchases; the explanation gives distinct buyers, counted for the winners only.
        return top.sorted().map { hit in
            let p = NodeID(hit.item)
            var buyers = Set<NodeID>()
            s.forEachRelationship(of: p, type: purchased, direction: .incoming) { c, _ in buyers.insert(c) }
            return Recommendation(
                product: p, score: Double(hit.score),
                contributions: [
                    .init(signal: .popular, value: Double(hit.score), because: nil, detail: Double(buyers.count))
                ],
                coldStart: true)
        }
    }

    /// The `k` products most often bought by the buyers of `product` (cosine over buyers, as
    /// `AlsoBought`), eligible under `filter`.
    /// - Complexity: O(Σ out-degree of the product's buyers).
    public static func similar(
        to product: NodeID, in s: GraphSnapshot, k: Int, filter: RecommendationFilter = RecommendationFilter(),
        purchaseType: String = "PURCHASED"
    ) throws(RecommendError) -> [Recommendation] {
        try RecommendationRequest(k: k, filter: filter).validate()
        guard let purchased = s.catalog.relationshipType(purchaseType) else { return [] }
        var also = AlsoBought(snapshot: s, type: purchased)
        let live = LiveCatalogue(s)
        return also.scores(for: product, limit: Int.max).lazy.filter { live.passes($0.product, filter) }.prefix(k).map {
            Recommendation(
                product: $0.product, score: $0.score,
                contributions: [.init(signal: .itemKNN, value: $0.score, because: product, detail: $0.score)],
                coldStart: false)
        }
    }
}
