/// Inner products of queries against row-major matrices, on BLAS or the SIMD reference.
///
/// The BLAS path (`sgemv` for one query, `sgemm` for many) wins once the work is large
/// enough to pay for the call; below ``blasThreshold`` multiply-adds the SIMD loop is used.
/// Both paths give the same results within float rounding (tested).
public enum InnerProducts {
    /// How the work is routed.
    public enum Path: Sendable {
        /// Pick by size: BLAS at or above ``blasThreshold`` multiply-adds, SIMD below.
        case automatic
        /// Always BLAS.
        case blas
        /// Always the SIMD reference.
        case simd
    }

    /// The number of multiply-adds at which BLAS becomes the faster path on this machine.
    public static let blasThreshold = 2048

    /// `scores[r] = ⟨matrix row r, query⟩` for `rows` rows of `dimension` floats.
    ///
    /// - Parameters:
    ///   - matrix: `rows × dimension`, row-major, contiguous.
    ///   - query: `dimension` floats.
    ///   - scores: receives `rows` floats.
    /// - Complexity: O(rows·dimension).
    @inlinable
    public static func matrixVector(
        rows: Int, dimension: Int, matrix: UnsafePointer<Float>, query: UnsafePointer<Float>,
        scores: UnsafeMutablePointer<Float>, path: Path = .automatic
    ) {
        guard rows > 0 else { return }
        let useBLAS: Bool
        switch path {
        case .automatic: useBLAS = rows &* dimension >= blasThreshold && rows > 2
        case .blas: useBLAS = true
        case .simd: useBLAS = false
        }
        if useBLAS {
            BLAS.gemv(.none, rows: rows, cols: dimension, a: matrix, lda: dimension, x: query, y: scores)
        } else {
            SIMDReference.matrixVector(rows: rows, cols: dimension, a: matrix, lda: dimension, x: query, y: scores)
        }
    }

    /// `scores[i·rows + j] = ⟨query i, matrix row j⟩`: a `queries × rows` block (`Q · Mᵀ`).
    ///
    /// - Parameters:
    ///   - queryMatrix: `queries × dimension`, row-major, contiguous.
    ///   - matrix: `rows × dimension`, row-major, contiguous.
    ///   - scores: receives `queries × rows` floats, row-major.
    /// - Complexity: O(queries·rows·dimension).
    @inlinable
    public static func matrixMatrix(
        queries: Int, rows: Int, dimension: Int,
        queryMatrix: UnsafePointer<Float>, matrix: UnsafePointer<Float>,
        scores: UnsafeMutablePointer<Float>, path: Path = .automatic
    ) {
        guard queries > 0, rows > 0 else { return }
        let useBLAS: Bool
        switch path {
        case .automatic: useBLAS = queries &* rows &* dimension >= blasThreshold
        case .blas: useBLAS = true
        case .simd: useBLAS = false
        }
        if useBLAS {
            BLAS.gemm(
                .none, .transpose, m: queries, n: rows, k: dimension,
                a: queryMatrix, lda: dimension, b: matrix, ldb: dimension, c: scores, ldc: rows)
        } else {
            SIMDReference.matrixMatrixTransposed(
                queries: queries, rows: rows, cols: dimension, q: queryMatrix, ldq: dimension,
                m: matrix, ldm: dimension, c: scores, ldc: rows)
        }
    }
}
