import CypherRuntime
import Engine
import Testing

/// The matcher starts from the node pattern expected to leave the fewest rows once its property predicates are
/// applied, not merely the smallest label, and the answers do not depend on where it starts.
@Suite struct StartChoiceTests {
    @Test func aSelectivePredicateOutweighsASmallerLabel() throws {
        let db = Database()
        // 300 customers (ages 0-29), 40 products, each customer bought 4 products.
        _ = try db.query("UNWIND range(1, 40) AS i CREATE (:Product {id: i, price: i % 7})")
        _ = try db.query(
            """
            UNWIND range(1, 300) AS i CREATE (c:Customer {id: i, age: i % 30})
            WITH c, i UNWIND range(0, 3) AS k
            MATCH (p:Product {id: (i * 7 + k * 11) % 40 + 1}) CREATE (c)-[:BOUGHT {qty: k}]->(p)
            """)
        let selective = "MATCH (c:Customer)-[r:BOUGHT]->(p:Product) WHERE c.age = 3 AND r.qty > 0 RETURN c.id, p.id"
        let plan = try db.query("EXPLAIN " + selective).plan.joined(separator: " ")
        #expect(plan.contains("NodeByLabelScan(c:Customer)"), "\(plan)")
        // Without a predicate on the customers, the smaller label is still the start.
        let open = "MATCH (c:Customer)-[r:BOUGHT]->(p:Product) WHERE r.qty > 0 RETURN c.id, p.id"
        #expect(try db.query("EXPLAIN " + open).plan.joined(separator: " ").contains("NodeByLabelScan(p:Product)"))
        // The same answers as the query written the other way round, and as a brute force over every purchase.
        let reversed = "MATCH (p:Product)<-[r:BOUGHT]-(c:Customer) WHERE c.age = 3 AND r.qty > 0 RETURN c.id, p.id"
        let rows = Set(try db.query(selective).rows)
        #expect(rows == Set(try db.query(reversed).rows))
        let all = try db.query("MATCH (c:Customer)-[r:BOUGHT]->(p:Product) RETURN c.id, c.age, r.qty, p.id").rows
        let expected = Set(all.filter { $0[1] == .int(3) && $0[2] != .int(0) }.map { [$0[0], $0[3]] })
        #expect(rows == expected && rows.count == 30)
    }
}
