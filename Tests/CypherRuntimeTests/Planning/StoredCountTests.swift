import CypherSyntax
import GraphStore
import Testing

@testable import CypherRuntime

/// Counts from the graph's statistics must equal a scan: the same count with `WHERE true`, which the statistics
/// cannot answer, is the oracle. Checked on a fresh graph, after writes and deletes, and inside an open transaction
/// that has its own uncommitted writes.
@Suite struct StoredCountTests {
    static let counts = [
        "MATCH (n) RETURN count(n)",
        "MATCH (n) RETURN count(*) AS all, count(n) AS nodes",
        "MATCH (n:Customer) RETURN count(*)",
        "MATCH (n:Product) RETURN count(n) AS products",
        "MATCH (n:Nothing) RETURN count(n)",
        "MATCH ()-[r]->() RETURN count(r)",
        "MATCH ()-[r:PURCHASED]->() RETURN count(r) AS n",
        "MATCH ()<-[r:SIMILAR_TO]-() RETURN count(*), count(DISTINCT r)",
        "MATCH (a)-[r:PURCHASED]->(b) RETURN count(a), count(b), count(r)",
        "MATCH ()-[r:NOTHING]->() RETURN count(r)",
        "MATCH (n:Customer) WITH count(n) AS c RETURN c + 1",
        // Constants beside the count are grouping keys: one row, or none over an empty match.
        "MATCH ()-[r:PURCHASED]->() RETURN 'P' AS id, count(r) AS n",
        "MATCH (n:Nothing) RETURN 7 AS k, count(*)",
        "MATCH (n:Customer) RETURN count(n), null AS x, 2.5 AS y",
        "MATCH (n:Customer) WITH true AS t, count(*) AS c RETURN t, c",
    ]

    /// The oracle: the same query with a WHERE the statistics cannot answer.
    static func scan(_ q: String) -> String {
        let i = q.firstRange(of: " RETURN") ?? q.firstRange(of: " WITH")!
        return q[..<i.lowerBound] + " WHERE true" + q[i.lowerBound...]
    }

    func fill(_ txn: inout GraphTransaction, customers: Int, products: Int, seed: UInt64) throws {
        var rng = SplitMix(seed)
        var cs: [NodeID] = []
        var ps: [NodeID] = []
        for i in 0..<customers { cs.append(try txn.createNode(labels: ["Customer"], properties: ["id": .int(Int64(i))])) }
        for _ in 0..<products { ps.append(try txn.createNode(labels: ["Product", "Item"])) }
        _ = try txn.createNode(labels: [])
        for _ in 0..<(customers * 3) {
            _ = try txn.createRelationship(from: cs[rng.below(cs.count)], to: ps[rng.below(ps.count)], type: "PURCHASED")
        }
        for _ in 0..<products {
            let a = ps[rng.below(ps.count)]
            _ = try txn.createRelationship(from: a, to: rng.below(3) == 0 ? a : ps[rng.below(ps.count)], type: "SIMILAR_TO")
        }
    }

    func expectCountsEqualScans(_ run: (String) throws -> QueryResult, _ note: String) throws {
        for q in Self.counts {
            let fast = try run(q)
            let slow = try run(Self.scan(q))
            #expect(fast.rows == slow.rows, "\(q) \(note)")
            #expect(fast.columns == slow.columns, "\(q) \(note)")
        }
    }

    @Test func countsEqualScansAfterWritesAndDeletes() throws {
        let store = GraphStore()
        try expectCountsEqualScans({ try CypherEngine.execute($0, on: store) }, "empty")
        try store.write { txn in try fill(&txn, customers: 40, products: 12, seed: 3) }
        try expectCountsEqualScans({ try CypherEngine.execute($0, on: store) }, "filled")
        _ = try CypherEngine.execute("MATCH (c:Customer) WHERE c.id % 3 = 0 DETACH DELETE c", on: store)
        _ = try CypherEngine.execute("MATCH ()-[r:SIMILAR_TO]->() WITH r LIMIT 4 DELETE r", on: store)
        _ = try CypherEngine.execute("MATCH (p:Product) WITH p LIMIT 2 REMOVE p:Product", on: store)
        try expectCountsEqualScans({ try CypherEngine.execute($0, on: store) }, "after deletes")
    }

    @Test func countsInsideAnOpenTransactionSeeItsWrites() throws {
        let store = GraphStore()
        try store.write { txn in try fill(&txn, customers: 20, products: 8, seed: 5) }
        var txn = store.begin()
        try fill(&txn, customers: 7, products: 3, seed: 9)
        _ = try CypherEngine.execute("MATCH (c:Customer) WHERE c.id = 1 DETACH DELETE c", in: &txn)
        try expectCountsEqualScans({ try CypherEngine.execute($0, in: &txn) }, "in transaction")
        let inside = try CypherEngine.execute("MATCH ()-[r]->() RETURN count(r)", in: &txn).rows
        let outside = try CypherEngine.execute("MATCH ()-[r]->() RETURN count(r)", on: store).rows
        #expect(inside != outside)
    }

    @Test func explainNamesTheCountStoreOnlyForCountShapes() throws {
        let store = GraphStore()
        func plan(_ q: String) throws -> String { try CypherEngine.execute("EXPLAIN " + q, on: store).plan.joined(separator: "\n") }
        #expect(try plan("MATCH (n:Customer) RETURN count(*)").contains("NodeCountFromCountStore"))
        #expect(try plan("MATCH ()-[r:PURCHASED]->() RETURN count(r)").contains("RelationshipCountFromCountStore"))
        #expect(try plan("MATCH ()-[r:PURCHASED]->() RETURN 'x' AS id, count(r)").contains("RelationshipCountFromCountStore"))
        for q in [
            "MATCH ()-[r]-() RETURN count(r)", "MATCH (a)-[r]->(b) RETURN count(DISTINCT a)",
            "MATCH (n:A:B) RETURN count(n)", "MATCH (n {x: 1}) RETURN count(n)", "MATCH (n) RETURN n.x, count(n)", "MATCH (n) RETURN 1 AS k",
            "OPTIONAL MATCH (n) RETURN count(*)", "MATCH (a:A)-[r]->() RETURN count(r)",
        ] {
            #expect(try !plan(q).contains("CountStore"), "\(q)")
        }
    }
}
