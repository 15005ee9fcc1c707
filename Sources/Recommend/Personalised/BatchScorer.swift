import Dispatch
public import GraphStore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Scores many customers in parallel: one `Recommender` per worker thread over a shared model,
/// customers handed out in small chunks. Results are delivered chunk by chunk to `sink`, which
/// runs under a lock (so it may write to a file) in completion order.
public struct BatchScorer: Sendable {
    public let model: RecommenderModel
    public let embeddings: (any ProductEmbeddings)?
    /// Worker threads (default: every core).
    public var workers: Int
    /// Customers per chunk handed to a worker and to `sink`.
    public var chunk = 64

    public init(model: RecommenderModel, embeddings: (any ProductEmbeddings)? = nil, workers: Int? = nil) {
        self.model = model
        self.embeddings = embeddings
        self.workers = max(1, workers ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// Scores `customers` (nil entries get the cold-start ranking) with `request`.
    /// - Parameters:
    ///   - sink: receives `(index into customers, recommendations)` pairs of one chunk; it may throw to stop.
    /// - Throws: the request's `RecommendError`, or the first error `sink` threw (remaining chunks are skipped).
    public func run(
        customers: [NodeID?], in s: GraphSnapshot, _ request: RecommendationRequest,
        sink: @Sendable ([(index: Int, items: [Recommendation])]) throws -> Void
    ) throws {
        try request.validate()
        let next = Atomic<Int>(0)
        let failure = Mutex<(any Error)?>(nil)
        let total = customers.count
        let step = max(1, chunk)
        let model = model
        let embeddings = embeddings
        DispatchQueue.concurrentPerform(iterations: min(workers, max(1, (total + step - 1) / step))) { _ in
            var r = Recommender(model: model, embeddings: embeddings)
            var out: [(index: Int, items: [Recommendation])] = []
            while failure.withLock({ $0 == nil }) {
                let start = next.add(step, ordering: .relaxed).oldValue
                if start >= total { break }
                out.removeAll(keepingCapacity: true)
                do {
                    for i in start..<min(total, start + step) {
                        out.append((i, try r.recommend(for: customers[i], in: s, request)))
                    }
                    try failure.withLock { f in
                        guard f == nil else { return }
                        try sink(out)
                    }
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                }
            }
        }
        if let e = failure.withLock({ $0 }) { throw e }
    }
}
