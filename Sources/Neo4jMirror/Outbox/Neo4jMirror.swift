public import Engine
import GraphStore
public import Persistence
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A durable outbox from a data directory's mutation log to a Neo4j-compatible target.
///
/// The cursor (the last log sequence the target acknowledged) lives in the data directory and moves
/// only after every request of a batch succeeded, in the same SQLite transaction that records the
/// batch's relationship directory changes. Batches are idempotent (``MirrorPlanner``), so a batch
/// whose outcome is unknown (a timeout, a dropped connection, a crash of either side before the
/// cursor moved) is simply sent again: nothing is lost and nothing is applied twice.
///
/// Run it with ``run(follow:)`` on a thread of its own (delivery blocks on the network); ``stop()``
/// ends it at the next wait.
public final class Neo4jMirror: Sendable {
    public let database: Database
    public let target: any MirrorTarget
    public let configuration: MirrorConfiguration
    public let statistics: MirrorStatistics
    let storage: GraphStorage
    let planner: MirrorPlanner
    /// Orders this consumer's requests on the target (``MirrorFence``).
    public let fence: MirrorFence
    private let fenceClock = FenceClock()
    private let stopping = Atomic<Bool>(false)

    /// - Throws: `configuration` when the database has no data directory (there is no log to read).
    public init(
        database: Database, target: any MirrorTarget, configuration: MirrorConfiguration,
        statistics: MirrorStatistics = MirrorStatistics()
    ) throws(MirrorError) {
        guard let storage = database.storage else {
            throw MirrorError(.configuration, "the mirror needs a data directory (an in-memory graph has no mutation log)")
        }
        guard configuration.maxRowsPerRequest > 0, configuration.maxMutationsPerBatch > 0 else {
            throw MirrorError(.configuration, "batch and request sizes must be positive")
        }
        self.database = database
        self.target = target
        self.configuration = configuration
        self.statistics = statistics
        self.storage = storage
        planner = MirrorPlanner(key: configuration.key)
        fence = MirrorFence(consumer: configuration.consumer)
    }

    /// Asks a running mirror to end; it returns from ``run(follow:)`` at its next wait.
    public func stop() { stopping.store(true, ordering: .relaxed) }

    var isStopping: Bool { stopping.load(ordering: .relaxed) }

    // MARK: Status

    /// Where the mirror stands.
    public struct Status: Sendable {
        /// The last sequence the target acknowledged; nil before the initial sync finished.
        public var cursor: Int64?
        /// The log's last sequence.
        public var lastSequence: Int64
        /// Log entries committed but not yet acknowledged.
        public var lagEntries: Int64 { max(0, lastSequence - (cursor ?? 0)) }
        /// Seconds since the oldest unacknowledged entry was committed (0 when caught up).
        public var lagSeconds: Double
    }

    public func status() throws(MirrorError) -> Status {
        try Self.status(of: storage, consumer: configuration.consumer)
    }

    /// The status of a consumer of `storage`, without a target (for `ignitabull mirror status`).
    public static func status(of storage: GraphStorage, consumer: String) throws(MirrorError) -> Status {
        do {
            let cursor = try storage.consumerSequence(consumer)
            let last = storage.lastSequence
            var lag = 0.0
            if (cursor ?? 0) < last, let at = try storage.committedAt(sequence: (cursor ?? 0) + 1) {
                var now = timespec()
                clock_gettime(CLOCK_REALTIME, &now)
                lag = max(0, Double(Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec / 1_000_000) - at) / 1000)
            }
            return Status(cursor: cursor, lastSequence: last, lagSeconds: lag)
        } catch {
            throw MirrorError(.storage, "\(error)")
        }
    }

    // MARK: Running

    /// Mirrors until caught up (or, with `follow`, until ``stop()``): an initial sync first when the
    /// target never acknowledged anything, then the log from the cursor.
    /// - Parameter progress: called after each delivered part of the initial sync (done, total entities).
    /// - Throws: the permanent error that stopped the mirror (also kept in ``statistics``).
    public func run(follow: Bool = false, progress: (@Sendable (Int, Int) -> Void)? = nil) throws(MirrorError) {
        do {
            try deliver([fence.constraintStatement])
            if try cursor() == nil {
                try initialSync(progress: progress)
            }
            while !isStopping {
                let delivered = try catchUp()
                if !follow && delivered == 0 { return }
                if delivered == 0 { pause(configuration.pollInterval) }
            }
        } catch {
            if error.code != .cancelled { statistics.stop(error) }
            throw error
        }
    }

    /// Delivers the log from the cursor to its current end. - Returns: the mutations delivered.
    @discardableResult
    public func catchUp() throws(MirrorError) -> Int {
        var total = 0
        while !isStopping {
            guard let cursor = try cursor() else {
                throw MirrorError(.configuration, "the initial sync has not run")
            }
            let entries: [(sequence: Int64, mutations: [GraphMutation])]
            do {
                entries = try storage.mutations(after: cursor, limit: 4096)
            } catch {
                throw MirrorError(.storage, "\(error)")
            }
            guard !entries.isEmpty else { return total }
            // A batch: entries up to the mutation budget (at least one).
            var batch: [[GraphMutation]] = []
            var count = 0
            var through = cursor
            for e in entries {
                if !batch.isEmpty && count + e.mutations.count > configuration.maxMutationsPerBatch { break }
                batch.append(e.mutations)
                count += e.mutations.count
                through = e.sequence
            }
            // Names are read after the entries, so the catalog knows every token they use.
            let catalog = database.graph.snapshot.catalog
            let plan = try planner.plan(batch, catalog: catalog) { (ids) throws(MirrorError) in
                do {
                    return try storage.consumerRelationships(configuration.consumer, ids: ids)
                } catch {
                    throw MirrorError(.storage, "\(error)")
                }
            }
            for request in MirrorPlanner.requests(plan.statements, maxRows: configuration.maxRowsPerRequest) {
                try deliver(request)
            }
            try acknowledge(through: through, plan.directory)
            statistics.delivered(batch: plan.mutations)
            total += plan.mutations
        }
        return total
    }

    func acknowledge(through sequence: Int64, _ directory: MirrorPlanner.DirectoryChanges) throws(MirrorError) {
        do {
            try storage.acknowledge(
                consumer: configuration.consumer, through: sequence, added: directory.added, removed: directory.removed)
        } catch {
            throw MirrorError(.storage, "\(error)")
        }
    }

    /// Runs one request, retrying transient errors with back-off until it succeeds, a permanent error
    /// comes, ``stop()`` is called or ``MirrorConfiguration/maxAttempts`` runs out.
    /// A data request goes behind the fence with one number for all its attempts, so a late copy of an
    /// earlier attempt can still apply (it is the same request) but never after a later request.
    func deliver(_ request: [MirrorStatement]) throws(MirrorError) {
        let backoff = MirrorBackoff(base: configuration.initialBackoff, cap: configuration.maxBackoff)
        let schema = request.count == 1 && request[0].schema
        let number = schema ? 0 : fenceClock.next()
        let sent = schema ? request : fence.fenced(request, number: number)
        var attempt = 0
        while true {
            if isStopping { throw MirrorError(.cancelled, "the mirror was stopped") }
            do {
                try target.run(sent)
                statistics.deliveredRequest()
                return
            } catch where !schema && !error.isTransient && MirrorFence.refused(error) {
                throw MirrorError(
                    error.code,
                    "the target refused request number \(number): it already applied a later one from consumer `\(fence.consumer)` "
                        + "(is another mirror of this data directory writing to it, or did the clock go back?): \(error.message)",
                    status: error.status)
            } catch where error.isTransient {
                attempt += 1
                if let limit = configuration.maxAttempts, attempt >= limit {
                    throw MirrorError(error.code, "\(error.message) (gave up after \(attempt) attempts)", status: error.status)
                }
                statistics.retried(error)
                pause(backoff.delay(attempt: attempt - 1))
            }
        }
    }

    /// Sleeps for `d`, waking early when the mirror is stopped.
    func pause(_ d: Duration) {
        var left = MirrorBackoff.milliseconds(d)
        while left > 0 && !isStopping {
            let step = min(left, 50)
            usleep(UInt32(step * 1000))
            left -= step
        }
    }

    /// The stored cursor (nil before the initial sync finished).
    func cursor() throws(MirrorError) -> Int64? {
        do {
            return try storage.consumerSequence(configuration.consumer)
        } catch {
            throw MirrorError(.storage, "\(error)")
        }
    }
}
