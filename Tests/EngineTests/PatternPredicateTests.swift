import CypherRuntime
import Engine
import Testing

/// Neo4j 5's `WHERE` inside a node or relationship pattern: each form answers as the same query with the predicate
/// written in the clause's `WHERE`, and the clauses that cannot filter reject it with its position.
@Suite struct PatternPredicateTests {
    /// (with a pattern predicate, the same written with the clause's WHERE).
    static let pairs = [
        ("MATCH (p:Product WHERE p.price < 20) RETURN p.id ORDER BY p.id",
         "MATCH (p:Product) WHERE p.price < 20 RETURN p.id ORDER BY p.id"),
        ("MATCH (c:Customer WHERE c.id = 2)-[r:BOUGHT WHERE r.qty > 1]->(p WHERE p.price >= 10) RETURN p.id, r.qty ORDER BY p.id",
         "MATCH (c:Customer)-[r:BOUGHT]->(p) WHERE c.id = 2 AND r.qty > 1 AND p.price >= 10 RETURN p.id, r.qty ORDER BY p.id"),
        ("MATCH (c:Customer WHERE c.id < 3)-[:BOUGHT]->(p:Product WHERE p.price > 15) WHERE c.id <> 1 RETURN c.id, p.id ORDER BY c.id, p.id",
         "MATCH (c:Customer)-[:BOUGHT]->(p:Product) WHERE c.id < 3 AND p.price > 15 AND c.id <> 1 RETURN c.id, p.id ORDER BY c.id, p.id"),
        ("MATCH (c:Customer) OPTIONAL MATCH (c)-[:BOUGHT]->(p WHERE p.price > 25) RETURN c.id, p.id ORDER BY c.id, p.id",
         "MATCH (c:Customer) OPTIONAL MATCH (c)-[:BOUGHT]->(p) WHERE p.price > 25 RETURN c.id, p.id ORDER BY c.id, p.id"),
        ("WITH 10 AS least MATCH (p:Product {id: 2} WHERE p.price > least) RETURN p.id",
         "WITH 10 AS least MATCH (p:Product {id: 2}) WHERE p.price > least RETURN p.id"),
        ("MATCH (c:Customer) RETURN c.id, [(c)-[:BOUGHT]->(p WHERE p.price < 20) | p.id] AS cheap ORDER BY c.id",
         "MATCH (c:Customer) RETURN c.id, [(c)-[:BOUGHT]->(p) WHERE p.price < 20 | p.id] AS cheap ORDER BY c.id"),
        ("MATCH (c:Customer) WHERE EXISTS { (c)-[r:BOUGHT WHERE r.qty >= 3]->() } RETURN c.id ORDER BY c.id",
         "MATCH (c:Customer) WHERE EXISTS { (c)-[r:BOUGHT]->() WHERE r.qty >= 3 } RETURN c.id ORDER BY c.id"),
        ("MATCH (:Customer WHERE true)-[:BOUGHT]->(p) RETURN count(p)",
         "MATCH (:Customer)-[:BOUGHT]->(p) RETURN count(p)"),
    ]

    static func graph() throws -> Database {
        let db = Database()
        _ = try db.query(
            """
            UNWIND range(1, 4) AS i CREATE (:Product {id: i, price: i * 10.0 - 5})
            WITH count(*) AS made
            UNWIND range(1, 3) AS j CREATE (:Customer {id: j})
            """)
        _ = try db.query(
            """
            UNWIND [[1, 1, 1], [1, 2, 3], [2, 2, 2], [2, 3, 1], [2, 4, 5], [3, 4, 1]] AS b
            MATCH (c:Customer {id: b[0]}), (p:Product {id: b[1]}) CREATE (c)-[:BOUGHT {qty: b[2]}]->(p)
            """)
        return db
    }

    @Test func answersAsTheClauseWhere() throws {
        let db = try Self.graph()
        for (inline, written) in Self.pairs {
            let expected = try db.query(written).rows
            #expect(try db.query(inline).rows == expected, "\(inline)")
            #expect(!expected.isEmpty, "\(written)")
        }
        // The answers themselves, for two of them.
        #expect(try db.query(Self.pairs[0].0).rows == [[.int(1)], [.int(2)]])
        #expect(try db.query(Self.pairs[1].0).rows == [[.int(2), .int(2)], [.int(4), .int(5)]])
    }

    @Test func seeksAConstraintFromThePattern() throws {
        let db = try Self.graph()
        _ = try db.query("CREATE CONSTRAINT customer_id FOR (c:Customer) REQUIRE c.id IS UNIQUE")
        let plan = try db.query("EXPLAIN MATCH (c:Customer WHERE c.id = 2) RETURN c").plan.joined(separator: " ")
        #expect(plan.contains("NodeUniqueIndexSeek(c:Customer {id})"), "\(plan)")
        #expect(try db.query("MATCH (c:Customer WHERE c.id = 2) RETURN c.id").rows == [[.int(2)]])
    }

    @Test(arguments: [
        ("CREATE (n:Product WHERE n.price > 1)", "CREATE", 1, 25),
        ("MERGE (n:Product {id: 9})\n  -[:X WHERE true]->(m)", "MERGE", 2, 14),
        ("MATCH (c:Customer) WHERE (c)-->(p WHERE p.price > 1) RETURN c", "a pattern expression", 1, 41),
        ("MATCH (a)-[r*1..2 WHERE r.qty > 1]->(b) RETURN b", "variable-length", 1, 19),
    ])
    func rejectedWithItsPosition(query: String, names: String, line: Int, column: Int) throws {
        let db = try Self.graph()
        do {
            _ = try db.query(query)
            Issue.record("accepted: \(query)")
        } catch {
            let text = "\(error)"
            #expect(text.contains(names), "\(text)")
            #expect(text.contains("line \(line), column \(column)"), "\(text)")
        }
        #expect(try db.query("MATCH (n) RETURN count(n)").rows == [[.int(7)]])
    }
}
