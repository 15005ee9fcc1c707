public import GraphStore
import Synchronization

/// The live `Recommender` (the one REST, Cypher and `ignitabull score` use) under the offline
/// protocol: the split's train set is loaded into a graph (users as Customer nodes, items as
/// Product nodes, one PURCHASED per train pair, stamped so that the history order is the split's),
/// a `RecommenderModel` is built on it, and each evaluated user is ranked by the recommender.
///
/// The recommender returns a top list, not a score per item: its top `depth` items get scores
/// depth, depth − 1, …, 1 and every other item 0. The metrics look at most at the top 20, so with
/// `depth` ≥ 20 they are those of the recommender's own ranking.
public final class LiveRecommenderStrategy: RankingStrategy, Sendable {
    public let name: String
    public let depth: Int
    public let snapshot: GraphSnapshot
    private let customers: [NodeID]
    /// Model item → split item.
    private let splitItem: [UInt32]
    private let model: RecommenderModel
    private let strategy: RecommendationRequest.Strategy
    private let pool = Mutex<[Recommender]>([])

    /// - Parameters:
    ///   - strategy: the recommender's strategy (`blend` by default; the split has no categories,
    ///     influencers or vectors, so the blend is recency-weighted item-kNN with a popularity prior).
    public init(
        _ split: EvaluationSplit, strategy: RecommendationRequest.Strategy = .blend, depth: Int = 20,
        settings: RecommenderModel.Settings = RecommenderModel.Settings()
    ) throws(RecommendError) {
        self.strategy = strategy
        self.depth = max(20, depth)
        var settings = settings
        // Only `auto` ranks with the selected model; the other strategies need no selection.
        if strategy != .auto { settings.selection = nil }
        let neighbours =
            settings.easeLambda.map { "EASE λ=\(EASE.format($0)) top \(settings.neighbours)" }
            ?? "item-kNN \(settings.neighbours)"
        name =
            strategy == .auto
            ? "live recommender (auto, as served)"
            : "live recommender (\(strategy.rawValue): recency × \(neighbours) + popularity prior)"
        let store = GraphStore()
        var customers: [NodeID] = []
        var products: [NodeID] = []
        do {
            try store.write { txn in
                let product = try txn.label("Product")
                let customer = try txn.label("Customer")
                let purchased = try txn.relationshipType("PURCHASED")
                let timestamp = try txn.propertyKey("timestamp")
                for _ in 0..<split.items {
                    products.append(try txn.createNode(labels: [product], properties: PropertyMap()))
                }
                for _ in 0..<split.users {
                    customers.append(try txn.createNode(labels: [customer], properties: PropertyMap()))
                }
                var batch: [NewRelationship] = []
                batch.reserveCapacity(split.trainCount)
                for (u, history) in split.history.enumerated() {
                    // The split's times when it has them; else most recent first gets the latest stamp.
                    for (r, j) in history.enumerated() {
                        let time = split.historyTimes?[u][r] ?? Int64(history.count - r)
                        batch.append(
                            NewRelationship(
                                source: customers[u], target: products[Int(j)], type: purchased,
                                properties: PropertyMap([PropertyEntry(key: timestamp, value: .int(time))])))
                    }
                }
                _ = try txn.createRelationships(batch)
            }
        } catch {
            throw RecommendError(.invalidArgument, "cannot load the split into a graph: \(error)")
        }
        snapshot = store.snapshot
        self.customers = customers
        model = try RecommenderModel(snapshot: snapshot, settings: settings)
        var splitItem = [UInt32](repeating: 0, count: model.itemCount)
        for (j, p) in products.enumerated() {
            if let i = model.item(of: p) { splitItem[i] = UInt32(j) }
        }
        self.splitItem = splitItem
    }

    /// The automatic model selection of the model (with the `auto` strategy).
    public var selection: ModelSelection? { model.selection }

    public func score(history: [UInt32], into scores: UnsafeMutableBufferPointer<Float>) {
        // Without the user the graph cannot be asked; rank by popularity, as the recommender's cold start would.
        for (i, p) in model.popularity.enumerated() { scores[Int(splitItem[i])] += p }
    }

    public func score(user: Int, history: [UInt32], into scores: UnsafeMutableBufferPointer<Float>) {
        var r = pool.withLock { $0.popLast() } ?? Recommender(model: model)
        let recs =
            (try? r.recommend(for: customers[user], in: snapshot, RecommendationRequest(k: depth, strategy: strategy)))
            ?? []
        pool.withLock { $0.append(r) }
        for (rank, rec) in recs.enumerated() {
            guard let i = model.item(of: rec.product) else { continue }
            scores[Int(splitItem[i])] += Float(depth - rank)
        }
    }
}
