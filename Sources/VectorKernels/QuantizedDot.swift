/// Integer inner products for 8-bit codes against a 16-bit quantised query.
///
/// Written as plain loops over widened integers so the compiler vectorises them into
/// multiply-add-pairs (`pmaddwd`) on the baseline x86-64 target: reading a quarter of
/// float32's bytes and doing no int→float conversion per component.
public enum QuantizedDot {
    /// The largest query code magnitude for which `Σ code·query` cannot overflow `Int32`
    /// at `dimension` components with codes in `-127...127`.
    public static func queryRange(dimension: Int) -> Int32 {
        Int32(min(32_767, Int(Int32.max) / (127 * max(dimension, 1)) - 1))
    }

    /// Quantises `query` to `Int16` codes with the range `queryRange(dimension:)`.
    /// - Returns: the scale that turns an integer dot product back into a float one.
    public static func quantizeQuery(
        _ query: UnsafePointer<Float>, count: Int, into out: UnsafeMutablePointer<Int16>
    ) -> Float {
        var m: Float = 0
        for i in 0..<count { m = max(m, abs(query[i])) }
        guard m > 0 else {
            out.update(repeating: 0, count: count)
            return 0
        }
        let range = Float(queryRange(dimension: count))
        let s = range / m
        for i in 0..<count { out[i] = Int16(max(-range, min(range, (query[i] * s).rounded()))) }
        return 1 / s
    }

    /// `Σ codes[i] · query[i]` in exact integer arithmetic.
    /// - Complexity: O(count).
    @inlinable
    public static func dot(_ codes: UnsafePointer<Int8>, _ query: UnsafePointer<Int16>, count: Int) -> Int32 {
        var acc: Int32 = 0
        for i in 0..<count { acc &+= Int32(codes[i]) &* Int32(query[i]) }
        return acc
    }

    /// `out[r] = Σ_i codes[r·count + i] · query[i]` for `rows` consecutive code rows.
    /// - Complexity: O(rows·count).
    @inlinable
    public static func dots(
        _ codes: UnsafePointer<Int8>, rows: Int, _ query: UnsafePointer<Int16>, count: Int,
        into out: UnsafeMutablePointer<Int32>
    ) {
        for r in 0..<rows { out[r] = dot(codes + r &* count, query, count: count) }
    }
}
