import HTTPTypes
import Foundation
import GraphStore
import Synchronization

/// The open explicit transactions of the Neo4j HTTP API, by id, each with an idle deadline.
///
/// A request works on a transaction by checking it out (so two requests never run on one
/// transaction at once: the second gets `TransactionAccessedConcurrently`, as from Neo4j) and
/// checking it back in, which restarts its idle timer. Transactions idle past their deadline are
/// rolled back (dropped) the next time the registry is used.
final class TransactionRegistry: Sendable {
    private struct Entry {
        var transaction: GraphTransaction?
        var expires: Date
    }

    private struct State {
        var nextID = 1
        var open: [Int: Entry] = [:]
    }

    private let state = Mutex(State())
    let timeout: Duration
    let capacity: Int

    init(timeout: Duration, capacity: Int) {
        self.timeout = timeout
        self.capacity = capacity
    }

    private var timeoutInterval: TimeInterval {
        Double(timeout.components.seconds) + Double(timeout.components.attoseconds) * 1e-18
    }

    /// The number of open transactions (expired ones excluded).
    var count: Int { state.withLock { s in purge(&s, now: Date()); return s.open.count } }

    private func purge(_ s: inout State, now: Date) {
        // A checked-out transaction (nil) is in use, not idle.
        for (id, e) in s.open where e.transaction != nil && e.expires < now { s.open[id] = nil }
    }

    /// Registers a new transaction, checked out to the caller.
    /// - Throws: `Neo.TransientError.Request.ResourceExhaustion`-style error when too many are open.
    func open() throws(Neo4jError) -> Int {
        try state.withLock { s throws(Neo4jError) in
            let now = Date()
            purge(&s, now: now)
            guard s.open.count < capacity else {
                throw Neo4jError(
                    "Neo.TransientError.Transaction.MaximumTransactionLimitReached",
                    "too many open transactions (limit \(capacity)); commit or roll back some first")
            }
            let id = s.nextID
            s.nextID += 1
            s.open[id] = Entry(transaction: nil, expires: now.addingTimeInterval(timeoutInterval))
            return id
        }
    }

    /// Takes transaction `id` for one request.
    func checkOut(_ id: Int) throws(Neo4jError) -> GraphTransaction {
        try state.withLock { s throws(Neo4jError) in
            purge(&s, now: Date())
            guard let e = s.open[id] else { throw Neo4jError.transactionNotFound }
            guard let txn = e.transaction else { throw Neo4jError.concurrentAccess }
            s.open[id]?.transaction = nil
            return txn
        }
    }

    /// Returns a checked-out transaction and restarts its idle timer.
    /// - Returns: when it expires unless used again.
    @discardableResult
    func checkIn(_ id: Int, _ txn: GraphTransaction) -> Date {
        state.withLock { s in
            let expires = Date().addingTimeInterval(timeoutInterval)
            s.open[id] = Entry(transaction: txn, expires: expires)
            return expires
        }
    }

    /// Forgets a checked-out transaction (committed or rolled back).
    func close(_ id: Int) {
        state.withLock { s in _ = s.open.removeValue(forKey: id) }
    }
}
