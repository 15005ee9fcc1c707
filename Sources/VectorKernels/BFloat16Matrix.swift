import CVectorSIMD

/// A weight matrix rounded to bfloat16 and packed once for the AVX-512 BF16 matrix product
/// (`vdpbf16ps`), for `y = x · Wᵀ + b` with `x` in float32.
///
/// `W` comes in PyTorch's `[outputs, inputs]` row-major layout. The packed form holds the
/// outputs in panels of 32 columns, the two values of each pair of inputs side by side, and uses
/// half the memory of the float32 matrix. ``multiply(_:rows:bias:into:scratch:)`` rounds `x` to
/// bfloat16 too and sums the products in float32, in a register-blocked kernel (12 rows × 32
/// columns of accumulators, inputs cut into blocks of 768) that runs at about twice the
/// throughput of a float32 `sgemm` on CPUs with AVX-512 BF16. Elsewhere a plain loop computes the
/// same products (slowly): check ``isSupported`` before choosing this path for speed.
public final class BFloat16Matrix: @unchecked Sendable {
    /// Output columns (`W`'s rows).
    public let outputs: Int
    /// Input columns (`W`'s columns).
    public let inputs: Int
    private let packed: UnsafeMutablePointer<UInt16>

    /// Whether this CPU runs the AVX-512 BF16 kernel (avx512f, avx512bw, avx512vl, avx512_bf16).
    public static var isSupported: Bool { ign_bf16_supported() != 0 }

    /// Rounds and packs `weights` (`outputs × inputs`, row-major).
    public init(packing weights: UnsafePointer<Float>, outputs: Int, inputs: Int) {
        precondition(outputs >= 0 && inputs >= 0)
        self.outputs = outputs
        self.inputs = inputs
        let count = max(ign_bf16_packed_count(outputs, inputs), 1)
        packed = .allocate(capacity: count)
        ign_bf16_pack(weights, outputs, inputs, packed)
    }

    deinit { packed.deallocate() }

    /// Bytes held by the packed matrix.
    public var byteCount: Int { ign_bf16_packed_count(outputs, inputs) * MemoryLayout<UInt16>.stride }

    /// The scratch size, in `UInt16` values, that ``multiply(_:rows:bias:into:scratch:)`` needs for `rows` rows.
    public func scratchCount(rows: Int) -> Int { rows * 2 * ((inputs + 1) / 2) }

    /// `y = x · Wᵀ + bias` for `rows` rows of `x` (`rows × inputs`, row-major) into `y`
    /// (`rows × outputs`, row-major, not overlapping `x`).
    ///
    /// Each row's result depends only on that row, not on `rows` or the row's position.
    /// - Parameters:
    ///   - bias: `outputs` values added to every row, or `nil`.
    ///   - scratch: at least ``scratchCount(rows:)`` values, 4-byte aligned (any Swift array or allocation is).
    /// - Complexity: O(rows · outputs · inputs).
    public func multiply(
        _ x: UnsafePointer<Float>, rows: Int, bias: UnsafePointer<Float>?, into y: UnsafeMutablePointer<Float>,
        scratch: UnsafeMutablePointer<UInt16>
    ) {
        ign_bf16_gemm(x, rows, inputs, packed, outputs, bias, y, scratch)
    }

    /// ``multiply(_:rows:bias:into:scratch:)`` on the plain C loop whatever the CPU (a test hook).
    package func multiplyOnPlainPath(
        _ x: UnsafePointer<Float>, rows: Int, bias: UnsafePointer<Float>?, into y: UnsafeMutablePointer<Float>,
        scratch: UnsafeMutablePointer<UInt16>
    ) {
        ign_bf16_gemm_path(0, x, rows, inputs, packed, outputs, bias, y, scratch)
    }

    /// `value` rounded to bfloat16 exactly as the kernel rounds (nearest, ties to even;
    /// subnormals to zero), returned as a float. The oracle for tests.
    public static func rounded(_ value: Float) -> Float {
        Float(bitPattern: UInt32(ign_bf16_round(value)) << 16)
    }
}
