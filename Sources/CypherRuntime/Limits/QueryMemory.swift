import CMemory
import Dispatch
import Synchronization

/// The memory one query holds, estimated from the values it builds: intermediate rows while a clause runs
/// and the batch it hands on, plus a check before any large value (a concatenated string or list, a range)
/// is built. Reservations go to the query's limit and, in 1 MiB chunks, to the shared `MemoryPool`.
final class QueryMemory {
    let limit: Int
    let pool: MemoryPool?
    /// Bytes the query holds now (estimated).
    private(set) var held = 0
    /// Bytes reserved in the pool (held rounded up to whole chunks).
    private var pooled = 0
    /// The most the query held at once (estimated).
    private(set) var peak = 0
    private static let chunk = 1 << 20
    /// A query that held this much at once has the allocator's free memory handed back to the system
    /// shortly after it ends.
    static let trimThreshold = 16 << 20

    init(limit: Int, pool: MemoryPool?) {
        self.limit = limit
        self.pool = pool
    }

    deinit {
        if pooled > 0 { pool?.release(pooled) }
        if peak >= Self.trimThreshold { Self.scheduleTrim() }
    }

    private static let trimPending = Atomic<Bool>(false)
    /// How many times the free memory was handed back (for tests).
    static let trims = Atomic<Int>(0)
    /// Whether the C library can hand free memory back (glibc can).
    static var canTrim: Bool { ign_can_release_free_memory() == 1 }

    /// glibc keeps the memory a large query freed in its arenas for reuse, so a server's resident size
    /// stays at its highest point; `malloc_trim` gives the free pages back. It costs a walk of the heap,
    /// so it runs only after a heavy query, a second after it ends (its result is usually written and
    /// freed by then), once for all the heavy queries that end within that second.
    static func scheduleTrim() {
        guard trimPending.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + 1) {
            trimPending.store(false, ordering: .releasing)
            _ = ign_release_free_memory()
            trims.add(1, ordering: .relaxed)
        }
    }

    /// Records `bytes` more held; fails (recording nothing) past the query's limit or the pool's ceiling.
    func charge(_ bytes: Int) throws(CypherRuntimeError) {
        if bytes > limit - held { throw Self.queryError(bytes, limit) }
        let after = held + bytes
        if let pool, after > pooled {
            let more = (after - pooled + Self.chunk - 1) / Self.chunk * Self.chunk
            guard pool.reserve(more) else { throw Self.poolError(pool) }
            pooled += more
        }
        held = after
        peak = max(peak, after)
    }

    /// Records `bytes` no longer held.
    func release(_ bytes: Int) {
        held = max(0, held - bytes)
        if let pool, pooled - held >= 2 * Self.chunk {
            let keep = (held + Self.chunk - 1) / Self.chunk * Self.chunk
            pool.release(pooled - keep)
            pooled = keep
        }
    }

    /// Fails when a value of `bytes` that is about to be built would not fit (it is not recorded: the
    /// caller keeps it only briefly or charges it when it is stored in a row).
    func check(_ bytes: Int) throws(CypherRuntimeError) {
        if bytes > limit - held { throw Self.queryError(bytes, limit) }
        if let pool, held + bytes > pooled, !pool.wouldFit(held + bytes - pooled) { throw Self.poolError(pool) }
    }

    static func queryError(_ needed: Int, _ limit: Int) -> CypherRuntimeError {
        CypherRuntimeError(
            .memoryLimit,
            "the query's memory limit of \(limit >> 20) MiB was reached (a value or rows of about "
                + "\(needed >= 1 << 40 ? "more than 1 TiB" : "\(needed >> 20) MiB") more); reduce the size of the values or rows it builds")
    }

    static func poolError(_ pool: MemoryPool) -> CypherRuntimeError {
        CypherRuntimeError(
            .memoryLimit,
            "the server's memory pool for queries (\(pool.limit >> 20) MiB) is full; try again later")
    }
}

extension Value {
    /// An estimate of the bytes this value holds: a boxed payload (the enum is indirect) plus strings'
    /// bytes and containers' elements; linear in its size.
    var estimatedBytes: Int {
        switch self {
        case .string(let s): return 48 + s.utf8.count
        case .list(let l):
            var n = 48
            for v in l { n += v.estimatedBytes }
            return n
        case .map(let m):
            var n = 64
            for (k, v) in m { n += 48 + k.utf8.count + v.estimatedBytes }
            return n
        case .path(let nodes, let relationships): return 48 + 8 * (nodes.count + relationships.count)
        default: return 40
        }
    }
}

extension QueryExecutor {
    /// The estimated bytes of one row: the dictionary and its entries. Values are not counted: rows share
    /// them (a list bound before UNWIND is in every row it produces), and a large value is checked when it
    /// is built.
    static func rowBytes(_ row: Row) -> Int { 64 + 48 * row.count }

    /// The estimated bytes of a batch of rows.
    static func batchBytes(_ rows: [Row]) -> Int {
        var n = 0
        for r in rows { n += rowBytes(r) }
        return n
    }
}
