extension IVFFlatIndex {
    /// Trains the coarse quantizer: spherical k-means with `lists` centroids on `vectors`.
    ///
    /// The training vectors are not added. If the index already holds vectors, they are
    /// redistributed over the new lists (this is how to rebalance a grown index).
    ///
    /// - Parameters:
    ///   - vectors: `rows × dimension` floats, row-major; each row non-zero and finite.
    ///   - lists: number of inverted lists, `1...min(rows, maxLists)`; default `defaultLists(rows:)`.
    ///   - parameters: k-means knobs (iterations, sample sizes, seed).
    /// - Throws: `dimensionMismatch`, `zeroVector`, `nonFiniteValue`, `invalidParameter`.
    /// - Complexity: O(iterations · min(rows, 256·lists) · lists · dimension).
    public func train(
        _ vectors: [Float], lists: Int? = nil, parameters: KMeans.Parameters = KMeans.Parameters()
    ) throws(VectorIndexError) {
        let unit = try VectorInput.normalized(vectors, dimension: dimension, what: "training vector")
        let rows = unit.count / dimension
        guard rows >= 1 else { throw VectorIndexError(.invalidParameter, "training needs at least one vector") }
        let listCount = lists ?? Self.defaultLists(rows: rows)
        guard listCount >= 1, listCount <= min(rows, Self.maxLists) else {
            throw VectorIndexError(
                .invalidParameter,
                "lists must be in 1...\(min(rows, Self.maxLists)) for \(rows) training vectors; got \(listCount)")
        }
        let kmeans = try KMeans.train(points: unit, dimension: dimension, clusters: listCount, parameters: parameters)
        let quantizer = CoarseQuantizer(dimension: dimension, centroids: kmeans.centroids)

        lock.withWriteLock {
            let old = state.lists
            var fresh = State(quantizer: quantizer, lists: InvertedLists(dimension: dimension, lists: listCount), listOf: [:])
            fresh.policy = state.policy
            fresh.trainedRows = state.trainedRows
            if old.liveCount > 0 {
                var ids: [VectorID] = []
                var flat: [Float] = []
                ids.reserveCapacity(old.liveCount)
                flat.reserveCapacity(old.liveCount * dimension)
                for l in 0..<old.listCount {
                    for (p, id) in old.ids[l].enumerated() where id != InvertedLists.tombstone {
                        ids.append(id)
                        flat.append(contentsOf: old.vector(list: l, position: p))
                    }
                }
                let assignment = quantizer.assign(flat, count: ids.count)
                Self.insert(into: &fresh, ids: ids, unit: flat, assignment: assignment)
            }
            state = fresh
        }
    }

    /// Trains on `vectors` and adds them with `ids`: the usual way to build an index.
    ///
    /// - Parameters:
    ///   - ids: one distinct id per row (not `VectorID.max`).
    ///   - vectors: `ids.count × dimension` floats, row-major.
    ///   - lists: default `defaultLists(rows:)`.
    /// - Complexity: training plus O(rows · lists · dimension) for the assignment.
    public func build(
        ids: [VectorID], vectors: [Float], lists: Int? = nil, parameters: KMeans.Parameters = KMeans.Parameters()
    ) throws(VectorIndexError) {
        try train(vectors, lists: lists, parameters: parameters)
        try add(ids: ids, vectors: vectors)
    }

    /// Builds a trained index directly from a quantizer and lists (used by loading).
    static func insert(into state: inout State, ids: [VectorID], unit: [Float], assignment: [Int32]) {
        let d = state.lists.dimension
        var extra = [Int](repeating: 0, count: state.lists.listCount)
        for a in assignment { extra[Int(a)] += 1 }
        state.lists.reserve(extra: extra)
        state.listOf.reserveCapacity(state.listOf.count + ids.count)
        unit.withUnsafeBufferPointer { u in
            for (i, id) in ids.enumerated() {
                let l = Int(assignment[i])
                state.lists.append(list: l, id: id, vector: UnsafeBufferPointer(rebasing: u[(i * d)..<((i + 1) * d)]))
                state.listOf[id] = UInt32(l)
            }
        }
    }
}
