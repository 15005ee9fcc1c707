import CVectorSIMD

/// Scores int8 code rows stored in the blocked layout against an int16-quantised query.
///
/// Layout: rows in blocks of `blockRows` (16). Inside a block, for each pair of dimensions `j`
/// (dimensions `2j` and `2j+1`; an odd last dimension is padded with a zero code), the two codes
/// of row `r` sit at bytes `32·j + 2·r` and `32·j + 2·r + 1`. One 32-byte load then holds 16 rows'
/// codes for two dimensions, and a kernel scores 16 rows at once with integer multiply-adds and no
/// horizontal sums (`vpdpwssd` on AVX-512 VNNI, `vpmaddwd` on AVX2, a plain C loop elsewhere).
///
/// The query is quantised to int16 (`quantizeQuery`), so every sum is an exact integer: all code
/// paths give bit-identical scores, wherever a row sits.
public enum BlockedDot {
    /// Rows per block.
    public static let blockRows = Int(IGN_BLOCK_ROWS)

    /// Dimension pairs per row (`⌈dimension / 2⌉`).
    @inline(__always)
    public static func pairs(dimension d: Int) -> Int { (d + 1) / 2 }

    /// Bytes of one block of `blockRows` rows.
    @inline(__always)
    public static func blockBytes(dimension d: Int) -> Int { pairs(dimension: d) * 2 * blockRows }

    /// Byte offset, inside its list, of dimension `i` of row `r`.
    @inline(__always)
    public static func offset(row r: Int, dimension i: Int, dimensions d: Int) -> Int {
        (r / blockRows) * blockBytes(dimension: d) + (i >> 1) * 2 * blockRows + (r % blockRows) * 2 + (i & 1)
    }

    /// Quantises a query to int16, packed two per `Int32` (`pairs(dimension:)` entries), and
    /// returns the step `qscale` with `query[i] ≈ qscale · q16[i]`.
    ///
    /// The step is the largest-magnitude component over 32767, made coarser if needed so that
    /// `127 · Σ|q16|` stays below 2³¹ (no overflow in the int32 sums, at any dimension).
    /// A zero query gives all-zero codes and step 1.
    public static func quantizeQuery(
        _ query: UnsafePointer<Float>, dimension d: Int, into packed: UnsafeMutablePointer<Int32>
    ) -> Float {
        var m: Float = 0
        var sum: Float = 0
        for i in 0..<d {
            m = max(m, abs(query[i]))
            sum += abs(query[i])
        }
        guard m > 0, m.isFinite else {
            packed.update(repeating: 0, count: pairs(dimension: d))
            return 1
        }
        let budget = (Float(Int32.max) / 127 - Float(d)) * m / sum
        let top = min(32767, max(1, budget.rounded(.down)))
        let inverse = top / m
        func code(_ i: Int) -> UInt32 {
            guard i < d else { return 0 }
            let v = Int16(min(top, max(-top, (query[i] * inverse).rounded())))
            return UInt32(UInt16(bitPattern: v))
        }
        for j in 0..<pairs(dimension: d) {
            packed[j] = Int32(bitPattern: code(2 * j) | code(2 * j + 1) << 16)
        }
        return m / top
    }

    /// A second int16 level for a query already quantised by `quantizeQuery` (step `qscale`,
    /// codes `coarse`): packs `round((query[i] / qscale − q16[i]) · fine)` into `residual` and
    /// returns `fine`, so that `query[i] ≈ qscale · (q16[i] + r16[i] / fine)`. With both levels an
    /// integer dot product is exact to about `qscale / (2·fine)` per component (for a unit query
    /// of 50 dimensions, ~1e-10), finer than a float32 sum.
    /// `fine` is at most 65534, smaller if needed to keep `127 · Σ|r16|` below 2³¹.
    public static func quantizeResidual(
        _ query: UnsafePointer<Float>, dimension d: Int, qscale: Float, coarse packed: UnsafePointer<Int32>,
        into residual: UnsafeMutablePointer<Int32>
    ) -> Float {
        let n = pairs(dimension: d)
        func level(_ i: Int) -> Double {
            let word = UInt32(bitPattern: packed[i >> 1]) >> (16 * UInt32(i & 1))
            return Double(query[i]) / Double(qscale) - Double(Int16(bitPattern: UInt16(truncatingIfNeeded: word)))
        }
        var sum: Double = 0
        for i in 0..<d { sum += abs(level(i)) }
        let budget = (Double(Int32.max) / 127 - Double(d)) / max(sum, 1e-30)
        let fine = min(65534, max(1, budget.rounded(.down)))
        func code(_ i: Int) -> UInt32 {
            guard i < d else { return 0 }
            let v = Int16(min(32767, max(-32767, (level(i) * fine).rounded())))
            return UInt32(UInt16(bitPattern: v))
        }
        for j in 0..<n { residual[j] = Int32(bitPattern: code(2 * j) | code(2 * j + 1) << 16) }
        return Float(fine)
    }

    /// The exact integer sums `Σᵢ codes[r][i] · q16[i]` of rows `0..<rows` of blocked codes, into `out`.
    /// - Parameters:
    ///   - path: `nil` for the best path for this CPU; `0` plain C, `1` AVX2, `2` AVX-512 VNNI (for tests).
    /// - Complexity: O(rows·dimension).
    @inline(__always)
    public static func dots(
        _ blocks: UnsafePointer<Int8>, rows: Int, dimension d: Int, query: UnsafePointer<Int32>,
        into out: UnsafeMutablePointer<Int32>, path: Int32? = nil
    ) {
        guard rows > 0 else { return }
        ign_blocked_dots_path(path ?? -1, blocks, rows, pairs(dimension: d), query, out)
    }

    /// Scores rows `0..<rows` of a blocked code list: `s = (Float(dot) · qscale) · scales[r]`, and
    /// keeps the rows with `s ≥ threshold`: their scores and row numbers go, in row order, to the
    /// front of `out` and `rowsOut` (each with room for `rows` entries).
    /// - Parameters:
    ///   - path: `nil` for the best path for this CPU; `0` plain C, `1` AVX2, `2` AVX-512 VNNI (for tests).
    /// - Returns: the number of rows kept.
    /// - Complexity: O(rows·dimension).
    @inline(__always)
    public static func scaledDots(
        _ blocks: UnsafePointer<Int8>, rows: Int, dimension d: Int, query: UnsafePointer<Int32>, qscale: Float,
        scales: UnsafePointer<Float>, atLeast threshold: Float, into out: UnsafeMutablePointer<Float>,
        rows rowsOut: UnsafeMutablePointer<UInt32>, path: Int32? = nil
    ) -> Int {
        guard rows > 0 else { return 0 }
        if let path {
            return ign_blocked_scaled_dots_above_path(
                path, blocks, rows, pairs(dimension: d), query, qscale, scales, threshold, out, rowsOut)
        }
        return ign_blocked_scaled_dots_above(blocks, rows, pairs(dimension: d), query, qscale, scales, threshold, out, rowsOut)
    }

    /// Copies rows `0..<rows` of blocked codes to `out`, row-major (`rows × dimension` codes).
    /// - Complexity: O(rows·dimension).
    @inline(__always)
    public static func unblock(_ blocks: UnsafePointer<Int8>, rows: Int, dimension d: Int, into out: UnsafeMutablePointer<Int8>) {
        guard rows > 0 else { return }
        ign_unblock(blocks, rows, d, out)
    }

    /// The best path this CPU supports: `0` plain C, `1` AVX2, `2` AVX-512 VNNI.
    public static var bestPath: Int32 { ign_blocked_best_path() }
}
