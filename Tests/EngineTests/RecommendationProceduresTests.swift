import CypherRuntime
import Engine
import GraphStore
import Recommend
import Testing

@Suite struct RecommendationProceduresTests {
    /// Customers '12347' (bought a, b) and '12348' (bought a, b, c, d in one invoice); mined pairs.
    static func database() throws -> Database {
        let db = Database()
        try db.graph.write { txn in
            try txn.createUniqueConstraint(label: "Customer", key: "id")
            try txn.createUniqueConstraint(label: "Product", key: "id")
            var p: [String: NodeID] = [:]
            for name in ["a", "b", "c", "d"] {
                p[name] = try txn.createNode(
                    labels: ["Product"], properties: ["id": .string(name), "description": .string("item \(name)")])
            }
            let c1 = try txn.createNode(labels: ["Customer"], properties: ["id": "12347"])
            let c2 = try txn.createNode(labels: ["Customer"], properties: ["id": "12348"])
            for (c, item, invoice, t) in [
                (c1, "a", "1", 10), (c1, "b", "1", 10), (c2, "a", "2", 5), (c2, "b", "2", 5),
                (c2, "c", "2", 5), (c2, "d", "3", 6),
            ] {
                try txn.createRelationship(
                    from: c, to: p[item]!, type: "PURCHASED",
                    properties: ["invoice": .string(invoice), "timestamp": .int(Int64(t))])
            }
        }
        _ = try db.mineFrequentlyBoughtTogether(thresholds: .init(minCount: 1, minLift: 0))
        return db
    }

    func ids(_ r: QueryResult, _ column: Int = 0) -> [String] {
        r.rows.map { row in
            guard case .string(let s) = row[column] else { return "?" }
            return s
        }
    }

    @Test func forCustomerYieldsProductScoreAndReason() throws {
        let db = try Self.database()
        let r = try db.query(
            "CALL rec.forCustomer('12347', 10) YIELD product, score, reason RETURN product.id AS id, score, reason")
        #expect(r.columns == ["id", "score", "reason"])
        #expect(Set(ids(r)) == ["c", "d"])  // a and b are owned
        for row in r.rows {
            guard case .float(let score) = row[1], case .string(let reason) = row[2] else {
                Issue.record("bad row \(row)")
                continue
            }
            #expect(score > 0)
            #expect(reason.contains("you purchased"))
        }
    }

    @Test func everyProcedureRuns() throws {
        let db = try Self.database()
        #expect(
            Set(db.procedures.map(\.name)).isSuperset(of: [
                "rec.forCustomer", "rec.forCustomerWith", "rec.similar", "rec.alsoBought", "rec.frequentlyBoughtWith",
                "rec.popular", "rec.trending",
            ]))
        #expect(ids(try db.query("CALL rec.popular(2) YIELD product RETURN product.id")) == ["a", "b"])
        #expect(ids(try db.query("CALL rec.trending(4) YIELD product RETURN product.id")).count == 4)
        #expect(ids(try db.query("CALL rec.alsoBought('a', 5) YIELD product RETURN product.id")).first == "b")
        #expect(ids(try db.query("CALL rec.frequentlyBoughtWith('a', 5) YIELD product RETURN product.id")).first == "b")
        #expect(ids(try db.query("CALL rec.similar('c', 1) YIELD product RETURN product.id")).count == 1)
        let viaNode = try db.query(
            "MATCH (c:Customer {id: '12347'}) CALL rec.forCustomerWith(c, 1, 'item-knn') YIELD product RETURN product.id"
        )
        #expect(ids(viaNode).count == 1)
        // An unknown customer gets cold-start picks; an unknown product yields nothing.
        // (c and d have one buyer each; d was bought more recently, so it trends higher.)
        #expect(
            ids(try db.query("CALL rec.forCustomer('nobody', 3) YIELD product RETURN product.id")) == ["a", "b", "d"])
        #expect(try db.query("CALL rec.similar('nothing', 3) YIELD product RETURN product.id").rows.isEmpty)
    }

    @Test func badArgumentsAreErrors() throws {
        let db = try Self.database()
        #expect(throws: CypherRuntimeError.self) {
            try db.query("CALL rec.forCustomer('12347', 0) YIELD product RETURN product")
        }
        #expect(throws: CypherRuntimeError.self) {
            try db.query("CALL rec.forCustomerWith('12347', 3, 'magic') YIELD product RETURN product")
        }
        #expect(throws: CypherRuntimeError.self) {
            try db.query("CALL rec.similar(1.5, 3) YIELD product RETURN product")
        }
    }
}
