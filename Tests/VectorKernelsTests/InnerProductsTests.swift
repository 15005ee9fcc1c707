import Testing
import VectorKernels

@Suite struct InnerProductsTests {
    /// Deterministic pseudo-random floats in [-1, 1).
    static func randomFloats(_ n: Int, seed: UInt64) -> [Float] {
        var s = seed
        return (0..<n).map { _ in
            s = s &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: s >> 11) % 2_000_000) / 1_000_000 - 1
        }
    }

    @Test(arguments: [1, 7, 8, 15, 16, 50, 384, 4096])
    func simdDotMatchesScalar(dimension d: Int) {
        let x = Self.randomFloats(d, seed: 1)
        let y = Self.randomFloats(d, seed: 2)
        var expected: Double = 0
        for i in 0..<d { expected += Double(x[i]) * Double(y[i]) }
        let got = x.withUnsafeBufferPointer { a in
            y.withUnsafeBufferPointer { b in SIMDReference.dot(a.baseAddress!, b.baseAddress!, count: d) }
        }
        #expect(abs(Double(got) - expected) < 1e-4 * Double(d).squareRoot())
    }

    @Test(arguments: [(rows: 3, dim: 5), (rows: 390, dim: 50), (rows: 64, dim: 384), (rows: 9, dim: 4096)])
    func blasAndSIMDMatrixVectorAgree(shape: (rows: Int, dim: Int)) {
        let a = Self.randomFloats(shape.rows * shape.dim, seed: 3)
        let x = Self.randomFloats(shape.dim, seed: 4)
        var blas = [Float](repeating: 0, count: shape.rows)
        var simd = [Float](repeating: .nan, count: shape.rows)
        a.withUnsafeBufferPointer { ap in
            x.withUnsafeBufferPointer { xp in
                blas.withUnsafeMutableBufferPointer { out in
                    InnerProducts.matrixVector(
                        rows: shape.rows, dimension: shape.dim, matrix: ap.baseAddress!, query: xp.baseAddress!,
                        scores: out.baseAddress!, path: .blas)
                }
                simd.withUnsafeMutableBufferPointer { out in
                    InnerProducts.matrixVector(
                        rows: shape.rows, dimension: shape.dim, matrix: ap.baseAddress!, query: xp.baseAddress!,
                        scores: out.baseAddress!, path: .simd)
                }
            }
        }
        for r in 0..<shape.rows {
            #expect(abs(blas[r] - simd[r]) < 1e-4 * Float(shape.dim).squareRoot(), "row \(r)")
        }
    }

    @Test func blasAndSIMDMatrixMatrixAgree() {
        let (q, n, d) = (13, 37, 50)
        let qs = Self.randomFloats(q * d, seed: 5)
        let m = Self.randomFloats(n * d, seed: 6)
        var blas = [Float](repeating: 0, count: q * n)
        var simd = [Float](repeating: .nan, count: q * n)
        qs.withUnsafeBufferPointer { qp in
            m.withUnsafeBufferPointer { mp in
                blas.withUnsafeMutableBufferPointer {
                    InnerProducts.matrixMatrix(
                        queries: q, rows: n, dimension: d, queryMatrix: qp.baseAddress!, matrix: mp.baseAddress!,
                        scores: $0.baseAddress!, path: .blas)
                }
                simd.withUnsafeMutableBufferPointer {
                    InnerProducts.matrixMatrix(
                        queries: q, rows: n, dimension: d, queryMatrix: qp.baseAddress!, matrix: mp.baseAddress!,
                        scores: $0.baseAddress!, path: .simd)
                }
            }
        }
        for i in 0..<(q * n) { #expect(abs(blas[i] - simd[i]) < 1e-4, "cell \(i)") }
        // Spot-check one cell against a plain loop.
        var s: Float = 0
        for t in 0..<d { s += qs[2 * d + t] * m[5 * d + t] }
        #expect(abs(blas[2 * n + 5] - s) < 1e-4)
    }

    @Test func normalizeGivesUnitLengthAndReportsNorm() {
        var v: [Float] = [3, 4]
        let n = v.withUnsafeMutableBufferPointer { VectorMath.normalize($0.baseAddress!, count: 2) }
        #expect(n == 5)
        #expect(abs(v[0] - 0.6) < 1e-6 && abs(v[1] - 0.8) < 1e-6)
        var zero: [Float] = [0, 0, 0]
        #expect(zero.withUnsafeMutableBufferPointer { VectorMath.normalize($0.baseAddress!, count: 3) } == 0)
        let bad: [Float] = [1, .nan]
        #expect(!bad.withUnsafeBufferPointer { VectorMath.allFinite($0.baseAddress!, count: 2) })
    }
}
