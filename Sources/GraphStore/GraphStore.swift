import Synchronization

/// The in-memory property graph: many concurrent readers, one writer at a time.
///
/// Concurrency model:
/// - Readers take `snapshot`, an immutable `GraphSnapshot`, and read it for as long as they like
///   without locks. A snapshot never changes, so every read sees one consistent version.
/// - Writers call `write(_:)`. Writers are serialised by a writer lock; each starts from the
///   latest version, changes a private copy (sharing unchanged pages with the published version),
///   and publishes it atomically when the body returns. If the body throws, nothing is published.
/// - Readers never wait for a writer's work: publishing swaps the snapshot under a short write lock
///   (`PublishedValue`); readers share its read lock.
public final class GraphStore: Sendable {
    /// Called with each transaction that changed something, after its body and before its new
    /// version is published, while the writer lock is held. If it throws, nothing is published.
    /// A storage layer uses it to make the transaction durable before it becomes visible.
    public typealias CommitHook = @Sendable (GraphTransaction) throws -> Void

    private let current: PublishedValue<GraphSnapshot>
    private let writer = Mutex<Void>(())
    private let lease = WriteLease()
    private let onCommit: CommitHook?

    /// Creates an empty store.
    public init() {
        current = PublishedValue(GraphSnapshot())
        onCommit = nil
    }

    /// Creates a store holding `snapshot`, with an optional commit hook.
    public init(_ snapshot: GraphSnapshot, onCommit: CommitHook? = nil) {
        current = PublishedValue(snapshot)
        self.onCommit = onCommit
    }

    /// The latest committed version. Cheap: copies a few references.
    public var snapshot: GraphSnapshot {
        current.load()
    }

    /// Runs `body` on a private copy of the latest version and publishes the result atomically.
    ///
    /// - Returns: what `body` returns.
    /// - Throws: what `body` or the commit hook throws; the store is then unchanged.
    @discardableResult
    public func write<R>(_ body: (inout GraphTransaction) throws -> R) throws -> R {
        try write { txn, _ in try body(&txn) }
    }

    /// Like `write(_:)`, but `body` may publish its work so far by calling `checkpoint(&txn)` (through the commit
    /// hook, as a commit of its own) and go on in a fresh transaction on the published version, keeping the writer
    /// lock throughout. If `body` throws, what it checkpointed stays published and the rest is discarded.
    /// Used by `CALL { … } IN TRANSACTIONS`, whose batches commit one by one.
    @discardableResult
    public func write<R>(
        checkpointing body: (inout GraphTransaction, _ checkpoint: (inout GraphTransaction) throws -> Void) throws -> R
    ) throws -> R {
        try write(holding: nil, checkpointing: body)
    }

    /// How long a write waits for the write lease an open explicit transaction holds.
    public static let leaseTimeout: Duration = .seconds(30)

    /// The write itself, under the write lease: `holder`'s when it still holds it, else one taken for this write
    /// (waiting while an explicit transaction holds it).
    private func write<R>(
        holding holder: WriteLeaseToken?,
        checkpointing body: (inout GraphTransaction, _ checkpoint: (inout GraphTransaction) throws -> Void) throws -> R
    ) throws -> R {
        let own: UInt64? = if let holder, lease.touch(holder.id) { nil } else { try lease.acquire(timeout: Self.leaseTimeout) }
        defer { if let own { lease.release(own) } }
        return try writer.withLock { _ in
            func publish(_ txn: inout GraphTransaction) throws {
                guard !txn.mutations.isEmpty || txn.changedLayout else { return }
                try txn.checkRequiredProperties()
                txn.compactIfNeeded()
                if let onCommit, !txn.mutations.isEmpty { try onCommit(txn) }
                txn.snapshot.version &+= 1
                let published = txn.snapshot
                current.store(published)
                txn = GraphTransaction(snapshot: published)
            }
            var txn = GraphTransaction(snapshot: current.load())
            let result = try body(&txn, publish)
            try publish(&txn)
            return result
        }
    }

    /// Takes the write lease for an explicit transaction (nothing when it still holds it), waiting up to
    /// `timeout` while another transaction holds it. Until `txn` commits or its last copy is dropped, every
    /// other write waits, so its commit cannot be outdated by one that started later.
    /// - Returns: whether another write committed after `txn` began: its reads are then of an older version.
    /// - Throws: `lockTimeout` when the lease stayed taken.
    public func acquireLease(for txn: inout GraphTransaction, timeout: Duration = leaseTimeout) throws(GraphStoreError) -> Bool {
        if let t = txn.lease, lease.touch(t.id) { return false }
        txn.lease = WriteLeaseToken(lease, try lease.acquire(timeout: timeout))
        return snapshot.version != txn.snapshot.version
    }

    /// `txn` started again on the latest version, keeping its write lease: for a transaction whose first
    /// write found the store moved on (`acquireLease(for:timeout:)` returned true) and had written nothing before.
    public func rebase(_ txn: GraphTransaction) -> GraphTransaction {
        var fresh = GraphTransaction(snapshot: snapshot)
        fresh.lease = txn.lease
        return fresh
    }

    /// Starts an explicit transaction on the latest version. It holds no lock: change it with the
    /// `GraphTransaction` methods (reads through its `snapshot` see its own writes), then pass it to
    /// `commit(_:)`, or drop it to roll back.
    public func begin() -> GraphTransaction {
        GraphTransaction(snapshot: snapshot)
    }

    /// Publishes an explicit transaction from `begin()`, through the commit hook like `write(_:)`.
    ///
    /// If another write committed after `txn` began, nothing is published and this throws
    /// `transactionConflict`; the caller may retry the whole transaction. A transaction that took the
    /// write lease before its first write (`acquireLease(for:timeout:)`) cannot meet that, unless it sat
    /// idle long enough to lose the lease. The lease is given back either way.
    public func commit(_ txn: GraphTransaction) throws {
        defer { if let t = txn.lease { lease.release(t.id) } }
        try write(holding: txn.lease) { current, _ in
            guard current.snapshot.version == txn.snapshot.version else {
                throw GraphStoreError(
                    .transactionConflict,
                    "another write committed after this transaction began (version \(txn.snapshot.version), now \(current.snapshot.version))")
            }
            current = txn
        }
    }
}
