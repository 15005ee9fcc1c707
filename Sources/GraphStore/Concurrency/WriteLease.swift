import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The store's write lease: who may commit next.
///
/// An explicit transaction takes it with its first write and keeps it until it commits or is dropped,
/// so no other write can commit in between and its commit cannot be outdated; every other write takes
/// it for the moment of its commit, waiting while a transaction holds it. This is how two clients
/// writing disjoint data in explicit transactions (py2neo's `create` and `merge`) both succeed: the
/// second waits for the first instead of failing with `Outdated`.
///
/// A holder that goes quiet for longer than `idleLimit` (an abandoned transaction) loses the lease to a
/// waiter; its commit then fails the version check as before, so correctness never depends on the lease.
final class WriteLease: Sendable {
    private struct State {
        var holder: UInt64?
        var touched: UInt64 = 0
        var nextID: UInt64 = 1
    }

    private let state = Mutex(State())
    let idleLimit: Duration

    init(idleLimit: Duration = .seconds(60)) { self.idleLimit = idleLimit }

    /// Takes the lease for a new holder, waiting up to `timeout`. - Returns: the holder's id.
    func acquire(timeout: Duration) throws(GraphStoreError) -> UInt64 {
        let deadline = Self.now() + Self.nanoseconds(timeout)
        let idle = Self.nanoseconds(idleLimit)
        var pause: UInt32 = 50
        while true {
            let now = Self.now()
            let taken: UInt64? = state.withLock { s in
                if s.holder != nil, now < s.touched + idle { return nil }
                let id = s.nextID
                s.nextID += 1
                s.holder = id
                s.touched = now
                return id
            }
            if let taken { return taken }
            guard now < deadline else {
                throw GraphStoreError(
                    .lockTimeout,
                    "timed out after \(timeout) waiting for the write lock held by an open transaction; retry, or commit or roll back that transaction")
            }
            usleep(pause)
            pause = min(pause * 2, 5_000)
        }
    }

    /// Whether `id` still holds the lease; if so, marks it as used now.
    func touch(_ id: UInt64) -> Bool {
        state.withLock { s in
            guard s.holder == id else { return false }
            s.touched = Self.now()
            return true
        }
    }

    /// Gives the lease back (nothing when `id` no longer holds it).
    func release(_ id: UInt64) {
        state.withLock { s in if s.holder == id { s.holder = nil } }
    }

    private static func now() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }

    private static func nanoseconds(_ d: Duration) -> UInt64 {
        let (s, a) = d.components
        return UInt64(max(0, s)) * 1_000_000_000 + UInt64(max(0, a) / 1_000_000_000)
    }
}

/// An explicit transaction's hold on the write lease. It gives the lease back when the last copy of
/// the transaction is dropped (a rollback, an expired or abandoned transaction), or at commit.
public final class WriteLeaseToken: Sendable {
    let lease: WriteLease
    let id: UInt64

    init(_ lease: WriteLease, _ id: UInt64) {
        self.lease = lease
        self.id = id
    }

    deinit { lease.release(id) }
}
