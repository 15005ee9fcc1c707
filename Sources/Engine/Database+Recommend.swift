public import GraphStore
import Persistence
public import Recommend
import VectorIndex

/// A product vector index seen as `ProductEmbeddings`.
struct IndexedProductEmbeddings: ProductEmbeddings {
    let snapshot: GraphSnapshot
    let key: PropertyKeyID
    let entry: VectorIndexes.Entry

    func vector(of product: NodeID) -> [Float]? {
        VectorIndexes.vector(snapshot.property(product, key))
    }

    func nearest(to query: [Float], k: Int) -> [(product: NodeID, similarity: Float)] {
        ((try? entry.search(query, k: k, options: SearchOptions(), snapshot: snapshot)) ?? []).map {
            (NodeID($0.id), $0.score)
        }
    }

    func nearest(to query: [Float], k: Int, allowed: @escaping @Sendable (NodeID) -> Bool) -> [(
        product: NodeID, similarity: Float
    )] {
        let filter = SearchFilter.allow { allowed(NodeID($0)) }
        return ((try? entry.search(query, k: k, options: SearchOptions(), filter: filter, snapshot: snapshot)) ?? []).map {
            (NodeID($0.id), $0.score)
        }
    }
}

/// Personalised picks for one customer id.
public struct CustomerRecommendations: Sendable {
    /// Why an answer is not personalised.
    public enum ColdStartReason: String, Sendable {
        /// The id names no customer in the graph.
        case unknownCustomer = "unknown-customer"
        /// The customer exists but has bought nothing the model knows.
        case noPurchases = "no-purchases"
        /// The first model build is still running: `items` are the live popularity fallback.
        case modelBuilding = "model-building"
    }

    /// Whether the id names a customer in the graph (an unknown id gets cold-start picks).
    public var knownCustomer: Bool
    /// Distinct products in the customer's purchase history.
    public var historySize: Int
    public var items: [Recommendation]
    /// Whether a recommender model answered; false while the first build runs (then `items` come
    /// from `FallbackRanking`, all marked cold start).
    public var modelReady: Bool
    /// Why the answer is cold start, when it is.
    public var coldStartReason: ColdStartReason?
    /// The snapshot the answer was computed on (every item exists in it).
    public var snapshot: GraphSnapshot
}

/// Products similar to one product.
public struct SimilarProducts: Sendable {
    public var items: [Recommendation]
    /// Whether a recommender model answered; false while the first build runs (then `items` are the
    /// product's co-purchases counted on the live graph, without embeddings).
    public var modelReady: Bool
    /// The snapshot the answer was computed on (every item exists in it).
    public var snapshot: GraphSnapshot
}

extension Database {
    /// The embeddings of the first vector index over `Product` nodes, if there is one.
    public func productEmbeddings(in s: GraphSnapshot) -> (any ProductEmbeddings)? {
        guard let e = vectorIndexes.first(label: "Product"),
            let key = s.catalog.propertyKey(e.definition.property)
        else { return nil }
        return IndexedProductEmbeddings(snapshot: s, key: key, entry: e)
    }

    /// Starts building the recommender model in the background when there is none yet and the
    /// graph has purchases (a server calls this at start, so its first requests rarely find the
    /// model still building). Returns at once.
    public func prepareRecommender() {
        let s = graph.snapshot
        guard s.catalog.relationshipType("PURCHASED") != nil else { return }
        _ = try? recommenderCache.readyModel(for: s)
    }

    /// Personalised top-k for the customer whose `id` is `customerID` (found through the `Customer.id`
    /// constraint when there is one, else by a scan). An unknown id is not an error: like a new
    /// visitor, it gets the cold-start ranking (trending and popular), and the answer says so.
    /// - Parameter waitForModel: when false and the first model build is still running, answer at
    ///   once with `FallbackRanking` (marked `modelReady == false`) instead of waiting for it.
    /// - Parameter snapshot: the graph version to answer on (default: the latest), so that a caller
    ///   which already took one (to parse the request's filter) answers on the same version.
    /// - Throws: `RecommendError` for a bad request or a graph without purchases.
    public func recommend(
        customerID: String, _ request: RecommendationRequest = RecommendationRequest(), waitForModel: Bool = true,
        in snapshot: GraphSnapshot? = nil
    ) throws -> CustomerRecommendations {
        let s = snapshot ?? graph.snapshot
        let customer = s.lookup(label: "Customer", text: customerID)
        guard s.catalog.relationshipType("PURCHASED") != nil else {
            throw RecommendError(.emptyData, "the graph has no PURCHASED relationships to recommend from")
        }
        let embeddings = productEmbeddings(in: s)
        let answer: (items: [Recommendation], history: Int)? =
            waitForModel
            ? try recommenderCache.withRecommender(snapshot: s, embeddings: embeddings) { r in
                (try r.recommend(for: customer, in: s, request), r.lastHistoryCount)
            }
            : try recommenderCache.withReadyRecommender(snapshot: s, embeddings: embeddings) { r in
                (try r.recommend(for: customer, in: s, request), r.lastHistoryCount)
            }
        guard let answer else {
            let items = try FallbackRanking.recommend(for: customer, in: s, request)
            var history = Set<NodeID>()
            if let customer, let purchased = s.catalog.relationshipType("PURCHASED") {
                s.forEachRelationship(of: customer, type: purchased, direction: .outgoing) { p, _ in history.insert(p) }
            }
            return CustomerRecommendations(
                knownCustomer: customer != nil, historySize: history.count, items: items, modelReady: false,
                coldStartReason: .modelBuilding, snapshot: s)
        }
        let coldStart = answer.items.first?.coldStart ?? (customer == nil || answer.history == 0)
        let reason: CustomerRecommendations.ColdStartReason? =
            !coldStart ? nil : (customer == nil ? .unknownCustomer : .noPurchases)
        return CustomerRecommendations(
            knownCustomer: customer != nil, historySize: answer.history, items: answer.items, modelReady: true,
            coldStartReason: reason, snapshot: s)
    }

    /// Products similar to the product whose `id` is `productID` (item-kNN over buyers, blended with
    /// the product vector index when there is one), filtered on the live graph.
    /// - Parameter waitForModel: when false and the first model build is still running, answer at
    ///   once with the product's co-purchases counted on the live graph (`modelReady == false`).
    /// - Returns: nil when there is no such product.
    public func similarProducts(
        productID: String, k: Int, filter: RecommendationFilter = RecommendationFilter(), useEmbeddings: Bool = true,
        useItemKNN: Bool = true, waitForModel: Bool = true
    ) throws -> SimilarProducts? {
        let s = graph.snapshot
        guard let p = s.lookup(label: "Product", text: productID) else { return nil }
        try RecommendationRequest(k: k, filter: filter).validate()
        let embeddings = productEmbeddings(in: s)
        let body = { (r: inout Recommender) throws -> [Recommendation]? in
            try r.similar(to: p, in: s, k: k, filter: filter, useEmbeddings: useEmbeddings, useItemKNN: useItemKNN)
        }
        if waitForModel {
            guard let items = try recommenderCache.withRecommender(snapshot: s, embeddings: embeddings, body) else {
                return nil
            }
            return SimilarProducts(items: items, modelReady: true, snapshot: s)
        }
        if let answer = try recommenderCache.withReadyRecommender(snapshot: s, embeddings: embeddings, body) {
            guard let items = answer else { return nil }
            return SimilarProducts(items: items, modelReady: true, snapshot: s)
        }
        // No model yet: the product's co-purchases (cosine over buyers) on the live graph.
        let items = try FallbackRanking.similar(to: p, in: s, k: k, filter: filter)
        return SimilarProducts(items: items, modelReady: false, snapshot: s)
    }

    /// The category node named by `key`: a `Category` whose `id` equals it, else one whose `name` does.
    public func category(named key: String, in s: GraphSnapshot) -> NodeID? {
        if let n = s.lookup(label: "Category", text: key) { return n }
        guard let label = s.catalog.label("Category"), let name = s.catalog.propertyKey("name") else { return nil }
        var found: NodeID?
        s.forEachNode(label: label) { n in
            if found == nil, s.property(n, name)?.stringValue == key { found = n }
        }
        return found
    }
}

extension Database {
    /// Materialises SIMILAR_TO: each product's top `k` item-kNN neighbours (cosine over buyers) as
    /// `(p)-[:SIMILAR_TO {score, method: "item-knn"}]->(q)`, in one durable transaction; SIMILAR_TO
    /// relationships of other methods are kept.
    /// - Throws: `RecommendError` for `k` outside 1...1000 or a graph without purchases.
    public func materializeSimilarProducts(k: Int, minSimilarity: Double = 0) throws -> SimilarToMaterializer.Changes {
        guard (1...1000).contains(k), minSimilarity >= 0, minSimilarity <= 1 else {
            throw RecommendError(.invalidArgument, "k must be in 1...1000 and the minimum similarity in 0...1")
        }
        return try graph.write { txn in
            var settings = RecommenderModel.Settings()
            settings.neighbours = max(settings.neighbours, k)
            settings.selection = nil
            let model = try RecommenderModel(snapshot: txn.snapshot, settings: settings)
            return try SimilarToMaterializer.apply(model, k: k, minSimilarity: Float(minSimilarity), to: &txn)
        }
    }
}
