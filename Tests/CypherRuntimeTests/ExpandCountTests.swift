import CypherSyntax
import GraphStore
import Testing

@testable import CypherRuntime

/// The fused expand-and-count operator must give exactly what row-by-row matching gives. Each query is run as
/// written (fused: only count(*) over the end nodes) and in a form that reads an inner variable, which the
/// planner cannot fuse, as the oracle.
@Suite struct ExpandCountTests {
    /// A random graph with multi-edges and self-loops: customers buying products, products linked to products.
    func randomStore(seed: UInt64) throws -> GraphStore {
        let store = GraphStore()
        var rng = SplitMix(seed)
        try store.write { txn in
            try txn.createUniqueConstraint(label: "Customer", key: "id")
            var customers: [NodeID] = []
            var products: [NodeID] = []
            for i in 0..<30 {
                customers.append(try txn.createNode(labels: ["Customer"], properties: ["id": .string("c\(i)")]))
            }
            for i in 0..<20 {
                var labels = ["Product"]
                if i % 3 == 0 { labels.append("Featured") }
                products.append(
                    try txn.createNode(labels: labels, properties: ["id": .int(Int64(i)), "tier": .int(Int64(i % 2))]))
            }
            for _ in 0..<200 {
                let c = customers[rng.below(customers.count)]
                let p = products[rng.below(products.count)]
                try txn.createRelationship(from: c, to: p, type: "PURCHASED")
            }
            for _ in 0..<40 {
                let a = products[rng.below(products.count)]
                let b = rng.below(4) == 0 ? a : products[rng.below(products.count)]
                try txn.createRelationship(from: a, to: b, type: "SIMILAR_TO")
            }
        }
        return store
    }

    func rows(_ query: String, _ store: GraphStore, _ parameters: [String: Value] = [:]) throws -> [[Value]] {
        try CypherEngine.execute(query, parameters: parameters, on: store).rows
    }

    func sorted(_ rows: [[Value]]) -> [[Value]] {
        rows.sorted { a, b in
            for (x, y) in zip(a, b) {
                let c = Value.order(x, y)
                if c != 0 { return c < 0 }
            }
            return false
        }
    }

    static let pairs: [(fused: String, oracle: String)] = [
        (
            "MATCH (c:Customer {id: $id})-[:PURCHASED]->(p:Product)<-[:PURCHASED]-(o:Customer)-[:PURCHASED]->(rec:Product) WHERE NOT (c)-[:PURCHASED]->(rec) RETURN rec.id, count(*) AS score",
            "MATCH (c:Customer {id: $id})-[:PURCHASED]->(p:Product)<-[:PURCHASED]-(o:Customer)-[:PURCHASED]->(rec:Product) WHERE NOT (c)-[:PURCHASED]->(rec) RETURN rec.id, count(o) AS score"
        ),
        (
            "MATCH (c:Customer)-[:PURCHASED]->(:Product)<-[:PURCHASED]-(o:Customer) RETURN c.id, o.id, count(*)",
            "MATCH (c:Customer)-[:PURCHASED]->(x:Product)<-[:PURCHASED]-(o:Customer) RETURN c.id, o.id, count(x)"
        ),
        (
            "MATCH (a:Product)-[:SIMILAR_TO]-(b)-[:SIMILAR_TO]-(z) RETURN a.id, z.id, count(*)",
            "MATCH (a:Product)-[:SIMILAR_TO]-(b)-[:SIMILAR_TO]-(z) RETURN a.id, z.id, count(b)"
        ),
        (
            "MATCH (c:Customer {id: $id})-[:PURCHASED]->(:Featured {tier: 0})<-[:PURCHASED]-(o) RETURN count(*)",
            "MATCH (c:Customer {id: $id})-[:PURCHASED]->(f:Featured {tier: 0})<-[:PURCHASED]-(o) RETURN count(f)"
        ),
        (
            "MATCH (c:Customer)-[:PURCHASED]->()-[:SIMILAR_TO]->(p:Product {id: 3}) RETURN c.id AS id, count(*) AS n ORDER BY n DESC, id",
            "MATCH (c:Customer)-[:PURCHASED]->(x)-[:SIMILAR_TO]->(p:Product {id: 3}) RETURN c.id AS id, count(x) AS n ORDER BY n DESC, id"
        ),
        (
            "MATCH (c:Customer {id: $id}) WITH c MATCH (c)-[:PURCHASED]->()<-[:PURCHASED]-(o) WITH o, count(*) AS n WHERE n > 1 RETURN o.id, n",
            "MATCH (c:Customer {id: $id}) WITH c MATCH (c)-[:PURCHASED]->(x)<-[:PURCHASED]-(o) WITH o, count(x) AS n WHERE n > 1 RETURN o.id, n"
        ),
        (
            "MATCH (c:Customer {id: $id})-[:PURCHASED]->(:Product)<-[:PURCHASED]-(o:Customer) WHERE o <> c RETURN o.id AS id, count(*) AS n ORDER BY n DESC, id LIMIT 3",
            "MATCH (c:Customer {id: $id})-[:PURCHASED]->(x:Product)<-[:PURCHASED]-(o:Customer) WHERE o <> c RETURN o.id AS id, count(x) AS n ORDER BY n DESC, id LIMIT 3"
        ),
        (
            "MATCH (c:Customer {id: $id})-[:PURCHASED]->()<-[:PURCHASED]-(o) RETURN o, count(*) ORDER BY count(*) DESC, o.id SKIP 1 LIMIT 2",
            "MATCH (c:Customer {id: $id})-[:PURCHASED]->(x)<-[:PURCHASED]-(o) RETURN o, count(x) ORDER BY count(x) DESC, o.id SKIP 1 LIMIT 2"
        ),
        (
            "MATCH (a)-[:PURCHASED|SIMILAR_TO]->(b)<-[:SIMILAR_TO]-(z) WHERE a <> z RETURN count(*)",
            "MATCH (a)-[:PURCHASED|SIMILAR_TO]->(b)<-[:SIMILAR_TO]-(z) WHERE a <> z RETURN count(b)"
        ),
        // Named relationships that nothing reads are counted like anonymous ones.
        (
            "MATCH (c:Customer {id: $id})-[r:PURCHASED]->(p:Product) RETURN count(*)",
            "MATCH (c:Customer {id: $id})-[r:PURCHASED]->(p:Product) RETURN count(r)"
        ),
        (
            "MATCH (c:Customer {id: $id})-[r1:PURCHASED]->(:Product)<-[r2:PURCHASED]-(o) RETURN o.id AS id, count(*) AS n ORDER BY n DESC, id",
            "MATCH (c:Customer {id: $id})-[r1:PURCHASED]->(x:Product)<-[r2:PURCHASED]-(o) RETURN o.id AS id, count(r2) AS n ORDER BY n DESC, id"
        ),
    ]

    @Test(arguments: 0..<pairs.count)
    func fusedCountsMatchRowByRowMatching(index: Int) throws {
        let (fused, oracle) = Self.pairs[index]
        for seed in 1...4 as ClosedRange<UInt64> {
            let store = try randomStore(seed: seed)
            for id in ["c0", "c7", "c19", "nobody"] {
                let params: [String: Value] = fused.contains("$id") ? ["id": .string(id)] : [:]
                let got = try rows(fused, store, params)
                let want = try rows(oracle, store, params)
                #expect(sorted(got) == sorted(want), "seed \(seed), id \(id)")
                if fused.contains("ORDER BY") { #expect(got == want) }
                if !fused.contains("$id") { break }
            }
        }
    }

    /// The operator's scratch is kept between statements: one stopped halfway (out of budget) must not leave
    /// counts behind for the next.
    @Test func aStatementStoppedMidWalkLeavesNoCountsForTheNext() throws {
        let store = try randomStore(seed: 3)
        let (fused, oracle) = Self.pairs[1]
        let want = try rows(oracle, store)
        for budget in [5, 50, 500] {
            #expect(throws: (any Error).self) { _ = try CypherEngine.execute(fused, on: store, budget: budget) }
            #expect(sorted(try rows(fused, store)) == sorted(want), "after a stop at budget \(budget)")
        }
    }

    @Test func explainShowsTheFusedOperatorOnlyWhenItApplies() throws {
        let store = try randomStore(seed: 1)
        let fused = try CypherEngine.execute("EXPLAIN " + Self.pairs[0].fused, parameters: ["id": .string("c0")], on: store)
        #expect(fused.plan.joined(separator: "\n").contains("ExpandCount"))
        let plain = try CypherEngine.execute("EXPLAIN " + Self.pairs[0].oracle, parameters: ["id": .string("c0")], on: store)
        #expect(!plain.plan.joined(separator: "\n").contains("ExpandCount"))
        // A named relationship fuses only while nothing reads it and it is new to this MATCH.
        for (query, fuses) in [
            ("MATCH (c:Customer {id: $id})-[r:PURCHASED]->(p) RETURN p.id, count(*)", true),
            ("MATCH (c:Customer {id: $id})-[r:PURCHASED]->(p) WHERE r.quantity > 1 RETURN count(*)", false),
            ("MATCH (c:Customer {id: $id})-[r:PURCHASED]->(p) RETURN r.quantity, count(*)", false),
            ("MATCH ()-[r:PURCHASED]->() WITH r LIMIT 1 MATCH (c)-[r]->(p) RETURN count(*)", false),
            ("MATCH (c:Customer {id: $id})-[r:PURCHASED*1..2]->(p) RETURN count(*)", false),
        ] {
            let plan = try CypherEngine.execute("EXPLAIN " + query, parameters: ["id": .string("c0")], on: store).plan
            #expect(plan.joined(separator: "\n").contains("ExpandCount") == fuses, "\(query)")
        }
    }

    @Test func topPathsAppliesOnlyToCountOrderedProjectionsOverTheEndNode() throws {
        func plan(_ q: String) throws -> ExpandCount? {
            let statement = try SemanticChecker.compile(q, procedures: [:], parameters: ["id"])
            guard case .query(let query) = statement.kind, case .match(let m) = query.parts[0].clauses[0].kind else {
                return nil
            }
            switch query.parts[0].clauses[1].kind {
            case .return(let p), .with(let p): return ExpandCount.plan(m, then: p, bound: [])
            default: return nil
            }
        }
        let shape = "MATCH (c:Customer {id: $id})-[:PURCHASED]->()<-[:PURCHASED]-(o) "
        #expect(try plan(shape + "RETURN o.id, count(*) AS n ORDER BY n DESC LIMIT 5")?.top != nil)
        #expect(try plan(shape + "RETURN o, count(*) ORDER BY count(*) DESC LIMIT 5")?.top != nil)
        #expect(try plan(shape + "RETURN o.id, count(*) AS n ORDER BY n LIMIT 5")?.top == nil)
        #expect(try plan(shape + "RETURN o.id, count(*) AS n ORDER BY n DESC")?.top == nil)
        #expect(try plan(shape + "RETURN o.id + 1 AS k, count(*) AS n ORDER BY n DESC LIMIT 5")?.top == nil)
        #expect(try plan(shape + "RETURN o.id, count(*) AS n ORDER BY o.id DESC LIMIT 5")?.top == nil)
    }

    @Test func topPathsFallsBackToTheFullRankingWhenTheWhereRejectsTheBest() throws {
        // Product r_j is bought by co-buyers o_1 ... o_j, so it is reached by j paths; the WHERE keeps only
        // ranks below 10, the products with the fewest paths, so the bounded selection of the best is exhausted.
        let store = GraphStore()
        _ = try CypherEngine.execute("CREATE CONSTRAINT FOR (p:Product) REQUIRE p.rank IS UNIQUE", on: store)
        _ = try CypherEngine.execute(
            """
            CREATE (c:Customer {id: 'c'})-[:PURCHASED]->(p:Product {rank: 0})
            WITH p UNWIND range(1, 60) AS j
            CREATE (:Customer {id: 'o' + toString(j)})-[:PURCHASED]->(p), (:Product {rank: j})
            """, on: store)
        _ = try CypherEngine.execute(
            """
            MATCH (o:Customer), (r:Product)
            WHERE o.id <> 'c' AND r.rank > 0 AND toInteger(substring(o.id, 1)) <= r.rank
            CREATE (o)-[:PURCHASED]->(r)
            """, on: store)
        let shape = "MATCH (c:Customer {id: 'c'})-[:PURCHASED]->(:Product)<-[:PURCHASED]-(o:Customer)-[:PURCHASED]->(rec:Product) WHERE NOT (c)-[:PURCHASED]->(rec) AND rec.rank < 10 "
        let fused = try rows(shape + "RETURN rec.rank AS rank, count(*) AS n ORDER BY n DESC, rank LIMIT 2", store)
        let oracle = try rows(
            shape + "RETURN rec.rank AS rank, count(o) AS n ORDER BY n DESC, rank LIMIT 2", store)
        #expect(fused == [[.int(9), .int(9)], [.int(8), .int(8)]])
        #expect(fused == oracle)
    }

    @Test func topPathsKeepsTiesAtTheBoundary() throws {
        // Four co-buyers share one product each with c: all tie at 1, so LIMIT 2 must still see all four
        // before ordering by id.
        let store = GraphStore()
        _ = try CypherEngine.execute("CREATE CONSTRAINT FOR (c:Customer) REQUIRE c.id IS UNIQUE", on: store)
        _ = try CypherEngine.execute(
            """
            CREATE (c:Customer {id: 'c'}), (p:Product)
            CREATE (c)-[:PURCHASED]->(p)
            WITH p UNWIND ['d', 'b', 'e', 'a'] AS id
            CREATE (:Customer {id: id})-[:PURCHASED]->(p)
            """, on: store)
        let r = try rows(
            "MATCH (c:Customer {id: 'c'})-[:PURCHASED]->()<-[:PURCHASED]-(o:Customer) WHERE o <> c RETURN o.id AS id, count(*) AS n ORDER BY n DESC, id LIMIT 2",
            store)
        #expect(r == [[.string("a"), .int(1)], [.string("b"), .int(1)]])
    }

    @Test func uniquenessHoldsAcrossMultiEdges() throws {
        // c bought p twice: the two relationships are different, so c reaches itself through p twice (r1 then r2,
        // r2 then r1), but never through the same relationship.
        let store = GraphStore()
        _ = try CypherEngine.execute(
            "CREATE (c:Customer {id: 'c'}), (p:Product), (c)-[:PURCHASED]->(p), (c)-[:PURCHASED]->(p)", on: store)
        let r = try rows(
            "MATCH (a:Customer {id: 'c'})-[:PURCHASED]->()<-[:PURCHASED]-(b) RETURN b.id, count(*)", store)
        #expect(r == [[.string("c"), .int(2)]])
    }
}

/// A small deterministic generator for the random graphs.
struct SplitMix {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
