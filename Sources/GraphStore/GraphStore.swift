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
        try writer.withLock { _ in
            func publish(_ txn: inout GraphTransaction) throws {
                guard !txn.mutations.isEmpty || txn.changedLayout else { return }
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

    /// Starts an explicit transaction on the latest version. It holds no lock: change it with the
    /// `GraphTransaction` methods (reads through its `snapshot` see its own writes), then pass it to
    /// `commit(_:)`, or drop it to roll back.
    public func begin() -> GraphTransaction {
        GraphTransaction(snapshot: snapshot)
    }

    /// Publishes an explicit transaction from `begin()`, through the commit hook like `write(_:)`.
    ///
    /// Explicit transactions are optimistic: if another write committed after `txn` began, nothing
    /// is published and this throws `transactionConflict`; the caller may retry the whole transaction.
    public func commit(_ txn: GraphTransaction) throws {
        try write { current in
            guard current.snapshot.version == txn.snapshot.version else {
                throw GraphStoreError(
                    .transactionConflict,
                    "another write committed after this transaction began (version \(txn.snapshot.version), now \(current.snapshot.version))")
            }
            current = txn
        }
    }
}
