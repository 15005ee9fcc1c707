import Synchronization

/// The in-memory property graph: many concurrent readers, one writer at a time.
///
/// Concurrency model:
/// - Readers take `snapshot`, an immutable `GraphSnapshot`, and read it for as long as they like
///   without locks. A snapshot never changes, so every read sees one consistent version.
/// - Writers call `write(_:)`. Writers are serialised by a writer lock; each starts from the
///   latest version, changes a private copy (sharing unchanged pages with the published version),
///   and publishes it atomically when the body returns. If the body throws, nothing is published.
/// - Readers never wait for a writer: publishing swaps one reference under a short lock.
public final class GraphStore: Sendable {
    private let current: Mutex<GraphSnapshot>
    private let writer = Mutex<Void>(())

    /// Creates an empty store.
    public init() {
        current = Mutex(GraphSnapshot())
    }

    /// Creates a store holding `snapshot`.
    public init(_ snapshot: GraphSnapshot) {
        current = Mutex(snapshot)
    }

    /// The latest committed version. Cheap: copies a few references.
    public var snapshot: GraphSnapshot {
        current.withLock { $0 }
    }

    /// Runs `body` on a private copy of the latest version and publishes the result atomically.
    ///
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws; the store is then unchanged.
    @discardableResult
    public func write<R>(_ body: (inout GraphTransaction) throws -> R) rethrows -> R {
        try writer.withLock { _ in
            var txn = GraphTransaction(snapshot: current.withLock { $0 })
            let result = try body(&txn)
            txn.compactIfNeeded()
            txn.snapshot.version &+= 1
            let published = txn.snapshot
            current.withLock { $0 = published }
            return result
        }
    }

    /// Like `write(_:)`, but also returns the transaction's statistics.
    public func writeWithStatistics<R>(
        _ body: (inout GraphTransaction) throws -> R
    ) rethrows -> (result: R, statistics: WriteStatistics) {
        try write { txn in
            let r = try body(&txn)
            return (r, txn.statistics)
        }
    }
}
