/// The limits one query runs under: work, wall-clock time, memory, cancellation, and a hook for the
/// server's admission control.
public struct QueryLimits: Sendable {
    /// The default per-query memory limit: 512 MiB of strings, lists, maps and intermediate rows.
    public static let defaultMemoryBytes = 512 << 20

    /// Work units (rows produced plus relationships expanded plus loop iterations in functions).
    public var budget: Int
    /// The setting that raises `budget`, named in the error a query gets when it runs out (for example a server
    /// option); nil names none.
    public var budgetSetting: String?
    /// Wall-clock time from the start of execution; nil means none.
    public var timeLimit: Duration?
    /// The most bytes (estimated) the query may hold in values and intermediate rows.
    public var memoryBytes: Int
    /// A pool shared by queries (the process's budget); the query also fails when the pool is full.
    public var memoryPool: MemoryPool?
    /// Cancels the query from another thread (a client that disconnected).
    public var cancellation: QueryCancellation?
    /// Called once, on the query's thread, when the query has run longer than `slowAfter`. It may block (a
    /// server moves the query to its heavy lane and waits there for a slot).
    public var onSlow: (@Sendable () -> Void)?
    /// When `onSlow` is called.
    public var slowAfter: Duration

    public init(
        budget: Int = CypherEngine.defaultBudget, timeLimit: Duration? = nil, memoryBytes: Int = defaultMemoryBytes,
        memoryPool: MemoryPool? = nil, cancellation: QueryCancellation? = nil, slowAfter: Duration = .milliseconds(200),
        onSlow: (@Sendable () -> Void)? = nil
    ) {
        self.budget = budget
        self.budgetSetting = nil
        self.timeLimit = timeLimit
        self.memoryBytes = memoryBytes
        self.memoryPool = memoryPool
        self.cancellation = cancellation
        self.slowAfter = slowAfter
        self.onSlow = onSlow
    }
}
