import CBLAS

/// The single entry point to OpenBLAS and its LAPACK. No other file in the package calls BLAS.
///
/// OpenBLAS is pinned to one thread the first time any routine here runs: on small
/// matrices its thread pool is far slower than one thread, and idle workers spin.
/// Callers parallelise above BLAS instead (one query or one batch per task).
public enum BLAS {
    /// Whether a matrix operand is read as stored or transposed.
    public enum Transpose: Sendable {
        case none
        case transpose

        var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
    }

    private static let pinned: Bool = {
        openblas_set_num_threads(1)
        return true
    }()

    /// Pins OpenBLAS to one thread. Idempotent and cheap after the first call.
    @inline(__always)
    public static func ensureSingleThreaded() {
        _ = pinned
    }

    /// The OpenBLAS build configuration string, e.g. `OpenBLAS 0.3.21 DYNAMIC_ARCH ... Haswell MAX_THREADS=64`.
    public static var configuration: String {
        guard let c = openblas_get_config() else { return "OpenBLAS (unknown)" }
        return String(cString: c)
    }

    /// `C = alpha * op(A) * op(B) + beta * C`, row-major.
    ///
    /// - Parameters:
    ///   - m: rows of `op(A)` and of `C`.
    ///   - n: columns of `op(B)` and of `C`.
    ///   - k: columns of `op(A)` and rows of `op(B)`.
    /// - Complexity: O(m·n·k).
    public static func gemm(
        _ transA: Transpose, _ transB: Transpose,
        m: Int, n: Int, k: Int,
        alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        ensureSingleThreaded()
        cblas_sgemm(
            CblasRowMajor, transA.cblas, transB.cblas,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// `y = alpha * op(A) * x + beta * y`, row-major `A` of `rows × cols`.
    /// - Complexity: O(rows·cols).
    public static func gemv(
        _ trans: Transpose,
        rows: Int, cols: Int,
        alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int,
        x: UnsafePointer<Float>,
        beta: Float = 0,
        y: UnsafeMutablePointer<Float>
    ) {
        ensureSingleThreaded()
        cblas_sgemv(CblasRowMajor, trans.cblas, Int32(rows), Int32(cols), alpha, a, Int32(lda), x, 1, beta, y, 1)
    }

    /// Inner product of two contiguous vectors of length `count`.
    public static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
        ensureSingleThreaded()
        return cblas_sdot(Int32(count), x, 1, y, 1)
    }

    /// Euclidean norm of a contiguous vector.
    public static func norm(_ x: UnsafePointer<Float>, count: Int) -> Float {
        ensureSingleThreaded()
        return cblas_snrm2(Int32(count), x, 1)
    }

    /// Inverts a symmetric positive-definite `n × n` matrix in place (LAPACK `spotrf` + `spotri`).
    /// Both triangles hold the inverse on return.
    ///
    /// - Returns: LAPACK's `info`: 0 on success, `> 0` when the matrix is not positive definite.
    /// - Complexity: O(n³).
    public static func invertSymmetricPositiveDefinite(_ a: UnsafeMutablePointer<Float>, n: Int) -> Int {
        ensureSingleThreaded()
        var uplo: CChar = 0x4C  // "L"
        var order = Int32(n)
        var lda = Int32(n)
        var info: Int32 = 0
        spotrf_(&uplo, &order, a, &lda, &info)
        guard info == 0 else { return Int(info) }
        spotri_(&uplo, &order, a, &lda, &info)
        guard info == 0 else { return Int(info) }
        // Row-major view of a column-major lower triangle is the upper triangle: mirror it.
        for i in 0..<n {
            for j in (i + 1)..<n {
                a[j * n + i] = a[i * n + j]
            }
        }
        return 0
    }

    /// `C = alpha · AᵀA + beta · C` for a row-major `A` of `rows × cols`: the `cols × cols` Gram
    /// matrix of A's columns (BLAS `ssyrk`). Both triangles of `C` hold the result on return.
    /// - Complexity: O(rows·cols²).
    public static func gramian(
        rows: Int, cols: Int, alpha: Float = 1, a: UnsafePointer<Float>, lda: Int, beta: Float = 0,
        c: UnsafeMutablePointer<Float>
    ) {
        ensureSingleThreaded()
        cblas_ssyrk(
            CblasRowMajor, CblasUpper, CblasTrans, Int32(cols), Int32(rows), alpha, a, Int32(lda), beta, c, Int32(cols))
        for i in 0..<cols {
            for j in (i + 1)..<cols { c[j * cols + i] = c[i * cols + j] }
        }
    }

    /// Solves `A · x = b` for a symmetric positive-definite `n × n` matrix `A` (LAPACK `sposv`:
    /// Cholesky, then two triangular solves). `a` is overwritten with its Cholesky factor and `b`
    /// with `x`.
    ///
    /// - Returns: LAPACK's `info`: 0 on success, `> 0` when `A` is not positive definite.
    /// - Complexity: O(n³).
    public static func solveSymmetricPositiveDefinite(
        _ a: UnsafeMutablePointer<Float>, _ b: UnsafeMutablePointer<Float>, n: Int
    ) -> Int {
        ensureSingleThreaded()
        var uplo: CChar = 0x4C  // "L" of the column-major view = "U" of the row-major one; A is symmetric.
        var order = Int32(n)
        var lda = Int32(n)
        var nrhs: Int32 = 1
        var ldb = Int32(n)
        var info: Int32 = 0
        sposv_(&uplo, &order, &nrhs, a, &lda, b, &ldb, &info)
        return Int(info)
    }

    /// `y += alpha · x` over `count` contiguous entries (BLAS `saxpy`).
    public static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        ensureSingleThreaded()
        cblas_saxpy(Int32(count), alpha, x, 1, y, 1)
    }
}
