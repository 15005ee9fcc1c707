/// Small per-vector helpers: norms, normalisation, finiteness.
public enum VectorMath {
    /// The Euclidean norm, accumulated in `Double` so long vectors keep their precision.
    /// - Complexity: O(count).
    @inlinable
    public static func norm(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var s: Double = 0
        for i in 0..<count {
            let v = Double(x[i])
            s += v * v
        }
        return Float(s.squareRoot())
    }

    /// Whether every component is finite (no NaN, no ±∞).
    /// - Complexity: O(count).
    @inlinable
    public static func allFinite(_ x: UnsafePointer<Float>, count: Int) -> Bool {
        for i in 0..<count where !x[i].isFinite { return false }
        return true
    }

    /// Scales `x` in place to unit length.
    /// - Returns: the norm before scaling; when it is 0 or not finite, `x` is left unchanged.
    /// - Complexity: O(count).
    @inlinable
    @discardableResult
    public static func normalize(_ x: UnsafeMutablePointer<Float>, count: Int) -> Float {
        let n = norm(x, count: count)
        guard n > 0, n.isFinite else { return n }
        let inv = 1 / n
        for i in 0..<count { x[i] *= inv }
        return n
    }
}
