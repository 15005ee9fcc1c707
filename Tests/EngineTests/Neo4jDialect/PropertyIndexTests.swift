import CypherRuntime
import CypherSyntax
import Engine
import GraphStore
import Testing
import TestSupport

/// Range and text indexes in Neo4j 5 syntax
/// (https://neo4j.com/docs/cypher-manual/current/indexes/search-performance-indexes/create-indexes/), used by the
/// planner for equality, IN, ranges and STARTS WITH, listed by SHOW INDEXES, durable and kept in step with writes.
@Suite struct PropertyIndexTests {
    func code(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let e as CypherRuntimeError {
            return e.code.description
        } catch {
            return "\(error)"
        }
    }

    /// 2,000 products with prices 0.5 … 1000 (two per integer step, as floats and ints), names `p0` … and a
    /// few odd values: a string price and a missing one.
    func load(_ db: Database) throws {
        _ = try db.query(
            """
            UNWIND range(1, 2000) AS i
            CREATE (:Product {id: i, name: 'p' + toString(i),
                              unitPrice: CASE WHEN i % 2 = 0 THEN i / 2 ELSE i / 2.0 END})
            """)
        _ = try db.query("CREATE (:Product {id: 0, unitPrice: '12'}), (:Product {id: -1}), (:Other {unitPrice: 5})")
    }

    func plan(_ db: Database, _ q: String) throws -> String {
        try db.query("EXPLAIN " + q, parameters: ["none": .null]).plan.joined(separator: "\n")
    }

    @Test func createShowAndDropInNeo4jSyntax() throws {
        let db = Database()
        try load(db)
        _ = try db.query("CREATE INDEX product_price FOR (p:Product) ON (p.unitPrice)")
        _ = try db.query("CREATE RANGE INDEX product_id IF NOT EXISTS FOR (p:Product) ON (p.id)")
        _ = try db.query("CREATE TEXT INDEX product_name FOR (p:Product) ON (p.name)")
        _ = try db.query("CREATE INDEX ON :Other(unitPrice)")  // Neo4j 4's form, which py2neo sends
        let shown = try db.query("SHOW INDEXES YIELD name, type, labelsOrTypes, properties, owningConstraint, createStatement")
        #expect(shown.rows.map { $0[0] } == ["index_Other_unitPrice", "product_id", "product_name", "product_price"].map { Value.string($0) })
        #expect(shown.rows.map { $0[1] } == ["RANGE", "RANGE", "TEXT", "RANGE"].map { Value.string($0) })
        #expect(shown.rows[3][2] == .list([.string("Product")]) && shown.rows[3][3] == .list([.string("unitPrice")]))
        #expect(shown.rows.allSatisfy { $0[4] == .null })
        #expect(shown.rows[2][5] == .string("CREATE TEXT INDEX `product_name` FOR (n:`Product`) ON (n.`name`)"))
        // Neo4j's errors for duplicates, unknown names and what we do not support; IF [NOT] EXISTS makes them no-ops.
        #expect(code { _ = try db.query("CREATE INDEX FOR (p:Product) ON (p.unitPrice)") } == "SchemaError.EquivalentSchemaRuleAlreadyExists")
        #expect(code { _ = try db.query("CREATE INDEX product_price FOR (x:X) ON (x.y)") } == "SchemaError.EquivalentSchemaRuleAlreadyExists")
        #expect(try db.query("CREATE INDEX product_price IF NOT EXISTS FOR (p:Product) ON (p.unitPrice)").rows.isEmpty)
        #expect(code { _ = try db.query("CREATE TEXT INDEX FOR (p:Product) ON (p.a, p.b)") } == "NotSupported.Unsupported")
        #expect(code { _ = try db.query("DROP INDEX nope") } == "SchemaError.SchemaRuleNotFound")
        _ = try db.query("DROP INDEX nope IF EXISTS")
        _ = try db.query("DROP INDEX product_id")
        #expect(try db.query("SHOW INDEXES").rows.count == 3)
        #expect(throws: CypherSyntaxError.self) { _ = try db.query("CREATE INDEX FOR (p:Product) ON (q.x)") }
        #expect(throws: CypherSyntaxError.self) { _ = try db.query("CREATE TEXT INDEX FOR (p:Product)") }
    }

    @Test func thePlannerSeeksAndAnswersAsAScanWould() throws {
        let plain = Database()
        let indexed = Database()
        try load(plain)
        try load(indexed)
        _ = try indexed.query("CREATE INDEX product_price FOR (p:Product) ON (p.unitPrice)")
        _ = try indexed.query("CREATE TEXT INDEX product_name FOR (p:Product) ON (p.name)")
        let queries: [(String, String)] = [
            ("MATCH (p:Product) WHERE p.unitPrice = 7 RETURN p.id ORDER BY p.id", "NodeIndexSeek(p:Product {unitPrice} RANGE"),
            ("MATCH (p:Product {unitPrice: 7.0}) RETURN p.id ORDER BY p.id", "NodeIndexSeek(p:Product {unitPrice}"),
            ("MATCH (p:Product) WHERE p.unitPrice IN [1, 2.5, 1.0, null, 'x'] RETURN p.id ORDER BY p.id", "NodeIndexSeek"),
            ("MATCH (p:Product) WHERE p.unitPrice > 995 RETURN p.id ORDER BY p.id", "NodeIndexSeekByRange"),
            ("MATCH (p:Product) WHERE 995 <= p.unitPrice RETURN p.id ORDER BY p.id", "NodeIndexSeekByRange"),
            ("MATCH (p:Product) WHERE p.unitPrice < 2 AND p.unitPrice >= 0.5 RETURN p.id ORDER BY p.id", "NodeIndexSeekByRange"),
            ("MATCH (p:Product) WHERE p.unitPrice < 1.5 RETURN p.id ORDER BY p.id", "NodeIndexSeekByRange"),
            // Both bounds on one property: one bounded seek.
            ("MATCH (p:Product) WHERE p.unitPrice > 10 AND p.unitPrice <= 12.5 RETURN p.id ORDER BY p.id", "NodeIndexSeekByRange"),
            ("MATCH (p:Product) WHERE p.unitPrice >= 3 AND p.unitPrice <= 3 RETURN p.id ORDER BY p.id", "NodeIndexSeekByRange"),
            ("MATCH (p:Product) WHERE p.unitPrice >= 12 AND p.unitPrice < 11 RETURN p.id ORDER BY p.id", "NodeIndexSeekByRange"),
            ("MATCH (p:Product) WHERE p.unitPrice > 10 AND p.unitPrice < 'x' RETURN p.id ORDER BY p.id", "NodeIndexSeekByRange"),
            ("MATCH (p:Product) WHERE 1 < p.unitPrice AND p.id > 3 AND p.unitPrice < 1.5 RETURN p.id ORDER BY p.id", "NodeIndexSeekByRange"),
            ("MATCH (p:Product) WHERE p.unitPrice >= '1' RETURN p.id ORDER BY p.id", "NodeIndexSeekByRange"),
            ("MATCH (p:Product) WHERE p.name STARTS WITH 'p199' RETURN p.id ORDER BY p.id", "NodeIndexSeekByRange(p:Product {name} TEXT"),
            ("MATCH (p:Product) WHERE p.name = 'p42' RETURN p.id", "NodeIndexSeek(p:Product {name} TEXT"),
            ("MATCH (p:Product) WHERE p.unitPrice > $none RETURN p.id", "NodeIndexSeekByRange"),
        ]
        for (q, op) in queries {
            let a = try plain.query(q, parameters: ["none": .null])
            let b = try indexed.query(q, parameters: ["none": .null])
            #expect(a.rows == b.rows, "\(q)")
            let text = try plan(indexed, q)
            #expect(text.contains(op), "\(q): \(text)")
        }
        #expect(try indexed.query("MATCH (p:Product) WHERE p.unitPrice > 995 RETURN count(*)").rows == [[.int(10)]])
        // A text index holds only strings: a number is looked up by scanning instead, and still found.
        _ = try indexed.query("CREATE (:Product {name: 5})")
        #expect(try indexed.query("MATCH (p:Product) WHERE p.name = 5 RETURN count(p)").rows == [[.int(1)]])
        // A failing conjunct before the predicate keeps the query failing, so no seek is made there.
        #expect(try plan(indexed, "MATCH (p:Product) WHERE p.id / 0 = 1 AND p.unitPrice = 3 RETURN p").contains("NodeByLabelScan"))
    }

    @Test func indexesFollowEveryWrite() throws {
        let db = Database()
        try load(db)
        _ = try db.query("CREATE INDEX product_price FOR (p:Product) ON (p.unitPrice)")
        func ids(_ q: String) throws -> [Value] { try db.query(q).rows.map { $0[0] } }
        let query = "MATCH (p:Product) WHERE p.unitPrice >= 2000 RETURN p.id ORDER BY p.id"
        #expect(try ids(query).isEmpty)
        _ = try db.query("MATCH (p:Product {id: 5}) SET p.unitPrice = 2500")
        _ = try db.query("CREATE (:Product {id: 9000, unitPrice: 2001})")
        _ = try db.query("MATCH (o:Other) SET o:Product, o.unitPrice = 3000, o.id = 9001")
        #expect(try ids(query) == [.int(5), .int(9000), .int(9001)])
        _ = try db.query("MATCH (p:Product {id: 9001}) REMOVE p:Product")
        _ = try db.query("MATCH (p:Product {id: 9000}) DETACH DELETE p")
        _ = try db.query("MATCH (p:Product {id: 5}) REMOVE p.unitPrice")
        #expect(try ids(query).isEmpty)
        #expect(try ids("MATCH (p:Product) WHERE p.unitPrice = 2.5 RETURN p.id").isEmpty)  // id 5's old price
        // An explicit transaction's reads through the index see its own writes, and nothing leaks before commit.
        var txn = db.beginTransaction()
        _ = try db.query("CREATE (:Product {id: 9100, unitPrice: 5000})", in: &txn)
        #expect(try db.query(query, in: &txn).rows == [[.int(9100)]])
        #expect(try ids(query).isEmpty)
        try db.commit(txn)
        #expect(try ids(query) == [.int(9100)])
    }

    @Test func indexesAreDurable() throws {
        let dir = SharedData.temporaryDirectory()
        do {
            let db = try Database(directory: dir)
            try load(db)
            _ = try db.query("CREATE INDEX product_price FOR (p:Product) ON (p.unitPrice)")
            _ = try db.query("CREATE TEXT INDEX gone FOR (p:Product) ON (p.name)")
            _ = try db.query("DROP INDEX gone")
            _ = try db.query("CREATE (:Product {id: 7777, unitPrice: 4242})")
        }
        let db = try Database(directory: dir)
        #expect(try db.query("SHOW INDEXES YIELD name RETURN name").rows == [[.string("product_price")]])
        let q = "MATCH (p:Product) WHERE p.unitPrice > 1000 RETURN p.id"
        #expect(try plan(db, q).contains("NodeIndexSeekByRange"))
        #expect(try db.query(q).rows == [[.int(7777)]])
    }
}
