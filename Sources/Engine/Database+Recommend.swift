public import GraphStore
import Persistence
public import Recommend
import VectorIndex

/// A product vector index seen as `ProductEmbeddings`.
struct IndexedProductEmbeddings: ProductEmbeddings {
    let snapshot: GraphSnapshot
    let key: PropertyKeyID
    let index: IVFFlatIndex

    func vector(of product: NodeID) -> [Float]? {
        VectorIndexes.vector(snapshot.property(product, key))
    }

    func nearest(to query: [Float], k: Int) -> [(product: NodeID, similarity: Float)] {
        ((try? index.search(query, k: k)) ?? []).map { (NodeID($0.id), $0.score) }
    }

    func nearest(to query: [Float], k: Int, allowed: @escaping @Sendable (NodeID) -> Bool) -> [(
        product: NodeID, similarity: Float
    )] {
        let filter = SearchFilter.allow { allowed(NodeID($0)) }
        return ((try? index.search(query, k: k, filter: filter)) ?? []).map { (NodeID($0.id), $0.score) }
    }
}

/// Personalised picks for one customer id.
public struct CustomerRecommendations: Sendable {
    /// Whether the id names a customer in the graph (an unknown id gets cold-start picks).
    public var knownCustomer: Bool
    /// Distinct products in the customer's purchase history.
    public var historySize: Int
    public var items: [Recommendation]
}

extension Database {
    /// The embeddings of the first vector index over `Product` nodes, if there is one.
    public func productEmbeddings(in s: GraphSnapshot) -> (any ProductEmbeddings)? {
        guard let e = vectorIndexes.all.first(where: { $0.definition.label == "Product" }),
            let key = s.catalog.propertyKey(e.definition.property)
        else { return nil }
        return IndexedProductEmbeddings(snapshot: s, key: key, index: e.index)
    }

    /// Personalised top-k for the customer whose `id` is `customerID`. An unknown id is not an
    /// error: like a new visitor, it gets the cold-start ranking (trending and popular).
    /// - Throws: `RecommendError` for a bad request or a graph without purchases.
    public func recommend(customerID: String, _ request: RecommendationRequest = RecommendationRequest()) throws
        -> CustomerRecommendations
    {
        let s = graph.snapshot
        let customer = s.lookup(label: "Customer", key: "id", value: .string(customerID))
        return try recommenderCache.withRecommender(snapshot: s, embeddings: productEmbeddings(in: s)) { r in
            let items = try r.recommend(for: customer, in: s, request)
            return CustomerRecommendations(knownCustomer: customer != nil, historySize: r.lastHistoryCount, items: items)
        }
    }

    /// Products similar to the product whose `id` is `productID` (item-kNN over buyers, blended with
    /// the product vector index when there is one), filtered.
    /// - Returns: nil when there is no such product.
    public func similarProducts(
        productID: String, k: Int, filter: RecommendationFilter = RecommendationFilter(), useEmbeddings: Bool = true,
        useItemKNN: Bool = true
    ) throws -> [Recommendation]? {
        let s = graph.snapshot
        guard let p = s.lookup(label: "Product", key: "id", value: .string(productID)) else { return nil }
        return try recommenderCache.withRecommender(snapshot: s, embeddings: productEmbeddings(in: s)) { r in
            try r.similar(to: p, k: k, filter: filter, useEmbeddings: useEmbeddings, useItemKNN: useItemKNN)
        }
    }

    /// The category node named by `key`: a `Category` whose `id` equals it, else one whose `name` does.
    public func category(named key: String, in s: GraphSnapshot) -> NodeID? {
        if let n = s.lookup(label: "Category", key: "id", value: .string(key)) { return n }
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
