import VectorKernels

/// The arithmetic of the encoder's linear layers (query/key/value, attention output, FFN in and
/// out), which hold almost all of its work. Everything else (attention scores, softmax,
/// LayerNorm, GELU, pooling) is float32 in every case.
public enum MatmulPrecision: String, Sendable, CaseIterable, CustomStringConvertible {
    /// `bfloat16` when the CPU has AVX-512 BF16, else `float32`.
    case automatic
    /// float32 weights and activations, OpenBLAS `sgemm`.
    case float32
    /// Weights and layer inputs rounded to bfloat16, products summed in float32 (AVX-512 BF16
    /// `vdpbf16ps`): about twice the throughput of float32, cosine to the float64 reference
    /// ≥ 0.99996 on the golden texts. Needs AVX-512 BF16.
    case bfloat16

    /// The precision actually used on this CPU: `.automatic` resolved, others unchanged.
    ///
    /// - Throws: `.unsupportedPrecision` for `.bfloat16` on a CPU without AVX-512 BF16.
    public func resolved() throws(EmbeddingsError) -> MatmulPrecision {
        switch self {
        case .automatic: return BFloat16Matrix.isSupported ? .bfloat16 : .float32
        case .float32: return .float32
        case .bfloat16:
            guard BFloat16Matrix.isSupported else {
                throw EmbeddingsError(
                    .unsupportedPrecision,
                    "bfloat16 matmuls need a CPU with AVX-512 BF16 (avx512_bf16); use .float32 or .automatic")
            }
            return .bfloat16
        }
    }

    public var description: String { rawValue }
}
