import Testing
import VectorKernels

@Suite struct BlockedDotTests {
    /// Row-major codes rearranged into the blocked layout, with `BlockedDot.offset`.
    static func blocked(_ codes: [Int8], rows: Int, dimension d: Int) -> [Int8] {
        let blocks = (rows + BlockedDot.blockRows - 1) / BlockedDot.blockRows
        var out = [Int8](repeating: 0, count: blocks * BlockedDot.blockBytes(dimension: d))
        for r in 0..<rows {
            for i in 0..<d { out[BlockedDot.offset(row: r, dimension: i, dimensions: d)] = codes[r * d + i] }
        }
        return out
    }

    static func run(
        _ blocks: [Int8], rows: Int, dimension d: Int, query: [Float], scales: [Float], threshold: Float, path: Int32?
    ) -> (scores: [Float], rows: [UInt32]) {
        var packed = [Int32](repeating: 0, count: BlockedDot.pairs(dimension: d))
        let qs = query.withUnsafeBufferPointer { q in
            packed.withUnsafeMutableBufferPointer { BlockedDot.quantizeQuery(q.baseAddress!, dimension: d, into: $0.baseAddress!) }
        }
        var out = [Float](repeating: .nan, count: rows)
        var kept = [UInt32](repeating: 0, count: rows)
        let n = blocks.withUnsafeBufferPointer { b in
            packed.withUnsafeBufferPointer { qp in
                scales.withUnsafeBufferPointer { s in
                    out.withUnsafeMutableBufferPointer { o in
                        kept.withUnsafeMutableBufferPointer { k in
                            BlockedDot.scaledDots(
                                b.baseAddress!, rows: rows, dimension: d, query: qp.baseAddress!, qscale: qs,
                                scales: s.baseAddress!, atLeast: threshold, into: o.baseAddress!, rows: k.baseAddress!,
                                path: path)
                        }
                    }
                }
            }
        }
        return (Array(out.prefix(n)), Array(kept.prefix(n)))
    }

    @Test(arguments: [1, 7, 50, 384, 4096])
    func everyPathMatchesTheFloatSum(dimension d: Int) {
        let rows = 37  // two full blocks and a partial one
        let q = InnerProductsTests.randomFloats(d, seed: 19)
        let codes = InnerProductsTests.randomFloats(rows * d, seed: 20).map { Int8(($0 * 127).rounded()) }
        let scales = InnerProductsTests.randomFloats(rows, seed: 21).map { abs($0) + 0.01 }
        let blocks = Self.blocked(codes, rows: rows, dimension: d)
        let best = Self.run(blocks, rows: rows, dimension: d, query: q, scales: scales, threshold: -.infinity, path: nil)
        #expect(best.rows == (0..<UInt32(rows)).map { $0 })
        for path: Int32 in [0, 1, 2] {
            let other = Self.run(blocks, rows: rows, dimension: d, query: q, scales: scales, threshold: -.infinity, path: path)
            #expect(other.scores == best.scores, "path \(path) differs from the best path")
            #expect(other.rows == best.rows)
        }
        var packed = [Int32](repeating: 0, count: BlockedDot.pairs(dimension: d))
        let step = q.withUnsafeBufferPointer { qp in
            packed.withUnsafeMutableBufferPointer { BlockedDot.quantizeQuery(qp.baseAddress!, dimension: d, into: $0.baseAddress!) }
        }
        #expect(step <= q.map { abs($0) }.max()! / 1000)
        for r in 0..<rows {
            var exact: Double = 0
            for i in 0..<d { exact += Double(codes[r * d + i]) * Double(q[i]) }
            exact *= Double(scales[r])
            // The query is rounded to int16 steps: each term errs by at most 127 · step / 2.
            let tolerance = Double(scales[r]) * 127 * Double(step) / 2 * Double(d) + 1e-4
            #expect(abs(Double(best.scores[r]) - exact) < tolerance, "row \(r)")
        }
    }

    @Test func thresholdKeepsOnlyRowsAtOrAboveIt() {
        let (rows, d) = (45, 50)
        let q = InnerProductsTests.randomFloats(d, seed: 30)
        let codes = InnerProductsTests.randomFloats(rows * d, seed: 31).map { Int8(($0 * 127).rounded()) }
        let scales = [Float](repeating: 0.01, count: rows)
        let blocks = Self.blocked(codes, rows: rows, dimension: d)
        let all = Self.run(blocks, rows: rows, dimension: d, query: q, scales: scales, threshold: -.infinity, path: nil)
        let cut = all.scores.sorted()[rows / 2]
        for path: Int32 in [0, 1, 2] {
            let some = Self.run(blocks, rows: rows, dimension: d, query: q, scales: scales, threshold: cut, path: path)
            let expected = (0..<rows).filter { all.scores[$0] >= cut }
            #expect(some.rows.map(Int.init) == expected, "path \(path)")
            #expect(some.scores == expected.map { all.scores[$0] })
        }
    }

    @Test func extremeQueriesDoNotOverflow() {
        // All codes at +127 and a constant query: the largest possible integer sum at this dimension.
        let (rows, d) = (16, 16_384)
        let q = [Float](repeating: 1, count: d)
        let codes = [Int8](repeating: 127, count: rows * d)
        let scales = [Float](repeating: 1, count: rows)
        let r = Self.run(Self.blocked(codes, rows: rows, dimension: d), rows: rows, dimension: d, query: q, scales: scales,
                         threshold: -.infinity, path: nil)
        for s in r.scores { #expect(abs(Double(s) - 127 * Double(d)) / (127 * Double(d)) < 1e-3) }
    }

    @Test(arguments: [3, 50, 384, 4096])
    func twoLevelQueryGivesExactSums(dimension d: Int) {
        let rows = 21
        let q = InnerProductsTests.randomFloats(d, seed: 50)
        let codes = InnerProductsTests.randomFloats(rows * d, seed: 51).map { Int8(($0 * 127).rounded()) }
        let blocks = Self.blocked(codes, rows: rows, dimension: d)
        let pairs = BlockedDot.pairs(dimension: d)
        var packed = [Int32](repeating: 0, count: 2 * pairs)
        let (step, fine) = q.withUnsafeBufferPointer { qp in
            packed.withUnsafeMutableBufferPointer { p in
                let step = BlockedDot.quantizeQuery(qp.baseAddress!, dimension: d, into: p.baseAddress!)
                let fine = BlockedDot.quantizeResidual(
                    qp.baseAddress!, dimension: d, qscale: step, coarse: p.baseAddress!, into: p.baseAddress! + pairs)
                return (step, fine)
            }
        }
        func sums(_ offset: Int, path: Int32?) -> [Int32] {
            var out = [Int32](repeating: 0, count: rows)
            blocks.withUnsafeBufferPointer { b in
                packed.withUnsafeBufferPointer { p in
                    out.withUnsafeMutableBufferPointer {
                        BlockedDot.dots(
                            b.baseAddress!, rows: rows, dimension: d, query: p.baseAddress! + offset, into: $0.baseAddress!,
                            path: path)
                    }
                }
            }
            return out
        }
        let high = sums(0, path: nil)
        let low = sums(pairs, path: nil)
        for path: Int32 in [0, 1, 2] {
            #expect(sums(0, path: path) == high && sums(pairs, path: path) == low, "path \(path)")
        }
        for r in 0..<rows {
            var exact: Double = 0
            var magnitude: Double = 0
            for i in 0..<d {
                exact += Double(codes[r * d + i]) * Double(q[i])
                magnitude += abs(Double(codes[r * d + i]) * Double(q[i]))
            }
            let got = Double(step) * (Double(high[r]) + Double(low[r]) / Double(fine))
            #expect(abs(got - exact) <= 1e-6 * magnitude + 1e-9, "row \(r): \(got) vs \(exact)")
        }
    }

    @Test func unblockRestoresRowMajorOrder() {
        for d in [1, 2, 7, 50] {
            let rows = 35
            let codes = InnerProductsTests.randomFloats(rows * d, seed: UInt64(40 + d)).map { Int8(($0 * 127).rounded()) }
            let blocks = Self.blocked(codes, rows: rows, dimension: d)
            var back = [Int8](repeating: 0, count: rows * d)
            blocks.withUnsafeBufferPointer { b in
                back.withUnsafeMutableBufferPointer { BlockedDot.unblock(b.baseAddress!, rows: rows, dimension: d, into: $0.baseAddress!) }
            }
            #expect(back == codes, "dimension \(d)")
        }
    }
}
