import VectorKernels

/// The vectors of an IVF index, grouped by list. Each list keeps, contiguous, its ids,
/// per-vector scales, coarse codes and residual codes (see `ScalarQuantizer`), so a scan
/// streams one compact block. Coarse codes are in the blocked layout of `BlockedDot` (16 rows
/// interleaved per block, the last block zero-padded), which the coarse pass scores 16 rows at
/// a time; residual codes are row-major (the re-rank reads single rows).
///
/// Removal leaves a tombstone (the id becomes `InvertedLists.tombstone`); a list is compacted
/// once tombstones pass a quarter of its slots, or on demand.
struct InvertedLists: Sendable {
    /// The id stored in a removed slot.
    static let tombstone = VectorID.max

    let dimension: Int
    private(set) var ids: [[VectorID]]
    private(set) var scales: [[Float]]
    /// Blocked layout (`BlockedDot`), `⌈slots / 16⌉` blocks.
    private(set) var coarse: [[Int8]]
    private(set) var residual: [[Int8]]
    private(set) var tombstones: [Int]
    /// Slots per list (tombstones included), kept apart so a search reads every list's size from
    /// one contiguous, cache-resident array instead of touching each list's storage.
    private(set) var slotCounts: [Int32]
    /// Live (not removed) vectors across all lists.
    private(set) var liveCount = 0

    init(dimension: Int, lists: Int) {
        self.dimension = dimension
        ids = Array(repeating: [], count: lists)
        scales = Array(repeating: [], count: lists)
        coarse = Array(repeating: [], count: lists)
        residual = Array(repeating: [], count: lists)
        tombstones = Array(repeating: 0, count: lists)
        slotCounts = Array(repeating: 0, count: lists)
    }

    var listCount: Int { ids.count }

    /// Slots in list `l`, tombstones included.
    @inline(__always)
    func slots(_ l: Int) -> Int { Int(slotCounts[l]) }

    /// Starts loading the head of list `l` (coarse codes, scales, ids) into cache, without reading
    /// any of it: each list's storage address is read from the outer arrays, so the hint itself
    /// never waits for memory. The scan of one list then overlaps the memory latency of the next.
    @inline(__always)
    func prefetchHead(list l: Int) {
        Self.prefetch(coarse, l, bytes: 32 + 1024)
        Self.prefetch(scales, l, bytes: 32 + 128)
        Self.prefetch(ids, l, bytes: 32 + 64)
    }

    /// Starts loading the residual codes of slot `p` of list `l` (for a re-rank), again without
    /// reading the list's storage header.
    @inline(__always)
    func prefetchResidual(list l: Int, slot p: Int) {
        guard MemoryLayout<[Int8]>.size == MemoryLayout<UInt>.size else { return }
        residual.withUnsafeBytes { raw in
            let address = raw.load(fromByteOffset: l * MemoryLayout<[Int8]>.stride, as: UInt.self)
            // Elements follow the 32-byte array header; a wrong guess only wastes the hint.
            if let base = UnsafeRawPointer(bitPattern: address) {
                QuantizedDot.prefetch(base + 32 + p * dimension, bytes: dimension)
            }
        }
    }

    /// Prefetches `bytes` from the start of the storage object of `outer[l]` (header, then elements).
    @inline(__always)
    private static func prefetch<T>(_ outer: [[T]], _ l: Int, bytes: Int) {
        // An Array is one reference to its storage; a prefetch of a wrong address is harmless anyway.
        guard MemoryLayout<[T]>.size == MemoryLayout<UInt>.size else { return }
        outer.withUnsafeBytes { raw in
            let address = raw.load(fromByteOffset: l * MemoryLayout<[T]>.stride, as: UInt.self)
            if let p = UnsafeRawPointer(bitPattern: address) { QuantizedDot.prefetch(p, bytes: bytes) }
        }
    }

    /// Grows list capacities to fit `extra[l]` more vectors exactly, so a bulk load wastes no space.
    mutating func reserve(extra: [Int]) {
        for l in 0..<listCount where extra[l] > 0 {
            let n = ids[l].count + extra[l]
            ids[l].reserveCapacity(n)
            scales[l].reserveCapacity(n)
            coarse[l].reserveCapacity(Self.blockedBytes(rows: n, dimension: dimension))
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
        let slot = ids[l].count
        if slot % BlockedDot.blockRows == 0 {
            coarse[l].append(contentsOf: repeatElement(0, count: BlockedDot.blockBytes(dimension: d)))
        }
        coarse[l].withUnsafeMutableBufferPointer { blocks in
            for i in 0..<d { blocks[BlockedDot.offset(row: slot, dimension: i, dimensions: d)] = c1[i] }
        }
        ids[l].append(id)
        scales[l].append(u)
        slotCounts[l] += 1
        residual[l].append(contentsOf: c2)
        liveCount += 1
    }

    /// The reconstructed unit vector in list `l` at position `p`.
    func vector(list l: Int, position p: Int) -> [Float] {
        let d = dimension
        return [Float](unsafeUninitializedCapacity: d) { out, n in
            withUnsafeTemporaryAllocation(of: Int8.self, capacity: d) { c1 in
                coarseRow(list: l, slot: p, into: c1.baseAddress!)
                residual[l].withUnsafeBufferPointer { c2 in
                    ScalarQuantizer.decode(
                        scale: scales[l][p], coarse: c1.baseAddress!, residual: c2.baseAddress! + p * d,
                        dimension: d, into: out.baseAddress!)
                }
            }
            n = d
        }
    }

    /// Bytes of `rows` rows of coarse codes in the blocked layout (whole blocks).
    static func blockedBytes(rows: Int, dimension d: Int) -> Int {
        (rows + BlockedDot.blockRows - 1) / BlockedDot.blockRows * BlockedDot.blockBytes(dimension: d)
    }

    /// Copies the coarse codes of slot `p` of list `l` out of the blocked layout (`dimension` codes).
    @inline(__always)
    func coarseRow(list l: Int, slot p: Int, into out: UnsafeMutablePointer<Int8>) {
        let d = dimension
        coarse[l].withUnsafeBufferPointer { blocks in
            let block = p / BlockedDot.blockRows
            BlockedDot.unblock(
                blocks.baseAddress! + block * BlockedDot.blockBytes(dimension: d) + (p % BlockedDot.blockRows) * 2, rows: 1,
                dimension: d, into: out)
        }
    }

    /// The coarse codes of list `l`, row-major (`slots × dimension`).
    func coarseRows(list l: Int) -> [Int8] {
        let d = dimension
        let n = slots(l)
        guard n > 0 else { return [] }
        return [Int8](unsafeUninitializedCapacity: n * d) { out, count in
            coarse[l].withUnsafeBufferPointer { BlockedDot.unblock($0.baseAddress!, rows: n, dimension: d, into: out.baseAddress!) }
            count = n * d
        }
    }

    /// Row-major codes (`rows × dimension`) rearranged into the blocked layout.
    static func blocked(rowMajor codes: [Int8], rows: Int, dimension d: Int) -> [Int8] {
        var out = [Int8](repeating: 0, count: blockedBytes(rows: rows, dimension: d))
        out.withUnsafeMutableBufferPointer { b in
            codes.withUnsafeBufferPointer { c in
                for r in 0..<rows {
                    let base = BlockedDot.offset(row: r, dimension: 0, dimensions: d)
                    for i in 0..<d { b[base + (i >> 1) * 2 * BlockedDot.blockRows + (i & 1)] = c[r * d + i] }
                }
            }
        }
        return out
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
        let oldCoarse = coarseRows(list: l)
        for (p, id) in ids[l].enumerated() where id != Self.tombstone {
            newIDs.append(id)
            newScales.append(scales[l][p])
            newCoarse.append(contentsOf: oldCoarse[(p * d)..<((p + 1) * d)])
            newResidual.append(contentsOf: residual[l][(p * d)..<((p + 1) * d)])
        }
        ids[l] = newIDs
        slotCounts[l] = Int32(newIDs.count)
        scales[l] = newScales
        coarse[l] = Self.blocked(rowMajor: newCoarse, rows: live, dimension: d)
        residual[l] = newResidual
        tombstones[l] = 0
    }

    /// Compacts every list.
    mutating func compactAll() {
        for l in 0..<listCount { compact(list: l) }
    }

    /// Replaces list `l` wholesale (used by loading); `c1` and `c2` are row-major.
    mutating func setList(_ l: Int, ids newIDs: [VectorID], scales newScales: [Float], coarse c1: [Int8], residual c2: [Int8]) {
        liveCount += newIDs.count - (ids[l].count - tombstones[l])
        ids[l] = newIDs
        slotCounts[l] = Int32(newIDs.count)
        scales[l] = newScales
        coarse[l] = Self.blocked(rowMajor: c1, rows: newIDs.count, dimension: dimension)
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
        return total + listCount * (5 * 32 + MemoryLayout<Int32>.stride)
    }

    /// Sizes of the lists (live vectors), for balance checks.
    var liveSizes: [Int] { (0..<listCount).map { ids[$0].count - tombstones[$0] } }
}
