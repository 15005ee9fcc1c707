import CypherSyntax
import GraphStore
import Testing

@testable import CypherRuntime

/// The Top operator (`ORDER BY … LIMIT`) must give exactly the first rows of the full, stable sort: the same query
/// without its LIMIT (a plain Sort) is the oracle, ties included.
@Suite struct TopTests {
    /// Products bought by customers with a weight that repeats (many ties) and is sometimes missing (nulls).
    func store(seed: UInt64) throws -> GraphStore {
        let store = GraphStore()
        var rng = SplitMix(seed)
        try store.write { txn in
            var customers: [NodeID] = []
            var products: [NodeID] = []
            for i in 0..<25 { customers.append(try txn.createNode(labels: ["Customer"], properties: ["id": .string("c\(i)")])) }
            for i in 0..<15 {
                products.append(try txn.createNode(labels: ["Product"], properties: ["id": .int(Int64(i)), "tier": .int(Int64(i % 3))]))
            }
            for _ in 0..<300 {
                let w = rng.below(7)
                // `m` mixes types (strings order after numbers) and is missing where `w` is.
                let m: PropertyValue = w % 3 == 0 ? .string("s\(w)") : .double(Double(w) / 2)
                let props: [String: PropertyValue] = w == 0 ? [:] : ["w": .int(Int64(w)), "m": m]
                try txn.createRelationship(
                    from: customers[rng.below(customers.count)], to: products[rng.below(products.count)],
                    type: "PURCHASED", properties: props)
            }
        }
        return store
    }

    /// (query with LIMIT, the same ordered without it, SKIP, LIMIT)
    static let cases: [(String, Int, Int)] = [
        ("MATCH (p:Product {id: $id})<-[r:PURCHASED]-(c) RETURN c.id AS id, r.w AS w ORDER BY w DESC", 0, 5),
        ("MATCH (p:Product {id: $id})<-[r:PURCHASED]-(c) RETURN c.id, r.w ORDER BY r.w, c.id DESC", 2, 4),
        ("MATCH (p:Product)<-[r:PURCHASED]-(c) RETURN p.tier AS p, c.id AS c ORDER BY p DESC, c", 3, 7),
        ("MATCH (p:Product)<-[r:PURCHASED]-(c) RETURN DISTINCT c.id AS id, p.tier AS t ORDER BY t, id DESC", 1, 6),
        ("MATCH (p:Product)<-[r:PURCHASED]-(c) RETURN c.id AS id, sum(r.w) AS s ORDER BY s DESC, id", 0, 3),
        ("MATCH (p:Product)<-[r:PURCHASED]-(c) WITH c, r.w AS w WHERE w > 2 RETURN c.id AS id, w ORDER BY w", 0, 9),
        ("MATCH (p:Product)<-[r:PURCHASED]-(c) RETURN c.id AS id, r.w AS w ORDER BY w * -1, id", 4, 0),
        ("MATCH (p:Product)<-[r:PURCHASED]-(c) RETURN c.id AS id ORDER BY [x IN [r.w] | x][0] DESC", 0, 8),
        // Shapes the Top filter takes (`TopPrefilter`): keys read per relationship before the row is built.
        ("MATCH (p:Product {id: $id})<-[r:PURCHASED]-(c) RETURN c.id AS id, r.m AS m ORDER BY m DESC", 0, 4),
        ("MATCH (c:Customer)-[r:PURCHASED]->(p:Product) WHERE p.tier <> 1 RETURN c.id AS c, p.id AS p, r.w AS w ORDER BY w DESC, p", 0, 6),
        ("UNWIND [0, 4, 11] AS i MATCH (p:Product {id: i})-[r:PURCHASED]-(c) RETURN i, c.id AS c, r.w ORDER BY r.w", 1, 3),
        ("MATCH (p:Product {id: $id})<-[r:PURCHASED]-(c) RETURN c.id AS id ORDER BY p.tier, r.w DESC, c.id", 0, 5),
        ("MATCH (c:Customer)-[r:PURCHASED]->(p:Product {tier: 2}) RETURN p.id AS id, c.id AS c ORDER BY r.m, id DESC", 2, 5),
        ("MATCH (p:Product {id: $id})<-[r:PURCHASED]-(c) RETURN r.w AS c, c.id AS id ORDER BY c.id DESC", 0, 3),
    ]

    @Test(arguments: 0..<cases.count)
    func topEqualsThePrefixOfTheFullSort(index: Int) throws {
        let (sorted, skip, limit) = Self.cases[index]
        for seed in 1...3 as ClosedRange<UInt64> {
            let store = try store(seed: seed)
            for id in [0, 4, 11] {
                let parameters: [String: Value] = ["id": .int(Int64(id))]
                let all = try CypherEngine.execute(sorted, parameters: parameters, on: store).rows
                let top = try CypherEngine.execute(
                    sorted + (skip > 0 ? " SKIP \(skip)" : "") + " LIMIT \(limit)", parameters: parameters, on: store
                ).rows
                #expect(top == Array(all.dropFirst(skip).prefix(limit)), "seed \(seed), id \(id)")
                #expect(top.count == min(limit, max(0, all.count - skip)))
            }
        }
    }

    @Test func explainShowsTopForOrderByWithLimitOnly() throws {
        let store = try store(seed: 1)
        let one = "MATCH (p:Product {id: $id})<-[r:PURCHASED]-(c) RETURN c.id AS id ORDER BY r.w DESC"
        let top = try CypherEngine.execute("EXPLAIN " + one + " LIMIT 10", parameters: ["id": .int(1)], on: store).plan
        #expect(top.last?.hasSuffix("Projection -> Top") == true, "\(top)")
        let sort = try CypherEngine.execute("EXPLAIN " + one, parameters: ["id": .int(1)], on: store).plan
        #expect(sort.last?.hasSuffix("Projection -> Sort") == true, "\(sort)")
        let skip = try CypherEngine.execute("EXPLAIN " + one + " SKIP 2 LIMIT 3", parameters: ["id": .int(1)], on: store)
        #expect(skip.plan.last?.hasSuffix("Top -> Skip") == true, "\(skip.plan)")
    }

    @Test func explainShowsTheTopFilterOnlyWhereItApplies() throws {
        let store = try store(seed: 1)
        func plan(_ q: String) throws -> String {
            try CypherEngine.execute("EXPLAIN " + q, parameters: ["id": .int(1)], on: store).plan.joined(separator: " | ")
        }
        let hop = "MATCH (p:Product {id: $id})<-[r:PURCHASED]-(c) RETURN c.id AS id, r.w AS w"
        #expect(try plan(hop + " ORDER BY w DESC LIMIT 3").contains("TopFilter(r.w)"))
        #expect(try plan(hop + " ORDER BY c.id, w SKIP 1 LIMIT 3").contains("TopFilter(c.id, r.w)"))
        // No LIMIT, an aggregate, DISTINCT, two hops, a computed key, a shadowing name: no filter.
        #expect(try !plan(hop + " ORDER BY w DESC").contains("TopFilter"))
        #expect(try !plan("MATCH (p:Product {id: $id})<-[r:PURCHASED]-(c) RETURN c.id AS id, count(*) AS n ORDER BY n LIMIT 3").contains("TopFilter"))
        #expect(try !plan("MATCH (p:Product {id: $id})<-[r:PURCHASED]-(c) RETURN DISTINCT c.id AS id ORDER BY id LIMIT 3").contains("TopFilter"))
        #expect(try !plan("MATCH (p:Product {id: $id})<-[:PURCHASED]-(c)-[r:PURCHASED]->(q) RETURN q.id AS id ORDER BY r.w LIMIT 3").contains("TopFilter"))
        #expect(try !plan(hop + " ORDER BY r.w * 2 LIMIT 3").contains("TopFilter"))
        #expect(try !plan("MATCH (p:Product {id: $id})<-[r:PURCHASED]-(c) RETURN r.w AS c ORDER BY c.id LIMIT 3").contains("TopFilter"))
    }

    @Test func limitAndSkipErrorsAreKept() throws {
        let store = try store(seed: 1)
        let q = "MATCH (c:Customer) RETURN c.id AS id ORDER BY id"
        #expect(throws: CypherRuntimeError.self) { try CypherEngine.execute(q + " LIMIT $n", parameters: ["n": .int(-1)], on: store) }
        #expect(throws: CypherRuntimeError.self) { try CypherEngine.execute(q + " SKIP $n LIMIT 2", parameters: ["n": .string("x")], on: store) }
        #expect(try CypherEngine.execute(q + " LIMIT 0", on: store).rows.isEmpty)
    }
}
