import Testing
import VectorKernels

@Suite struct BFloat16MatrixTests {
    /// A reproducible generator (SplitMix64) of floats in [-1, 1).
    struct Numbers {
        var state: UInt64
        mutating func next() -> Float {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Float(z >> 40) / Float(1 << 23) - 1
        }
    }

    @Test func roundingIsToNearestEven() {
        let r = BFloat16Matrix.rounded
        #expect(r(1) == 1)
        #expect(r(1 + 0x1p-8) == 1)  // a tie, to the even neighbour below
        #expect(r(1 + 3 * 0x1p-8) == 1 + 0x1p-6)  // a tie, to the even neighbour above
        #expect(r(1 + 0x1p-8 + 0x1p-20) == 1 + 0x1p-7)  // just above the tie
        #expect(r(-2.5) == -2.5)
        #expect(r(Float.infinity) == .infinity)
        #expect(r(Float.nan).isNaN)
        #expect(r(Float.leastNormalMagnitude / 4) == 0)
        #expect(r(Float.greatestFiniteMagnitude) == .infinity)
    }

    /// y = x · Wᵀ + b on the kernel (and on the plain C path) vs the same bfloat16-rounded inputs
    /// multiplied in Double.
    @Test(arguments: [
        (1, 1, 1), (3, 5, 2), (13, 33, 7), (12, 32, 384), (25, 70, 385), (7, 31, 64), (30, 96, 383),
        (5, 17, 1537), (24, 64, 768),
    ])
    func kernelMatchesTheRoundedProductsInDouble(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        var g = Numbers(state: UInt64(m * 1_000_003 + n * 1009 + k))
        let x = (0..<(m * k)).map { _ in g.next() * 3 }
        let w = (0..<(n * k)).map { _ in g.next() * 0.2 }
        let bias = (0..<n).map { _ in g.next() }
        let matrix = BFloat16Matrix(packing: w, outputs: n, inputs: k)
        #expect(matrix.byteCount == ((n + 31) / 32) * ((k + 1) / 2) * 128)
        for (withBias, plain) in [(true, false), (false, false), (true, true)] {
            var y = [Float](repeating: .nan, count: m * n)
            var scratch = [UInt16](repeating: 0xFFFF, count: matrix.scratchCount(rows: m))
            y.withUnsafeMutableBufferPointer { out in
                scratch.withUnsafeMutableBufferPointer { s in
                    bias.withUnsafeBufferPointer { b in
                        let b = withBias ? b.baseAddress! : nil
                        if plain {
                            matrix.multiplyOnPlainPath(
                                x, rows: m, bias: b, into: out.baseAddress!, scratch: s.baseAddress!)
                        } else {
                            matrix.multiply(x, rows: m, bias: b, into: out.baseAddress!, scratch: s.baseAddress!)
                        }
                    }
                }
            }
            var worst = 0.0
            for r in 0..<m {
                for c in 0..<n {
                    var exact = withBias ? Double(bias[c]) : 0
                    var magnitude = abs(exact)
                    for i in 0..<k {
                        let a = Double(BFloat16Matrix.rounded(x[r * k + i]))
                        let p = a * Double(BFloat16Matrix.rounded(w[c * k + i]))
                        exact += p
                        magnitude += abs(p)
                    }
                    // Float32 summation of k/2 pair sums: at most (k/2 + 2) roundings of the running magnitude.
                    let bound = Double(Float.ulpOfOne) * Double(k / 2 + 2) * magnitude
                    let error = abs(Double(y[r * n + c]) - exact)
                    worst = max(worst, error / max(bound, .leastNormalMagnitude))
                }
            }
            #expect(worst <= 1, "m \(m) n \(n) k \(k) plain \(plain): error \(worst) × the float32 summation bound")
        }
    }

    @Test func aRowDoesNotDependOnItsPositionOrTheRowCount() {
        let (m, n, k) = (29, 45, 401)
        var g = Numbers(state: 7)
        let x = (0..<(m * k)).map { _ in g.next() }
        let w = (0..<(n * k)).map { _ in g.next() }
        let matrix = BFloat16Matrix(packing: w, outputs: n, inputs: k)
        func run(_ rows: ArraySlice<Float>, count: Int) -> [Float] {
            var y = [Float](repeating: 0, count: count * n)
            var scratch = [UInt16](repeating: 0, count: matrix.scratchCount(rows: count))
            Array(rows).withUnsafeBufferPointer { xs in
                y.withUnsafeMutableBufferPointer { out in
                    scratch.withUnsafeMutableBufferPointer {
                        matrix.multiply(
                            xs.baseAddress!, rows: count, bias: nil, into: out.baseAddress!, scratch: $0.baseAddress!)
                    }
                }
            }
            return y
        }
        let all = run(x[...], count: m)
        for r in [0, 13, 28] {
            let single = run(x[(r * k)..<((r + 1) * k)], count: 1)
            #expect(single == Array(all[(r * n)..<((r + 1) * n)]))
        }
    }

    @Test func reportsTheCPU() {
        let state = BFloat16Matrix.isSupported ? "in use" : "absent, plain C path tested"
        print("BFloat16Matrix: AVX-512 BF16 kernel \(state)")
    }
}
