import Synchronization

/// Bytes reserved by all running queries of a process (or a server), with a ceiling. Each query reserves
/// what it holds (intermediate rows, large values) and gives it back when it ends; a reservation that would
/// pass the ceiling fails, and the query ends with `MemoryPoolOutOfMemoryError`.
public final class MemoryPool: Sendable {
    /// The ceiling, in bytes.
    public let limit: Int
    private let used = Atomic<Int>(0)

    public init(limit: Int) {
        self.limit = limit
    }

    /// Bytes reserved now.
    public var reserved: Int { used.load(ordering: .relaxed) }

    /// Reserves `bytes`; false (and nothing reserved) when that would pass the ceiling.
    func reserve(_ bytes: Int) -> Bool {
        let after = used.add(bytes, ordering: .relaxed).newValue
        if after > limit {
            used.subtract(bytes, ordering: .relaxed)
            return false
        }
        return true
    }

    func release(_ bytes: Int) {
        used.subtract(bytes, ordering: .relaxed)
    }

    /// Whether `bytes` more would fit now (without reserving them): a check for short-lived values.
    func wouldFit(_ bytes: Int) -> Bool {
        used.load(ordering: .relaxed) + bytes <= limit
    }
}
