public import GraphStore

/// The precomputed, read-only part of the personalised recommender, built from one graph snapshot:
/// the product catalogue as dense items, item-kNN neighbour lists over co-purchase, popularity and
/// trending rankings, and each product's categories, price and stock flag.
///
/// Customer histories are *not* part of the model: a `Recommender` reads them from the live
/// snapshot on every call, so a new purchase changes the next recommendation at once. The model
/// is rebuilt now and then (see `RecommenderCache`); products created after the build are unknown
/// to it until then.
///
/// Graph conventions read (all optional except `PURCHASED`):
/// - `(:Customer)-[:PURCHASED {timestamp}]->(:Product)`, `timestamp` in seconds;
/// - `(:Product)-[:BELONGS_TO]->(:Category)`;
/// - `(:Product)-[:PROMOTED_BY]->(:Influencer)` and `(:Customer)-[:FOLLOWS]->(:Influencer)`;
/// - product `price` or `unitPrice` (number); `inStock` (boolean) or `stock` (number, > 0 is in stock;
///   a product with neither is in stock).
public struct RecommenderModel: Sendable {
    /// Tunable settings of the build.
    public struct Settings: Sendable, Hashable {
        /// Most similar items kept per item (item-kNN neighbours).
        public var neighbours = 100
        /// Trending counts purchases in this many seconds before the latest purchase.
        public var trendingWindow: Int64 = 30 * 86_400
        /// A purchase's trending weight halves every this many seconds of age.
        public var trendingHalfLife: Double = 7 * 86_400
        /// Worker threads for the neighbour build (nil: every core).
        public var workers: Int? = nil
        /// When set, the neighbour lists hold the largest positive EASE weights B[j, t] with this L2
        /// penalty λ instead of cosine similarities (the evaluated best model; O(items³) to fit, so
        /// at most `maxEASEItems` items).
        public var easeLambda: Float? = nil
        /// The largest catalogue EASE is fitted on (its dense item × item matrix is 4·n² bytes).
        public static let maxEASEItems = 8_000
        /// The `auto` strategy's model selection (nil: none; `auto` then serves the blend).
        public var selection: ModelSelector.Options? = ModelSelector.Options()
        /// An earlier selection: when it still describes the data (`ModelSelector.stillApplies`),
        /// its choice is refitted instead of evaluated again.
        public var earlierSelection: ModelSelection? = nil
        public init() {}
    }

    /// The snapshot version the model was built from.
    public let version: UInt64
    public let settings: Settings
    /// The purchase relationship type.
    public let purchased: RelationshipTypeID
    let timestampKey: PropertyKeyID?
    let follows: RelationshipTypeID?
    let promotedBy: RelationshipTypeID?

    /// Dense item → product node.
    public let products: [NodeID]
    /// Node index → dense item, or -1; sized to the build snapshot's node id range.
    let itemOf: [Int32]

    /// Neighbours of item j: `neighbourItems[neighbourOffsets[j]..<neighbourOffsets[j+1]]`, most similar first.
    let neighbourOffsets: [Int32]
    let neighbourItems: [UInt32]
    let neighbourSimilarity: [Float]

    /// Distinct buyers per item.
    public let popularity: [Float]
    /// Items by popularity, highest first (ties: smaller item).
    let popularOrder: [UInt32]
    /// Recency-decayed purchases in the trending window per item.
    public let trending: [Float]
    /// Items with a trending score, highest first.
    let trendingOrder: [UInt32]
    /// The latest purchase timestamp in the graph (0 when there is none).
    public let latestPurchase: Int64

    /// Categories of item j: `categoryNodes[categoryOffsets[j]..<categoryOffsets[j+1]]` (node raw values).
    let categoryOffsets: [Int32]
    let categoryNodes: [UInt32]
    /// Items of each category, by popularity.
    let itemsByCategory: [UInt32: [UInt32]]

    /// Price per item, NaN when unknown.
    let price: [Float]
    /// Stock flag per item.
    let inStock: [Bool]

    /// The automatic model selection of this build (nil when `settings.selection` is nil).
    public let selection: ModelSelection?
    /// The chosen model, refitted on all purchases; the `auto` strategy ranks with it.
    public let selected: FittedModel?

    /// The number of items.
    public var itemCount: Int { products.count }

    /// The dense item of a product node, or nil when the model does not know it.
    /// Whether item `t` passes `filter` (its exclusions, price range, stock and categories).
    public func passes(_ t: Int, _ filter: RecommendationFilter) -> Bool {
        guard !filter.isEmpty else { return true }
        if filter.excluded.contains(products[t]) { return false }
        if filter.minPrice != nil || filter.maxPrice != nil {
            let p = Double(price[t])
            if p.isNaN || p < (filter.minPrice ?? -.infinity) || p > (filter.maxPrice ?? .infinity) { return false }
        }
        if filter.inStockOnly && !inStock[t] { return false }
        if let cats = filter.categories {
            return (Int(categoryOffsets[t])..<Int(categoryOffsets[t + 1])).contains { cats.contains(NodeID(categoryNodes[$0])) }
        }
        return true
    }

    public func item(of node: NodeID) -> Int? {
        guard node.index < itemOf.count else { return nil }
        let i = itemOf[node.index]
        return i < 0 ? nil : Int(i)
    }

    /// The neighbours of an item, most similar first.
    public func neighbours(of item: Int) -> [(item: Int, similarity: Float)] {
        (Int(neighbourOffsets[item])..<Int(neighbourOffsets[item + 1])).map {
            (Int(neighbourItems[$0]), neighbourSimilarity[$0])
        }
    }

    /// The category nodes of an item.
    public func categories(of item: Int) -> [NodeID] {
        (Int(categoryOffsets[item])..<Int(categoryOffsets[item + 1])).map { NodeID(categoryNodes[$0]) }
    }

    /// The item-kNN cosine similarity of two items (0 when `b` is not among `a`'s kept neighbours).
    public func similarity(_ a: Int, _ b: Int) -> Float {
        for e in Int(neighbourOffsets[a])..<Int(neighbourOffsets[a + 1]) where neighbourItems[e] == UInt32(b) {
            return neighbourSimilarity[e]
        }
        return 0
    }
}
