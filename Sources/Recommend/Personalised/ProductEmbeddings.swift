public import GraphStore

/// Product vectors and a nearest-neighbour search over them, for the embedding signal of the
/// personalised recommender. The engine adapts its vector index to this; Recommend does not
/// depend on the index itself.
public protocol ProductEmbeddings: Sendable {
    /// The vector of `product`, or nil when it has none.
    func vector(of product: NodeID) -> [Float]?
    /// The `k` products most cosine-similar to `query`, best first.
    func nearest(to query: [Float], k: Int) -> [(product: NodeID, similarity: Float)]
}
