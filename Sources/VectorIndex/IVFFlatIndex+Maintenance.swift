extension IVFFlatIndex {
    /// Below this many live vectors an index keeps one list and every search scans it exhaustively
    /// (recall 1). Measured on GloVe-50 and MiniLM-384 (docs/vector-index.md, "Recall by default"):
    /// below it an exhaustive scan costs no more than twice a calibrated IVF search at recall 0.95,
    /// and the IVF search's own fixed costs (centroids, calibration) are not worth it.
    public static let exactSearchThreshold = 10_000

    /// The search policy (recall target, quantization, lists).
    public var policy: SearchPolicy { lock.withReadLock { state.policy } }

    /// Replaces the search policy. A new `lists` takes effect at the next `maintain()`.
    /// - Throws: `invalidParameter` for a bad policy.
    public func setPolicy(_ policy: SearchPolicy) throws(VectorIndexError) {
        try policy.validate()
        lock.withWriteLock { state.policy = policy }
    }

    /// Whether searches without `probes` scan every vector: one list, or fewer vectors than
    /// `exactSearchThreshold`.
    public var searchesExactly: Bool {
        lock.withReadLock { Self.exhaustiveByDefault(lists: state.quantizer?.lists ?? 0, rows: state.lists.liveCount) }
    }

    static func exhaustiveByDefault(lists: Int, rows: Int) -> Bool { lists <= 1 || rows < exactSearchThreshold }

    /// The probes a search with recall target `target` (default: the policy's) scans; `nil` when such a
    /// search is exhaustive or the index is not calibrated yet.
    public func calibratedProbes(for target: Double? = nil) -> Int? {
        lock.withReadLock {
            guard let q = state.quantizer, let c = state.calibration, c.lists == q.lists,
                !Self.exhaustiveByDefault(lists: q.lists, rows: state.lists.liveCount)
            else { return nil }
            let t = target ?? state.policy.recallTarget
            return t >= 1 ? nil : c.probes(for: t)
        }
    }

    /// What `maintain()` did.
    public enum Maintenance: Sendable, Hashable {
        case none, trained(lists: Int), calibrated
    }

    /// Keeps the lists and the calibration fit for the contents, so searches meet the recall target
    /// without the caller tuning lists or probes:
    ///
    /// - fewer than `exactSearchThreshold` vectors (and no `lists` in the policy): one list, searched exhaustively;
    /// - at the threshold: k-means with `defaultLists(rows:)` lists (or the policy's), then calibration;
    /// - retrained and recalibrated whenever the live count has doubled since the last training;
    /// - recalibrated when the count has doubled since the last calibration (fixed lists).
    ///
    /// Call after adding vectors. Training reads a sample of the stored (reconstructed) vectors; the
    /// index stays searchable throughout and swaps the new lists in under its write lock.
    /// - Complexity: amortised O(dimension · lists) per added vector over a doubling.
    @discardableResult
    public func maintain() throws(VectorIndexError) -> Maintenance {
        let now = lock.withReadLock {
            (rows: state.lists.liveCount, lists: state.quantizer?.lists ?? 0, trained: state.trainedRows,
             policy: state.policy, calibration: state.calibration)
        }
        guard now.rows > 0, now.lists > 0 else { return .none }
        let want = min(now.rows, now.policy.lists ?? (now.rows >= Self.exactSearchThreshold ? Self.defaultLists(rows: now.rows) : 1))
        if want != now.lists && (now.lists == 1 || now.trained == 0 || now.rows >= 2 * now.trained) {
            try retrain(lists: want)
            if want > 1 { try calibrate() }
            return .trained(lists: want)
        }
        if now.lists > 1 {
            let c = now.calibration
            if c == nil || c!.lists != now.lists || now.rows >= 2 * c!.rows {
                try calibrate()
                return .calibrated
            }
        }
        return .none
    }

    /// Trains `lists` lists on a sample of the stored vectors and redistributes them all.
    private func retrain(lists: Int) throws(VectorIndexError) {
        let sampleRows = KMeans.Parameters().maxPointsPerCluster * lists
        let (sample, rows): ([Float], Int) = lock.withReadLock {
            let stored = state.lists
            let live = stored.liveCount
            let want = min(live, sampleRows)
            let step = Double(live) / Double(max(want, 1))
            var flat: [Float] = []
            flat.reserveCapacity(want * dimension)
            var seen = 0
            var next = 0.0
            var taken = 0
            for l in 0..<stored.listCount {
                for (p, id) in stored.ids[l].enumerated() where id != InvertedLists.tombstone {
                    if Double(seen) >= next && taken < want {
                        flat.append(contentsOf: stored.vector(list: l, position: p))
                        next += step
                        taken += 1
                    }
                    seen += 1
                }
            }
            return (flat, live)
        }
        try train(sample, lists: lists)
        lock.withWriteLock {
            state.trainedRows = rows
            state.calibration = nil
        }
    }
}
