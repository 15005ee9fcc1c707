import CypherRuntime
import Engine
import GraphStore
import Testing

/// Schema commands in explicit transactions, as Neo4j allows them
/// (https://neo4j.com/docs/operations-manual/current/database-internals/transaction-management/): a transaction
/// that has written no data may run one (py2neo's schema calls send BEGIN, the command, COMMIT); one that has
/// written data gets `Neo.ClientError.Transaction.ForbiddenDueToTransactionType` and keeps its writes.
@Suite struct SchemaInTransactionTests {
    @Test func aTransactionThatHasWrittenNothingRunsASchemaCommand() throws {
        let db = Database()
        _ = try db.query("CREATE (:Product {sku: 'a'})")
        var txn = db.beginTransaction()
        _ = try db.query("MATCH (p:Product) RETURN count(p)", in: &txn)  // a read first: still no data written
        _ = try db.query("CREATE CONSTRAINT sku FOR (p:Product) REQUIRE p.sku IS UNIQUE", in: &txn)
        // The transaction goes on under the new schema: SHOW sees the rule and a duplicate is refused.
        let shown = try db.query("SHOW CONSTRAINTS YIELD name RETURN name", in: &txn)
        #expect(shown.rows == [[.string("sku")]])
        _ = try db.query("CREATE (:Product {sku: 'b'})", in: &txn)
        #expect(throws: (any Error).self) { _ = try db.query("CREATE (:Product {sku: 'a'})", in: &txn) }
        try db.commit(txn)
        #expect(try db.query("MATCH (p:Product) RETURN count(p)").rows == [[.int(2)]])
        #expect(try db.query("SHOW CONSTRAINTS YIELD name RETURN name").rows == [[.string("sku")]])
    }

    @Test func aTransactionThatHasWrittenDataIsRefusedWithNeo4jsCodeAndKeepsItsWrites() throws {
        let db = Database()
        var txn = db.beginTransaction()
        _ = try db.query("CREATE (:Product {sku: 'a'})", in: &txn)
        do {
            _ = try db.query("CREATE INDEX FOR (p:Product) ON (p.sku)", in: &txn)
            Issue.record("a schema command after a write was accepted")
        } catch {
            #expect(Neo4jStatus.classify(error).code == "Neo.ClientError.Transaction.ForbiddenDueToTransactionType")
        }
        #expect(try db.query("SHOW INDEXES YIELD properties WHERE properties = ['sku'] RETURN count(*)").rows == [[.int(0)]])
        try db.commit(txn)
        #expect(try db.query("MATCH (p:Product) RETURN count(p)").rows == [[.int(1)]])
    }
}

/// Neo4j 4's schema syntax, which py2neo 2021.2.4 and other older clients still send
/// (https://neo4j.com/docs/cypher-manual/4.4/constraints/syntax/ and …/4.4/indexes-for-search-performance/):
/// `CREATE CONSTRAINT ON (v:L) ASSERT v.p IS UNIQUE`, and the drops that name a schema instead of a rule.
@Suite struct Neo4jFourSchemaSyntaxTests {
    func names(_ db: Database, _ show: String) throws -> [Value] {
        try db.query("\(show) YIELD name RETURN name ORDER BY name").rows.map { $0[0] }
    }

    @Test func constraintsAndIndexesAreCreatedAndDroppedByTheirSchema() throws {
        let db = Database()
        _ = try db.query("CREATE CONSTRAINT ON (_:Product) ASSERT _.sku IS UNIQUE")
        _ = try db.query("CREATE CONSTRAINT named_key ON (c:Customer) ASSERT (c.id, c.shop) IS NODE KEY")
        _ = try db.query("CREATE INDEX ON :Product(title)")
        _ = try db.query("CREATE INDEX price FOR (p:Product) ON (p.price)")
        #expect(try names(db, "SHOW CONSTRAINTS").count == 2)
        #expect(throws: (any Error).self) { _ = try db.query("CREATE (:Product {sku: 1}), (:Product {sku: 1})") }
        // A drop names the schema; the rule's own name does not matter, and another kind on it is not touched.
        #expect(throws: (any Error).self) { _ = try db.query("DROP CONSTRAINT ON (c:Customer) ASSERT (c.id, c.shop) IS UNIQUE") }
        _ = try db.query("DROP CONSTRAINT ON (c:Customer) ASSERT (c.id, c.shop) IS NODE KEY")
        _ = try db.query("DROP CONSTRAINT ON (_:Product) ASSERT _.sku IS UNIQUE")
        #expect(try names(db, "SHOW CONSTRAINTS") == [])
        _ = try db.query("DROP INDEX ON :Product(price)")
        #expect(try names(db, "SHOW INDEXES") == [.string("index_Product_title")])
        #expect(throws: (any Error).self) { _ = try db.query("DROP INDEX ON :Product(price)") }
        _ = try db.query("CREATE (:Product {sku: 1}), (:Product {sku: 1})")
    }
}
