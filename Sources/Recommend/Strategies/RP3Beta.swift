#if canImport(Glibc)
    import Glibc
#endif

/// RP3β: three-step random walks on the customer–product graph (item → user → item), with the
/// arrival item's popularity discounted by popularity^β.
///
/// W[j, t] = (Σ over users u holding j and t of 1 / |history(u)|) / |users(j)| / |users(t)|^β,
/// each row pruned to its `neighbours` largest entries. A user's score for t is Σ over their
/// history items j of W[j, t].
public struct RP3Beta: RankingStrategy, ItemItemModel {
    public let name: String
    public let items: Int
    let offsets: [Int]
    let columns: [UInt32]
    let weights: [Float]

    /// - Parameters:
    ///   - beta: the popularity discount of the arrival item (0 gives plain P³).
    ///   - neighbours: entries kept per row.
    /// - Complexity: O(Σ over users of |history|² + items² · log neighbours).
    public init(_ split: EvaluationSplit, beta: Float = 0.5, neighbours: Int = 100) {
        let n = split.items
        var w = [Float](repeating: 0, count: n * n)
        var degree = [Float](repeating: 0, count: n)
        w.withUnsafeMutableBufferPointer { w in
            for h in split.history where !h.isEmpty {
                let step = 1 / Float(h.count)
                for i in h {
                    degree[Int(i)] += 1
                    let row = Int(i) * n
                    for j in h { w[row + Int(j)] += step }
                }
            }
        }
        let discount = degree.map { $0 > 0 ? powf($0, beta) : 1 }
        var offsets = [0]
        var columns: [UInt32] = []
        var weights: [Float] = []
        var heap = TopK(capacity: neighbours)
        for j in 0..<n {
            heap.removeAll()
            if degree[j] > 0 {
                for t in 0..<n where t != j && w[j * n + t] > 0 {
                    heap.offer(UInt32(t), score: w[j * n + t] / degree[j] / discount[t])
                }
            }
            for (t, s) in heap.sorted() {
                columns.append(t)
                weights.append(s)
            }
            offsets.append(columns.count)
        }
        name = "RP3β (β=\(EASE.format(beta)), k=\(neighbours))"
        items = n
        self.offsets = offsets
        self.columns = columns
        self.weights = weights
    }

    public func addRow(_ j: Int, weight: Float, into scores: UnsafeMutableBufferPointer<Float>) {
        for e in offsets[j]..<offsets[j + 1] { scores[Int(columns[e])] += weight * weights[e] }
    }

    public func weight(_ j: Int, _ t: Int) -> Float {
        for e in offsets[j]..<offsets[j + 1] where columns[e] == UInt32(t) { return weights[e] }
        return 0
    }
}
