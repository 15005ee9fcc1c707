/// Anything that turns texts into fixed-length vectors.
///
/// Providers plug in behind this protocol: the native ``MiniLMEmbedder``, the lookup-table
/// ``PrecomputedEmbedder``, and later a remote (HTTP) provider, which is why `embed` is async.
public protocol Embedder: Sendable {
    /// The length of every vector this provider returns.
    var dimension: Int { get }

    /// One vector per text, in order.
    ///
    /// - Throws: an ``EmbeddingsError`` when a text cannot be embedded.
    func embed(_ texts: [String]) async throws(EmbeddingsError) -> [[Float]]
}
