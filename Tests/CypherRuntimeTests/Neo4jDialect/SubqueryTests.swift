import CypherSyntax
import GraphStore
import Testing

@testable import CypherRuntime

/// `CALL { … }` subqueries as in Neo4j 5
/// (https://neo4j.com/docs/cypher-manual/current/subqueries/call-subquery/ and
/// https://neo4j.com/docs/cypher-manual/current/subqueries/subqueries-in-transactions/).
@Suite struct SubqueryTests {
    func shop() throws -> GraphStore {
        let s = GraphStore()
        _ = try CypherEngine.execute(
            """
            CREATE (ada:Customer {name: 'Ada'}), (bob:Customer {name: 'Bob'}), (:Customer {name: 'Cy'}),
                   (tea:Product {name: 'tea', price: 3}), (pot:Product {name: 'pot', price: 20}),
                   (cup:Product {name: 'cup', price: 5}),
                   (ada)-[:BOUGHT]->(tea), (ada)-[:BOUGHT]->(pot), (bob)-[:BOUGHT]->(cup), (bob)-[:BOUGHT]->(tea)
            """, on: s)
        return s
    }

    func run(_ q: String, on s: GraphStore) throws -> QueryResult { try CypherEngine.execute(q, on: s) }

    @Test func correlatedSubqueriesRunOncePerRow() throws {
        let s = try shop()
        let r = try run("UNWIND [1, 2, 3] AS x CALL { WITH x RETURN x * 10 AS y } RETURN x, y", on: s)
        #expect(r.rows == [[.int(1), .int(10)], [.int(2), .int(20)], [.int(3), .int(30)]])
        // Top product per customer: ORDER BY and LIMIT apply per row; a customer without purchases drops out.
        let top = try run(
            """
            MATCH (c:Customer)
            CALL { WITH c MATCH (c)-[:BOUGHT]->(p) RETURN p.name AS best ORDER BY p.price DESC LIMIT 1 }
            RETURN c.name AS customer, best ORDER BY customer
            """, on: s)
        #expect(top.rows == [[.string("Ada"), .string("pot")], [.string("Bob"), .string("cup")]])
        // Aggregation inside gives one row per outer row, even when nothing matches.
        let counts = try run(
            """
            MATCH (c:Customer) CALL { WITH c OPTIONAL MATCH (c)-[:BOUGHT]->(p) RETURN count(p) AS n }
            RETURN c.name, n ORDER BY c.name
            """, on: s)
        #expect(counts.rows.map { $0[1] } == [.int(2), .int(2), .int(0)])
    }

    @Test func uncorrelatedUnionAndScoping() throws {
        let s = try shop()
        #expect(try run("CALL { MATCH (p:Product) RETURN count(p) AS n } RETURN n", on: s).rows == [[.int(3)]])
        let union = try run(
            """
            CALL { MATCH (c:Customer) RETURN c.name AS name UNION MATCH (p:Product) WHERE p.price > 4 RETURN p.name AS name }
            RETURN name ORDER BY name
            """, on: s)
        #expect(union.rows == ["Ada", "Bob", "Cy", "cup", "pot"].map { [Value.string($0)] })
        // A variable not imported is a new one inside: `a` below is any Product, not the outer 1.
        let shadow = try run("WITH 1 AS a CALL { MATCH (a:Product) RETURN count(a) AS c } RETURN a, c", on: s)
        #expect(shadow.rows == [[.int(1), .int(3)]])
        // Outer variables are reachable only through the importing WITH; returned names must be new.
        #expect(throws: CypherSyntaxError.self) {
            _ = try run("MATCH (c:Customer) CALL { RETURN c.name AS n } RETURN n", on: s)
        }
        #expect(throws: CypherSyntaxError.self) { _ = try run("WITH 1 AS x CALL { RETURN 2 AS x } RETURN x", on: s) }
        #expect(throws: CypherSyntaxError.self) {
            _ = try run("WITH 1 AS x CALL { WITH y RETURN y AS z } RETURN z", on: s)
        }
        let star = try run("WITH 1 AS x, 2 AS y CALL { WITH * RETURN x + y AS z } RETURN z", on: s)
        #expect(star.rows == [[.int(3)]])
    }

    @Test func unitSubqueriesWriteAndKeepTheirRows() throws {
        let s = try shop()
        let r = try run(
            "UNWIND range(1, 3) AS i CALL { WITH i CREATE (:Tag {i: i}) } RETURN count(*) AS rows", on: s)
        #expect(r.rows == [[.int(3)]])
        #expect(r.statistics.nodesCreated == 3)
        // Later rows see earlier rows' writes (MERGE finds the node the first row created).
        let merged = try run(
            "UNWIND ['x', 'x', 'y'] AS k CALL { WITH k MERGE (:Key {k: k}) } RETURN count(*)", on: s)
        #expect(merged.statistics.nodesCreated == 2)
        // All or nothing: a failing row undoes the whole query.
        #expect(throws: CypherRuntimeError.self) {
            _ = try run("UNWIND [1, 0] AS i CALL { WITH i CREATE (:Bad {v: 1 / i}) }", on: s)
        }
        #expect(try run("MATCH (b:Bad) RETURN count(b)", on: s).rows == [[.int(0)]])
    }

    @Test func inTransactionsCommitsBatchByBatch() throws {
        let s = try shop()
        let before = s.snapshot.version
        let r = try run("UNWIND range(1, 10) AS i CALL { WITH i CREATE (:Row {i: i}) } IN TRANSACTIONS OF 3 ROWS", on: s)
        #expect(r.statistics.nodesCreated == 10)
        #expect(s.snapshot.version == before + 4)  // batches of 3, 3, 3 and 1
        #expect(try run("MATCH (n:Row) RETURN count(n)", on: s).rows == [[.int(10)]])
        // The default batch is 1,000 rows: one commit here.
        let v = s.snapshot.version
        _ = try run("MATCH (n:Row) CALL { WITH n SET n.seen = true } IN TRANSACTIONS", on: s)
        #expect(s.snapshot.version == v + 1)
        // A failing batch fails the query; the batches before it stay committed (ON ERROR FAIL).
        #expect(throws: CypherRuntimeError.self) {
            _ = try run(
                "UNWIND [1, 2, 3, 0, 5] AS i CALL { WITH i CREATE (:Part {v: 10 / i}) } IN TRANSACTIONS OF 2 ROWS", on: s)
        }
        #expect(try run("MATCH (n:Part) RETURN count(n)", on: s).rows == [[.int(2)]])
        // Batched deletes, as Neo4j's documentation recommends for large deletes.
        let deleted = try run("MATCH (n:Row) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 4 ROWS", on: s)
        #expect(deleted.statistics.nodesDeleted == 10)
    }

    @Test func inTransactionsIsRefusedWhereNeo4jRefusesIt() throws {
        let s = try shop()
        var txn = s.begin()
        #expect(throws: CypherRuntimeError.self) {
            _ = try CypherEngine.execute(
                "UNWIND [1] AS i CALL { WITH i CREATE (:X) } IN TRANSACTIONS", in: &txn)
        }
        for size in ["0", "-1", "'a'"] {
            #expect(throws: CypherRuntimeError.self, "\(size)") {
                _ = try run("UNWIND [1] AS i CALL { WITH i CREATE (:X) } IN TRANSACTIONS OF \(size) ROWS", on: s)
            }
        }
        #expect(throws: CypherSyntaxError.self) { _ = try run("CALL { CREATE (:X) } IN TRANSACTIONS OF", on: s) }
        #expect(try run("MATCH (x:X) RETURN count(x)", on: s).rows == [[.int(0)]])
    }
}
