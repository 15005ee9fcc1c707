public import GraphStore
import Synchronization

/// Keeps one `RecommenderModel` for a changing graph and lends out `Recommender`s over it.
///
/// The model is built on first use. After the graph changes (its snapshot version moves on) it is
/// rebuilt on the next use that comes at least `maxAge` after the last build; meanwhile the old
/// model keeps serving, while customer histories are always read from the live snapshot. Only one
/// caller rebuilds at a time; the others keep using the current model. Thread-safe.
public final class RecommenderCache: Sendable {
    public let settings: RecommenderModel.Settings
    public let maxAge: Duration
    private struct State {
        var model: RecommenderModel?
        var builtAt: ContinuousClock.Instant?
        var building = false
        var pool: [Recommender] = []
    }
    private let state = Mutex<State>(State())
    private let buildLock = Mutex<Void>(())

    /// - Parameter maxAge: the least time between rebuilds after writes.
    public init(settings: RecommenderModel.Settings = RecommenderModel.Settings(), maxAge: Duration = .seconds(60)) {
        self.settings = settings
        self.maxAge = maxAge
    }

    /// The model for `snapshot`: the cached one, or a new build when none exists or it is stale.
    public func model(for snapshot: GraphSnapshot) throws(EvaluationError) -> RecommenderModel {
        let now = ContinuousClock.now
        let (current, rebuild): (RecommenderModel?, Bool) = state.withLock { s in
            guard let m = s.model, let built = s.builtAt else { return (nil, true) }
            let stale = m.version != snapshot.version && now - built >= maxAge && !s.building
            if stale { s.building = true }
            return (m, stale)
        }
        if let current, !rebuild { return current }
        // First build: serialise so that concurrent first callers build once.
        let result: Result<RecommenderModel, EvaluationError> = buildLock.withLock { _ in
            if current == nil, let m = state.withLock({ $0.model }) { return .success(m) }
            do throws(EvaluationError) {
                return .success(try RecommenderModel(snapshot: snapshot, settings: settings))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let m):
            state.withLock { s in
                if s.model?.version != m.version || s.model == nil {
                    s.model = m
                    s.builtAt = ContinuousClock.now
                    s.pool.removeAll()
                }
                s.building = false
            }
            return m
        case .failure(let e):
            state.withLock { $0.building = false }
            if let current { return current }
            throw e
        }
    }

    /// Runs `body` with a recommender over the current model (borrowed from a pool, so its scratch
    /// arrays are reused across calls).
    public func withRecommender<R>(
        snapshot: GraphSnapshot, embeddings: (any ProductEmbeddings)?,
        _ body: (inout Recommender) throws -> R
    ) throws -> R {
        let model = try model(for: snapshot)
        var r = state.withLock { s -> Recommender? in
            while let r = s.pool.popLast() {
                if r.model.version == model.version && r.model.itemCount == model.itemCount { return r }
            }
            return nil
        } ?? Recommender(model: model)
        r.embeddings = embeddings
        defer {
            r.embeddings = nil
            let keep = r
            state.withLock { s in
                if s.pool.count < 64 && s.model?.version == keep.model.version { s.pool.append(keep) }
            }
        }
        return try body(&r)
    }
}
