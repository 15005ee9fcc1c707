extension IVFFlatIndex {
    /// Adds vectors under new ids.
    ///
    /// - Parameters:
    ///   - ids: distinct ids, none already in the index, none equal to `VectorID.max`.
    ///   - vectors: `ids.count × dimension` floats, row-major; each row non-zero and finite.
    /// - Throws: `notTrained`, `dimensionMismatch`, `zeroVector`, `nonFiniteValue`, `duplicateID`, `invalidID`.
    ///   On error nothing is added.
    /// - Complexity: O(rows · lists · dimension) for the assignment (one `sgemm` per block).
    public func add(ids: [VectorID], vectors: [Float]) throws(VectorIndexError) {
        guard vectors.count == ids.count * dimension else {
            throw VectorIndexError(
                .dimensionMismatch,
                "\(ids.count) ids need \(ids.count * dimension) floats at dimension \(dimension); got \(vectors.count)")
        }
        try insert(ids: ids, vectors: vectors, replacing: false)
    }

    /// Adds one vector.
    /// - Throws: as `add(ids:vectors:)`.
    public func add(id: VectorID, vector: [Float]) throws(VectorIndexError) {
        guard vector.count == dimension else {
            throw VectorIndexError(.dimensionMismatch, "vector has \(vector.count) components; the index dimension is \(dimension)")
        }
        try insert(ids: [id], vectors: vector, replacing: false)
    }

    /// Adds the vector, or replaces the one stored under `id`.
    /// - Throws: `notTrained`, `dimensionMismatch`, `zeroVector`, `nonFiniteValue`, `invalidID`.
    public func upsert(id: VectorID, vector: [Float]) throws(VectorIndexError) {
        guard vector.count == dimension else {
            throw VectorIndexError(.dimensionMismatch, "vector has \(vector.count) components; the index dimension is \(dimension)")
        }
        try insert(ids: [id], vectors: vector, replacing: true)
    }

    /// Removes the vector stored under `id`.
    /// - Returns: whether it was present.
    /// - Complexity: O(size of its list).
    @discardableResult
    public func remove(id: VectorID) -> Bool {
        lock.withWriteLock { Self.remove(id, from: &state) }
    }

    /// Drops every tombstone left by removals and trims list storage.
    /// - Complexity: O(vectors · dimension).
    public func compact() {
        lock.withWriteLock { state.lists.compactAll() }
    }

    private static func remove(_ id: VectorID, from state: inout State) -> Bool {
        guard let l = state.listOf.removeValue(forKey: id) else { return false }
        guard let p = state.lists.position(of: id, inList: Int(l)) else { return false }
        state.lists.remove(list: Int(l), position: p)
        return true
    }

    private func insert(ids: [VectorID], vectors: [Float], replacing: Bool) throws(VectorIndexError) {
        guard !ids.isEmpty else { return }
        if let bad = ids.firstIndex(of: InvertedLists.tombstone) {
            throw VectorIndexError(.invalidID, "id at position \(bad) is \(VectorID.max), which is reserved")
        }
        if ids.count > 1 {
            var seen = Set<VectorID>(minimumCapacity: ids.count)
            for id in ids where !seen.insert(id).inserted {
                throw VectorIndexError(.duplicateID, "id \(id) appears twice in one add")
            }
        }
        let unit = try VectorInput.normalized(vectors, dimension: dimension)
        // Assign outside the write lock; redo under it only if a retrain swapped the quantizer meanwhile.
        guard let quantizer = lock.withReadLock({ state.quantizer }) else {
            throw VectorIndexError(.notTrained, "train the index before adding vectors")
        }
        let assignment = quantizer.assign(unit, count: ids.count)
        let failure: VectorIndexError? = lock.withWriteLock {
            guard let current = state.quantizer else {
                return VectorIndexError(.notTrained, "train the index before adding vectors")
            }
            if !replacing, let dup = ids.first(where: { state.listOf[$0] != nil }) {
                return VectorIndexError(.duplicateID, "id \(dup) is already in the index; use upsert to replace it")
            }
            let finalAssignment =
                current.centroids == quantizer.centroids ? assignment : current.assign(unit, count: ids.count)
            if replacing {
                for id in ids { _ = Self.remove(id, from: &state) }
            }
            Self.insert(into: &state, ids: ids, unit: unit, assignment: finalAssignment)
            return nil
        }
        if let failure { throw failure }
    }
}
