public import GraphStore

/// Product vectors and a nearest-neighbour search over them, for the embedding signal of the
/// personalised recommender. The engine adapts its vector index to this; Recommend does not
/// depend on the index itself.
public protocol ProductEmbeddings: Sendable {
    /// The vector of `product`, or nil when it has none.
    func vector(of product: NodeID) -> [Float]?
    /// The `k` products most cosine-similar to `query`, best first.
    func nearest(to query: [Float], k: Int) -> [(product: NodeID, similarity: Float)]
    /// The `k` products most cosine-similar to `query` among those `allowed` accepts, best first.
    /// An index should apply the predicate while it searches, so that `k` allowed products come
    /// back whenever that many exist.
    func nearest(to query: [Float], k: Int, allowed: @escaping @Sendable (NodeID) -> Bool) -> [(
        product: NodeID, similarity: Float
    )]
}

extension ProductEmbeddings {
    /// Filters an unfiltered search, asking for more until `k` pass or the search runs dry.
    public func nearest(to query: [Float], k: Int, allowed: @escaping @Sendable (NodeID) -> Bool) -> [(
        product: NodeID, similarity: Float
    )] {
        var want = k
        while true {
            let hits = nearest(to: query, k: want)
            let kept = hits.filter { allowed($0.product) }
            if kept.count >= k || hits.count < want { return Array(kept.prefix(k)) }
            want *= 4
        }
    }
}
