import CypherSyntax
import GraphStore
import Testing

@testable import CypherRuntime

/// LIMIT stops scans and expansions once enough rows exist when nothing after needs the rest (Neo4j's lazy
/// pipelines; Neo4j Browser's default `MATCH p=()-->() RETURN p LIMIT 25`). The work budget is the witness:
/// reading the whole graph costs at least 20,000 units here, the limited queries get 1,000.
@Suite struct EarlyTerminationTests {
    /// 2,000 :A nodes, each with 5 :R relationships to its own :B node.
    func graph() throws -> GraphStore {
        let s = GraphStore()
        _ = try CypherEngine.execute(
            "UNWIND range(1, 2000) AS i CREATE (a:A {i: i}) WITH a UNWIND range(1, 5) AS j CREATE (a)-[:R {j: j}]->(:B {j: j})",
            on: s)
        return s
    }

    @Test func browserDefaultQueriesStopEarly() throws {
        let s = try graph()
        let paths = try CypherEngine.execute("MATCH p=()-->() RETURN p LIMIT 25", on: s, budget: 1_000)
        #expect(paths.rows.count == 25)
        let nodes = try CypherEngine.execute("MATCH (n) RETURN n LIMIT 25", on: s, budget: 1_000)
        #expect(nodes.rows.count == 25)
        let labelled = try CypherEngine.execute("MATCH (n:B) RETURN n.j SKIP 10 LIMIT 5", on: s, budget: 1_000)
        #expect(labelled.rows.count == 5)
    }

    @Test func aWhereIsAppliedBeforeCountingTheLimit() throws {
        let s = try graph()
        let r = try CypherEngine.execute(
            "MATCH (a:A)-[r]->(b) WHERE r.j = 5 AND b.j > 4 RETURN a.i, b.j LIMIT 10", on: s, budget: 1_000)
        #expect(r.rows.count == 10)
        #expect(r.rows.allSatisfy { $0[1] == .int(5) })
        // Fewer matches than the limit: all of them, and the same as without the limit.
        let all = try CypherEngine.execute("MATCH (a:A) WHERE a.i > 1995 RETURN a.i", on: s)
        let limited = try CypherEngine.execute("MATCH (a:A) WHERE a.i > 1995 RETURN a.i LIMIT 100", on: s)
        #expect(limited.rows == all.rows)
        #expect(all.rows.count == 5)
    }

    @Test func orderingAggregationAndDistinctStillSeeEverything() throws {
        let s = try graph()
        for q in [
            "MATCH (a:A)-->(b) RETURN a.i ORDER BY a.i DESC LIMIT 1",
            "MATCH (a:A)-->(b) RETURN count(*) AS n LIMIT 1",
            "MATCH (a:A)-->(b) RETURN DISTINCT b.j LIMIT 5",
        ] {
            #expect(throws: CypherRuntimeError.self, "\(q)") {
                _ = try CypherEngine.execute(q, on: s, budget: 1_000)
            }
        }
        let ordered = try CypherEngine.execute("MATCH (a:A)-->(b) RETURN a.i ORDER BY a.i DESC LIMIT 1", on: s)
        #expect(ordered.rows == [[.int(2000)]])
    }

    @Test func optionalMatchAndSeveralInputRowsKeepTheirRows() throws {
        let s = try graph()
        let r = try CypherEngine.execute(
            "UNWIND [1, 2, 3] AS x OPTIONAL MATCH (a:A {i: x})-->(b) RETURN x, b.j LIMIT 7", on: s)
        #expect(r.rows.count == 7)
        #expect(r.rows.map { $0[0] } == [1, 1, 1, 1, 1, 2, 2].map { Value.int($0) })
        let none = try CypherEngine.execute("OPTIONAL MATCH (n:Missing) RETURN n LIMIT 3", on: s)
        #expect(none.rows == [[.null]])
        let zero = try CypherEngine.execute("MATCH (n) RETURN n LIMIT 0", on: s, budget: 10)
        #expect(zero.rows.isEmpty)
    }
}
