import Foundation
import VectorIndex
import VectorKernels

/// `--mixture [rows]`: issue 16's synthetic 1M×128 set (the Gaussian mixture of
/// `VectorSearchSyntheticTests`, same seeds), built and calibrated with defaults; for each recall target, the
/// calibrated probes, the recall the calibration expects, and the recall and queries per second measured on 200
/// fresh queries (`QUERIES`, default 200) against an exact float64 ground truth, with and without the 8-bit first pass.
func mixtureBenchmark(rows n: Int) throws {
    let d = 128
    func mixture(rows: Int, seed: UInt64) -> [Float] {
        var state: UInt64 = 1
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        func unit() -> Double { Double(next() >> 11) / 9_007_199_254_740_992 }
        func gaussian() -> Float {
            let u = (Double(next() >> 11) + 1) / 9_007_199_254_740_993
            return Float((-2 * log(u)).squareRoot() * cos(2 * .pi * unit()))
        }
        let clusters = 2_000
        let centres = (0..<(clusters * d)).map { _ in gaussian() }
        let spread = (0..<clusters).map { _ in Float(0.6 + 0.8 * unit()) }
        state = seed
        var out = [Float](repeating: 0, count: rows * d)
        for r in 0..<rows {
            let u = unit()
            let c = min(clusters - 1, Int(Double(clusters) * u * u))
            for j in 0..<d { out[r * d + j] = centres[c * d + j] + spread[c] * gaussian() }
        }
        return out
    }
    var t = Date()
    let base = mixture(rows: n, seed: 7)
    let nq = Int(ProcessInfo.processInfo.environment["QUERIES"] ?? "200")!
    let queries = mixture(rows: nq, seed: 8)
    let queryRows = (0..<nq).map { Array(queries[($0 * d)..<(($0 + 1) * d)]) }
    // Exact top 10 per query: float32 BLAS scores pick 40 candidates, float64 cosines rank them (200 queries at a time).
    var norms = [Float](repeating: 0, count: n)
    base.withUnsafeBufferPointer { b in for i in 0..<n { norms[i] = BLAS.norm(b.baseAddress! + i * d, count: d) } }
    var truth: [Set<VectorID>] = []
    var scores = [Float](repeating: 0, count: 200 * n)
    for first in stride(from: 0, to: nq, by: 200) {
        let m = min(200, nq - first)
        queries.withUnsafeBufferPointer { q in
            base.withUnsafeBufferPointer { b in
                scores.withUnsafeMutableBufferPointer { s in
                    BLAS.gemm(.none, .transpose, m: m, n: n, k: d, a: q.baseAddress! + first * d, lda: d,
                              b: b.baseAddress!, ldb: d, c: s.baseAddress!, ldc: n)
                }
            }
        }
        for i in 0..<m {
            let qi = first + i
            let pool = (0..<n).map { (scores[i * n + $0] / norms[$0], $0) }.sorted { $0.0 > $1.0 }.prefix(40)
            let exact = pool.map { _, r -> (Double, Int) in
                var dot = 0.0, vv = 0.0
                for j in 0..<d {
                    let v = Double(base[r * d + j])
                    dot += Double(queries[qi * d + j]) * v
                    vv += v * v
                }
                return (dot / vv.squareRoot(), r)
            }.sorted { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
            truth.append(Set(exact.prefix(10).map { VectorID($0.1) }))
        }
    }
    scores = []
    print(String(format: "mixture %d×%d generated with its ground truth in %.1f s", n, d, Date().timeIntervalSince(t)))
    let index = try IVFFlatIndex(dimension: d)
    t = Date()
    let viaMaintain = ProcessInfo.processInfo.environment["VIA_MAINTAIN"] != nil
    if viaMaintain {
        // As `CREATE VECTOR INDEX` over existing nodes: one list, every vector, then `maintain()` trains and
        // calibrates.
        try index.train(base, lists: 1)
        try index.add(ids: (0..<n).map { VectorID($0) }, vectors: base)
        try index.maintain()
    } else {
        try index.build(ids: (0..<n).map { VectorID($0) }, vectors: base, lists: IVFFlatIndex.defaultLists(rows: n))
    }
    let build = Date().timeIntervalSince(t)
    t = Date()
    if let q = ProcessInfo.processInfo.environment["CALIBRATION_QUERIES"].flatMap(Int.init) {
        try index.calibrate(queries: q)
    } else if !viaMaintain {
        try index.calibrate()
    }
    print(String(format: "RESULT mixture build_s %.1f calibrate_s %.1f lists %d", build, Date().timeIntervalSince(t), index.lists))
    let source = RowVectorSource(vectors: base, dimension: d)
    for p in [20, 30, 40, 46, 50, 63, 80] {
        var hits = 0
        for (qi, q) in queryRows.enumerated() {
            hits += try index.search(q, k: 10, options: SearchOptions(probes: p), vectors: source)
                .filter { truth[qi].contains($0.id) }.count
        }
        print(String(
            format: "RESULT mixture probes %d expected %.4f recall %.4f", p,
            index.calibration?.expectedRecall(probes: p) ?? 0, Double(hits) / Double(10 * nq)))
    }
    for quantization in [true, false] {
        try index.setPolicy(SearchPolicy(quantization: quantization))
        for target in [0.9, 0.95, 0.99] {
            let p = index.calibratedProbes(for: target) ?? 0
            var hits = 0
            t = Date()
            for (qi, q) in queryRows.enumerated() {
                let found = try index.search(q, k: 10, options: SearchOptions(recall: target), vectors: source)
                hits += found.filter { truth[qi].contains($0.id) }.count
            }
            let wall = Date().timeIntervalSince(t)
            print(String(
                format: "RESULT mixture quantization %@ target %.2f probes %d expected %.4f recall %.4f qps %.0f",
                quantization ? "on" : "off", target, p, index.calibration?.expectedRecall(probes: p) ?? 0,
                Double(hits) / Double(10 * nq), Double(nq) / wall))
        }
    }
}
