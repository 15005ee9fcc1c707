import CypherRuntime
import Engine
import GraphStore
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

    @Test func commitAfterAnotherWriteIsAConflictAndAppliesNothing() throws {
        let db = Database()
        var txn = db.beginTransaction()
        _ = try db.query("CREATE (:Customer {id: 'late'})", in: &txn)
        _ = try db.query("CREATE (:Customer {id: 'first'})")
        do {
            try db.commit(txn)
            Issue.record("commit should have failed")
        } catch let e as GraphStoreError {
            #expect(e.code == .transactionConflict)
        }
        #expect(try db.query("MATCH (c:Customer) RETURN c.id").rows == [[.string("first")]])
    }
}
