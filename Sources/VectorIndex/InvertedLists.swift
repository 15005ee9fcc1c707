/// The vectors of an IVF index, grouped by list. Each list keeps its ids and its unit
/// vectors contiguous (row-major), so a scan is one `sgemv`.
///
/// Removal leaves a tombstone (the id becomes `InvertedLists.tombstone`); a list is compacted
/// once tombstones pass a quarter of its slots, or on demand.
struct InvertedLists: Sendable {
    /// The id stored in a removed slot.
    static let tombstone = VectorID.max

    let dimension: Int
    private(set) var ids: [[VectorID]]
    private(set) var vectors: [[Float]]
    private(set) var tombstones: [Int]
    /// Live (not removed) vectors across all lists.
    private(set) var liveCount = 0

    init(dimension: Int, lists: Int) {
        self.dimension = dimension
        ids = Array(repeating: [], count: lists)
        vectors = Array(repeating: [], count: lists)
        tombstones = Array(repeating: 0, count: lists)
    }

    var listCount: Int { ids.count }

    /// Slots in list `l`, tombstones included.
    func slots(_ l: Int) -> Int { ids[l].count }

    /// The largest list, in slots.
    var maxSlots: Int { ids.reduce(0) { max($0, $1.count) } }

    /// Grows list capacities to fit `extra[l]` more vectors exactly, so a bulk load wastes no space.
    mutating func reserve(extra: [Int]) {
        for l in 0..<listCount where extra[l] > 0 {
            ids[l].reserveCapacity(ids[l].count + extra[l])
            vectors[l].reserveCapacity((ids[l].count + extra[l]) * dimension)
        }
    }

    /// Appends one unit vector to list `l`.
    mutating func append(list l: Int, id: VectorID, vector: UnsafeBufferPointer<Float>) {
        ids[l].append(id)
        vectors[l].append(contentsOf: vector)
        liveCount += 1
    }

    /// Position of `id` in list `l`, if present.
    func position(of id: VectorID, inList l: Int) -> Int? {
        ids[l].firstIndex(of: id)
    }

    /// Marks the slot removed; compacts the list when a quarter of it is tombstones.
    mutating func remove(list l: Int, position p: Int) {
        ids[l][p] = Self.tombstone
        tombstones[l] += 1
        liveCount -= 1
        if tombstones[l] * 4 >= ids[l].count { compact(list: l) }
    }

    /// Drops the tombstones of list `l` and trims its storage.
    mutating func compact(list l: Int) {
        guard tombstones[l] > 0 else { return }
        let d = dimension
        var newIDs = [VectorID]()
        var newVectors = [Float]()
        let live = ids[l].count - tombstones[l]
        newIDs.reserveCapacity(live)
        newVectors.reserveCapacity(live * d)
        for (p, id) in ids[l].enumerated() where id != Self.tombstone {
            newIDs.append(id)
            newVectors.append(contentsOf: vectors[l][(p * d)..<((p + 1) * d)])
        }
        ids[l] = newIDs
        vectors[l] = newVectors
        tombstones[l] = 0
    }

    /// Compacts every list.
    mutating func compactAll() {
        for l in 0..<listCount { compact(list: l) }
    }

    /// Replaces list `l` wholesale (used by loading).
    mutating func setList(_ l: Int, ids newIDs: [VectorID], vectors newVectors: [Float]) {
        liveCount += newIDs.count - (ids[l].count - tombstones[l])
        ids[l] = newIDs
        vectors[l] = newVectors
        tombstones[l] = 0
    }

    /// Bytes held by ids and vectors (allocated capacity).
    var memoryBytes: Int {
        var total = 0
        for l in 0..<listCount {
            total += ids[l].capacity * MemoryLayout<VectorID>.stride + vectors[l].capacity * MemoryLayout<Float>.stride
        }
        return total + listCount * 3 * 32
    }

    /// Sizes of the lists (live vectors), for balance checks.
    var liveSizes: [Int] { (0..<listCount).map { ids[$0].count - tombstones[$0] } }
}
