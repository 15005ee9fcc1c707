import Engine
import GraphStore
import HTTPTypes
import Hummingbird
import QueryServer
import Recommend
import Testing
import TestSupport

@Suite struct RecommenderRoutesTests {
    static func database(purchases: Bool = true) throws -> Database {
        let db = Database()
        try db.graph.write { txn in
            try txn.createUniqueConstraint(label: "Customer", key: "id")
            try txn.createUniqueConstraint(label: "Product", key: "id")
            let products = try (0..<40).map {
                try txn.createNode(labels: ["Product"], properties: ["id": .string("p\($0)")])
            }
            let customers = try (0..<160).map {
                try txn.createNode(labels: ["Customer"], properties: ["id": .string("c\($0)")])
            }
            guard purchases else { return }
            for (c, p, t) in PlantedPurchases.generate(customers: 160, products: 40, seed: 2) {
                try txn.createRelationship(
                    from: customers[c], to: products[p], type: "PURCHASED", properties: ["timestamp": .int(t)])
            }
        }
        return db
    }

    @Test func theModelSelectionIsExposed() async throws {
        let db = try Self.database()
        let client = TestClient(responder: QueryServer.router(database: db).buildResponder())
        // The first call starts the build and answers at once that it is building; then it is served.
        var r = try await client.get("/db/neo4j/recommender")
        for _ in 0..<600 where r.status == .serviceUnavailable {
            #expect(r.json["code"]?.stringValue == "ModelBuilding")
            #expect(r.headers[.retryAfter] == "5")
            try await Task.sleep(for: .milliseconds(100))
            r = try await client.get("/db/neo4j/recommender")
        }
        #expect(r.status == .ok, "\(r.text)")
        let body = r.json
        #expect(body["strategy"]?.stringValue == "auto")
        let selection = try #require(db.recommenderCache.selection)
        #expect(body["chosen"]?.stringValue == selection.chosen.description)
        #expect(body["customers"]?.intValue == 160 && body["products"]?.intValue == 40)
        let candidates = try #require(body["candidates"]?.arrayValue)
        #expect(candidates.count == selection.rows.count)
        #expect(candidates.filter { $0["chosen"] == .bool(true) }.count == 1)
        for c in candidates where c["skipped"] == nil {
            let (low, mean, high) = (c["ndcg10Low"]!.doubleValue!, c["ndcg10"]!.doubleValue!, c["ndcg10High"]!.doubleValue!)
            #expect(low <= mean && mean <= high)
            #expect(c["recall10"]?.doubleValue != nil && c["fitSeconds"]?.doubleValue != nil)
        }
        // The default recommendations use it.
        let recs = try await client.get("/db/neo4j/customers/c3/recommendations?explain=true")
        #expect(recs.status == .ok)
        #expect(recs.json["strategy"]?.stringValue == "auto")
        #expect(recs.json["items"]?.arrayValue?.count == 10)
    }

    @Test func withoutPurchasesItIsA404AndAnUnknownDatabaseToo() async throws {
        let client = TestClient(
            responder: QueryServer.router(database: try Self.database(purchases: false)).buildResponder())
        let r = try await client.get("/db/neo4j/recommender")
        #expect(r.status == .notFound)
        #expect(r.json["code"]?.stringValue == "NoPurchases")
        #expect(try await client.get("/db/other/recommender").status == .notFound)
    }
}
