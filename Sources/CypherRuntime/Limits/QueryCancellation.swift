import Synchronization

/// A flag another thread sets to stop a running query. The executor checks it with the time limit
/// (every few thousand work units, and inside long-running functions such as regular expressions), so a
/// cancelled query ends with `ResourceLimit` within milliseconds.
public final class QueryCancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// Asks the query to stop.
    public func cancel() { flag.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
