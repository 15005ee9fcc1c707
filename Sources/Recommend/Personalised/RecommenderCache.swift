import CMemory
import Dispatch
public import GraphStore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps one `RecommenderModel` for a changing graph and lends out `Recommender`s over it.
///
/// Builds run one at a time on a background thread, never on a caller's thread unless it asks to
/// wait: `readyModel(for:)` returns the current model, or nil while the first build runs (a server
/// then answers with `FallbackRanking`); `model(for:)` waits for the first build (batch scoring,
/// Cypher procedures). After the graph changes (its snapshot version moves on), the next use starts
/// a background rebuild once the current model is at least `maxAge` old and the time since the last
/// build is at least three times that build's duration (so rebuilds take at most a quarter of a
/// core under a stream of writes); the current model keeps serving until the new one is installed.
/// Customer histories, product existence and the catalogue filters are always read from the live
/// snapshot (see `Recommender` and `LiveCatalogue`), so those never wait for a rebuild. Thread-safe.
public final class RecommenderCache: Sendable {
    public let settings: RecommenderModel.Settings
    /// The least time between two builds after writes.
    public let maxAge: Duration
    private struct State {
        var model: RecommenderModel?
        var builtAt: ContinuousClock.Instant?
        /// How long the last successful build took.
        var buildDuration: Duration = .zero
        var building = false
        var lastError: RecommendError?
        /// The snapshot version the last failed build read (a first build is not retried on it).
        var failedVersion: UInt64?
        var pool: [PooledRecommender] = []
    }
    private let state = Mutex<State>(State())
    /// Held for the duration of a build, so builds run one at a time and a waiting caller can block on it.
    private let buildLock = Mutex<Void>(())
    private let held = Atomic<Bool>(false)
    /// Called with every newly installed model (to store and log its model selection).
    private let observers = Mutex<[@Sendable (RecommenderModel) -> Void]>([])
    /// A stored selection whose choice the next build refits when it still applies.
    private let earlier = Mutex<ModelSelection?>(nil)

    /// - Parameter maxAge: the least time between rebuilds after writes.
    public init(settings: RecommenderModel.Settings = RecommenderModel.Settings(), maxAge: Duration = .seconds(1)) {
        self.settings = settings
        self.maxAge = maxAge
    }

    /// Test hook: while true, a build that starts waits (polling every 10 ms) before it reads the graph,
    /// so a test controls how long the build takes and can send requests while it runs.
    package var buildsHeld: Bool {
        get { held.load(ordering: .acquiring) }
        set { held.store(newValue, ordering: .releasing) }
    }

    /// The snapshot version the current model was built from (nil before the first build).
    public var modelVersion: UInt64? { state.withLock { $0.model?.version } }

    /// Whether a build is running now.
    public var isBuilding: Bool { state.withLock { $0.building } }

    /// The error of the last build, if it failed (a previous model, if any, kept serving).
    public var lastError: RecommendError? { state.withLock { $0.lastError } }

    /// The current model without waiting: a stale one starts a background rebuild; with none yet,
    /// a background build starts (unless one runs) and the answer is nil.
    /// - Throws: the error of a first build that failed on this same snapshot version (a graph
    ///   without purchases); a later version is tried again.
    public func readyModel(for snapshot: GraphSnapshot) throws(RecommendError) -> RecommenderModel? {
        try ready(for: snapshot, borrow: false).model
    }

    /// `readyModel(for:)`'s work and, when `borrow`, a pooled recommender over that model, under one
    /// acquisition of the state lock (the per-request path of a server takes it once on the way in).
    private func ready(
        for snapshot: GraphSnapshot, borrow: Bool
    ) throws(RecommendError) -> (model: RecommenderModel?, pooled: PooledRecommender?) {
        let now = ContinuousClock.now
        let (current, start, failure, pooled): (RecommenderModel?, Bool, RecommendError?, PooledRecommender?) = state.withLock {
            s in
            if let m = s.model, let built = s.builtAt {
                let wait = max(maxAge, s.buildDuration * 3)
                let stale = m.version != snapshot.version && now - built >= wait && !s.building
                if stale { s.building = true }
                return (m, stale, nil, borrow ? Self.pop(&s.pool, for: m) : nil)
            }
            if s.building { return (nil, false, nil, nil) }
            if let e = s.lastError, s.failedVersion == snapshot.version { return (nil, false, e, nil) }
            s.building = true
            return (nil, true, nil, nil)
        }
        if let failure { throw failure }
        if start {
            DispatchQueue.global().async { [self] in _ = buildAndInstall(snapshot) }
        }
        return (current, pooled)
    }

    /// A pooled recommender over `model`, dropping those over older models.
    private static func pop(_ pool: inout [PooledRecommender], for model: RecommenderModel) -> PooledRecommender? {
        while let r = pool.popLast() {
            if r.recommender.model.version == model.version && r.recommender.model.itemCount == model.itemCount { return r }
        }
        return nil
    }

    /// The model for `snapshot`: the current one (a stale one starts a background rebuild), or, when
    /// there is none yet, the first build's result, waiting for it (building here if none runs).
    public func model(for snapshot: GraphSnapshot) throws(RecommendError) -> RecommenderModel {
        if let m = try readyModel(for: snapshot) { return m }
        // Wait for the running build, then build here if it did not give a model.
        let result: Result<RecommenderModel, RecommendError> = buildLock.withLock { _ in
            if let m = state.withLock({ $0.model }) { return .success(m) }
            state.withLock { $0.building = true }
            return buildLocked(snapshot)
        }
        return try result.get()
    }

    /// Builds from `snapshot` under the build lock (unless a model appeared meanwhile) and installs it.
    private func buildAndInstall(_ snapshot: GraphSnapshot) -> Result<RecommenderModel, RecommendError> {
        buildLock.withLock { _ in
            if let m = state.withLock({ s in s.model.flatMap { $0.version >= snapshot.version ? $0 : nil } }) {
                state.withLock { $0.building = false }
                return .success(m)
            }
            return buildLocked(snapshot)
        }
    }

    /// One build; the caller holds `buildLock` and has set `building`.
    private func buildLocked(_ snapshot: GraphSnapshot) -> Result<RecommenderModel, RecommendError> {
        let started = ContinuousClock.now
        while buildsHeld { usleep(10_000) }
        do throws(RecommendError) {
            let m = try RecommenderModel(snapshot: snapshot, settings: buildSettings())
            // A build's working sets (the selection's split, its candidates' matrices) are freed by now, but
            // the C allocator keeps their pages: at 10M purchases about 0.8 GB of resident memory until
            // they are handed back. Before the model is installed, so that a server whose model is ready
            // has already given them back (measured after installing, it was 1,216 MB one run, 769 another).
            _ = ign_release_free_memory()
            install(m, took: ContinuousClock.now - started)
            return .success(m)
        } catch {
            state.withLock {
                $0.building = false
                $0.lastError = error
                $0.failedVersion = snapshot.version
            }
            return .failure(error)
        }
    }

    private func install(_ m: RecommenderModel, took: Duration) {
        state.withLock { s in
            // A build from an older snapshot than the installed model's (a waiting caller's) is dropped.
            if s.model.map({ $0.version < m.version }) ?? true {
                s.model = m
                s.builtAt = ContinuousClock.now
                s.buildDuration = took
                s.pool.removeAll()
            }
            s.building = false
            s.lastError = nil
            s.failedVersion = nil
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
    /// arrays are reused across calls), waiting for the first build when there is no model yet.
    public func withRecommender<R>(
        snapshot: GraphSnapshot, embeddings: (any ProductEmbeddings)?,
        _ body: (inout Recommender) throws -> R
    ) throws -> R {
        let m = try model(for: snapshot)
        return try lend(m, pooled: state.withLock { Self.pop(&$0.pool, for: m) }, embeddings: embeddings, body)
    }

    /// As `withRecommender`, but never waits for a build: nil (and `body` is not run) while the first
    /// build runs.
    public func withReadyRecommender<R>(
        snapshot: GraphSnapshot, embeddings: (any ProductEmbeddings)?,
        _ body: (inout Recommender) throws -> R
    ) throws -> R? {
        let (model, pooled) = try ready(for: snapshot, borrow: true)
        guard let model else { return nil }
        return try lend(model, pooled: pooled, embeddings: embeddings, body)
    }

    private func lend<R>(
        _ model: RecommenderModel, pooled: PooledRecommender?, embeddings: (any ProductEmbeddings)?,
        _ body: (inout Recommender) throws -> R
    ) throws -> R {
        let box = pooled ?? PooledRecommender(Recommender(model: model))
        box.recommender.embeddings = embeddings
        defer {
            box.recommender.embeddings = nil
            let version = box.recommender.model.version
            state.withLock { s in
                if s.pool.count < 64 && s.model?.version == version { s.pool.append(box) }
            }
        }
        return try body(&box.recommender)
    }
}

/// A recommender in the cache's pool, boxed so that lending it out and taking it back moves one
/// reference instead of copying the recommender's many scratch arrays. Only the caller that popped
/// it from the pool (under the state lock) touches it until it is pushed back, hence `@unchecked`.
final class PooledRecommender: @unchecked Sendable {
    var recommender: Recommender

    init(_ recommender: Recommender) { self.recommender = recommender }
}
