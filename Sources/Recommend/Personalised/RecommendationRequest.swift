public import GraphStore

/// What to recommend: how many, by which strategy, under which filters, and whether to diversify.
public struct RecommendationRequest: Sendable {
    /// The signals a recommendation may draw on.
    public enum Strategy: String, Sendable, CaseIterable {
        /// The model the automatic selection chose on the data (the default; see `ModelSelector`).
        /// When it chose the blend, or the model has no selection, this is `blend`.
        case auto
        /// Every signal blended.
        case blend
        /// Item-kNN over co-purchase, recency-weighted.
        case itemKNN = "item-knn"
        /// Products nearest the embedding centroid of the history (needs a product vector index).
        case embedding
        /// Products promoted by the influencers the customer follows.
        case influencer
        /// Popular products of the customer's favourite categories.
        case category
        /// Most customers bought it.
        case popular
        /// Bought most in the recent window, recent purchases counting more.
        case trending
    }

    /// Results wanted, 1...1000.
    public var k: Int
    public var strategy: Strategy
    public var filter: RecommendationFilter
    /// MMR trade-off in 0...1 (1 = relevance only, lower = more diverse); nil skips diversification.
    public var diversity: Double?
    /// Whether each result names what led to it (`Recommendation.Contribution.because`). Finding the
    /// strongest purchased product behind a model score costs another pass over the history's
    /// weights, so callers that show no reasons turn it off.
    public var explain: Bool

    public init(
        k: Int = 10, strategy: Strategy = .auto, filter: RecommendationFilter = RecommendationFilter(),
        diversity: Double? = nil, explain: Bool = true
    ) {
        self.k = k
        self.strategy = strategy
        self.filter = filter
        self.diversity = diversity
        self.explain = explain
    }

    /// Checks the ranges.
    public func validate() throws(RecommendError) {
        guard (1...1000).contains(k) else { throw RecommendError(.invalidArgument, "k must be in 1...1000, got \(k)") }
        if let d = diversity, !(0...1).contains(d) {
            throw RecommendError(.invalidArgument, "diversity (MMR lambda) must be in 0...1, got \(d)")
        }
        try filter.validate()
    }
}

/// Restrictions on what may be recommended. They are applied while candidates are generated, and
/// the ranking falls back to popularity and then the whole catalogue, so `k` results come back
/// whenever `k` eligible products exist.
public struct RecommendationFilter: Sendable {
    /// Only products in one of these categories (`BELONGS_TO` targets); nil allows all.
    public var categories: Set<NodeID>?
    public var minPrice: Double?
    public var maxPrice: Double?
    /// Only products in stock.
    public var inStockOnly: Bool
    /// Products never to return.
    public var excluded: Set<NodeID>

    public init(
        categories: Set<NodeID>? = nil, minPrice: Double? = nil, maxPrice: Double? = nil, inStockOnly: Bool = false,
        excluded: Set<NodeID> = []
    ) {
        self.categories = categories
        self.minPrice = minPrice
        self.maxPrice = maxPrice
        self.inStockOnly = inStockOnly
        self.excluded = excluded
    }

    public func validate() throws(RecommendError) {
        for p in [minPrice, maxPrice] {
            if let p, !(p.isFinite && p >= 0) {
                throw RecommendError(.invalidArgument, "prices must be finite and ≥ 0, got \(p)")
            }
        }
        // A minimum above the maximum is an empty range: it selects nothing, as `price BETWEEN 5 AND 1` does in SQL.
    }

    /// Whether any restriction is set.
    public var isEmpty: Bool {
        categories == nil && minPrice == nil && maxPrice == nil && !inStockOnly && excluded.isEmpty
    }
}
