import Foundation
import VectorKernels

/// The element-wise and row-wise steps of the encoder: bias + matmul, LayerNorm, GELU,
/// softmax, pooling. Matmuls go to BLAS (or the bfloat16 kernel); the rest are plain loops over contiguous rows.
package enum Kernels {
    /// `out = x · Wᵀ + b` for `rows` rows of `x`: `sgemm` for a float32 layer, the bfloat16
    /// kernel for a packed one (`scratch` then needs `rows × inputs` values, rounded up to even inputs).
    static func linear(
        _ x: UnsafePointer<Float>, rows: Int, _ layer: BertWeights.Linear, into out: UnsafeMutablePointer<Float>,
        scratch: UnsafeMutablePointer<UInt16>?
    ) {
        let n = layer.outputs
        if let packed = layer.packed {
            guard let scratch else { preconditionFailure("a bfloat16 layer without scratch") }
            packed.multiply(x, rows: rows, bias: layer.bias, into: out, scratch: scratch)
            return
        }
        guard let weight = layer.weight else { preconditionFailure("a linear layer without weights") }
        for r in 0..<rows { (out + r * n).update(from: layer.bias, count: n) }
        BLAS.gemm(
            .none, .transpose, m: rows, n: n, k: layer.inputs,
            a: x, lda: layer.inputs, b: weight, ldb: layer.inputs, beta: 1, c: out, ldc: n)
    }

    static func linear(
        _ x: UnsafeMutablePointer<Float>, rows: Int, _ layer: BertWeights.Linear, into out: UnsafeMutablePointer<Float>,
        scratch: UnsafeMutablePointer<UInt16>?
    ) {
        linear(UnsafePointer(x), rows: rows, layer, into: out, scratch: scratch)
    }

    /// `x = LayerNorm(x + delta)`, row by row.
    static func addLayerNorm(
        _ x: UnsafeMutablePointer<Float>, _ delta: UnsafePointer<Float>, rows: Int, width: Int,
        _ norm: BertWeights.Norm, epsilon: Float
    ) {
        for i in 0..<(rows * width) { x[i] += delta[i] }
        layerNorm(x, rows: rows, width: width, norm, epsilon: epsilon)
    }

    static func addLayerNorm(
        _ x: UnsafeMutablePointer<Float>, _ delta: UnsafeMutablePointer<Float>, rows: Int, width: Int,
        _ norm: BertWeights.Norm, epsilon: Float
    ) {
        addLayerNorm(x, UnsafePointer(delta), rows: rows, width: width, norm, epsilon: epsilon)
    }

    /// `x = (x - mean) / sqrt(var + eps) · gain + bias`, row by row (biased variance).
    static func layerNorm(
        _ x: UnsafeMutablePointer<Float>, rows: Int, width: Int, _ norm: BertWeights.Norm, epsilon: Float
    ) {
        let inverseWidth = 1 / Float(width)
        let centred = UnsafeMutablePointer<Float>.allocate(capacity: width)
        defer { centred.deallocate() }
        for r in 0..<rows {
            let row = x + r * width
            let mean = FastMath.sum(row, count: width) * inverseWidth
            for j in 0..<width {
                let d = row[j] - mean
                centred[j] = d * d
            }
            let scale = 1 / (FastMath.sum(centred, count: width) * inverseWidth + epsilon).squareRoot()
            for j in 0..<width { row[j] = (row[j] - mean) * scale * norm.gain[j] + norm.bias[j] }
        }
    }

    /// Exact GELU in place: `x · (1 + erf(x / √2)) / 2`.
    static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        FastMath.gelu(x, count: count)
    }

    /// The scalar reference GELU on the C library's `erf`.
    package static func referenceGELU(_ x: UnsafeMutablePointer<Float>, count: Int) {
        let inverseRoot2: Float = 0.70710678118654752
        for i in 0..<count {
            let value = x[i]
            x[i] = 0.5 * value * (1 + erf(value * inverseRoot2))
        }
    }

    /// Softmax of each row in place, shifted by the row maximum for stability.
    static func softmaxRows(_ s: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        for r in 0..<rows {
            let row = s + r * width
            var top = row[0]
            for j in 1..<width where row[j] > top { top = row[j] }
            let sum = FastMath.expSubtracting(top, row, count: width)
            let inverse = 1 / sum
            for j in 0..<width { row[j] *= inverse }
        }
    }

    /// The mean of `rows` rows, scaled to unit length (left at zero when the mean is zero).
    static func meanPoolNormalized(
        _ x: UnsafeMutablePointer<Float>, rows: Int, width: Int, into out: UnsafeMutablePointer<Float>
    ) {
        for j in 0..<width { out[j] = 0 }
        for r in 0..<rows {
            let row = x + r * width
            for j in 0..<width { out[j] += row[j] }
        }
        var squares: Float = 0
        for j in 0..<width { squares += out[j] * out[j] }
        guard squares > 0 else { return }
        let inverse = 1 / squares.squareRoot()
        for j in 0..<width { out[j] *= inverse }
    }
}
