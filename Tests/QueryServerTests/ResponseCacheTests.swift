import Engine
import GraphStore
import HTTPTypes
import Hummingbird
@testable import QueryServer
import Testing

@Suite struct ResponseCacheTests {
    static func cacheCounts(_ client: TestClient) async throws -> (hits: Int, misses: Int) {
        let text = try await client.get("/metrics").text
        func value(_ name: String) -> Int {
            text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Int($0.split(separator: " ")[1]) } ?? -1
        }
        return (value("ignitabull_response_cache_hits_total"), value("ignitabull_response_cache_misses_total"))
    }

    @Test func repeatedRequestsAreServedFromTheCacheUntilTheGraphChanges() async throws {
        let db = try RecommendationRoutesTests.database()
        // Build the recommender model first: an answer computed before the model existed is tagged
        // with no model version, so it is never reused once the model is there.
        _ = try db.recommend(customerID: "c1")
        try await TestServer(database: db).run { client in
            let path = "/db/neo4j/customers/c1/recommendations?k=5"
            let first = try await client.get(path)
            let second = try await client.get(path)
            #expect(first.status == .ok && second.text == first.text)
            let counts = try await Self.cacheCounts(client)
            #expect(counts.hits == 1 && counts.misses == 1)
            #expect(first.json["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue }.contains("c") == true)

            // c1 buys c: the next answer must not recommend it, so the cached one is not reused.
            try db.graph.write { txn in
                let s = txn.snapshot
                let c1 = try #require(s.lookup(label: "Customer", key: "id", value: .string("c1")))
                let c = try #require(s.lookup(label: "Product", key: "id", value: .string("c")))
                try txn.createRelationship(from: c1, to: c, type: "PURCHASED", properties: ["invoice": "9"])
            }
            let third = try await client.get(path)
            #expect(third.status == .ok)
            #expect(third.json["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue }.contains("c") == false)
            let after = try await Self.cacheCounts(client)
            #expect(after.hits == 1 && after.misses == 2)
        }
    }

    @Test func droppingTheVectorIndexIsSeenAtOnce() async throws {
        let db = try RecommendationRoutesTests.database()
        try await TestServer(database: db).run { client in
            let path = "/db/neo4j/products/a/similar?k=2&strategy=embedding"
            for _ in 0..<2 {
                let r = try await client.get(path)
                #expect(r.status == .ok)
            }
            try db.dropVectorIndex(name: "emb")  // no graph write: only the index generation moves
            let after = try await client.get(path)
            #expect(after.status == .notFound)
            #expect(after.json["code"]?.stringValue == "NoVectorIndex")
        }
    }

    @Test func errorsAreNotCachedAndAZeroBudgetTurnsTheCacheOff() async throws {
        var config = ServerConfiguration()
        config.responseCacheBytes = 0
        try await TestServer(database: try RecommendationRoutesTests.database(), configuration: config).run { client in
            for _ in 0..<3 {
                let r = try await client.get("/db/neo4j/products/a/frequently-bought-with")
                #expect(r.status == .ok)
            }
            let counts = try await Self.cacheCounts(client)
            #expect(counts.hits == 0 && counts.misses == 0)
        }
        try await TestServer(database: try RecommendationRoutesTests.database()).run { client in
            for _ in 0..<2 {
                let r = try await client.get("/db/neo4j/products/zz/similar")
                #expect(r.status == .notFound)
            }
            let counts = try await Self.cacheCounts(client)
            #expect(counts.hits == 0)
        }
    }

    @Test func theBudgetBoundsWhatIsKept() {
        let cache = ResponseCache(budget: 16 * 4096)
        let v1 = ResultVersion(graph: 1, model: 1, vectorIndexes: 0)
        let body = ByteBuffer(repeating: 0x41, count: 900)
        for i in 0..<1000 { cache.store(body, for: "/k/\(i)", at: v1) }
        #expect(cache.size <= 16 * 4096)
        #expect(cache.size > 0)
        cache.store(body, for: "/kept", at: v1)
        #expect(cache.body(for: "/kept", at: v1) == body)  // the entry just stored is never the one dropped
        #expect(cache.body(for: "/kept", at: ResultVersion(graph: 2, model: 1, vectorIndexes: 0)) == nil)
        // A body larger than a quarter of a shard's share is not kept at all.
        cache.store(ByteBuffer(repeating: 0x42, count: 2000), for: "/big", at: v1)
        #expect(cache.body(for: "/big", at: v1) == nil)
    }

    @Test func pathIdsArePercentDecoded() async throws {
        #expect(PathParameter.decode("BANK%20CHARGES") == "BANK CHARGES")
        #expect(PathParameter.decode("a%2Fb%c3%a9") == "a/bé")
        #expect(PathParameter.decode("plain+id") == "plain+id")
        #expect(PathParameter.decode("bad%zz") == nil)
        #expect(PathParameter.decode("cut%2") == nil)
        #expect(PathParameter.decode("%ff%fe") == nil)  // not UTF-8
        let db = try RecommendationRoutesTests.database()
        try db.graph.write { txn in
            let c1 = try #require(txn.snapshot.lookup(label: "Customer", key: "id", value: .string("c1")))
            let p = try txn.createNode(labels: ["Product"], properties: ["id": "BANK CHARGES"])
            try txn.createRelationship(from: c1, to: p, type: "PURCHASED", properties: ["invoice": "1"])
        }
        try await TestServer(database: db).run { client in
            let r = try await client.get("/db/neo4j/products/BANK%20CHARGES/also-bought")
            #expect(r.status == .ok, "\(r.text)")
            #expect(r.json["subject"]?.stringValue == "BANK CHARGES")
            let bad = try await client.get("/db/neo4j/products/x%zz/similar")
            #expect(bad.status == .badRequest && bad.json["code"]?.stringValue == "BadRequest")
        }
    }
}
