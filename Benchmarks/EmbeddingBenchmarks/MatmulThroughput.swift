import Foundation
import VectorKernels

/// The encoder's four linear-layer shapes (512 packed tokens) on the bfloat16 kernel and on
/// OpenBLAS `sgemm`, one thread each, with the bias added as the encoder adds it.
enum MatmulThroughput {
    static func run(repeats: Int) {
        let m = 512
        guard BFloat16Matrix.isSupported else {
            print("gemm: this CPU has no AVX-512 BF16; the bfloat16 kernel would run its slow plain-C path")
            return
        }
        var totalFlops = 0.0
        var totalBF16 = 0.0
        var totalFP32 = 0.0
        var seed: UInt64 = 1
        func next() -> Float {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(seed >> 40) / Float(1 << 23) - 1
        }
        let shapes = [(1152, 384, "QKV"), (384, 384, "attention out"), (1536, 384, "FFN in"), (384, 1536, "FFN out")]
        for (n, k, name) in shapes {
            let x = (0..<(m * k)).map { _ in next() }
            let w = (0..<(n * k)).map { _ in next() * 0.1 }
            let bias = (0..<n).map { _ in next() }
            let packed = BFloat16Matrix(packing: w, outputs: n, inputs: k)
            var y = [Float](repeating: 0, count: m * n)
            var scratch = [UInt16](repeating: 0, count: packed.scratchCount(rows: m))
            var bestBF16 = Double.infinity
            var bestFP32 = Double.infinity
            for _ in 0..<max(repeats, 1) {
                y.withUnsafeMutableBufferPointer { out in
                    scratch.withUnsafeMutableBufferPointer { s in
                        let start = ContinuousClock.now
                        packed.multiply(x, rows: m, bias: bias, into: out.baseAddress!, scratch: s.baseAddress!)
                        bestBF16 = min(bestBF16, seconds(ContinuousClock.now - start))
                    }
                    let start = ContinuousClock.now
                    for r in 0..<m { (out.baseAddress! + r * n).update(from: bias, count: n) }
                    BLAS.gemm(
                        .none, .transpose, m: m, n: n, k: k, a: x, lda: k, b: w, ldb: k, beta: 1,
                        c: out.baseAddress!, ldc: n)
                    bestFP32 = min(bestFP32, seconds(ContinuousClock.now - start))
                }
            }
            let flops = 2.0 * Double(m * n * k)
            totalFlops += flops
            totalBF16 += bestBF16
            totalFP32 += bestFP32
            print("gemm \(name) M=\(m) N=\(n) K=\(k): bf16 \(format(flops / bestBF16 * 1e-9)) GFLOP/s, fp32 sgemm \(format(flops / bestFP32 * 1e-9)) GFLOP/s, ratio \(String(format: "%.2f", bestFP32 / bestBF16))x (best of \(repeats))")
        }
        print("gemm all four shapes: bf16 \(format(totalFlops / totalBF16 * 1e-9)) GFLOP/s, fp32 sgemm \(format(totalFlops / totalFP32 * 1e-9)) GFLOP/s, ratio \(String(format: "%.2f", totalFP32 / totalBF16))x")
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    private static func format(_ v: Double) -> String { String(format: "%.1f", v) }
}
