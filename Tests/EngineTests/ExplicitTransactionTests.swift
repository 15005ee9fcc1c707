import CypherRuntime
import Engine
import Foundation
import GraphStore
import Synchronization
import Testing
import TestSupport

@Suite struct ExplicitTransactionTests {
    @Test func writesStayPrivateUntilCommitAndSurviveReopen() throws {
        let dir = SharedData.temporaryDirectory()
        do {
            let db = try Database(directory: dir)
            var txn = db.beginTransaction()
            let created = try db.query("CREATE (:Product {id: 'p1'}), (:Product {id: 'p2'})", in: &txn)
            #expect(created.statistics.nodesCreated == 2)
            let second = try db.query("MATCH (p:Product) SET p.seen = true RETURN count(p) AS n", in: &txn)
            #expect(second.rows == [[.int(2)]])
            #expect(second.statistics.nodesCreated == 0)
            #expect(second.statistics.propertiesSet == 2)
            // Not visible outside the transaction yet.
            #expect(try db.query("MATCH (p:Product) RETURN count(p)").rows == [[.int(0)]])
            // A failing statement leaves the transaction as it was.
            #expect(throws: (any Error).self) { try db.query("MATCH (p:Product) SET p.x = 1 / 0", in: &txn) }
            try db.commit(txn)
            #expect(try db.query("MATCH (p:Product) WHERE p.seen RETURN count(p)").rows == [[.int(2)]])
            #expect(try db.query("MATCH (p:Product) WHERE p.x IS NOT NULL RETURN count(p)").rows == [[.int(0)]])
        }
        let reopened = try Database(directory: dir)
        #expect(try reopened.query("MATCH (p:Product) WHERE p.seen RETURN count(p)").rows == [[.int(2)]])
    }

    @Test func droppedTransactionChangesNothing() throws {
        let db = Database()
        var txn = db.beginTransaction()
        _ = try db.query("CREATE (:Customer {id: 'c1'})", in: &txn)
        _ = txn
        #expect(try db.query("MATCH (n) RETURN count(n)").rows == [[.int(0)]])
    }

    /// An auto-commit write while an explicit transaction holds the write lease waits for its commit,
    /// and neither fails (before the lease, the transaction's commit failed with `Outdated`).
    @Test func aWriteWaitsForAnOpenTransactionInsteadOfOutdatingIt() throws {
        let db = Database()
        var txn = db.beginTransaction()
        _ = try db.query("CREATE (:Customer {id: 'first'})", in: &txn)
        let done = Atomic<Bool>(false)
        let failure = Mutex<String?>(nil)
        Thread.detachNewThread {
            do { _ = try db.query("CREATE (:Customer {id: 'second'})") } catch { failure.withLock { $0 = "\(error)" } }
            done.store(true, ordering: .releasing)
        }
        usleep(200_000)
        let finishedEarly = done.load(ordering: .acquiring)
        #expect(!finishedEarly, "the auto-commit write waits for the open transaction")
        try db.commit(txn)
        while !done.load(ordering: .acquiring) { usleep(1_000) }
        #expect(failure.withLock { $0 } == nil)
        #expect(try db.query("MATCH (c:Customer) RETURN c.id ORDER BY c.id").rows == [[.string("first")], [.string("second")]])
    }

    /// Two explicit transactions that began together and write disjoint data both commit; the second one's
    /// first write waits for the first, then runs on the version the first committed (so its MERGE finds
    /// what the first created instead of breaking a constraint).
    @Test func twoOpenTransactionsBothCommit() throws {
        let db = Database()
        _ = try db.query("CREATE CONSTRAINT FOR (p:Product) REQUIRE p.id IS UNIQUE")
        var a = db.beginTransaction()
        var b = db.beginTransaction()
        _ = try db.query("CREATE (:Product {id: 'a'})", in: &a)
        _ = try db.query("MATCH (n) RETURN count(n)", in: &b)  // a read: no lease needed
        let committed = Atomic<Bool>(false)
        let first = a
        Thread.detachNewThread {
            usleep(200_000)
            committed.store(true, ordering: .releasing)
            try? db.commit(first)
        }
        a = db.beginTransaction()  // drop this thread's copy, so only the committing thread holds the lease
        let r = try db.query("MERGE (p:Product {id: 'a'}) MERGE (q:Product {id: 'b'}) RETURN count(*)", in: &b)
        let waited = committed.load(ordering: .acquiring)
        #expect(waited, "b's first write waited for a's commit")
        #expect(r.statistics.nodesCreated == 1, "b's MERGE ran on the version a committed")
        try db.commit(b)
        #expect(try db.query("MATCH (p:Product) RETURN p.id ORDER BY p.id").rows == [[.string("a")], [.string("b")]])
    }

    /// A transaction dropped without a commit (a rollback, a closed connection) gives the lease back.
    @Test func aDroppedTransactionGivesTheLeaseBack() throws {
        let db = Database()
        do {
            var txn = db.beginTransaction()
            _ = try db.query("CREATE (:Customer {id: 'never'})", in: &txn)
        }
        let start = ContinuousClock.now
        _ = try db.query("CREATE (:Customer {id: 'after'})")
        #expect(ContinuousClock.now - start < .seconds(1))
        #expect(try db.query("MATCH (c:Customer) RETURN c.id").rows == [[.string("after")]])
    }
}
