import Engine
import Foundation
import GraphStore
import HTTPTypes
import Hummingbird
import QueryServer
import Recommend
import Testing

@Suite struct RecommendationRoutesTests {
    /// Two customers, four products; a vector index over the products' embeddings.
    static func database(warm: Bool = true) throws -> Database {
        let db = Database()
        try db.graph.write { txn in
            try txn.createUniqueConstraint(label: "Customer", key: "id")
            try txn.createUniqueConstraint(label: "Product", key: "id")
            var p: [String: NodeID] = [:]
            for (i, name) in ["a", "b", "c", "d"].enumerated() {
                var v = [Float](repeating: 0.1, count: 4)
                v[i] = 1
                p[name] = try txn.createNode(
                    labels: ["Product"],
                    properties: [
                        "id": .string(name), "description": .string("item \(name)"), "embedding": .vector(v),
                        "price": .double(Double(i + 1)), "inStock": .bool(name != "d"),
                    ])
            }
            let c1 = try txn.createNode(labels: ["Customer"], properties: ["id": "c1"])
            let c2 = try txn.createNode(labels: ["Customer"], properties: ["id": "c2"])
            for (c, item, invoice) in [
                (c1, "a", "1"), (c1, "b", "1"), (c2, "a", "2"), (c2, "b", "2"), (c2, "c", "2"), (c2, "d", "3"),
            ] {
                try txn.createRelationship(
                    from: c, to: p[item]!, type: "PURCHASED", properties: ["invoice": .string(invoice)])
            }
        }
        _ = try db.mineFrequentlyBoughtTogether(thresholds: .init(minCount: 1, minLift: 0))
        try db.createVectorIndex(name: "emb", label: "Product", property: "embedding", dimensions: 4, lists: 1)
        // The routes never wait for a model build; these tests are about the model's answers, so build it first.
        if warm { _ = try db.recommenderCache.model(for: db.graph.snapshot) }
        return db
    }

    struct List: Decodable {
        struct Item: Decodable {
            let id: String
            let score: Double
            let reason: String?
        }
        let subject: String
        let strategy: String
        let items: [Item]
    }

    struct ErrorBody: Decodable {
        let code: String
        let message: String
    }

    func get<T: Decodable>(_ path: String, as type: T.Type, status: HTTPResponse.Status = .ok) async throws -> T {
        let client = TestClient(responder: QueryServer.router(database: try Self.database()).buildResponder())
        let response = try await client.get(path)
        #expect(response.status == status, "\(path): \(response.text)")
        return try JSONDecoder().decode(T.self, from: Data(response.text.utf8))
    }

    @Test func customerRecommendationsExcludeOwnedProductsAndExplain() async throws {
        let r = try await get(
            "/db/neo4j/customers/c1/recommendations?k=5&explain=true&strategy=co-purchase", as: List.self)
        #expect(r.strategy == "co-purchase")
        // c2 shares a and b with c1, so each of c2's other products scores 2; ties go to the older node.
        #expect(r.items.map(\.id) == ["c", "d"])
        #expect(r.items.map(\.score) == [2, 2])
        #expect(r.items.allSatisfy { $0.reason != nil })
    }

    struct Personal: Decodable {
        struct Item: Decodable {
            struct Signal: Decodable {
                let signal: String
                let because: String?
            }
            let id: String
            let score: Double
            let reason: String?
            let signals: [Signal]?
        }
        let subject: String
        let strategy: String
        let coldStart: Bool
        let knownSubject: Bool
        let items: [Item]
    }

    @Test func personalisedAutoIsTheDefaultAndExplains() async throws {
        // Two customers are too few to compare models: `auto` keeps the blend, with its signals.
        let r = try await get("/db/neo4j/customers/c1/recommendations?k=5&explain=true", as: Personal.self)
        #expect(r.strategy == "auto" && r.knownSubject && !r.coldStart)
        #expect(Set(r.items.map(\.id)) == ["c", "d"])
        let first = try #require(r.items.first)
        #expect(first.reason?.contains("you purchased") == true)
        #expect(first.signals?.first?.signal == "item-knn")
        #expect(["a", "b"].contains(first.signals?.first?.because ?? ""))
    }

    @Test func unknownCustomersGetColdStartPicks() async throws {
        let r = try await get("/db/neo4j/customers/zz/recommendations?k=3", as: Personal.self)
        #expect(!r.knownSubject && r.coldStart)
        #expect(r.items.map(\.id) == ["a", "b", "c"])  // bought by 2, 2 and 1 customers
    }

    @Test func filtersShapeTheResults() async throws {
        // c costs 3 and d costs 4 (price = position + 1); excluding c leaves d; a price cap leaves none but k is not an error.
        let r = try await get("/db/neo4j/customers/c1/recommendations?exclude=c", as: Personal.self)
        #expect(r.items.map(\.id) == ["d"])
        let cheap = try await get("/db/neo4j/customers/c1/recommendations?maxPrice=3.5", as: Personal.self)
        #expect(cheap.items.map(\.id) == ["c"])
        let stocked = try await get("/db/neo4j/customers/c1/recommendations?inStock=true", as: Personal.self)
        #expect(stocked.items.map(\.id) == ["c"])  // d is out of stock
        let similar = try await get(
            "/db/neo4j/products/a/similar?k=3&maxPrice=3.5&strategy=item-knn", as: Personal.self)
        #expect(Set(similar.items.map(\.id)) == ["b", "c"])
        // By embedding only: the two cheap products b and c, found through the vector index.
        let byVector = try await get(
            "/db/neo4j/products/a/similar?k=2&maxPrice=3.5&strategy=embedding&explain=true", as: Personal.self)
        #expect(Set(byVector.items.map(\.id)) == ["b", "c"])
        #expect(byVector.items.first?.signals?.first?.signal == "embedding")
    }

    @Test func alsoBoughtAndFrequentlyBoughtWith() async throws {
        let also = try await get("/db/neo4j/products/a/also-bought", as: List.self)
        #expect(Set(also.items.map(\.id)) == ["b", "c", "d"])
        #expect(also.items.first?.id == "b")  // both buyers of a bought b
        let fbw = try await get("/db/neo4j/products/a/frequently-bought-with", as: List.self)
        #expect(fbw.items.map(\.id).first == "b")
        #expect(!fbw.items.map(\.id).contains("d"))  // d never shared a basket with a
        let explained = try await get("/db/neo4j/products/a/frequently-bought-with?explain=true", as: List.self)
        #expect(explained.items.map(\.id) == fbw.items.map(\.id))
        #expect(explained.items.first?.reason?.contains("baskets with a (lift ") == true)
        #expect(explained.items.first?.reason?.contains("(lift 0)") == false)  // the lift was read
    }

    @Test func similarUsesTheVectorIndexAndExcludesTheProduct() async throws {
        let r = try await get("/db/neo4j/products/a/similar?k=2", as: List.self)
        #expect(r.items.count == 2)
        #expect(!r.items.map(\.id).contains("a"))
    }

    @Test func clientMistakesGet4xxWithAJSONError() async throws {
        let unknown = try await get("/db/neo4j/products/zz/similar", as: ErrorBody.self, status: .notFound)
        #expect(unknown.code == "NotFound")
        for query in ["k=abc", "minPrice=-1", "inStock=maybe", "category=nope", "diversity=3"]
        {
            let bad = try await get(
                "/db/neo4j/customers/c1/recommendations?\(query)", as: ErrorBody.self, status: .badRequest)
            #expect(bad.code == "BadRequest", "\(query)")
        }
        let badK = try await get("/db/neo4j/products/a/similar?k=0", as: ErrorBody.self, status: .badRequest)
        #expect(badK.code == "BadRequest")
        let badDB = try await get("/db/other/products/a/similar", as: ErrorBody.self, status: .notFound)
        #expect(badDB.code == "Neo.ClientError.Database.DatabaseNotFound")
        let strategy = try await get(
            "/db/neo4j/customers/c1/recommendations?strategy=magic", as: ErrorBody.self, status: .badRequest)
        #expect(strategy.message.contains("magic"))
        // A boolean that is neither true nor false (schemathesis sent `explain=null`) is refused on every route.
        for path in [
            "products/a/similar", "products/a/also-bought", "products/a/frequently-bought-with",
            "customers/c1/recommendations",
        ] {
            let bad = try await get("/db/neo4j/\(path)?explain=null", as: ErrorBody.self, status: .badRequest)
            #expect(bad.message.contains("explain must be true or false"), "\(path)")
        }
    }

    /// The document lists exactly the strategies the routes accept, so a client generating requests from it
    /// (schemathesis sent `strategy=` when it was a free string) only meets a 400 for a value outside the list.
    @Test func theDocumentedStrategiesAreTheAcceptedOnes() async throws {
        func documented(_ path: String) -> [String] {
            let parameters = QueryServer.openAPIDocument["paths"]?[path]?["get"]?["parameters"]?.arrayValue ?? []
            let strategy = parameters.first { $0["name"] == "strategy" }
            return strategy?["schema"]?["enum"]?.arrayValue?.compactMap(\.stringValue) ?? []
        }
        let customer = documented("/db/{db}/customers/{id}/recommendations")
        let similar = documented("/db/{db}/products/{id}/similar")
        #expect(customer.first == "auto" && customer.contains("co-purchase") && customer.count >= 8)
        #expect(similar == ["hybrid", "item-knn", "embedding"])
        try await TestServer(database: try Self.database()).run { c in
            for name in customer {
                let r = try await c.get("/db/neo4j/customers/c1/recommendations?strategy=\(name)")
                #expect(r.status == .ok, "strategy \(name): \(r.text)")
            }
            for name in similar {
                let r = try await c.get("/db/neo4j/products/a/similar?strategy=\(name)")
                #expect(r.status == .ok, "strategy \(name): \(r.text)")
            }
        }
        _ = try await get("/db/neo4j/customers/c1/recommendations?strategy=", as: ErrorBody.self, status: .badRequest)
    }

    @Test func healthAndMetrics() async throws {
        try await TestServer(database: try Self.database()).run { client in
            let health = try await client.get("/health")
            #expect(health.status == .ok)
            #expect(health.text.contains("\"status\":\"ok\""))
            _ = try await client.get("/db/neo4j/products/a/also-bought")
            do {
                let text = try await client.get("/metrics").text
                #expect(
                    text.contains(
                        "ignitabull_http_requests_total{method=\"GET\",route=\"/db/{db}/products/{id}/also-bought\",status=\"200\"} 1"
                    ))
                #expect(text.contains("ignitabull_graph_nodes 6"))
            }
        }
    }
}
