import CypherSyntax
import GraphStore
import Testing

@testable import CypherRuntime

@Suite struct FilterPushdownTests {
    /// 200 :A nodes (one with x = 1), each linked to 50 :B nodes: 10,000 relationships.
    func fan() throws -> GraphStore {
        let s = GraphStore()
        _ = try CypherEngine.execute(
            """
            UNWIND range(0, 199) AS i
            CREATE (a:A {x: CASE WHEN i = 7 THEN 1 ELSE 0 END})
            WITH a, i UNWIND range(1, 50) AS j
            CREATE (a)-[:R]->(:B {k: CASE WHEN i = 7 THEN null ELSE j END})
            """, on: s)
        return s
    }

    @Test func aConjunctOnOneNodeIsCheckedBeforeExpanding() throws {
        let s = try fan()
        // Matching first and filtering after would expand all 10,000 relationships; the budget allows 2,000.
        let r = try CypherEngine.execute("MATCH (a:A)-[:R]->(b) WHERE a.x = 1 RETURN count(b)", on: s, budget: 2_000)
        #expect(r.rows == [[.int(50)]])
        let both = try CypherEngine.execute(
            "MATCH (a:A)-[:R]->(b:B) WHERE a.x = 1 AND b.k IS NULL RETURN count(*)", on: s, budget: 2_000)
        #expect(both.rows == [[.int(50)]])
        #expect(
            FilterPushdown.nodeFilters(
                try whereOf("MATCH (a)-->(b) WHERE a.x = 1 AND b.y > 2 AND a.x + b.y = 3 RETURN a"),
                pattern: try patternOf("MATCH (a)-->(b) RETURN a")
            ).mapValues(\.count) == ["a": 1, "b": 1])
    }

    @Test func errorsOfEarlierConjunctsAreKept() throws {
        let s = try fan()
        // b.k / 0 fails on every row except those of the x = 1 node (whose k is null). It comes first, so the
        // query must fail as unfiltered evaluation does, even though a.x = 1 alone would remove those rows.
        #expect(throws: CypherRuntimeError.self) {
            _ = try CypherEngine.execute("MATCH (a:A)-[:R]->(b) WHERE b.k / 0 = 1 AND a.x = 1 RETURN count(*)", on: s)
        }
        let filters = FilterPushdown.nodeFilters(
            try whereOf("MATCH (a)-->(b) WHERE b.k / 0 = 1 AND a.x = 1 RETURN a"),
            pattern: try patternOf("MATCH (a)-->(b) RETURN a"))
        #expect(filters["a"] == nil)
    }

    /// The pushed-down comparisons that read a property and compare it directly (`v.key op e`) answer as the same
    /// WHERE behind WITH, which the evaluator runs: nulls, a missing key, mixed types, flipped operands, parameters,
    /// an operand that fails (left to the WHERE, which raises) and a failing conjunct after a false test.
    @Test func directPropertyTestsAgreeWithTheEvaluator() throws {
        let s = GraphStore()
        _ = try CypherEngine.execute(
            """
            UNWIND range(0, 59) AS i
            CREATE (:P {x: CASE i % 4 WHEN 0 THEN i WHEN 1 THEN toFloat(i) / 2 WHEN 2 THEN toString(i) ELSE null END,
                        y: i % 5})
            """, on: s)
        let parameters: [String: Value] = ["lo": .int(10), "s": .string("3")]
        for condition in [
            "p.x > 20", "20 < p.x", "p.x >= $lo AND p.y = 2", "p.x = 8.0", "p.x <> 4", "p.x < $s", "p.nothing = 1",
            "p.x IS NULL", "p.y = 3 AND p.x + 1 > 10", "p.x > 'a' AND p.y <> 1", "p.y = 9 AND p.y / 0 = 1",
        ] {
            let pushed = try CypherEngine.execute(
                "MATCH (p:P) WHERE \(condition) RETURN p.x, p.y ORDER BY p.y, toString(p.x)",
                parameters: parameters, on: s)
            let plain = try CypherEngine.execute(
                "MATCH (p:P) WITH p WHERE \(condition) RETURN p.x, p.y ORDER BY p.y, toString(p.x)",
                parameters: parameters, on: s)
            #expect(pushed.rows == plain.rows, "\(condition)")
        }
        for failing in ["p.x > 1 / 0", "p.y / 0 = 1 AND p.x > 3"] {
            #expect(throws: CypherRuntimeError.self, "\(failing)") {
                _ = try CypherEngine.execute("MATCH (p:P) WHERE \(failing) RETURN count(p)", on: s)
            }
        }
    }

    @Test func pushedAndUnpushedQueriesAgree() throws {
        let s = try fan()
        let pushed = try CypherEngine.execute(
            "MATCH (a:A)-[:R]->(b:B) WHERE b.k > 45 AND a.x = 0 RETURN b.k AS k, count(*) AS n ORDER BY k", on: s)
        // The same filter behind WITH cannot be pushed into the MATCH.
        let plain = try CypherEngine.execute(
            "MATCH (a:A)-[:R]->(b:B) WITH a, b WHERE b.k > 45 AND a.x = 0 RETURN b.k AS k, count(*) AS n ORDER BY k",
            on: s)
        #expect(pushed.rows == plain.rows)
        #expect(pushed.rows.count == 5)
    }

    func statement(_ q: String) throws -> Query {
        guard case .query(let query) = try SemanticChecker.compile(q, procedures: nil, parameters: nil).kind else {
            throw CypherRuntimeError(.unsupported, "not a query")
        }
        return query
    }

    func whereOf(_ q: String) throws -> Expression {
        guard case .match(let m) = try statement(q).parts[0].clauses[0].kind, let w = m.whereClause else {
            throw CypherRuntimeError(.unsupported, "no WHERE")
        }
        return w
    }

    func patternOf(_ q: String) throws -> [PatternPart] {
        guard case .match(let m) = try statement(q).parts[0].clauses[0].kind else {
            throw CypherRuntimeError(.unsupported, "no MATCH")
        }
        return m.pattern.parts
    }
}
