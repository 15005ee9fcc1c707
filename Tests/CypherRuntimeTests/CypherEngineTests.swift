import CypherSyntax
import GraphStore
import Testing

@testable import CypherRuntime

@Suite struct CypherEngineTests {
    func store(_ setup: String) throws -> GraphStore {
        let s = GraphStore()
        _ = try CypherEngine.execute(setup, on: s)
        return s
    }

    @Test func createMatchReturn() throws {
        let s = try store("CREATE (:Person {name: 'Ada', age: 36})-[:KNOWS {since: 1840}]->(:Person {name: 'Charles'})")
        let r = try CypherEngine.execute(
            "MATCH (a:Person)-[k:KNOWS]->(b) RETURN a.name AS a, b.name AS b, k.since AS since", on: s)
        #expect(r.columns == ["a", "b", "since"])
        #expect(r.rows == [[.string("Ada"), .string("Charles"), .int(1840)]])
        let counts = try CypherEngine.execute("MATCH (n) RETURN count(*) AS c, collect(n.name) AS names", on: s)
        #expect(counts.rows[0][0] == .int(2))
    }

    @Test func failedWriteLeavesTheStoreUnchanged() throws {
        let s = try store("CREATE (:A)")
        let version = s.snapshot.version
        #expect(throws: CypherRuntimeError.self) {
            _ = try CypherEngine.execute("CREATE (:B) WITH 1 AS one RETURN one / 0", on: s)
        }
        #expect(s.snapshot.version == version)
        #expect(s.snapshot.nodeCount == 1)
    }

    @Test func deletingAConnectedNodeIsClassified() throws {
        let s = try store("CREATE (:A)-[:R]->(:B)")
        do {
            _ = try CypherEngine.execute("MATCH (a:A) DELETE a", on: s)
            Issue.record("expected an error")
        } catch let error as CypherRuntimeError {
            #expect(error.code.classification == "ConstraintVerificationFailed")
            #expect(error.code.name == "DeleteConnectedNode")
        }
        let r = try CypherEngine.execute("MATCH (a:A) DETACH DELETE a", on: s)
        #expect(r.statistics.nodesDeleted == 1)
        #expect(r.statistics.relationshipsDeleted == 1)
    }

    @Test func integerOverflowIsAnError() throws {
        #expect(throws: CypherRuntimeError.self) {
            _ = try CypherEngine.execute("RETURN 9223372036854775807 + 1 AS x", on: GraphStore())
        }
    }

    @Test func runawayQueriesHitTheBudget() throws {
        do {
            _ = try CypherEngine.execute(
                "UNWIND range(1, 1000) AS a UNWIND range(1, 1000) AS b RETURN count(*)", on: GraphStore(),
                budget: 10_000)
            Issue.record("expected a resource limit")
        } catch let error as CypherRuntimeError {
            #expect(error.code == .resourceLimit)
        }
    }

    @Test func runawayQueriesHitTheTimeLimit() throws {
        do {
            _ = try CypherEngine.execute(
                // (A single range of 100,000,000 now fails its memory check at once.)
                "UNWIND range(1, 100000) AS i UNWIND range(1, 100000) AS j RETURN count(*)", on: GraphStore(),
                budget: Int.max,
                timeLimit: .milliseconds(50))
            Issue.record("expected a resource limit")
        } catch let error as CypherRuntimeError {
            #expect(error.code == .resourceLimit)
            #expect(error.message.contains("time"))
        }
    }

    @Test func startPointPrefersAConstraintSeekThenTheSmallestLabel() throws {
        let s = try store("UNWIND range(1, 50) AS i CREATE (:User {id: i})")
        _ = try CypherEngine.execute("CREATE (:Admin:User {id: 100})", on: s)
        try s.write { txn in try txn.createUniqueConstraint(name: "uid", label: "User", key: "id") }
        let g = s.snapshot
        let key = Expression(.integer(7), span: .none)
        let seek = NodePattern(
            variable: "n", labels: ["User"],
            properties: Expression(.map([MapEntry(key: "id", value: key)]), span: .none),
            span: .none)
        guard case .constraintSeek = StartPoint.choose(seek, row: [:], graph: g) else {
            Issue.record("expected a constraint seek")
            return
        }
        let scan = NodePattern(variable: "n", labels: ["User", "Admin"], properties: nil, span: .none)
        guard case .labelScan(let l) = StartPoint.choose(scan, row: [:], graph: g) else {
            Issue.record("expected a label scan")
            return
        }
        #expect(g.catalog.name(of: l) == "Admin")
        let r = try CypherEngine.execute("MATCH (n:User {id: 7}) RETURN n.id AS id", on: s)
        #expect(r.rows == [[.int(7)]])
    }

    @Test func orderingAndEquivalence() {
        #expect(Value.equals(.int(1), .float(1)) == true)
        #expect(Value.equals(.null, .int(1)) == nil)
        #expect(Value.equals(.list([.int(1), .null]), .list([.int(2), .null])) == false)
        #expect(Value.order(.string("a"), .int(1)) < 0)
        #expect(Value.order(.int(1), .null) < 0)
        #expect(Set([Value.int(1), .float(1), .null, .null]).count == 2)
    }
}

@Suite struct ExplainTests {
    @Test func explainDescribesTheStartPointWithoutRunning() throws {
        let s = GraphStore()
        _ = try CypherEngine.execute("UNWIND range(1, 20) AS i CREATE (:User {id: i})", on: s)
        _ = try CypherEngine.execute("CREATE (:Admin:User {id: 100})", on: s)
        try s.write { txn in try txn.createUniqueConstraint(name: "uid", label: "User", key: "id") }
        let seek = try CypherEngine.execute("EXPLAIN MATCH (n:User {id: 3})-[:R]->(m) RETURN m", on: s)
        #expect(seek.rows.isEmpty)
        #expect(seek.plan.first?.contains("NodeUniqueIndexSeek(n:User {id})") == true)
        let scan = try CypherEngine.execute("EXPLAIN MATCH (n:User:Admin) RETURN count(*)", on: s)
        #expect(scan.plan.first?.contains("NodeByLabelScan(n:Admin)") == true)
        #expect(scan.plan.last == "RETURN: EagerAggregation")
        let write = try CypherEngine.execute("EXPLAIN CREATE (:New)", on: s)
        #expect(write.plan == ["Create"])
        #expect(s.snapshot.nodeCount == 21)
        let profile = try CypherEngine.execute("PROFILE MATCH (n:Admin) RETURN n.id AS id", on: s)
        #expect(profile.rows == [[.int(100)]])
        #expect(profile.plan.last == "Rows: 1")
    }

    /// `WHERE n.key = e` on a constrained key seeks the constraint's index, as `{key: e}` does, with the same
    /// answers as a scan: rows of an UNWIND, a float equal to an integer id, null, a value of another type, and
    /// a WHERE that also rules rows out.
    @Test func whereEqualityOnAConstrainedKeySeeks() throws {
        let s = GraphStore()
        _ = try CypherEngine.execute("UNWIND range(1, 300) AS i CREATE (:User {id: i, name: 'u' + toString(i)})", on: s)
        let queries = [
            "UNWIND [3, 7.0, 300, 301, null, '7'] AS k MATCH (n:User) WHERE n.id = k RETURN k, n.name ORDER BY n.name",
            "UNWIND [{id: 5}, {id: 9}] AS row MATCH (n:User) WHERE row.id = n.id AND n.name <> 'u9' RETURN n.name",
            "MATCH (n:User) WHERE n.id = $id RETURN n.name",
        ]
        let scans = try queries.map { try CypherEngine.execute($0, parameters: ["id": .int(42)], on: s).rows }
        try s.write { txn in try txn.createUniqueConstraint(name: "uid", label: "User", key: "id") }
        for (q, scanned) in zip(queries, scans) {
            #expect(try CypherEngine.execute(q, parameters: ["id": .int(42)], on: s).rows == scanned, "\(q)")
            let plan = try CypherEngine.execute("EXPLAIN " + q, parameters: ["id": .int(42)], on: s).plan.joined(separator: " ")
            #expect(plan.contains("NodeUniqueIndexSeek(n:User {id})"), "\(plan)")
        }
        #expect(scans[0].count == 3 && scans[1].count == 1 && scans[2] == [[.string("u42")]])
    }
}
