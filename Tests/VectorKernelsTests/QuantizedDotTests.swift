import Testing
import VectorKernels

@Suite struct QuantizedDotTests {
    @Test(arguments: [1, 7, 50, 384, 4096])
    func kernelMatchesReference(dimension d: Int) {
        let rows = 13
        let q = InnerProductsTests.randomFloats(d, seed: 9)
        let codes = InnerProductsTests.randomFloats(rows * d, seed: 10).map { Int8(($0 * 127).rounded()) }
        let scales = InnerProductsTests.randomFloats(rows, seed: 11).map { abs($0) + 0.01 }
        var fast = [Float](repeating: .nan, count: rows)
        var rowwise = [Float](repeating: .nan, count: rows)
        var reference = [Float](repeating: .nan, count: rows)
        codes.withUnsafeBufferPointer { c in
            q.withUnsafeBufferPointer { qp in
                scales.withUnsafeBufferPointer { s in
                    fast.withUnsafeMutableBufferPointer {
                        QuantizedDot.scaledDots(
                            c.baseAddress!, rows: rows, dimension: d, query: qp.baseAddress!, scales: s.baseAddress!,
                            into: $0.baseAddress!)
                    }
                    rowwise.withUnsafeMutableBufferPointer {
                        QuantizedDot.scaledDotsRowwise(
                            c.baseAddress!, rows: rows, dimension: d, query: qp.baseAddress!, scales: s.baseAddress!,
                            into: $0.baseAddress!)
                    }
                    reference.withUnsafeMutableBufferPointer {
                        QuantizedDot.scaledDotsReference(
                            c.baseAddress!, rows: rows, dimension: d, query: qp.baseAddress!, scales: s.baseAddress!,
                            into: $0.baseAddress!)
                    }
                }
            }
        }
        for r in 0..<rows {
            var exact: Double = 0
            for i in 0..<d { exact += Double(codes[r * d + i]) * Double(q[i]) }
            exact *= Double(scales[r])
            let tolerance = 1e-5 * Double(d) * 127
            #expect(abs(Double(fast[r]) - exact) < tolerance, "row \(r)")
            #expect(abs(Double(reference[r]) - exact) < tolerance, "row \(r)")
            #expect(abs(Double(rowwise[r]) - exact) < tolerance, "row \(r)")
        }
    }

    @Test func rowwiseScoresDoNotDependOnPosition() {
        let (rows, d) = (11, 50)
        let q = InnerProductsTests.randomFloats(d, seed: 14)
        let codes = InnerProductsTests.randomFloats(rows * d, seed: 15).map { Int8(($0 * 127).rounded()) }
        let scales = InnerProductsTests.randomFloats(rows, seed: 16).map { abs($0) + 0.01 }
        func run(from start: Int) -> [Float] {
            var out = [Float](repeating: 0, count: rows - start)
            codes.withUnsafeBufferPointer { c in
                q.withUnsafeBufferPointer { qp in
                    scales.withUnsafeBufferPointer { s in
                        out.withUnsafeMutableBufferPointer {
                            QuantizedDot.scaledDotsRowwise(
                                c.baseAddress! + start * d, rows: rows - start, dimension: d, query: qp.baseAddress!,
                                scales: s.baseAddress! + start, into: $0.baseAddress!)
                        }
                    }
                }
            }
            return out
        }
        let all = run(from: 0)
        for start in 1..<5 { #expect(run(from: start) == Array(all[start...])) }
    }

    @Test func thresholdVariantKeepsExactlyTheRowsAbove() {
        let (rows, d) = (37, 50)
        let q = InnerProductsTests.randomFloats(d, seed: 12)
        let codes = InnerProductsTests.randomFloats(rows * d, seed: 13).map { Int8(($0 * 127).rounded()) }
        let scales = [Float](repeating: 0.01, count: rows)
        var all = [Float](repeating: 0, count: rows)
        var kept = [Float](repeating: 0, count: rows)
        var keptRows = [UInt32](repeating: 0, count: rows)
        var count = 0
        codes.withUnsafeBufferPointer { c in
            q.withUnsafeBufferPointer { qp in
                scales.withUnsafeBufferPointer { s in
                    all.withUnsafeMutableBufferPointer {
                        QuantizedDot.scaledDots(
                            c.baseAddress!, rows: rows, dimension: d, query: qp.baseAddress!, scales: s.baseAddress!,
                            into: $0.baseAddress!)
                    }
                    kept.withUnsafeMutableBufferPointer { k in
                        keptRows.withUnsafeMutableBufferPointer { kr in
                            count = QuantizedDot.scaledDots(
                                c.baseAddress!, rows: rows, dimension: d, query: qp.baseAddress!, scales: s.baseAddress!,
                                atLeast: 0.05, into: k.baseAddress!, rows: kr.baseAddress!)
                        }
                    }
                }
            }
        }
        let expected = (0..<rows).filter { all[$0] >= 0.05 }
        #expect(count == expected.count && count > 0 && count < rows)
        #expect(keptRows.prefix(count).map(Int.init) == expected)
        #expect(Array(kept.prefix(count)) == expected.map { all[$0] })
    }
}
