import Dispatch
import Synchronization
import VectorKernels

#if canImport(Glibc)
    import Glibc
#endif

/// Item-to-item weights computed sparsely from the histories, for catalogues too large for a dense
/// items × items matrix: item j's row walks j's buyers and their items once, so memory is
/// O(pairs + items · neighbours) and time O(Σ over users of |history|²), spread over every core.
///
/// Two weightings of the co-occurrence of j and t:
/// - `cosine`: |U(j) ∩ U(t)| / √(|U(j)| · |U(t)|) (the item-kNN of `ItemKNN`);
/// - `rp3beta(β)`: (Σ over users u holding j and t of 1 / |history(u)|) / |U(j)| / |U(t)|^β (as `RP3Beta`).
///
/// Each row keeps its `neighbours` largest entries. A user's score for t is Σ over history items j
/// of W[j, t]; the result equals `ItemKNN` / `RP3Beta` on the same split (tested).
public struct SparseItemItem: RankingStrategy, ItemItemModel {
    public enum Weighting: Sendable, Hashable, CustomStringConvertible {
        case cosine
        case rp3beta(Float)
        /// EASE's weights with penalty λ, sparsified (`EASE.sparsified(keeping:)`); not built from
        /// co-occurrences by this type's initialiser.
        case ease(Float)

        public var description: String {
            switch self {
            case .cosine: "cosine"
            case .rp3beta(let b): "RP3β β=\(EASE.format(b))"
            case .ease(let lambda): "EASE λ=\(EASE.format(lambda))"
            }
        }
    }

    public let name: String
    public let items: Int
    public let weighting: Weighting
    public let neighbours: Int
    let offsets: [Int]
    let columns: [UInt32]
    let weights: [Float]

    /// - Complexity: O(Σ over users of |history|² + items · neighbours · log neighbours).
    /// - Precondition: `weighting` is `.cosine` or `.rp3beta` (EASE's rows come from `EASE.sparsified`).
    public init(_ split: EvaluationSplit, weighting: Weighting = .cosine, neighbours: Int = 100, workers: Int? = nil) {
        if case .ease = weighting { preconditionFailure("EASE rows come from EASE.sparsified(keeping:)") }
        let n = split.items
        var degree = [Int](repeating: 0, count: n)
        for h in split.history { for i in h { degree[Int(i)] += 1 } }
        var buyerOffsets = [Int](repeating: 0, count: n + 1)
        for i in 0..<n { buyerOffsets[i + 1] = buyerOffsets[i] + degree[i] }
        var buyers = [UInt32](repeating: 0, count: buyerOffsets[n])
        var fill = buyerOffsets
        for (u, h) in split.history.enumerated() {
            for i in h {
                buyers[fill[Int(i)]] = UInt32(u)
                fill[Int(i)] += 1
            }
        }
        let (buyerOffsetsBuilt, buyersBuilt) = (buyerOffsets, buyers)
        let history = split.history
        let userWeight: [Float] = history.map {
            if case .rp3beta = weighting { return $0.isEmpty ? 0 : 1 / Float($0.count) }
            return 1
        }
        let arrival: [Float] = degree.map { d in
            guard d > 0 else { return 0 }
            switch weighting {
            case .cosine, .ease: return 1 / Float(d).squareRoot()
            case .rp3beta(let beta): return 1 / powf(Float(d), beta)
            }
        }
        let departure: [Float] = degree.map { d in
            guard d > 0 else { return 0 }
            switch weighting {
            case .cosine, .ease: return 1 / Float(d).squareRoot()
            case .rp3beta: return 1 / Float(d)
            }
        }
        let keep = max(1, neighbours)
        let threads = max(1, min(workers ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 64))
        let next = Atomic<Int>(0)
        let rows = Mutex<[[(UInt32, Float)]]>([[(UInt32, Float)]](repeating: [], count: n))
        DispatchQueue.concurrentPerform(iterations: min(threads, max(1, n / 64))) { _ in
            var acc = [Float](repeating: 0, count: n)
            var touched: [UInt32] = []
            var heap = TopK(capacity: keep)
            var local: [(Int, [(UInt32, Float)])] = []
            while true {
                let start = next.add(64, ordering: .relaxed).oldValue
                if start >= n { break }
                for j in start..<min(n, start + 64) {
                    for b in buyerOffsetsBuilt[j]..<buyerOffsetsBuilt[j + 1] {
                        let u = Int(buyersBuilt[b])
                        let w = userWeight[u]
                        for t in history[u] where Int(t) != j {
                            if acc[Int(t)] == 0 { touched.append(t) }
                            acc[Int(t)] += w
                        }
                    }
                    heap.removeAll()
                    for t in touched {
                        heap.offer(t, score: acc[Int(t)] * departure[j] * arrival[Int(t)])
                        acc[Int(t)] = 0
                    }
                    touched.removeAll(keepingCapacity: true)
                    local.append((j, heap.sorted().map { ($0.item, $0.score) }))
                }
            }
            rows.withLock { r in for (j, list) in local { r[j] = list } }
        }
        self.init(
            name: "item-kNN (\(weighting), k=\(keep), sparse)", items: n, weighting: weighting, neighbours: keep,
            rows: rows.withLock { $0 })
    }

    /// Rows given directly, each its kept (item, weight) pairs, largest weight first; as the
    /// co-occurrence build above and `EASE.sparsified(keeping:)` make them.
    init(name: String, items: Int, weighting: Weighting, neighbours: Int, rows: [[(UInt32, Float)]]) {
        var offsets = [0]
        offsets.reserveCapacity(items + 1)
        var columns: [UInt32] = []
        var weights: [Float] = []
        for list in rows {
            for (t, w) in list {
                columns.append(t)
                weights.append(w)
            }
            offsets.append(columns.count)
        }
        self.name = name
        self.items = items
        self.weighting = weighting
        self.neighbours = neighbours
        self.offsets = offsets
        self.columns = columns
        self.weights = weights
    }

    /// For each of `targets`, the history item j (at position r) with the largest positive
    /// `recency[r] · W[j, t]`, and that value: one pass over the history's rows, as scoring makes.
    func strongestContributors(
        history: [UInt32], recency: [Float], targets: [Int]
    ) -> [(item: UInt32, value: Float)?] {
        var best = [(item: UInt32, value: Float)?](repeating: nil, count: targets.count)
        guard !targets.isEmpty, targets.count < Int(Int16.max) else { return best }
        var slot = [Int16](repeating: -1, count: items)
        for (k, t) in targets.enumerated() { slot[t] = Int16(k) }
        slot.withUnsafeBufferPointer { slot in
            columns.withUnsafeBufferPointer { columns in
                weights.withUnsafeBufferPointer { weights in
                    for (r, j) in history.enumerated() {
                        let w = recency[r]
                        for e in offsets[Int(j)]..<offsets[Int(j) + 1] {
                            let k = Int(slot[Int(columns[e])])
                            guard k >= 0 else { continue }
                            let v = w * weights[e]
                            if v > 0 && (best[k] == nil || v > best[k]!.value) { best[k] = (j, v) }
                        }
                    }
                }
            }
        }
        return best
    }

    public func addRow(_ j: Int, weight: Float, into scores: UnsafeMutableBufferPointer<Float>) {
        for e in offsets[j]..<offsets[j + 1] { scores[Int(columns[e])] += weight * weights[e] }
    }

    public func addRows(_ rows: [UInt32], weights rowWeights: [Float], into scores: UnsafeMutableBufferPointer<Float>) {
        // Every column was built below `items`.
        precondition(scores.count >= items)
        SparseRows.accumulate(
            offsets: offsets, columns: columns, weights: weights, rows: rows, rowWeights: rowWeights, into: scores)
    }

    public func weight(_ j: Int, _ t: Int) -> Float {
        for e in offsets[j]..<offsets[j + 1] where columns[e] == UInt32(t) { return weights[e] }
        return 0
    }

    /// Item j's kept neighbours, largest weight first.
    public func row(_ j: Int) -> [(item: UInt32, weight: Float)] {
        (offsets[j]..<offsets[j + 1]).map { (columns[$0], weights[$0]) }
    }
}
