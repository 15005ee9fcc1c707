/// How an index answers searches that do not name `probes`: the recall it aims for and whether
/// its 8-bit first pass runs. Saved with the index.
public struct SearchPolicy: Sendable, Hashable {
    /// The default recall@10 target, as a fraction (0.95).
    public static let defaultRecallTarget = 0.95

    /// Mean recall@10 the calibrated probe count aims for, in `(0, 1]`. 1 means exact search.
    public var recallTarget: Double
    /// Whether the search runs the 8-bit coarse pass (`true`, the fast path) or scores every
    /// probed row with both code levels before the exact re-rank (`false`). Neo4j's
    /// `vector.quantization.enabled`.
    public var quantization: Bool
    /// Lists chosen by the user (`nil`: `defaultLists(rows:)` at each (re)training).
    public var lists: Int?

    public init(recallTarget: Double = defaultRecallTarget, quantization: Bool = true, lists: Int? = nil) {
        self.recallTarget = recallTarget
        self.quantization = quantization
        self.lists = lists
    }

    /// Checks the settings.
    /// - Throws: `invalidParameter` for a target outside `(0, 1]` or lists outside `1...maxLists`.
    public func validate() throws(VectorIndexError) {
        guard recallTarget > 0, recallTarget <= 1, recallTarget.isFinite else {
            throw VectorIndexError(.invalidParameter, "the recall target must be in (0, 1]; got \(recallTarget)")
        }
        if let lists, lists < 1 || lists > IVFFlatIndex.maxLists {
            throw VectorIndexError(.invalidParameter, "lists must be in 1...\(IVFFlatIndex.maxLists); got \(lists)")
        }
    }
}

/// Per-search settings. At most one of `probes`, `recall` and `exact` decides the scan; `exact`
/// wins over `probes`, which wins over `recall`. With none, the index's `SearchPolicy` target applies.
public struct SearchOptions: Sendable, Hashable {
    /// Recall@10 to aim for, in `(0, 1]`, through the index's calibration.
    public var recall: Double?
    /// Lists to scan, ≥ 1 (clamped to the list count).
    public var probes: Int?
    /// Scan every vector.
    public var exact: Bool

    public init(recall: Double? = nil, probes: Int? = nil, exact: Bool = false) {
        self.recall = recall
        self.probes = probes
        self.exact = exact
    }

    func validate() throws(VectorIndexError) {
        if let recall, !(recall > 0 && recall <= 1) {
            throw VectorIndexError(.invalidParameter, "recall must be in (0, 1]; got \(recall)")
        }
        if let probes, probes < 1 { throw VectorIndexError(.invalidParameter, "probes must be ≥ 1; got \(probes)") }
    }
}
