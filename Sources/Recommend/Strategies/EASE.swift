import VectorKernels

/// EASE (embarrassingly shallow autoencoder): the item–item weights
/// B = I − P·diag(1/diag(P)) with P = (XᵀX + λI)⁻¹, so B[j, t] = −P[j, t] / P[t, t] and B[t, t] = 0.
///
/// The Gram matrix is built sparsely from the train histories; the inverse is LAPACK's
/// Cholesky-based `spotrf`/`spotri` through `BLAS.invertSymmetricPositiveDefinite` in float32.
/// `residual` is the largest |((XᵀX + λI)·P − I)| entry over a sample of columns, computed in
/// float64: a check of the float32 inverse.
public struct EASE: RankingStrategy, ItemItemModel {
    public let name: String
    public let items: Int
    public let lambda: Float
    /// B, dense row-major.
    let weights: [Float]
    public let residual: Double

    /// - Throws: `RecommendError.numerical` when XᵀX + λI is not positive definite (λ ≤ 0 with a
    ///   singular Gram matrix), `.invalidArgument` for an empty catalogue.
    /// - Complexity: O(items³) for the inverse plus the Gram matrix.
    public init(_ split: EvaluationSplit, lambda: Float, gram: ItemGram? = nil) throws(RecommendError) {
        let n = split.items
        guard n > 0 else { throw RecommendError(.invalidArgument, "EASE needs a non-empty catalogue") }
        let g = gram ?? ItemGram(split)
        var p = g.values
        for i in 0..<n { p[i * n + i] += lambda }
        let info = p.withUnsafeMutableBufferPointer { BLAS.invertSymmetricPositiveDefinite($0.baseAddress!, n: n) }
        guard info == 0 else {
            throw RecommendError(.numerical, "XᵀX + λI is not positive definite (LAPACK info \(info), λ = \(lambda))")
        }
        // Accuracy check on up to 16 evenly spaced columns, in float64.
        var worst = 0.0
        let step = max(1, n / 16)
        for c in stride(from: 0, to: n, by: step) {
            for r in 0..<n {
                var s = 0.0
                for k in 0..<n {
                    let a = Double(g.values[r * n + k]) + (r == k ? Double(lambda) : 0)
                    if a != 0 { s += a * Double(p[k * n + c]) }
                }
                worst = max(worst, abs(s - (r == c ? 1 : 0)))
            }
        }
        var b = [Float](repeating: 0, count: n * n)
        for j in 0..<n {
            for t in 0..<n where t != j { b[j * n + t] = -p[j * n + t] / p[t * n + t] }
        }
        name = "EASE (λ=\(Self.format(lambda)))"
        items = n
        self.lambda = lambda
        weights = b
        residual = worst
    }

    public func addRow(_ j: Int, weight: Float, into scores: UnsafeMutableBufferPointer<Float>) {
        weights.withUnsafeBufferPointer { w in
            let row = j * items
            for t in 0..<items { scores[t] += weight * w[row + t] }
        }
    }

    public func weight(_ j: Int, _ t: Int) -> Float { weights[j * items + t] }

    static func format(_ x: Float) -> String {
        x == x.rounded() ? String(Int(x)) : String(x)
    }
}
