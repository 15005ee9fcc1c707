import GraphStore
public import Recommend
import Synchronization

/// One batch of customers scored by `Database.score(customerIDs:_:workers:)`.
public struct BatchScore: Sendable {
    /// One row per requested id, in the order asked.
    public var rows: [ScoredCustomer]
    /// The model's automatic selection (nil when it has none).
    public var selection: ModelSelection?
    /// The recommender model's version (it changes when the model is rebuilt after writes).
    public var modelVersion: UInt64
    /// The worker threads used.
    public var workers: Int
}

extension Database {
    /// Personalised top-k for each customer id, on every core (or `workers` threads), with the recommender's
    /// current model (waiting for the first build when there is none): what `ignitabull score` computes, for a
    /// caller that hands over ids a page at a time (a server). Ids are found through the `Customer.id`
    /// constraint when there is one, else by one scan of the customers; an id that names none gets the
    /// cold-start ranking (`knownCustomer == false`), as in `recommend(customerID:)`.
    /// - Throws: `RecommendError` for a bad request or a graph without purchases.
    /// - Complexity: one lookup per id (O(customers) once without a constraint), then the scoring.
    public func score(customerIDs ids: [String], _ request: RecommendationRequest, workers: Int? = nil) throws -> BatchScore {
        try request.validate()
        let s = graph.snapshot
        guard s.catalog.relationshipType("PURCHASED") != nil else {
            throw RecommendError(.emptyData, "the graph has no PURCHASED relationships to recommend from")
        }
        let model = try recommenderCache.model(for: s)
        let index = s.keyIndex(label: "Customer", key: "id")
        let nodes = ids.map { id in index.lookup(.string(id)) ?? Int64(id).flatMap { index.lookup(.int($0)) } }
        var scorer = BatchScorer(model: model, embeddings: productEmbeddings(in: s), workers: workers)
        scorer.chunk = 32
        let rows = Mutex([ScoredCustomer?](repeating: nil, count: ids.count))
        let explain = request.explain
        try scorer.run(customers: nodes, in: s, request) { chunk in
            let resolved = chunk.map {
                ($0.index, ScoredCustomer(
                    customer: ids[$0.index], knownCustomer: nodes[$0.index] != nil, recommendations: $0.items, in: s,
                    explain: explain))
            }
            rows.withLock { for (i, row) in resolved { $0[i] = row } }
        }
        return BatchScore(
            rows: rows.withLock { $0.compactMap { $0 } }, selection: model.selection, modelVersion: model.version,
            workers: scorer.workers)
    }
}
