import VectorKernels

/// Checks incoming vectors and writes their unit-length copies: the one place where
/// dimension, finiteness and zero-norm rules are enforced.
enum VectorInput {
    /// Validates `count` vectors of `dimension` floats in `source` and writes them normalised to `destination`.
    /// - Throws: `dimensionMismatch` when `source` is not `count × dimension` long, `nonFiniteValue`, `zeroVector`.
    static func normalized(
        _ source: [Float], dimension: Int, what: String = "vector"
    ) throws(VectorIndexError) -> [Float] {
        guard dimension > 0, source.count % dimension == 0 else {
            throw VectorIndexError(
                .dimensionMismatch,
                "\(what) data holds \(source.count) floats, not a multiple of the index dimension \(dimension)")
        }
        let count = source.count / dimension
        var out = source
        var failure: VectorIndexError?
        out.withUnsafeMutableBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            for r in 0..<count {
                let row = base + r * dimension
                guard VectorMath.allFinite(row, count: dimension) else {
                    failure = VectorIndexError(.nonFiniteValue, "\(what) \(r) holds NaN or infinity")
                    return
                }
                let norm = VectorMath.normalize(row, count: dimension)
                guard norm > 0, norm.isFinite else {
                    failure = VectorIndexError(
                        norm == 0 ? .zeroVector : .nonFiniteValue,
                        norm == 0
                            ? "\(what) \(r) is all zeros: cosine similarity is undefined for it"
                            : "\(what) \(r) has a norm that overflows Float")
                    return
                }
            }
        }
        if let failure { throw failure }
        return out
    }

    /// Validates one vector against `dimension` and returns its unit-length copy.
    static func normalizedOne(_ v: [Float], dimension: Int, what: String = "vector") throws(VectorIndexError) -> [Float] {
        guard v.count == dimension else {
            throw VectorIndexError(.dimensionMismatch, "\(what) has \(v.count) components; the index dimension is \(dimension)")
        }
        return try normalized(v, dimension: dimension, what: what)
    }
}
