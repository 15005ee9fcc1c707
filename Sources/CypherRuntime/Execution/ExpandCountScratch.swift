import GraphStore
import Synchronization

/// The dense scratch of `expandCount`: three counters and three lists over node ids, kept between statements.
///
/// Allocating and zeroing them per statement cost O(nodes): about 1 ms at 700k nodes for a one-hop count of 50
/// paths. The operator zeroes every slot it touched before it returns (it already did so between start nodes),
/// so a buffer handed back after a normal return is all zeros and is reused as it is; after an error (the budget,
/// a failed predicate) it may not be, and is freed instead. At most `pooled` sets are kept (one per concurrent
/// counting statement on a two-core machine), each `nodeIDLimit × 36` bytes.
final class ExpandCountScratch: @unchecked Sendable {
    let capacity: Int
    let counts: UnsafeMutableBufferPointer<Int>
    let weights: UnsafeMutableBufferPointer<Int>
    let minus: UnsafeMutableBufferPointer<Int>
    let reached: ScratchList
    let frontier: ScratchList
    let corrected: ScratchList

    private static let pooled = 2
    private static let pool = Mutex<[ExpandCountScratch]>([])

    private init(capacity: Int) {
        self.capacity = capacity
        counts = .allocate(capacity: max(capacity, 1))
        weights = .allocate(capacity: max(capacity, 1))
        minus = .allocate(capacity: max(capacity, 1))
        for buffer in [counts, weights, minus] { buffer.initialize(repeating: 0) }
        reached = ScratchList(capacity: capacity)
        frontier = ScratchList(capacity: capacity)
        corrected = ScratchList(capacity: capacity)
    }

    deinit {
        for buffer in [counts, weights, minus] { buffer.deallocate() }
        for list in [reached, frontier, corrected] { list.deallocate() }
    }

    /// A zeroed set for node ids below `capacity`: a kept one large enough, else a new one.
    static func take(capacity: Int) -> ExpandCountScratch {
        let kept = pool.withLock { p -> ExpandCountScratch? in
            guard let i = p.firstIndex(where: { $0.capacity >= capacity }) else { return nil }
            return p.remove(at: i)
        }
        return kept ?? ExpandCountScratch(capacity: capacity)
    }

    /// Keeps `scratch` for the next statement; the caller guarantees it is zeroed again.
    static func give(_ scratch: ExpandCountScratch) {
        pool.withLock { p in
            p.append(scratch)
            if p.count > pooled { p.sort { $0.capacity > $1.capacity }; p.removeLast(p.count - pooled) }
        }
    }
}

/// A list of node ids in a raw buffer (the walk's closures would pay an exclusivity check per access on a
/// captured Swift array).
struct ScratchList {
    let items: UnsafeMutablePointer<NodeID>
    let length: UnsafeMutablePointer<Int>

    init(capacity: Int) {
        items = .allocate(capacity: max(capacity, 1))
        length = .allocate(capacity: 1)
        length.initialize(to: 0)
    }

    var count: Int { length.pointee }
    subscript(i: Int) -> NodeID { items[i] }
    func append(_ n: NodeID) {
        items[length.pointee] = n
        length.pointee += 1
    }
    func removeAll() { length.pointee = 0 }
    var array: [NodeID] { Array(UnsafeBufferPointer(start: items, count: length.pointee)) }
    func deallocate() {
        items.deallocate()
        length.deallocate()
    }
}
