import Testing
import VectorKernels

@Suite struct BLASSolveTests {
    @Test func gramianIsAᵀAInBothTriangles() {
        let rows = 5, cols = 3
        let a: [Float] = (0..<(rows * cols)).map { Float(($0 * 7) % 11) - 5 }
        var c = [Float](repeating: 1, count: cols * cols)
        a.withUnsafeBufferPointer { pa in
            c.withUnsafeMutableBufferPointer { pc in
                BLAS.gramian(rows: rows, cols: cols, a: pa.baseAddress!, lda: cols, beta: 1, c: pc.baseAddress!)
            }
        }
        for i in 0..<cols {
            for j in 0..<cols {
                var s: Float = 1
                for r in 0..<rows { s += a[r * cols + i] * a[r * cols + j] }
                #expect(c[i * cols + j] == s)
            }
        }
    }

    @Test func solveSymmetricPositiveDefiniteSolvesAndReportsFailure() {
        // A = [[4, 1, 0], [1, 3, 1], [0, 1, 2]], x = [1, -2, 3] → b = A x.
        var a: [Float] = [4, 1, 0, 1, 3, 1, 0, 1, 2]
        var b: [Float] = [2, -2, 4]
        let info = a.withUnsafeMutableBufferPointer { pa in
            b.withUnsafeMutableBufferPointer { pb in
                BLAS.solveSymmetricPositiveDefinite(pa.baseAddress!, pb.baseAddress!, n: 3)
            }
        }
        #expect(info == 0)
        for (x, want) in zip(b, [Float(1), -2, 3]) { #expect(abs(x - want) < 1e-5) }
        var singular: [Float] = [1, 1, 1, 1]
        var rhs: [Float] = [1, 1]
        let bad = singular.withUnsafeMutableBufferPointer { pa in
            rhs.withUnsafeMutableBufferPointer { pb in BLAS.solveSymmetricPositiveDefinite(pa.baseAddress!, pb.baseAddress!, n: 2) }
        }
        #expect(bad > 0)
    }

    @Test func axpyAddsAScaledVector() {
        let x: [Float] = [1, 2, 3]
        var y: [Float] = [1, 1, 1]
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { BLAS.axpy(2, px.baseAddress!, $0.baseAddress!, count: 3) }
        }
        #expect(y == [3, 5, 7])
    }
}
