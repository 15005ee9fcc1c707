import Synchronization

/// Counters of a running mirror, read by `ignitabull mirror status` and `/metrics`.
public final class MirrorStatistics: Sendable {
    private let batches = Atomic<Int>(0)
    private let mutations = Atomic<Int>(0)
    private let requests = Atomic<Int>(0)
    private let retryCount = Atomic<Int>(0)
    private let error = Mutex<String?>(nil)
    private let stoppedFlag = Atomic<Bool>(false)

    public init() {}

    /// Batches acknowledged by the target (each moved the cursor).
    public var deliveredBatches: Int { batches.load(ordering: .relaxed) }
    /// Mutations acknowledged by the target.
    public var deliveredMutations: Int { mutations.load(ordering: .relaxed) }
    /// Requests (target transactions) that succeeded.
    public var deliveredRequests: Int { requests.load(ordering: .relaxed) }
    /// Requests retried after a transient error.
    public var retries: Int { retryCount.load(ordering: .relaxed) }
    /// The latest error (transient or the one that stopped the mirror); nil once a request succeeds after it.
    public var lastError: String? { error.withLock { $0 } }
    /// The mirror stopped on a permanent error.
    public var stopped: Bool { stoppedFlag.load(ordering: .relaxed) }

    func delivered(batch mutationCount: Int) {
        batches.add(1, ordering: .relaxed)
        mutations.add(mutationCount, ordering: .relaxed)
    }

    func deliveredRequest() {
        requests.add(1, ordering: .relaxed)
        error.withLock { $0 = nil }
    }

    func retried(_ e: MirrorError) {
        retryCount.add(1, ordering: .relaxed)
        error.withLock { $0 = e.message }
    }

    func stop(_ e: MirrorError) {
        error.withLock { $0 = e.message }
        stoppedFlag.store(true, ordering: .relaxed)
    }
}
