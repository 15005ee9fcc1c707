/// An IVF-flat index for cosine similarity.
///
/// Vectors are normalised on insert, so cosine similarity is an inner product. `train`
/// runs spherical k-means to place `lists` centroids; each vector then lives in the
/// inverted list of its nearest centroid. A search scores the query against the
/// centroids, scans the `probes` closest lists exactly, and keeps the best `k`.
///
/// Defaults follow pgvector: `lists = max(1, rows / 1000)`, `probes = max(1, √lists)`.
/// Limits: `1 ≤ dimension ≤ maxDimension`, `1 ≤ lists ≤ maxLists`, `1 ≤ k ≤ maxK`.
///
/// Thread safety: any number of searches run concurrently; writes (`add`, `upsert`,
/// `remove`, `compact`, `train`) take an exclusive lock and are never seen half-done.
public final class IVFFlatIndex: @unchecked Sendable {
    /// Largest supported dimension.
    public static let maxDimension = 16_384
    /// Largest supported number of lists.
    public static let maxLists = 65_536
    /// Largest supported `k`.
    public static let maxK = 10_000

    /// Vector length.
    public let dimension: Int

    let lock = ReadWriteLock()
    /// Guarded by `lock`.
    var state: State

    struct State {
        var quantizer: CoarseQuantizer?
        var lists: InvertedLists
        /// Which list holds each live id.
        var listOf: [VectorID: UInt32]
        /// How searches without `probes` are answered.
        var policy = SearchPolicy()
        /// Probe ranks measured on the current lists (`nil` until `calibrate()`).
        var calibration: Calibration? = nil
        /// Live vectors when the lists were last trained by `maintain()` (0: never).
        var trainedRows = 0
    }

    /// An empty, untrained index.
    /// - Throws: `invalidParameter` when `dimension` is outside `1...maxDimension`.
    public init(dimension: Int) throws(VectorIndexError) {
        guard dimension >= 1, dimension <= Self.maxDimension else {
            throw VectorIndexError(.invalidParameter, "dimension must be in 1...\(Self.maxDimension); got \(dimension)")
        }
        self.dimension = dimension
        state = State(quantizer: nil, lists: InvertedLists(dimension: dimension, lists: 0), listOf: [:])
    }

    /// An empty, untrained index with a search policy.
    /// - Throws: `invalidParameter` for a bad dimension or policy.
    public convenience init(dimension: Int, policy: SearchPolicy) throws(VectorIndexError) {
        try policy.validate()
        try self.init(dimension: dimension)
        state.policy = policy
    }

    init(dimension: Int, state: State) {
        self.dimension = dimension
        self.state = state
    }

    /// pgvector's default list count for `rows` vectors: `max(1, rows / 1000)`.
    public static func defaultLists(rows: Int) -> Int { min(maxLists, max(1, rows / 1000)) }

    /// pgvector's default probe count for `lists` lists: `max(1, ⌊√lists⌋)`.
    public static func defaultProbes(lists: Int) -> Int { max(1, Int(Double(lists).squareRoot())) }

    /// Live vectors.
    public var count: Int { lock.withReadLock { state.lists.liveCount } }

    /// Number of inverted lists (0 before training).
    public var lists: Int { lock.withReadLock { state.quantizer?.lists ?? 0 } }

    /// Whether `train` has run.
    public var isTrained: Bool { lock.withReadLock { state.quantizer != nil } }

    /// The probe count used when a search passes none.
    public var defaultProbes: Int { Self.defaultProbes(lists: lists) }

    /// Whether `id` is in the index.
    public func contains(_ id: VectorID) -> Bool { lock.withReadLock { state.listOf[id] != nil } }

    /// Bytes held by the index: vectors, ids, centroids and the id → list map (estimated from capacities).
    public var memoryBytes: Int {
        lock.withReadLock {
            let centroidBytes = (state.quantizer?.centroids.capacity ?? 0) * MemoryLayout<Float>.stride
            // A native Dictionary stores keys and values in power-of-two tables at ≤ 75% load.
            let mapBytes = state.listOf.capacity > 0 ? Self.dictionaryBytes(capacity: state.listOf.capacity) : 0
            return state.lists.memoryBytes + centroidBytes + mapBytes
        }
    }

    static func dictionaryBytes(capacity: Int) -> Int {
        var buckets = 1
        while buckets * 3 / 4 < capacity { buckets <<= 1 }
        return buckets * (MemoryLayout<VectorID>.stride + MemoryLayout<UInt32>.stride) + buckets / 8
    }

    /// Live vectors per list, to judge balance.
    public var listSizes: [Int] { lock.withReadLock { state.lists.liveSizes } }

    /// List balance: the largest list over the mean list size (1 is perfect).
    ///
    /// Retrain when this passes about 3, or when the row count has grown past ~2× the count
    /// the index was trained on: search cost follows the lists it scans, and a lopsided
    /// index scans big lists for most queries.
    public var imbalance: Double {
        let sizes = listSizes
        guard !sizes.isEmpty else { return 1 }
        let total = sizes.reduce(0, +)
        guard total > 0 else { return 1 }
        return Double(sizes.max()!) / (Double(total) / Double(sizes.count))
    }
}
