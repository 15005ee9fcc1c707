extension EASE {
    /// The served form of EASE: each row keeps its `keep` weights of largest magnitude (positive
    /// and negative), as a row-sparse `SparseItemItem`.
    ///
    /// A dense row is `items` floats, and scoring a history of h items reads h rows: on a catalogue
    /// of a few thousand products that is megabytes per request, bound by memory bandwidth. The
    /// weights outside a row's largest few hundred are small and their sum over a history changes
    /// the top of a ranking little; the automatic selection evaluates this form, so its figures are
    /// those of the model served.
    /// - Complexity: O(items² · log keep).
    public func sparsified(keeping keep: Int) -> SparseItemItem {
        let n = items
        let k = max(1, min(keep, n))
        var heap = TopK(capacity: k)
        let rows = weights.withUnsafeBufferPointer { w in
            (0..<n).map { j -> [(UInt32, Float)] in
                heap.removeAll()
                let row = j * n
                for t in 0..<n where w[row + t] != 0 { heap.offer(UInt32(t), score: abs(w[row + t])) }
                // Largest weight first, as `SparseItemItem.row` lists them.
                return heap.sorted().map { ($0.item, w[row + Int($0.item)]) }.sorted { $0.1 > $1.1 }
            }
        }
        return SparseItemItem(
            name: "EASE (λ=\(Self.format(lambda)), top \(k) per item)", items: n, weighting: .ease(lambda),
            neighbours: k, rows: rows)
    }
}
