/// The item–item co-occurrence (Gram) matrix XᵀX of a binary train matrix, dense, row-major,
/// built directly from each user's history instead of a dense product.
///
/// Entry (i, j) is the number of users with both i and j in train; the diagonal is each item's
/// user count. Float32 is exact for counts below 2²⁴.
public struct ItemGram: Sendable {
    public let items: Int
    public var values: [Float]

    /// - Complexity: O(Σ over users of |history|² + items²).
    public init(_ split: EvaluationSplit) {
        let n = split.items
        var g = [Float](repeating: 0, count: n * n)
        g.withUnsafeMutableBufferPointer { g in
            for h in split.history {
                for i in h {
                    let row = Int(i) * n
                    for j in h { g[row + Int(j)] += 1 }
                }
            }
        }
        items = n
        values = g
    }

    @inlinable public subscript(i: Int, j: Int) -> Float { values[i * items + j] }
}
