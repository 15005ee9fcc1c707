import CVectorSIMD

/// Weighted sums of rows of a sparse matrix kept as compressed rows (`offsets`, `columns`,
/// `weights`): the item-to-item recommenders' scoring loop, with each row fetched two ahead.
public enum SparseRows {
    /// `scores[columns[k]] += rowWeights[i] · weights[k]` for every entry k of row `rows[i]`, for
    /// each i in order; the same sums, to the bit, as that loop written out.
    /// - Precondition: `offsets` has an entry past every row in `rows`, every column is below
    ///   `scores.count`, and `rowWeights` is as long as `rows`.
    public static func accumulate(
        offsets: [Int], columns: [UInt32], weights: [Float], rows: [UInt32], rowWeights: [Float],
        into scores: UnsafeMutableBufferPointer<Float>
    ) {
        precondition(rowWeights.count == rows.count && columns.count == weights.count)
        guard !rows.isEmpty, let out = scores.baseAddress else { return }
        for r in rows { precondition(Int(r) + 1 < offsets.count && offsets[Int(r) + 1] <= columns.count) }
        offsets.withUnsafeBufferPointer { o in
            columns.withUnsafeBufferPointer { c in
                weights.withUnsafeBufferPointer { w in
                    rows.withUnsafeBufferPointer { r in
                        rowWeights.withUnsafeBufferPointer { rw in
                            o.baseAddress!.withMemoryRebound(to: Int64.self, capacity: o.count) { o64 in
                                ign_sparse_rows_axpy(
                                    o64, c.baseAddress, w.baseAddress, r.baseAddress, rw.baseAddress, rows.count, out)
                            }
                        }
                    }
                }
            }
        }
    }
}
