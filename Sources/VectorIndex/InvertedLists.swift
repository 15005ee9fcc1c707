/// The vectors of an IVF index, grouped by list. Each list keeps, contiguous and row-major,
/// its ids, per-vector scales, coarse codes and residual codes (see `ScalarQuantizer`), so
/// a scan streams one compact block.
///
/// Removal leaves a tombstone (the id becomes `InvertedLists.tombstone`); a list is compacted
/// once tombstones pass a quarter of its slots, or on demand.
struct InvertedLists: Sendable {
    /// The id stored in a removed slot.
    static let tombstone = VectorID.max

    let dimension: Int
    private(set) var ids: [[VectorID]]
    private(set) var scales: [[Float]]
    private(set) var coarse: [[Int8]]
    private(set) var residual: [[Int8]]
    private(set) var tombstones: [Int]
    /// Live (not removed) vectors across all lists.
    private(set) var liveCount = 0

    init(dimension: Int, lists: Int) {
        self.dimension = dimension
        ids = Array(repeating: [], count: lists)
        scales = Array(repeating: [], count: lists)
        coarse = Array(repeating: [], count: lists)
        residual = Array(repeating: [], count: lists)
        tombstones = Array(repeating: 0, count: lists)
    }

    var listCount: Int { ids.count }

    /// Slots in list `l`, tombstones included.
    @inline(__always)
    func slots(_ l: Int) -> Int { ids[l].count }

    /// Grows list capacities to fit `extra[l]` more vectors exactly, so a bulk load wastes no space.
    mutating func reserve(extra: [Int]) {
        for l in 0..<listCount where extra[l] > 0 {
            let n = ids[l].count + extra[l]
            ids[l].reserveCapacity(n)
            scales[l].reserveCapacity(n)
            coarse[l].reserveCapacity(n * dimension)
            residual[l].reserveCapacity(n * dimension)
        }
    }

    /// Encodes and appends one unit vector to list `l`.
    mutating func append(list l: Int, id: VectorID, vector: UnsafeBufferPointer<Float>) {
        let d = dimension
        var c1 = [Int8](repeating: 0, count: d)
        var c2 = [Int8](repeating: 0, count: d)
        let u = c1.withUnsafeMutableBufferPointer { p1 in
            c2.withUnsafeMutableBufferPointer { p2 in
                ScalarQuantizer.encode(vector.baseAddress!, dimension: d, coarse: p1.baseAddress!, residual: p2.baseAddress!)
            }
        }
        ids[l].append(id)
        scales[l].append(u)
        coarse[l].append(contentsOf: c1)
        residual[l].append(contentsOf: c2)
        liveCount += 1
    }

    /// The reconstructed unit vector in list `l` at position `p`.
    func vector(list l: Int, position p: Int) -> [Float] {
        let d = dimension
        return [Float](unsafeUninitializedCapacity: d) { out, n in
            coarse[l].withUnsafeBufferPointer { c1 in
                residual[l].withUnsafeBufferPointer { c2 in
                    ScalarQuantizer.decode(
                        scale: scales[l][p], coarse: c1.baseAddress! + p * d, residual: c2.baseAddress! + p * d,
                        dimension: d, into: out.baseAddress!)
                }
            }
            n = d
        }
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

    /// Marks a slot removed without the automatic compaction (used when saving).
    mutating func markRemovedWithoutCompacting(list l: Int, position p: Int) {
        ids[l][p] = Self.tombstone
        tombstones[l] += 1
        liveCount -= 1
    }

    /// Drops the tombstones of list `l` and trims its storage.
    mutating func compact(list l: Int) {
        guard tombstones[l] > 0 else { return }
        let d = dimension
        let live = ids[l].count - tombstones[l]
        var newIDs = [VectorID]()
        var newScales = [Float]()
        var newCoarse = [Int8]()
        var newResidual = [Int8]()
        newIDs.reserveCapacity(live)
        newScales.reserveCapacity(live)
        newCoarse.reserveCapacity(live * d)
        newResidual.reserveCapacity(live * d)
        for (p, id) in ids[l].enumerated() where id != Self.tombstone {
            newIDs.append(id)
            newScales.append(scales[l][p])
            newCoarse.append(contentsOf: coarse[l][(p * d)..<((p + 1) * d)])
            newResidual.append(contentsOf: residual[l][(p * d)..<((p + 1) * d)])
        }
        ids[l] = newIDs
        scales[l] = newScales
        coarse[l] = newCoarse
        residual[l] = newResidual
        tombstones[l] = 0
    }

    /// Compacts every list.
    mutating func compactAll() {
        for l in 0..<listCount { compact(list: l) }
    }

    /// Replaces list `l` wholesale (used by loading).
    mutating func setList(_ l: Int, ids newIDs: [VectorID], scales newScales: [Float], coarse c1: [Int8], residual c2: [Int8]) {
        liveCount += newIDs.count - (ids[l].count - tombstones[l])
        ids[l] = newIDs
        scales[l] = newScales
        coarse[l] = c1
        residual[l] = c2
        tombstones[l] = 0
    }

    /// Bytes held by the lists (allocated capacity plus array headers).
    var memoryBytes: Int {
        var total = 0
        for l in 0..<listCount {
            total += ids[l].capacity * MemoryLayout<VectorID>.stride + scales[l].capacity * MemoryLayout<Float>.stride
            total += coarse[l].capacity + residual[l].capacity
        }
        return total + listCount * 5 * 32
    }

    /// Sizes of the lists (live vectors), for balance checks.
    var liveSizes: [Int] { (0..<listCount).map { ids[$0].count - tombstones[$0] } }
}
