import VectorKernels

/// Maps a vector to the inverted lists worth scanning: the lists whose centroids are most
/// similar to it.
struct CoarseQuantizer: Sendable {
    let dimension: Int
    let lists: Int
    /// `lists × dimension`, unit-length rows.
    let centroids: [Float]

    init(dimension: Int, centroids: [Float]) {
        self.dimension = dimension
        self.lists = centroids.count / dimension
        self.centroids = centroids
    }

    /// Similarity of `query` to every centroid.
    /// - Complexity: O(lists · dimension).
    func scores(_ query: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        centroids.withUnsafeBufferPointer { c in
            InnerProducts.matrixVector(rows: lists, dimension: dimension, matrix: c.baseAddress!, query: query, scores: out)
        }
    }

    /// The `probes` lists closest to `query`, closest first.
    /// - Complexity: O(lists · dimension + lists · log probes).
    func nearestLists(_ query: UnsafePointer<Float>, probes: Int) -> [Int32] {
        let p = min(probes, lists)
        return [Float](unsafeUninitializedCapacity: lists) { buf, n in
            scores(query, into: buf.baseAddress!)
            n = lists
        }.withUnsafeBufferPointer { s in Self.topIndices(s.baseAddress!, count: lists, take: p) }
    }

    /// Every list, closest first.
    /// - Complexity: O(lists · dimension + lists · log lists).
    func allListsByCloseness(_ query: UnsafePointer<Float>) -> [Int32] {
        var s = [Float](repeating: 0, count: lists)
        s.withUnsafeMutableBufferPointer { scores(query, into: $0.baseAddress!) }
        return (0..<Int32(lists)).sorted { s[Int($0)] > s[Int($1)] || (s[Int($0)] == s[Int($1)] && $0 < $1) }
    }

    /// Indices of the `take` largest of `count` scores, largest first.
    static func topIndices(_ scores: UnsafePointer<Float>, count: Int, take: Int) -> [Int32] {
        guard take > 0 else { return [] }
        var hs = [Float](repeating: 0, count: take)
        var hi = [VectorID](repeating: 0, count: take)
        return hs.withUnsafeMutableBufferPointer { sp in
            hi.withUnsafeMutableBufferPointer { ip in
                var heap = ScoreHeap<VectorID>(scores: sp.baseAddress!, ids: ip.baseAddress!, k: take)
                for j in 0..<count where scores[j] >= heap.threshold { heap.push(scores[j], VectorID(j)) }
                return heap.sortedHits().map { Int32($0.id) }
            }
        }
    }

    /// The nearest list of each of `count` unit vectors.
    /// - Complexity: O(count · lists · dimension).
    func assign(_ vectors: [Float], count: Int) -> [Int32] {
        KMeans.nearest(points: vectors, count: count, centroids: centroids, clusters: lists, dimension: dimension).assignment
    }
}
