import VectorKernels

/// Spherical k-means for unit-length vectors: k-means++ seeding on a sample, then Lloyd
/// iterations whose assignment step is one `sgemm` per block of points.
///
/// Deterministic for a given seed. An empty cluster is re-seeded with the point of the
/// largest cluster that lies farthest from its centroid.
public struct KMeans: Sendable {
    /// Training knobs.
    public struct Parameters: Sendable {
        /// Lloyd iterations (stops early when no assignment changes).
        public var iterations: Int
        /// Training uses at most this many points per cluster, sampled at random (as FAISS does).
        public var maxPointsPerCluster: Int
        /// k-means++ seeding runs on at most this many points per cluster.
        public var seedingPointsPerCluster: Int
        /// Random seed for sampling and seeding.
        public var seed: UInt64

        public init(iterations: Int = 10, maxPointsPerCluster: Int = 256, seedingPointsPerCluster: Int = 32,
                    seed: UInt64 = 0x5EED_1DEA) {
            self.iterations = iterations
            self.maxPointsPerCluster = maxPointsPerCluster
            self.seedingPointsPerCluster = seedingPointsPerCluster
            self.seed = seed
        }
    }

    /// Vector length.
    public let dimension: Int
    /// Number of clusters.
    public let clusters: Int
    /// `clusters × dimension` unit-length centroids, row-major.
    public let centroids: [Float]
    /// Iterations actually run.
    public let iterationsRun: Int

    /// Trains on `points` (`count × dimension`, each row unit length).
    ///
    /// - Parameters:
    ///   - points: row-major unit vectors.
    ///   - clusters: 1 ... count.
    /// - Throws: `invalidParameter` when `clusters` is out of range.
    /// - Complexity: O(iterations · sample · clusters · dimension).
    public static func train(
        points: [Float], dimension: Int, clusters: Int, parameters: Parameters = Parameters()
    ) throws(VectorIndexError) -> KMeans {
        guard dimension > 0, points.count % dimension == 0 else {
            throw VectorIndexError(.dimensionMismatch, "k-means input is not a whole number of \(dimension)-d rows")
        }
        let n = points.count / dimension
        guard clusters >= 1, clusters <= n else {
            throw VectorIndexError(.invalidParameter, "k-means needs 1 ≤ clusters ≤ points; got \(clusters) clusters for \(n) points")
        }
        guard parameters.iterations >= 0, parameters.maxPointsPerCluster >= 1, parameters.seedingPointsPerCluster >= 1 else {
            throw VectorIndexError(.invalidParameter, "k-means iterations must be ≥ 0 and sample sizes ≥ 1")
        }
        var rng = SplitMix64(seed: parameters.seed)
        let d = dimension

        // Training sample.
        let sampleSize = min(n, clusters * parameters.maxPointsPerCluster)
        let sample = sampleRows(points, count: n, dimension: d, take: sampleSize, rng: &rng)

        // k-means++ seeding on a prefix of the (already shuffled) sample.
        let seedCount = min(sampleSize, max(clusters, clusters * parameters.seedingPointsPerCluster))
        var centroids = seedPlusPlus(sample, count: seedCount, dimension: d, clusters: clusters, rng: &rng)

        var assignment = [Int32](repeating: -1, count: sampleSize)
        var iterationsRun = 0
        for _ in 0..<parameters.iterations {
            iterationsRun += 1
            let (newAssignment, similarity) = nearest(
                points: sample, count: sampleSize, centroids: centroids, clusters: clusters, dimension: d)
            let changed = zip(newAssignment, assignment).reduce(0) { $0 + ($1.0 != $1.1 ? 1 : 0) }
            assignment = newAssignment
            centroids = updateCentroids(
                sample, count: sampleSize, dimension: d, clusters: clusters,
                assignment: assignment, similarity: similarity, previous: centroids)
            if changed == 0 { break }
        }
        return KMeans(dimension: d, clusters: clusters, centroids: centroids, iterationsRun: iterationsRun)
    }

    private init(dimension: Int, clusters: Int, centroids: [Float], iterationsRun: Int) {
        self.dimension = dimension
        self.clusters = clusters
        self.centroids = centroids
        self.iterationsRun = iterationsRun
    }

    /// Draws `take` distinct rows at random (partial Fisher–Yates), in random order.
    static func sampleRows(
        _ points: [Float], count n: Int, dimension d: Int, take: Int, rng: inout SplitMix64
    ) -> [Float] {
        var order = Array(0..<n)
        for i in 0..<take {
            let j = i + Int(rng.next() % UInt64(n - i))
            order.swapAt(i, j)
        }
        var out = [Float](repeating: 0, count: take * d)
        points.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for i in 0..<take {
                    (dst.baseAddress! + i * d).update(from: src.baseAddress! + order[i] * d, count: d)
                }
            }
        }
        return out
    }

    /// k-means++: the first centre at random, each next one drawn with probability ∝ squared
    /// distance to the nearest chosen centre (for unit vectors, `2 − 2·cos`).
    static func seedPlusPlus(
        _ sample: [Float], count m: Int, dimension d: Int, clusters: Int, rng: inout SplitMix64
    ) -> [Float] {
        var centroids = [Float](repeating: 0, count: clusters * d)
        var minDist = [Float](repeating: .infinity, count: m)
        var sims = [Float](repeating: 0, count: m)
        sample.withUnsafeBufferPointer { s in
            centroids.withUnsafeMutableBufferPointer { c in
                var chosen = Int(rng.next() % UInt64(m))
                for ci in 0..<clusters {
                    (c.baseAddress! + ci * d).update(from: s.baseAddress! + chosen * d, count: d)
                    if ci == clusters - 1 { break }
                    sims.withUnsafeMutableBufferPointer { sp in
                        InnerProducts.matrixVector(
                            rows: m, dimension: d, matrix: s.baseAddress!, query: c.baseAddress! + ci * d,
                            scores: sp.baseAddress!)
                    }
                    var total: Double = 0
                    for i in 0..<m {
                        let dist = max(0, 2 - 2 * sims[i])
                        if dist < minDist[i] { minDist[i] = dist }
                        total += Double(minDist[i])
                    }
                    if total <= 0 {
                        chosen = Int(rng.next() % UInt64(m))  // all points coincide with centres
                        continue
                    }
                    var target = Double(rng.next() >> 11) / Double(1 << 53) * total
                    chosen = m - 1
                    for i in 0..<m {
                        target -= Double(minDist[i])
                        if target <= 0 {
                            chosen = i
                            break
                        }
                    }
                }
            }
        }
        return centroids
    }

    /// Index of the most similar centroid for each point, and that similarity. One `sgemm` per block.
    /// - Complexity: O(count · clusters · dimension).
    public static func nearest(
        points: [Float], count n: Int, centroids: [Float], clusters: Int, dimension d: Int
    ) -> (assignment: [Int32], similarity: [Float]) {
        var assignment = [Int32](repeating: 0, count: n)
        var similarity = [Float](repeating: 0, count: n)
        let block = max(1, min(n, (1 << 20) / max(clusters, 1)))
        var scores = [Float](repeating: 0, count: block * clusters)
        points.withUnsafeBufferPointer { p in
            centroids.withUnsafeBufferPointer { c in
                scores.withUnsafeMutableBufferPointer { sc in
                    var start = 0
                    while start < n {
                        let rows = min(block, n - start)
                        InnerProducts.matrixMatrix(
                            queries: rows, rows: clusters, dimension: d, queryMatrix: p.baseAddress! + start * d,
                            matrix: c.baseAddress!, scores: sc.baseAddress!)
                        for r in 0..<rows {
                            let row = sc.baseAddress! + r * clusters
                            var best = 0
                            var bestScore = row[0]
                            for j in 1..<max(clusters, 1) where row[j] > bestScore {
                                bestScore = row[j]
                                best = j
                            }
                            assignment[start + r] = Int32(best)
                            similarity[start + r] = bestScore
                        }
                        start += rows
                    }
                }
            }
        }
        return (assignment, similarity)
    }

    /// Means of the assigned points, normalised; empty clusters re-seeded from the largest cluster.
    static func updateCentroids(
        _ sample: [Float], count m: Int, dimension d: Int, clusters: Int,
        assignment: [Int32], similarity: [Float], previous: [Float]
    ) -> [Float] {
        var sums = [Double](repeating: 0, count: clusters * d)
        var sizes = [Int](repeating: 0, count: clusters)
        for i in 0..<m {
            let c = Int(assignment[i])
            sizes[c] += 1
            let base = c * d
            let row = i * d
            for j in 0..<d { sums[base + j] += Double(sample[row + j]) }
        }
        var out = [Float](repeating: 0, count: clusters * d)
        // Re-seed empty clusters: take the worst-fitting point of the currently largest cluster.
        var taken = Set<Int>()
        for c in 0..<clusters where sizes[c] == 0 {
            let largest = sizes.indices.max { sizes[$0] < sizes[$1] }!
            var worst = -1
            var worstSim = Float.infinity
            for i in 0..<m where Int(assignment[i]) == largest && !taken.contains(i) && similarity[i] < worstSim {
                worstSim = similarity[i]
                worst = i
            }
            guard worst >= 0 else { continue }
            taken.insert(worst)
            for j in 0..<d {
                let v = Double(sample[worst * d + j])
                sums[c * d + j] = v
                sums[largest * d + j] -= v
            }
            sizes[c] = 1
            sizes[largest] -= 1
        }
        for c in 0..<clusters {
            var norm: Double = 0
            for j in 0..<d { norm += sums[c * d + j] * sums[c * d + j] }
            norm = norm.squareRoot()
            if sizes[c] == 0 || norm == 0 || !norm.isFinite {
                for j in 0..<d { out[c * d + j] = previous[c * d + j] }
            } else {
                for j in 0..<d { out[c * d + j] = Float(sums[c * d + j] / norm) }
            }
        }
        return out
    }
}
