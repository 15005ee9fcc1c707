import Embeddings
import HTTPTypes
import Synchronization

/// The MiniLM text embedder, loaded on first use from the model directory and kept.
/// A missing model is not remembered, so fetching it later works without a restart.
final class TextEmbedderCache: Sendable {
    let directory: String
    private let loaded = Mutex<MiniLMEmbedder?>(nil)

    init(directory: String?) {
        self.directory = directory ?? ModelStore.defaultCacheDirectory
    }

    /// The embedder.
    /// - Throws: 503 `ModelUnavailable` naming the fetch command when the files are absent,
    ///   500 when they are damaged.
    func embedder() throws(APIError) -> MiniLMEmbedder {
        if let e = loaded.withLock({ $0 }) { return e }
        guard ModelStore.isComplete(directory) else {
            throw APIError(
                .serviceUnavailable, code: "ModelUnavailable",
                "text search needs the all-MiniLM-L6-v2 model, which is not in \(directory); run `\(ModelStore.fetchCommand)` "
                    + "(or scripts/fetch-model) and retry, or search by `vector`")
        }
        do {
            let e = try MiniLMEmbedder(modelDirectory: directory, threads: 1)
            loaded.withLock { $0 = e }
            return e
        } catch {
            throw APIError(.internalServerError, code: "ModelUnavailable", "cannot load the model in \(directory): \(error.message)")
        }
    }
}
