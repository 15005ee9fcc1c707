import CypherRuntime
import Engine
import Foundation
import GraphStore
import Testing
import TestSupport
import VectorIndex
import VectorKernels

/// Issue 16's fourth size: a synthetic 1M×128 set through `CREATE VECTOR INDEX` with defaults, then
/// `queryNodes` and `SEARCH`, against an exact ground truth. Opt-in (about 1 GiB and a few minutes).
@Suite struct VectorSearchSyntheticTests {
    static let heavy = ProcessInfo.processInfo.environment["IGNITABULL_HEAVY_TESTS"] != nil

    /// A Gaussian mixture: `clusters` centres drawn from N(0, 1) per dimension, each row a centre picked
    /// with a skew towards the first centres (so cluster sizes differ, as real data's do) plus N(0, σ²) noise,
    /// σ from 0.6 to 1.4 by cluster (tight and loose clusters). In 128 dimensions two rows of one cluster are then
    /// about as far apart (≈ 16σ) as two centres (≈ 16), so neighbourhoods cross cluster borders and an IVF index
    /// must probe well beyond the query's own list.
    static func mixture(rows: Int, d: Int, clusters: Int, seed: UInt64) -> [Float] {
        var rng = SplitMix64(seed: 1)
        func gaussian(_ rng: inout SplitMix64) -> Float {
            let u = (Double(rng.next() >> 11) + 1) / 9_007_199_254_740_993
            let v = Double(rng.next() >> 11) / 9_007_199_254_740_992
            return Float((-2 * log(u)).squareRoot() * cos(2 * .pi * v))
        }
        let centres = (0..<(clusters * d)).map { _ in gaussian(&rng) }
        let spread = (0..<clusters).map { _ in Float(0.6 + 0.8 * Double(rng.next() >> 11) / 9_007_199_254_740_992) }
        rng = SplitMix64(seed: seed)
        var out = [Float](repeating: 0, count: rows * d)
        out.withUnsafeMutableBufferPointer { o in
            centres.withUnsafeBufferPointer { c in
                for r in 0..<rows {
                    let u = Double(rng.next() >> 11) / 9_007_199_254_740_992
                    let centre = min(clusters - 1, Int(Double(clusters) * u * u))
                    for j in 0..<d { o[r * d + j] = c[centre * d + j] + spread[centre] * gaussian(&rng) }
                }
            }
        }
        return out
    }

    /// Exact cosine top-k of each query over `base`: float32 scores through BLAS pick 4k candidates per
    /// query, which are then ranked by cosines computed in Double.
    static func exactTopK(queries: [Float], base: [Float], d: Int, k: Int) -> [[Int]] {
        let nq = queries.count / d
        let n = base.count / d
        var inverseNorms = [Float](repeating: 0, count: n)
        base.withUnsafeBufferPointer { b in
            for i in 0..<n { inverseNorms[i] = 1 / BLAS.norm(b.baseAddress! + i * d, count: d) }
        }
        let pool = 4 * k
        var candidates = [[(Float, Int)]](repeating: [], count: nq)
        let block = 8_192
        var scores = [Float](repeating: 0, count: nq * block)
        for start in stride(from: 0, to: n, by: block) {
            let rows = min(block, n - start)
            queries.withUnsafeBufferPointer { q in
                base.withUnsafeBufferPointer { b in
                    scores.withUnsafeMutableBufferPointer { s in
                        BLAS.gemm(
                            .none, .transpose, m: nq, n: rows, k: d, a: q.baseAddress!, lda: d,
                            b: b.baseAddress! + start * d, ldb: d, c: s.baseAddress!, ldc: rows)
                    }
                }
            }
            scores.withUnsafeBufferPointer { s in
                for qi in 0..<nq {
                    var kept = candidates[qi]
                    var floor = kept.count < pool ? -Float.infinity : kept.map(\.0).min()!
                    for r in 0..<rows {
                        let score = s[qi * rows + r] * inverseNorms[start + r]
                        guard score > floor else { continue }
                        kept.append((score, start + r))
                        if kept.count > 2 * pool {
                            kept.sort { $0.0 > $1.0 }
                            kept.removeLast(kept.count - pool)
                            floor = kept.last!.0
                        }
                    }
                    candidates[qi] = kept
                }
            }
        }
        return (0..<nq).map { qi in
            let q = Array(queries[(qi * d)..<((qi + 1) * d)])
            var exact: [(cosine: Double, row: Int)] = []
            for (_, i) in candidates[qi] {
                var dot = 0.0
                var vv = 0.0
                for j in 0..<d {
                    let v = Double(base[i * d + j])
                    dot += Double(q[j]) * v
                    vv += v * v
                }
                exact.append((dot / vv.squareRoot(), i))
            }
            exact.sort { $0.cosine > $1.cosine || ($0.cosine == $1.cosine && $0.row < $1.row) }
            return exact.prefix(k).map(\.row)
        }
    }

    @Test(.enabled(if: heavy, "needs IGNITABULL_HEAVY_TESTS=1 (1M×128 vectors, about 1 GiB)"))
    func synthetic1MBy128ReachesRecall95WithDefaults() throws {
        let d = 128
        let n = 1_000_000
        let base = Self.mixture(rows: n, d: d, clusters: 2_000, seed: 7)
        // 1,000 queries: recall@10 over 200 varies by about ±0.007 (one standard error) from one sample to the next.
        let count = 1_000
        let queries = Self.mixture(rows: count, d: d, clusters: 2_000, seed: 8)
        let truth = Self.exactTopK(queries: queries, base: base, d: d, k: 10)
        let db = Database()
        let nodes = try db.graph.write { txn in
            try (0..<n).map { r in
                try txn.createNode(labels: ["Item"], properties: ["v": .vector(Array(base[(r * d)..<((r + 1) * d)]))])
            }
        }
        _ = try db.query("CREATE VECTOR INDEX emb FOR (p:Item) ON (p.v)")
        let e = try #require(db.vectorIndexes.index(named: "emb"))
        #expect(e.index.count == n)
        #expect(e.index.lists == IVFFlatIndex.defaultLists(rows: n))
        let probes = try #require(e.index.calibratedProbes())
        var viaProcedure = 0.0
        var viaSearch = 0.0
        for qi in 0..<count {
            let q: Value = .list(queries[(qi * d)..<((qi + 1) * d)].map { .float(Double($0)) })
            let expected = Set(truth[qi].map { nodes[$0] })
            func hits(_ rows: [[Value]]) -> Double {
                Double(rows.filter { if case .node(let n) = $0[0] { expected.contains(n) } else { false } }.count) / 10
            }
            viaProcedure += hits(
                try db.query("CALL db.index.vector.queryNodes('emb', 10, $q) YIELD node RETURN node", parameters: ["q": q])
                    .rows)
            viaSearch += hits(
                try db.query(
                    "MATCH (p:Item) SEARCH p IN (VECTOR INDEX emb FOR $q LIMIT 10) RETURN p", parameters: ["q": q]
                ).rows)
        }
        #expect(viaProcedure / Double(count) >= 0.95, "queryNodes recall@10 \(viaProcedure / Double(count)) at \(probes) probes")
        #expect(viaSearch / Double(count) >= 0.95, "SEARCH recall@10 \(viaSearch / Double(count)) at \(probes) probes")
        print("synthetic 1M×128: queryNodes recall@10 \(viaProcedure / Double(count)), SEARCH \(viaSearch / Double(count)), \(probes) of \(e.index.lists) lists")
    }
}
