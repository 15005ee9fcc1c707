/// Portable SIMD versions of the inner-product kernels.
///
/// They are the reference the BLAS path is tested against, and the faster choice for very
/// short runs (a few rows), where a BLAS call costs more than it saves.
public enum SIMDReference {
    /// Inner product of two contiguous vectors of length `count`.
    /// - Complexity: O(count).
    @inlinable
    public static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
        var acc0 = SIMD8<Float>(repeating: 0)
        var acc1 = SIMD8<Float>(repeating: 0)
        var i = 0
        let rawX = UnsafeRawPointer(x)
        let rawY = UnsafeRawPointer(y)
        while i + 16 <= count {
            let a0 = rawX.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            let b0 = rawY.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            let a1 = rawX.loadUnaligned(fromByteOffset: (i &+ 8) &* 4, as: SIMD8<Float>.self)
            let b1 = rawY.loadUnaligned(fromByteOffset: (i &+ 8) &* 4, as: SIMD8<Float>.self)
            acc0 += a0 * b0
            acc1 += a1 * b1
            i &+= 16
        }
        if i + 8 <= count {
            let a0 = rawX.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            let b0 = rawY.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            acc0 += a0 * b0
            i &+= 8
        }
        var sum = (acc0 + acc1).sum()
        while i < count {
            sum += x[i] * y[i]
            i &+= 1
        }
        return sum
    }

    /// `y[r] = Σ_c a[r·lda + c] · x[c]` for `r` in `0..<rows`: one query against many rows.
    /// - Complexity: O(rows·cols).
    @inlinable
    public static func matrixVector(
        rows: Int, cols: Int, a: UnsafePointer<Float>, lda: Int, x: UnsafePointer<Float>,
        y: UnsafeMutablePointer<Float>
    ) {
        for r in 0..<rows {
            y[r] = dot(a + r &* lda, x, count: cols)
        }
    }

    /// `c[i·ldc + j] = Σ_t q[i·ldq + t] · m[j·ldm + t]`: many queries against many rows (`Q · Mᵀ`).
    /// - Complexity: O(queries·rows·cols).
    @inlinable
    public static func matrixMatrixTransposed(
        queries: Int, rows: Int, cols: Int,
        q: UnsafePointer<Float>, ldq: Int,
        m: UnsafePointer<Float>, ldm: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        for i in 0..<queries {
            for j in 0..<rows {
                c[i &* ldc &+ j] = dot(q + i &* ldq, m + j &* ldm, count: cols)
            }
        }
    }
}
