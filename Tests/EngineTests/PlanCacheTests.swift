import CypherRuntime
import CypherSyntax
import Engine
import GraphStore
import Testing

/// The database's plan cache: a parameterised statement is parsed and planned once per text and parameter types,
/// whichever way it arrives, and a schema change drops every cached plan.
@Suite struct PlanCacheTests {
    func database() throws -> Database {
        let db = Database()
        _ = try db.query("UNWIND range(1, 50) AS i CREATE (:Product {sku: 'p' + i, price: i})")
        return db
    }

    let lookup = "MATCH (p:Product {sku: $sku}) RETURN p.price AS price"

    @Test func aParameterisedStatementIsPlannedOnce() throws {
        let db = try database()
        let before = db.planCache.statistics
        for i in 1...20 {
            let r = try db.query(lookup, parameters: ["sku": .string("p\(i)")])
            #expect(r.rows == [[.int(Int64(i))]])
        }
        let after = db.planCache.statistics
        #expect(after.misses - before.misses == 1)
        #expect(after.hits - before.hits == 19)
        // Another parameter type is another plan; answers stay right.
        #expect(try db.query(lookup, parameters: ["sku": .int(3)]).rows.isEmpty)
        #expect(db.planCache.statistics.misses - before.misses == 2)
    }

    @Test func errorsAreNotCachedAndMissingParametersStillFail() throws {
        let db = try database()
        let entries = db.planCache.statistics.entries
        for _ in 0..<2 {
            #expect(throws: CypherSyntaxError.self) { try db.query("MATCH (p:Product RETURN p") }
        }
        _ = try db.query(lookup, parameters: ["sku": .string("p1")])
        // The same text without its parameter is a different key, checked afresh.
        #expect(throws: CypherSyntaxError.self) { try db.query(lookup) }
        #expect(db.planCache.statistics.entries == entries + 1)
    }

    @Test func transactionsUseTheSameCache() throws {
        let db = try database()
        _ = try db.query(lookup, parameters: ["sku": .string("p2")])
        let hits = db.planCache.statistics.hits
        var txn = db.beginTransaction()
        _ = try db.query("MATCH (p:Product {sku: 'p2'}) SET p.price = 99", in: &txn)
        #expect(try db.query(lookup, parameters: ["sku": .string("p2")], in: &txn).rows == [[.int(99)]])
        #expect(db.planCache.statistics.hits == hits + 1)
        #expect(try db.query(lookup, parameters: ["sku": .string("p2")]).rows == [[.int(2)]])
    }

    @Test func aSchemaChangeDropsThePlans() throws {
        let db = try database()
        let explain = "EXPLAIN MATCH (p:Product) WHERE p.price > $min RETURN p.sku"
        let scan = try db.query(explain, parameters: ["min": .int(40)]).plan.joined(separator: "\n")
        #expect(scan.contains("NodeByLabelScan"))
        _ = try db.query(explain, parameters: ["min": .int(40)])
        let cached = db.planCache.statistics
        #expect(cached.entries >= 1)
        _ = try db.query("CREATE INDEX product_price FOR (p:Product) ON (p.price)")
        #expect(db.planCache.statistics.invalidations > cached.invalidations)
        #expect(db.planCache.statistics.entries == 0)
        let seek = try db.query(explain, parameters: ["min": .int(40)]).plan.joined(separator: "\n")
        #expect(seek.contains("NodeIndexSeekByRange"), "\(seek)")
        // A constraint made through the store's API, not a Cypher command, moves the schema version too.
        let beforeConstraint = db.planCache.statistics
        try db.graph.write { txn in try txn.createUniqueConstraint(label: "Product", key: "sku") }
        _ = try db.query(lookup, parameters: ["sku": .string("p5")])
        let after = db.planCache.statistics
        #expect(after.invalidations == beforeConstraint.invalidations + 1)
        #expect(after.misses == beforeConstraint.misses + 1)
        #expect(try db.query(lookup, parameters: ["sku": .string("p5")]).rows == [[.int(5)]])
        _ = try db.query("DROP INDEX product_price")
        #expect(db.planCache.statistics.entries == 0)
    }
}
