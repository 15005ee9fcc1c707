import Foundation
import VectorIndex
import VectorKernels

/// Test fixtures: package-root paths, real dataset loaders, synthetic clustered data and an
/// independent brute-force oracle.
enum TestData {
    /// The package root (the folder holding Package.swift), found from this file's path.
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url = url.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    static func shared(_ relative: String) -> String {
        packageRoot.appendingPathComponent("../shared/datasets/\(relative)").standardizedFileURL.path
    }

    static let glovePath = shared("glove-6b-50d/vectors.400000x50.f32")
    static let gloveQueriesPath = shared("glove-6b-50d/bench/query_ids.10000.i32")
    static let gloveTruthPath = shared("glove-6b-50d/bench/gt_ids.10000x100.i32")
    static let retailPath = shared("minilm-l6-v2/reference/online_retail_products.3922x384.f32")

    static var hasGloVe: Bool {
        [glovePath, gloveQueriesPath, gloveTruthPath].allSatisfy { FileManager.default.fileExists(atPath: $0) }
    }
    static var hasRetail: Bool { FileManager.default.fileExists(atPath: retailPath) }

    static func load<T>(_ path: String, as: T.Type) throws -> [T] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return data.withUnsafeBytes { Array($0.bindMemory(to: T.self)) }
    }

    /// `count × dimension` points around `centres` random centres, deterministic for `seed`.
    static func clustered(count: Int, dimension: Int, centres: Int, seed: UInt64) -> [Float] {
        var s = seed
        func next() -> Float {
            s = s &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: s >> 11) % 2_000_000) / 1_000_000 - 1
        }
        let c = (0..<(centres * dimension)).map { _ in next() }
        var out = [Float](repeating: 0, count: count * dimension)
        for i in 0..<count {
            let k = i % centres
            for j in 0..<dimension { out[i * dimension + j] = c[k * dimension + j] + 0.35 * next() }
        }
        return out
    }

    /// Exact cosine top-k by a plain Double loop over `rows`, optionally restricted by `allow`.
    static func bruteForce(
        _ query: [Float], rows: [Float], ids: [VectorID], dimension d: Int, k: Int,
        allow: (VectorID) -> Bool = { _ in true }
    ) -> [SearchHit] {
        func norm(_ v: ArraySlice<Float>) -> Double { v.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot() }
        let qn = norm(query[...])
        var all: [SearchHit] = []
        for (i, id) in ids.enumerated() where allow(id) {
            let row = rows[(i * d)..<((i + 1) * d)]
            var dot: Double = 0
            for (a, b) in zip(row, query) { dot += Double(a) * Double(b) }
            all.append(SearchHit(id: id, score: Float(dot / (qn * norm(row)))))
        }
        all.sort { $0.score > $1.score || ($0.score == $1.score && $0.id < $1.id) }
        return Array(all.prefix(k))
    }

    /// Exact cosine top-k ids of each query over the raw float32 rows, scored with one BLAS `sgemm`
    /// (fast even in a debug build). An oracle independent of the index's stored form.
    static func exactTopK(queries: [[Float]], rows: [Float], ids: [VectorID], dimension d: Int, k: Int) -> [[VectorID]] {
        func unit(_ v: [Float]) -> [Float] {
            var out = v
            out.withUnsafeMutableBufferPointer { b in
                for r in 0..<(v.count / d) { VectorMath.normalize(b.baseAddress! + r * d, count: d) }
            }
            return out
        }
        let base = unit(rows)
        let q = unit(queries.flatMap { $0 })
        let n = ids.count
        var scores = [Float](repeating: 0, count: queries.count * n)
        q.withUnsafeBufferPointer { qp in
            base.withUnsafeBufferPointer { bp in
                scores.withUnsafeMutableBufferPointer { sp in
                    InnerProducts.matrixMatrix(
                        queries: queries.count, rows: n, dimension: d, queryMatrix: qp.baseAddress!,
                        matrix: bp.baseAddress!, scores: sp.baseAddress!)
                }
            }
        }
        return (0..<queries.count).map { i in
            var best: [(Float, VectorID)] = []
            var threshold = -Float.infinity
            for j in 0..<n where scores[i * n + j] > threshold {
                best.append((scores[i * n + j], ids[j]))
                if best.count > k {
                    best.sort { $0.0 > $1.0 }
                    best.removeLast(best.count - k)
                    threshold = best[k - 1].0
                }
            }
            best.sort { $0.0 > $1.0 }
            return best.prefix(k).map(\.1)
        }
    }

    /// |found ∩ truth| / |truth| by ids.
    static func recall(_ found: [SearchHit], _ truth: [VectorID]) -> Double {
        guard !truth.isEmpty else { return 1 }
        let t = Set(truth)
        return Double(found.filter { t.contains($0.id) }.count) / Double(truth.count)
    }

    /// |found ∩ truth| / |truth|.
    static func recall(_ found: [SearchHit], _ truth: [SearchHit]) -> Double {
        guard !truth.isEmpty else { return 1 }
        let t = Set(truth.map(\.id))
        return Double(found.filter { t.contains($0.id) }.count) / Double(truth.count)
    }
}
