import CypherSyntax
import GraphStore
import Testing

@testable import CypherRuntime

/// `elementId()` / `id()` in Neo4j 5's shape and the seeks the planner makes of them
/// (https://neo4j.com/docs/cypher-manual/current/functions/scalar/#functions-elementid,
/// https://neo4j.com/docs/cypher-manual/current/planning-and-tuning/operators/operators-detail/#query-plan-node-by-elementid-seek).
@Suite struct ElementIdTests {
    /// 1,000 :P nodes in a chain of :NEXT relationships (999), plus one :Q.
    func chain() throws -> GraphStore {
        let s = GraphStore()
        _ = try CypherEngine.execute(
            """
            UNWIND range(0, 999) AS i CREATE (n:P {i: i})
            WITH collect(n) AS ns UNWIND range(0, 998) AS i
            WITH ns[i] AS a, ns[i + 1] AS b CREATE (a)-[:NEXT {i: a.i}]->(b)
            """, on: s)
        _ = try CypherEngine.execute("CREATE (:Q)", on: s)
        return s
    }

    func run(_ q: String, _ p: [String: Value] = [:], on s: GraphStore, budget: Int = CypherEngine.defaultBudget)
        throws -> QueryResult
    {
        try CypherEngine.execute(q, parameters: p, on: s, budget: budget)
    }

    @Test func elementIdHasNeo4jFiveShapeAndTheHelpersRoundTrip() throws {
        let s = try chain()
        let r = try run("MATCH (n:P {i: 5})-[r]->() RETURN elementId(n), id(n), elementId(r), id(r)", on: s)
        #expect(r.rows.count == 1)
        guard case .string(let node) = r.rows[0][0], case .int(let nid) = r.rows[0][1],
            case .string(let rel) = r.rows[0][2], case .int(let rid) = r.rows[0][3]
        else {
            Issue.record("unexpected row \(r.rows)")
            return
        }
        #expect(node == "4:ignitabull:\(nid)")
        #expect(rel == "5:ignitabull:\(rid)")
        #expect(ElementID.node(node) == NodeID(UInt32(nid)))
        #expect(ElementID.relationship(rel) == RelationshipID(UInt32(rid)))
        // A node's element id never names a relationship, and malformed ids name nothing.
        #expect(ElementID.relationship(node) == nil)
        for bad in ["n5", "4:other:5", "4:ignitabull:", "4:ignitabull:-1", "4:ignitabull:5:6", ""] {
            #expect(ElementID.node(bad) == nil, "\(bad)")
        }
    }

    @Test func nodeLookupsByElementIdAndIdAreSeeks() throws {
        let s = try chain()
        let id = try run("MATCH (n:P {i: 500}) RETURN elementId(n) AS e, id(n) AS i", on: s).rows[0]
        // A scan would spend at least 1,001 units; the seek a handful.
        let byElement = try run(
            "MATCH (n) WHERE elementId(n) = $id RETURN n.i", ["id": id[0]], on: s, budget: 50)
        #expect(byElement.rows == [[.int(500)]])
        let byID = try run("MATCH (n) WHERE id(n) = $x RETURN n.i", ["x": id[1]], on: s, budget: 50)
        #expect(byID.rows == [[.int(500)]])
        let reversed = try run("MATCH (n) WHERE $x = id(n) AND n.i > 0 RETURN n.i", ["x": id[1]], on: s, budget: 50)
        #expect(reversed.rows == [[.int(500)]])
        // IN with duplicates, unknown ids, a relationship's element id and null: each live node once, in list order.
        guard case .int(let raw) = id[1] else { return }
        let list = try run(
            "MATCH (n) WHERE id(n) IN $ids RETURN n.i",
            ["ids": .list([.int(raw), .int(raw + 1), .int(raw), .int(999_999), .null])], on: s, budget: 50)
        #expect(list.rows == [[.int(500)], [.int(501)]])
        let elements = try run(
            "MATCH (n:P) WHERE elementId(n) IN $ids RETURN n.i",
            ["ids": .list([.string("5:ignitabull:\(raw)"), .string("4:ignitabull:\(raw + 2)"), .string("junk")])],
            on: s, budget: 50)
        #expect(elements.rows == [[.int(502)]])
        // The WHERE still applies: a seek on a node without the label finds nothing.
        let q = try run("MATCH (n:Q) RETURN id(n)", on: s).rows[0][0]
        #expect(try run("MATCH (n:P) WHERE id(n) = $x RETURN n", ["x": q], on: s, budget: 50).rows.isEmpty)
        // Wrong types match nothing, as in Neo4j.
        #expect(try run("MATCH (n) WHERE id(n) = 'x' RETURN n", on: s, budget: 50).rows.isEmpty)
        #expect(try run("MATCH (n) WHERE elementId(n) = 5 RETURN n", on: s, budget: 50).rows.isEmpty)
    }

    @Test func relationshipLookupsAreSeeks() throws {
        let s = try chain()
        let row = try run("MATCH (:P {i: 10})-[r:NEXT]->() RETURN id(r), elementId(r)", on: s).rows[0]
        // py2neo's relationship lookup.
        let py2neo = try run(
            "MATCH ()-[r]->() WHERE id(r) IN $ids RETURN r.i", ["ids": .list([row[0]])], on: s, budget: 50)
        #expect(py2neo.rows == [[.int(10)]])
        let path = try run(
            "MATCH p = (a)-[r]->(b) WHERE elementId(r) = $e RETURN a.i, b.i, length(p)", ["e": row[1]], on: s,
            budget: 50)
        #expect(path.rows == [[.int(10), .int(11), .int(1)]])
        // Undirected: both orientations; incoming: the reverse one; a wrong type: none.
        let both = try run(
            "MATCH (a)-[r]-(b) WHERE id(r) = $x RETURN a.i, b.i ORDER BY a.i", ["x": row[0]], on: s, budget: 50)
        #expect(both.rows == [[.int(10), .int(11)], [.int(11), .int(10)]])
        let incoming = try run(
            "MATCH (a)<-[r]-(b) WHERE id(r) = $x RETURN a.i, b.i", ["x": row[0]], on: s, budget: 50)
        #expect(incoming.rows == [[.int(11), .int(10)]])
        #expect(try run("MATCH ()-[r:OTHER]->() WHERE id(r) = $x RETURN r", ["x": row[0]], on: s, budget: 50).rows.isEmpty)
        // Longer patterns expand from the seeked relationship.
        let longer = try run(
            "MATCH (a)-[r]->(b)-[s]->(c) WHERE id(r) = $x RETURN c.i, s.i", ["x": row[0]], on: s, budget: 50)
        #expect(longer.rows == [[.int(12), .int(11)]])
    }

    @Test func explainShowsTheSeeks() throws {
        let s = try chain()
        func plan(_ q: String) throws -> String { try run("EXPLAIN " + q, on: s).plan.joined(separator: "\n") }
        #expect(try plan("MATCH (n) WHERE elementId(n) = '4:ignitabull:1' RETURN n").contains("NodeByElementIdSeek(n)"))
        #expect(try plan("MATCH (n) WHERE id(n) IN [1, 2] RETURN n").contains("NodeByIdSeek(n)"))
        #expect(try plan("MATCH ()-[r]->() WHERE id(r) IN [1] RETURN r").contains("DirectedRelationshipByIdSeek(r)"))
        #expect(
            try plan("MATCH ()-[r]-() WHERE elementId(r) = 'x' RETURN r").contains(
                "UndirectedRelationshipByElementIdSeek(r)"))
        // Not a seek: the value depends on the pattern itself, or an earlier conjunct can fail.
        #expect(try plan("MATCH (n)-->(m) WHERE id(n) = id(m) RETURN n").contains("AllNodesScan"))
        #expect(try plan("MATCH (n) WHERE n.x / 0 = 1 AND id(n) = 1 RETURN n").contains("AllNodesScan"))
    }

    @Test func aFailingConjunctBeforeTheSeekStillFails() throws {
        let s = try chain()
        #expect(throws: CypherRuntimeError.self) {
            _ = try run("MATCH (n:P) WHERE n.i / 0 = 1 AND id(n) = 3 RETURN n", on: s)
        }
    }
}
