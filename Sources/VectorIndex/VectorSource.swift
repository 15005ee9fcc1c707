import VectorKernels

/// Where the exact float32 vectors live, for the exact re-rank.
///
/// The index keeps 8-bit codes only; the caller usually holds the original vectors already (the
/// graph keeps each node's vector property), so the re-rank reads them from there instead of the
/// index keeping a second float32 copy.
public protocol VectorSource: Sendable {
    /// Calls `body` with the float32 vector stored for `id` and returns `true`, or returns `false`
    /// when there is none (the id was deleted meanwhile).
    func withVector(_ id: VectorID, _ body: (UnsafeBufferPointer<Float>) -> Void) -> Bool

    /// A hint that `id`'s vector is about to be read (the re-rank calls it for every candidate first, so
    /// that their cache misses overlap). The default does nothing.
    func prefetch(_ id: VectorID)
}

extension VectorSource {
    public func prefetch(_ id: VectorID) {}
}

/// Vectors in one row-major array, where id `i` is row `i` (benchmarks and tests).
public struct RowVectorSource: VectorSource {
    public let vectors: [Float]
    public let dimension: Int

    public init(vectors: [Float], dimension: Int) {
        self.vectors = vectors
        self.dimension = dimension
    }

    public func withVector(_ id: VectorID, _ body: (UnsafeBufferPointer<Float>) -> Void) -> Bool {
        let row = Int(id)
        guard (row + 1) * dimension <= vectors.count else { return false }
        vectors.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[(row * dimension)..<((row + 1) * dimension)])) }
        return true
    }

    public func prefetch(_ id: VectorID) {
        let row = Int(id)
        guard (row + 1) * dimension <= vectors.count else { return }
        vectors.withUnsafeBufferPointer {
            QuantizedDot.prefetch(UnsafeRawPointer($0.baseAddress! + row * dimension), bytes: dimension * 4)
        }
    }
}
