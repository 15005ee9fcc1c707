import Testing
import VectorKernels

@Suite struct BLASTests {
    @Test func gemmMatchesNaiveProduct() {
        // A is 2×3, B is 3×2, row-major.
        let a: [Float] = [1, 2, 3, 4, 5, 6]
        let b: [Float] = [7, 8, 9, 10, 11, 12]
        var c = [Float](repeating: 0, count: 4)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    BLAS.gemm(.none, .none, m: 2, n: 2, k: 3, a: pa.baseAddress!, lda: 3, b: pb.baseAddress!, ldb: 2,
                              c: pc.baseAddress!, ldc: 2)
                }
            }
        }
        #expect(c == [58, 64, 139, 154])
    }

    @Test func symmetricInverseTimesMatrixIsIdentity() {
        let n = 3
        let m: [Float] = [4, 1, 0.5, 1, 3, 0.25, 0.5, 0.25, 2]
        var inv = m
        let info = inv.withUnsafeMutableBufferPointer { BLAS.invertSymmetricPositiveDefinite($0.baseAddress!, n: n) }
        #expect(info == 0)
        for i in 0..<n {
            for j in 0..<n {
                var s: Float = 0
                for k in 0..<n { s += m[i * n + k] * inv[k * n + j] }
                #expect(abs(s - (i == j ? 1 : 0)) < 1e-4)
            }
        }
    }

    @Test func configurationNamesOpenBLAS() {
        #expect(BLAS.configuration.contains("OpenBLAS"))
    }
}
