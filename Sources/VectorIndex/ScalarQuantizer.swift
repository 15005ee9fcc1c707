/// Two-level 8-bit scalar quantisation of unit vectors: the stored form of every vector.
///
/// A vector `x` is kept as one scale `u` and two `Int8` codes per component:
/// `x ≈ u·c₁ + (u/254)·c₂`, where `u = max|xᵢ| / 127`, `c₁ = round(x/u)` and `c₂` quantises the
/// residual `x − u·c₁` (at most `u/2`) with step `u/254`. The reconstruction error per component
/// is at most `max|xᵢ| / 64516` (below 1e-5 for unit vectors), finer than float16.
///
/// Searches scan only `c₁` (a quarter of float32's bytes) for an approximate score, then
/// re-rank a short list of candidates with `c₂` added: the result is the cosine of the
/// reconstruction, effectively exact. Storage: `2·d + 4` bytes per vector instead of `4·d`.
enum ScalarQuantizer {
    /// Ratio between the coarse and the residual step.
    static let residualRatio: Float = 254

    /// Encodes a unit vector. Returns the scale `u`.
    @inline(__always)
    static func encode(
        _ x: UnsafePointer<Float>, dimension d: Int,
        coarse: UnsafeMutablePointer<Int8>, residual: UnsafeMutablePointer<Int8>
    ) -> Float {
        var m: Float = 0
        for i in 0..<d { m = max(m, abs(x[i])) }
        guard m > 0 else {
            coarse.update(repeating: 0, count: d)
            residual.update(repeating: 0, count: d)
            return 0
        }
        let u = m / 127
        let u2 = u / residualRatio
        for i in 0..<d {
            let c1 = min(127, max(-127, (x[i] / u).rounded()))
            let r = x[i] - u * c1
            let c2 = min(127, max(-127, (r / u2).rounded()))
            coarse[i] = Int8(c1)
            residual[i] = Int8(c2)
        }
        return u
    }

    /// Writes the reconstruction `u·c₁ + (u/254)·c₂` of one vector.
    @inline(__always)
    static func decode(
        scale u: Float, coarse: UnsafePointer<Int8>, residual: UnsafePointer<Int8>, dimension d: Int,
        into out: UnsafeMutablePointer<Float>
    ) {
        let u2 = u / residualRatio
        for i in 0..<d { out[i] = u * Float(coarse[i]) + u2 * Float(residual[i]) }
    }
}
