/// Item-based k-nearest neighbours over the binary user–item train matrix: cosine similarity
/// between item columns, each item keeping its `neighbours` most similar items.
///
/// A user's score for t is Σ over their history items j of sim(j, t), where sim(j, ·) is pruned
/// to j's top neighbours (the usual item-kNN recommender, as `implicit`'s `CosineRecommender`).
public struct ItemKNN: RankingStrategy, ItemItemModel {
    public let name: String
    public let items: Int
    /// CSR rows: the neighbours of item j are `columns[offsets[j]..<offsets[j+1]]`, best first.
    let offsets: [Int]
    let columns: [UInt32]
    let weights: [Float]

    /// - Parameter neighbours: similar items kept per item (the item itself excluded).
    /// - Complexity: O(items² · log neighbours) plus the Gram matrix.
    public init(_ split: EvaluationSplit, neighbours: Int = 100, gram: ItemGram? = nil) {
        let g = gram ?? ItemGram(split)
        let n = split.items
        name = "item-kNN (cosine, k=\(neighbours))"
        items = n
        var norms = [Float](repeating: 0, count: n)
        for i in 0..<n { norms[i] = g[i, i].squareRoot() }
        var offsets = [0]
        var columns: [UInt32] = []
        var weights: [Float] = []
        offsets.reserveCapacity(n + 1)
        var heap = TopK(capacity: neighbours)
        g.values.withUnsafeBufferPointer { gv in
            for j in 0..<n {
                heap.removeAll()
                if norms[j] > 0 {
                    for t in 0..<n where t != j {
                        let c = gv[j * n + t]
                        if c > 0 { heap.offer(UInt32(t), score: c / (norms[j] * norms[t])) }
                    }
                }
                for (t, s) in heap.sorted() {
                    columns.append(t)
                    weights.append(s)
                }
                offsets.append(columns.count)
            }
        }
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
