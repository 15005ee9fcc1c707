import CVectorSIMD

/// Inner products of 8-bit code rows with a float query: `out[r] = scales[r] · Σᵢ codes[r·d+i] · query[i]`.
///
/// The fast path is a C kernel compiled for AVX-512, AVX2+FMA and baseline x86-64 and chosen
/// by the loader for the running CPU (Swift itself is compiled for the baseline only). A
/// Swift reference does the same arithmetic; a test shows both agree.
public enum QuantizedDot {
    /// Scaled dot products of `rows` code rows of `dimension` codes against `query`. Rows are done
    /// four at a time; the last bit of a row's score may depend on its position.
    /// - Complexity: O(rows·dimension).
    public static func scaledDots(
        _ codes: UnsafePointer<Int8>, rows: Int, dimension: Int, query: UnsafePointer<Float>,
        scales: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>
    ) {
        guard rows > 0 else { return }
        ign_int8_scaled_dots(codes, rows, dimension, query, scales, out)
    }

    /// `scaledDots` with each row computed by the same instruction sequence wherever it sits, so
    /// a row's score is bit-identical in any list position (for exact, reproducible scores).
    /// - Complexity: O(rows·dimension).
    public static func scaledDotsRowwise(
        _ codes: UnsafePointer<Int8>, rows: Int, dimension: Int, query: UnsafePointer<Float>,
        scales: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>
    ) {
        guard rows > 0 else { return }
        ign_int8_scaled_dots_rowwise(codes, rows, dimension, query, scales, out)
    }

    /// `scaledDots`, then only the rows scoring at least `threshold`: their scores and row
    /// numbers are packed at the front of `out` and `rowsOut`.
    /// - Returns: the number of rows kept.
    /// - Complexity: O(rows·dimension).
    public static func scaledDots(
        _ codes: UnsafePointer<Int8>, rows: Int, dimension: Int, query: UnsafePointer<Float>,
        scales: UnsafePointer<Float>, atLeast threshold: Float, into out: UnsafeMutablePointer<Float>,
        rows rowsOut: UnsafeMutablePointer<UInt32>
    ) -> Int {
        guard rows > 0 else { return 0 }
        return ign_int8_scaled_dots_above(codes, rows, dimension, query, scales, threshold, out, rowsOut)
    }

    /// Hints the CPU to start loading `count` codes at `codes` (e.g. the next list to scan),
    /// so the scan of the current list overlaps the memory latency of the next.
    @inline(__always)
    public static func prefetch(_ codes: UnsafeRawPointer, bytes: Int) {
        ign_prefetch_inline(codes, bytes)
    }

    /// The Swift reference of `scaledDots`.
    /// - Complexity: O(rows·dimension).
    public static func scaledDotsReference(
        _ codes: UnsafePointer<Int8>, rows: Int, dimension d: Int, query: UnsafePointer<Float>,
        scales: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>
    ) {
        for r in 0..<rows {
            var acc: Float = 0
            for i in 0..<d { acc += Float(codes[r * d + i]) * query[i] }
            out[r] = scales[r] * acc
        }
    }
}
