import Synchronization

/// A flag another thread sets to stop a running query. The executor checks it with the time limit
/// (every few thousand work units, and inside long-running functions such as regular expressions), so a
/// cancelled query ends with `ResourceLimit` within milliseconds.
public final class QueryCancellation: Sendable {
    private let flag = Atomic<Bool>(false)
    private let probe: (@Sendable () -> Bool)?

    public init() { probe = nil }

    /// A cancellation that also fires when `probe` returns true (a server's "the client went away").
    public init(probe: @escaping @Sendable () -> Bool) { self.probe = probe }

    /// Asks the query to stop.
    public func cancel() { flag.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { flag.load(ordering: .relaxed) || probe?() == true }
}
