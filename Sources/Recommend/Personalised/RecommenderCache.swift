import Dispatch
public import GraphStore
import Synchronization

/// Keeps one `RecommenderModel` for a changing graph and lends out `Recommender`s over it.
///
/// The model is built on first use, by the caller (concurrent first callers wait for one build).
/// After the graph changes (its snapshot version moves on), the first use at least `maxAge` after
/// the last build starts a rebuild in the background and keeps serving the current model until the
/// new one is ready; customer histories are always read from the live snapshot. Thread-safe.
public final class RecommenderCache: Sendable {
    public let settings: RecommenderModel.Settings
    public let maxAge: Duration
    private struct State {
        var model: RecommenderModel?
        var builtAt: ContinuousClock.Instant?
        var building = false
        var lastError: RecommendError?
        var pool: [Recommender] = []
    }
    private let state = Mutex<State>(State())
    private let firstBuild = Mutex<Void>(())
    /// Called with every newly installed model (to store and log its model selection).
    private let observers = Mutex<[@Sendable (RecommenderModel) -> Void]>([])
    /// A stored selection whose choice the next build refits when it still applies.
    private let earlier = Mutex<ModelSelection?>(nil)

    /// - Parameter maxAge: the least time between rebuilds after writes.
    public init(settings: RecommenderModel.Settings = RecommenderModel.Settings(), maxAge: Duration = .seconds(60)) {
        self.settings = settings
        self.maxAge = maxAge
    }

    /// The snapshot version the current model was built from (nil before the first build).
    public var modelVersion: UInt64? { state.withLock { $0.model?.version } }

    /// The error of the last background rebuild, if it failed (the previous model kept serving).
    public var lastError: RecommendError? { state.withLock { $0.lastError } }

    /// The model for `snapshot`: the cached one (a stale one starts a background rebuild), or a new
    /// build when there is none yet.
    public func model(for snapshot: GraphSnapshot) throws(RecommendError) -> RecommenderModel {
        let now = ContinuousClock.now
        let (current, rebuild): (RecommenderModel?, Bool) = state.withLock { s in
            guard let m = s.model, let built = s.builtAt else { return (nil, false) }
            let stale = m.version != snapshot.version && now - built >= maxAge && !s.building
            if stale { s.building = true }
            return (m, stale)
        }
        if let current {
            if rebuild {
                let settings = buildSettings()
                DispatchQueue.global().async { [self] in
                    do throws(RecommendError) {
                        let m = try RecommenderModel(snapshot: snapshot, settings: settings)
                        install(m)
                    } catch {
                        state.withLock {
                            $0.building = false
                            $0.lastError = error
                        }
                    }
                }
            }
            return current
        }
        // First build: serialised, so concurrent first callers build once.
        let result: Result<RecommenderModel, RecommendError> = firstBuild.withLock { _ in
            if let m = state.withLock({ $0.model }) { return .success(m) }
            do throws(RecommendError) {
                return .success(try RecommenderModel(snapshot: snapshot, settings: buildSettings()))
            } catch {
                return .failure(error)
            }
        }
        let m = try result.get()
        install(m)
        return m
    }

    private func install(_ m: RecommenderModel) {
        state.withLock { s in
            if s.model == nil || s.model!.version != m.version || s.builtAt == nil {
                s.model = m
                s.builtAt = ContinuousClock.now
                s.pool.removeAll()
            }
            s.building = false
            s.lastError = nil
        }
        for f in observers.withLock({ $0 }) { f(m) }
    }

    /// The settings of the next build: the cache's, with the latest model selection (the current
    /// model's, else a stored one) to refit when it still applies.
    private func buildSettings() -> RecommenderModel.Settings {
        var s = settings
        s.earlierSelection = state.withLock { $0.model?.selection } ?? earlier.withLock { $0 }
        return s
    }

    /// The current model's automatic selection (nil before the first build, or without one).
    public var selection: ModelSelection? { state.withLock { $0.model?.selection } }

    /// Gives the cache a selection stored earlier (for example with the data), so that the first
    /// build refits its choice instead of evaluating every candidate again when it still applies.
    public func restoreSelection(_ selection: ModelSelection?) { earlier.withLock { $0 = selection } }

    /// Calls `observer` with every model the cache installs (the first build and each rebuild).
    public func onBuild(_ observer: @escaping @Sendable (RecommenderModel) -> Void) {
        observers.withLock { $0.append(observer) }
    }

    /// Runs `body` with a recommender over the current model (borrowed from a pool, so its scratch
    /// arrays are reused across calls).
    public func withRecommender<R>(
        snapshot: GraphSnapshot, embeddings: (any ProductEmbeddings)?,
        _ body: (inout Recommender) throws -> R
    ) throws -> R {
        let model = try model(for: snapshot)
        var r =
            state.withLock { s -> Recommender? in
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
