import Engine
import Foundation
import GraphStore
import HTTPTypes
import QueryServer
import Testing

@Suite struct SearchRoutesTests {
    /// Four products with 4-d vectors, two of them in stock.
    static func database() throws -> Database {
        let db = Database()
        try db.graph.write { txn in
            try txn.createUniqueConstraint(label: "Product", key: "id")
            for (i, name) in ["a", "b", "c", "d"].enumerated() {
                var v = [Float](repeating: 0.1, count: 4)
                v[i] = 1
                try txn.createNode(
                    labels: ["Product"],
                    properties: ["id": .string(name), "description": .string("item \(name)"), "embedding": .vector(v), "stock": .int(Int64(i % 2))])
            }
        }
        try db.createVectorIndex(name: "emb", label: "Product", property: "embedding", dimensions: 4, lists: 1)
        return db
    }

    @Test func vectorSearchWithAFilter() async throws {
        try await TestServer(database: try Self.database()).run { c in
            let r = try await c.post("/db/neo4j/search", #"{"vector": [0.1, 1, 0.1, 0.1], "k": 2}"#)
            #expect(r.status == .ok, "\(r.text)")
            #expect(r.json["index"] == "emb")
            let items = try #require(r.json["items"]?.arrayValue)
            #expect(items.count == 2)
            #expect(items[0]["id"] == "b")
            #expect(items[0]["properties"]?["embedding"] == nil)
            let f = try await c.post("/db/neo4j/search", #"{"vector": [0.1, 1, 0.1, 0.1], "k": 4, "filter": {"stock": 0}}"#)
            #expect(f.json["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue }.sorted() == ["a", "c"])
        }
    }

    @Test func badSearchRequests() async throws {
        var config = ServerConfiguration()
        config.modelDirectory = "/nonexistent/model"
        try await TestServer(database: try Self.database(), configuration: config).run { c in
            let both = try await c.post("/db/neo4j/search", #"{"vector": [1, 0, 0, 0], "text": "mug"}"#)
            #expect(both.status == .badRequest)
            let dims = try await c.post("/db/neo4j/search", #"{"vector": [1, 0]}"#)
            #expect(dims.status == .badRequest)
            let k = try await c.post("/db/neo4j/search", #"{"vector": [1, 0, 0, 0], "k": 0}"#)
            #expect(k.status == .badRequest)
            // An index named by something other than a string is refused, not read as "the default index";
            // null means the default, as the document says.
            let index = try await c.post("/db/neo4j/search", #"{"vector": [1, 0, 0, 0], "index": 5}"#)
            #expect(index.status == .badRequest)
            #expect(index.json["message"]?.stringValue?.contains("`index` must be a non-empty string") == true)
            let defaults = try await c.post(
                "/db/neo4j/search", #"{"vector": [1, 0, 0, 0], "index": null, "k": null, "probes": null, "filter": null}"#)
            #expect(defaults.status == .ok, "\(defaults.text)")
            // Blank is blank in JSON Schema's sense (`\S`): a form feed or a byte-order mark holds no text.
            for blank in [#"{"text": "\f"}"#, #"{"text": " \u00a0\ufeff"}"#] {
                let r = try await c.post("/db/neo4j/search", blank)
                #expect(r.status == .badRequest, "\(blank)")
            }
            let text = try await c.post("/db/neo4j/search", #"{"text": "red mug"}"#)
            #expect(text.status == .serviceUnavailable)
            #expect(text.json["code"] == "ModelUnavailable")
            #expect(text.json["message"]?.stringValue?.contains("ignitabull model fetch") == true)
        }
        try await TestServer().run { c in
            let none = try await c.post("/db/neo4j/search", #"{"vector": [1, 0, 0, 0]}"#)
            #expect(none.status == .notFound)
            #expect(none.json["code"] == "NoVectorIndex")
        }
    }
}
