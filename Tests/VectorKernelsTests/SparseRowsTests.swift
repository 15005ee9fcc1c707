import Testing
import VectorKernels

/// `SparseRows.accumulate` (the C kernel with prefetching) against the loop written out in Swift:
/// the same sums to the bit, rows repeated and empty rows included.
@Suite struct SparseRowsTests {
    @Test func equalsTheLoopWrittenOut() {
        var rng = SystemRandomNumberGenerator()
        let items = 997
        var offsets = [0]
        var columns: [UInt32] = []
        var weights: [Float] = []
        for row in 0..<300 {
            // Row 7 is empty; the others keep up to 64 distinct columns.
            let kept = row == 7 ? [] : Array((0..<items).shuffled(using: &rng).prefix(Int.random(in: 1...64, using: &rng)))
            for c in kept {
                columns.append(UInt32(c))
                weights.append(Float.random(in: -1...1, using: &rng))
            }
            offsets.append(columns.count)
        }
        let rows: [UInt32] = (0..<120).map { _ in UInt32.random(in: 0..<300, using: &rng) } + [7, 7, 3]
        let rowWeights = rows.map { _ in Float.random(in: 0...2, using: &rng) }
        var expected = [Float](repeating: 0.5, count: items)
        for (r, w) in zip(rows, rowWeights) {
            for k in offsets[Int(r)]..<offsets[Int(r) + 1] {
                let product = w * weights[k]
                expected[Int(columns[k])] += product
            }
        }
        var got = [Float](repeating: 0.5, count: items)
        got.withUnsafeMutableBufferPointer { out in
            SparseRows.accumulate(
                offsets: offsets, columns: columns, weights: weights, rows: rows, rowWeights: rowWeights, into: out)
        }
        #expect(got.map(\.bitPattern) == expected.map(\.bitPattern))
        // No rows: nothing changes.
        var untouched = [Float](repeating: 1, count: items)
        untouched.withUnsafeMutableBufferPointer { out in
            SparseRows.accumulate(offsets: offsets, columns: columns, weights: weights, rows: [], rowWeights: [], into: out)
        }
        #expect(untouched == [Float](repeating: 1, count: items))
    }
}
