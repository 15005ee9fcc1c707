import CypherRuntime
import GraphStore

extension Database {
    /// Runs one statement of an explicit transaction so that the transaction's writes are kept only under the
    /// store's write lease (`GraphStore.acquireLease(for:timeout:)`).
    ///
    /// A statement that wrote takes the lease if the transaction does not hold it yet, waiting while another open
    /// transaction does; before waiting it calls `limits.onSlow`, so the server's admission moves it out of the
    /// light lane and the holder's own statements are never stuck behind waiters. If another write committed after
    /// the transaction began and this is its first write, the statement runs again on the latest version (its
    /// earlier reads stand, as under Neo4j's read-committed isolation). A statement that fails leaves `txn` as it was.
    func underWriteLease<R>(
        _ txn: inout GraphTransaction, limits: QueryLimits, _ run: (inout GraphTransaction) throws -> R
    ) throws -> R {
        let before = txn
        var attempt = txn
        let result = try run(&attempt)
        guard attempt.mutations.count != before.mutations.count else {
            txn = attempt
            return result
        }
        let moved: Bool
        do {
            moved = try graph.acquireLease(for: &attempt, timeout: .zero)
        } catch {
            limits.onSlow?()
            moved = try graph.acquireLease(for: &attempt, timeout: min(limits.timeLimit ?? GraphStore.leaseTimeout, GraphStore.leaseTimeout))
        }
        guard moved, before.mutations.isEmpty else {
            txn = attempt
            return result
        }
        var fresh = graph.rebase(attempt)
        let again = try run(&fresh)
        txn = fresh
        return again
    }
}
