/// What an index measured about itself to pick `probes` for a recall target.
///
/// Sample queries are vectors taken from the index (spread evenly over the lists' slots); each one's
/// true `k` nearest neighbours come from an exhaustive scan with the query's own id left out (so the
/// query is held out: it does not count as its own neighbour). For every true neighbour the
/// calibration keeps its *probe rank*: the position (1-based) of the neighbour's list in the query's
/// order of closest centroids. A search with `p` probes finds the neighbours of rank ≤ p, so the mean
/// recall@k at `p` probes is the share of ranks ≤ p, averaged over the queries (`expectedRecall`).
///
/// `probes(for:)` returns the smallest `p` whose expected recall reaches the target plus a margin of a
/// quarter of the gap to 1 (0.95 → 0.9625, 0.99 → 0.9925), which covers the sampling error of a few
/// hundred queries and the rare neighbour the 8-bit first pass drops.
public struct Calibration: Sendable, Hashable {
    /// Neighbours per query (recall@k).
    public let k: Int
    /// Live vectors when it was measured.
    public let rows: Int
    /// Lists of the index it was measured on.
    public let lists: Int
    /// `queries × k` probe ranks, row-major; 0 pads a query with fewer than `k` neighbours.
    let ranks: [UInt32]
    /// `curve[p - 1]`: expected recall@k with `p` probes.
    let curve: [Double]

    /// Sample queries used.
    public var queries: Int { k == 0 ? 0 : ranks.count / k }

    init(k: Int, rows: Int, lists: Int, ranks: [UInt32]) {
        self.k = k
        self.rows = rows
        self.lists = lists
        self.ranks = ranks
        var gain = [Double](repeating: 0, count: max(lists, 1))
        var counted = 0
        let q = k == 0 ? 0 : ranks.count / k
        for i in 0..<q {
            let row = ranks[(i * k)..<((i + 1) * k)]
            let found = row.filter { $0 > 0 }.count
            guard found > 0 else { continue }
            counted += 1
            for r in row where r > 0 { gain[min(Int(r), lists) - 1] += 1 / Double(found) }
        }
        var curve = [Double](repeating: 1, count: max(lists, 1))
        if counted > 0 {
            var sum = 0.0
            for p in 0..<curve.count {
                sum += gain[p]
                curve[p] = min(1, sum / Double(counted))
            }
        }
        self.curve = curve
    }

    /// Mean recall@k expected with `probes` probes.
    public func expectedRecall(probes: Int) -> Double {
        curve[min(max(probes, 1), curve.count) - 1]
    }

    /// The smallest probe count expected to reach `target` (with the margin described above).
    public func probes(for target: Double) -> Int {
        let goal = min(1, target + (1 - target) / 4)
        for (i, r) in curve.enumerated() where r >= goal - 1e-12 { return i + 1 }
        return lists
    }
}

extension IVFFlatIndex {
    /// Sample queries a calibration uses (fewer when the index holds fewer vectors).
    public static let calibrationQueries = 400

    /// Measures the probe ranks of `queries` sample queries' true neighbours (see `Calibration`) and keeps
    /// the result, which later searches use to turn a recall target into probes. Called by `maintain()`
    /// after each (re)training; safe to call while searches run.
    /// - Complexity: O(queries · rows · dimension) for the exhaustive ground truth (batched `sgemm`).
    @discardableResult
    public func calibrate(k: Int = 10, queries: Int = calibrationQueries) throws(VectorIndexError) -> Calibration? {
        try checkK(k)
        // The sample: evenly spaced live slots, reconstructed from the codes.
        let sample: (quantizer: CoarseQuantizer, ids: [VectorID], vectors: [Float], rows: Int)? = lock.withReadLock {
            guard let quantizer = state.quantizer, state.lists.liveCount > k + 1 else { return nil }
            let lists = state.lists
            let live = lists.liveCount
            let want = min(queries, live)
            let step = Double(live) / Double(want)
            var ids: [VectorID] = []
            var flat: [Float] = []
            ids.reserveCapacity(want)
            flat.reserveCapacity(want * dimension)
            var seen = 0
            var next = 0.0
            for l in 0..<lists.listCount {
                for (p, id) in lists.ids[l].enumerated() where id != InvertedLists.tombstone {
                    if Double(seen) >= next && ids.count < want {
                        ids.append(id)
                        flat.append(contentsOf: lists.vector(list: l, position: p))
                        next += step
                    }
                    seen += 1
                }
            }
            return (quantizer, ids, flat, live)
        }
        guard let sample else { return nil }
        let truth = try search(queries: sample.vectors, k: k + 1, probes: sample.quantizer.lists)
        let listCount = sample.quantizer.lists
        var ranks = [UInt32](repeating: 0, count: sample.ids.count * k)
        let stale: Bool = lock.withReadLock {
            guard let current = state.quantizer, current.centroids == sample.quantizer.centroids else { return true }
            var rankOfList = [UInt32](repeating: 0, count: listCount)
            sample.vectors.withUnsafeBufferPointer { v in
                for (i, hits) in truth.enumerated() {
                    let order = current.allListsByCloseness(v.baseAddress! + i * dimension)
                    for (r, l) in order.enumerated() { rankOfList[Int(l)] = UInt32(r + 1) }
                    var j = 0
                    for h in hits where h.id != sample.ids[i] && j < k {
                        if let l = state.listOf[h.id] { ranks[i * k + j] = rankOfList[Int(l)] }
                        j += 1
                    }
                }
            }
            return false
        }
        guard !stale else { return nil }
        let calibration = Calibration(k: k, rows: sample.rows, lists: listCount, ranks: ranks)
        lock.withWriteLock {
            if state.quantizer?.centroids == sample.quantizer.centroids { state.calibration = calibration }
        }
        return calibration
    }

    /// The current calibration (`nil` before the first, or after a retraining until the next).
    public var calibration: Calibration? { lock.withReadLock { state.calibration } }
}
